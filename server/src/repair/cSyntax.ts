// The structure of C code at token level that the repair rules need: declarations, matching
// brackets, enclosing blocks, and where a new declaration goes.
import type { Token } from '../c/lexer';
import type { TextEdit } from '../oracle/compiler';

export interface Declarator {
  /** Tokens of the declarator itself: pointer stars, the name, array brackets. */
  head: Token[];
  name: string;
  /** Tokens of the initializer after '=', if any. */
  init: Token[];
}

export interface Declaration {
  type: Token[];
  declarators: Declarator[];
  /** Index of the terminating ';' (or of the stop token for a for-init). */
  end: number;
}

export const isTypeWord = (t: Token) =>
  t.kind === 'keyword' && /^(int|char|float|double|long|short|unsigned|signed|const|static|struct|union|enum|_Bool|volatile|register)$/.test(t.text);

export function lineIndent(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))![0];
}

/** The file's indentation unit: a tab if lines start with tabs, else four spaces. */
export const indentUnit = (text: string) => (/^\t/m.test(text) ? '\t' : '    ');

/**
 * `statement` put last in the block that `close` (the offset of its `}`) ends: on a line of its own
 * when the brace stands alone on its line, indented like the block's first statement (at offset
 * `first`, when given and it starts a deeper line), else one unit deeper than the brace.
 */
export function insertBeforeClose(text: string, close: number, statement: string, first?: number): TextEdit {
  const lineStart = text.lastIndexOf('\n', close - 1) + 1;
  if (text.slice(lineStart, close).trim() !== '') return { start: close, end: close, newText: `${statement} ` };
  const braceIndent = lineIndent(text, close);
  const firstIndent = first === undefined ? '' : lineIndent(text, first);
  const startsLine = first !== undefined && text.slice(text.lastIndexOf('\n', first - 1) + 1, first).trim() === '';
  const indent = startsLine && firstIndent.length > braceIndent.length ? firstIndent : `${braceIndent}${indentUnit(text)}`;
  return { start: lineStart, end: lineStart, newText: `${indent}${statement}\n` };
}

/** Parses `TYPE d1 [= e1], d2 [= e2] ;` starting at token `i`; undefined if it is not that shape. */
export function parseDeclaration(tokens: readonly Token[], i: number, stop = ';'): Declaration | undefined {
  const type: Token[] = [];
  while (i < tokens.length && (isTypeWord(tokens[i]) || (type.length > 0 && /^(struct|union|enum)$/.test(type.at(-1)!.text) && tokens[i].kind === 'identifier'))) {
    type.push(tokens[i++]);
  }
  // A typedef name as the type: `Point p = ...;` (identifier followed by a declarator).
  if (type.length === 0 && tokens[i]?.kind === 'identifier' && (tokens[i + 1]?.kind === 'identifier' || tokens[i + 1]?.text === '*')) {
    type.push(tokens[i++]);
  }
  if (type.length === 0) return undefined;
  const declarators: Declarator[] = [];
  while (i < tokens.length) {
    const head: Token[] = [];
    while (tokens[i]?.text === '*') head.push(tokens[i++]);
    if (tokens[i]?.kind !== 'identifier') return undefined;
    const nameToken = tokens[i++];
    head.push(nameToken);
    while (tokens[i]?.text === '[') {
      const close = matching(tokens, i);
      if (close < 0) return undefined;
      head.push(...tokens.slice(i, close + 1));
      i = close + 1;
    }
    const init: Token[] = [];
    if (tokens[i]?.text === '=') {
      i++;
      let depth = 0;
      while (i < tokens.length && !(depth === 0 && (tokens[i].text === ',' || tokens[i].text === stop))) {
        if ('([{'.includes(tokens[i].text)) depth++;
        if (')]}'.includes(tokens[i].text)) depth--;
        if (depth < 0) return undefined;
        init.push(tokens[i++]);
      }
      if (init.length === 0) return undefined;
    }
    declarators.push({ head, name: nameToken.text, init });
    if (tokens[i]?.text === ',') {
      i++;
      continue;
    }
    if (tokens[i]?.text === stop) return { type, declarators, end: i };
    return undefined;
  }
  return undefined;
}

/** Index of the bracket that pairs with the one at `at` (forward from an opener, backward from a
 * closer), or -1. */
export function matching(tokens: readonly Token[], at: number): number {
  const pairs: Record<string, string> = { '(': ')', '[': ']', '{': '}', ')': '(', ']': '[', '}': '{' };
  const self = tokens[at].text;
  const partner = pairs[self];
  const step = '([{'.includes(self) ? 1 : -1;
  let depth = 0;
  for (let i = at; i >= 0 && i < tokens.length; i += step) {
    if (tokens[i].text === self) depth++;
    else if (tokens[i].text === partner && --depth === 0) return i;
  }
  return -1;
}

/** Index of the `;` right after `keyword (...)` (an `if` or a loop whose body it ends), or -1. */
export function semicolonAfterHeader(tokens: readonly Token[], keyword: number): number {
  if (tokens[keyword + 1]?.text !== '(') return -1;
  const close = matching(tokens, keyword + 1);
  return close > 0 && tokens[close + 1]?.text === ';' ? close + 1 : -1;
}

/**
 * Index of the innermost unmatched `open` before token `i`, walking back, or -1; any token in
 * `stops` ends the walk (-1).
 */
function enclosing(tokens: readonly Token[], i: number, open: string, close: string, stops: string): number {
  let depth = 0;
  for (let k = i - 1; k >= 0; k--) {
    const t = tokens[k].text;
    if (t === close) depth++;
    else if (t === open) {
      if (depth === 0) return k;
      depth--;
    } else if (stops.includes(t)) return -1;
  }
  return -1;
}

/** Index of the '{' of the innermost block that contains token `i`. */
export const enclosingBlock = (tokens: readonly Token[], i: number) => enclosing(tokens, i, '{', '}', '');

/** Index of the '(' of the innermost parentheses around token `i` within its statement's braces. */
export const enclosingParen = (tokens: readonly Token[], i: number) => enclosing(tokens, i, '(', ')', '{}');

/** The student's own text of a token run, spacing included. */
export const source = (text: string, ts: readonly Token[]) => text.slice(ts[0].start, ts[ts.length - 1].end);
export const span = (ts: readonly Token[]) => ({ start: ts[0].start, end: ts[ts.length - 1].end });

/** A declaration (no initializers) inserted on its own line right after the block's '{'. */
export function insertAtBlockStart(text: string, tokens: readonly Token[], brace: number, declaration: string): TextEdit {
  const open = tokens[brace];
  const next = tokens[brace + 1];
  const indent = next && next.line > open.line ? lineIndent(text, next.start) : lineIndent(text, open.start) + indentUnit(text);
  return { start: open.end, end: open.end, newText: `\n${indent}${declaration}` };
}

export const tokenIndexAt = (tokens: readonly Token[], offset: number) => tokens.findIndex((t) => t.end > offset);
