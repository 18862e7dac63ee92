// Hints: where a verified repair changes the program and what kind of change it is, in words,
// without its new text, for "hint-only" feedback (setting c-repair.feedback, the CLI's --hints).
//
// The rule: a hint names the line, whether something is missing (an insertion), one too many (a
// deletion) or wrong (a replacement), and the kind of token: a name, a keyword, a number, a string,
// an operator. The new text is never shown. Only the punctuation of C's structure (`;` `,` `(` `)`
// `{` `}` `[` `]`), which the compiler's own messages name too, is written as itself. The student's
// own code is quoted to say where ("before `}`", "the name `prinft`").
import { codeTokens, lex, significantTokens, type Token } from '../c/lexer';
import type { TextEdit } from '../oracle/compiler';
import { lineStarts } from '../oracle/positions';

export interface Hint {
  /** 1-based line of the original text where the change is needed. */
  line: number;
  /** The sentence a student reads, starting with "Line N: ". */
  message: string;
}

/** Punctuation shown as itself: it is the program's structure, and gcc names it too. */
const STRUCTURAL = new Set([';', ',', '(', ')', '{', '}', '[', ']']);
const QUOTE_MAX = 30;

const quote = (s: string) => {
  const one = s.replace(/\s+/g, ' ').trim();
  return `\`${one.length > QUOTE_MAX ? `${one.slice(0, QUOTE_MAX - 1)}…` : one}\``;
};

/** A token's kind in a student's words, with its article ("a name", "an operator"). */
function kindOf(t: Token): string {
  if (t.kind === 'punct' && STRUCTURAL.has(t.text)) return `a ${quote(t.text)}`;
  switch (t.kind) {
    case 'identifier':
      return 'a name';
    case 'keyword':
      return 'a keyword';
    case 'number':
      return 'a number';
    case 'string':
      return 'a string';
    case 'char':
      return 'a character constant';
    case 'header':
      return 'a header name';
    case 'punct':
      return t.text === '#' ? 'a preprocessor line' : 'an operator';
    default:
      return 'a character';
  }
}

/** "a name", "a keyword and a name", "a name, an operator and a `;`" (each kind once, in order). */
function kinds(tokens: readonly Token[]): string {
  const seen = [...new Set(tokens.map(kindOf))];
  return seen.length <= 1 ? (seen[0] ?? 'something') : `${seen.slice(0, -1).join(', ')} and ${seen[seen.length - 1]}`;
}

/** The same word without its article: "name", "operator", "`;`". */
const bare = (kind: string) => kind.replace(/^an? /, '');

/** Where an insertion at `offset` goes, by the student's code around it on the same line. */
function place(tokens: readonly Token[], offset: number, line: number): string {
  const next = tokens.find((t) => t.start >= offset);
  if (next && next.line === line) return ` before ${quote(next.text)}`;
  const previous = [...tokens].reverse().find((t) => t.end <= offset);
  if (previous && previous.line === line) return ` at the end of the line, after ${quote(previous.text)}`;
  return '';
}

/** One hint for one edit of `text` (edits are token-granular, see minimalEdits). */
export function hintFor(text: string, edit: TextEdit, starts: readonly number[] = lineStarts(text), tokens: readonly Token[] = codeTokens(text)): Hint {
  const line0 = lineIndex(starts, edit.start);
  const removedText = text.slice(edit.start, edit.end);
  const removed = significantTokens(lex(removedText));
  const added = significantTokens(lex(edit.newText));
  const say = (what: string): Hint => ({ line: line0 + 1, message: `Line ${line0 + 1}: ${what}.` });
  if (removed.length === 0 && added.length === 0) return say('the spacing or layout needs to change');
  if (removed.length === 0) {
    if (added[0].text === '#') return say(`${added[1]?.text === 'include' ? 'an `#include` line' : 'a preprocessor line'} is missing`);
    const what = added.length === 1 ? kinds(added) : `some code (${kinds(added)})`;
    return say(`${what} is missing${place(tokens, edit.start, line0)}`);
  }
  if (added.length === 0) {
    const what = removed.length === 1 && STRUCTURAL.has(removed[0].text) ? `there is one ${quote(removed[0].text)} too many` : `${quote(removedText)} should not be there`;
    return say(what);
  }
  if (removed.length === 1 && added.length === 1) {
    const was = kindOf(removed[0]);
    const now = kindOf(added[0]);
    if (was === now && !STRUCTURAL.has(removed[0].text)) return say(`the ${bare(was)} ${quote(removed[0].text)} is not the right one: another ${bare(now)} is needed`);
    return say(`${quote(removed[0].text)} should be ${now}`);
  }
  return say(`${quote(removedText)} needs to change (into ${kinds(added)})`);
}

/** The hints for a repair's edits of `text`, in order, one per edit (identical ones once). */
export function hintsFor(text: string, edits: readonly TextEdit[]): Hint[] {
  const starts = lineStarts(text);
  const tokens = codeTokens(text);
  const out: Hint[] = [];
  for (const e of [...edits].sort((a, b) => a.start - b.start)) {
    const h = hintFor(text, e, starts, tokens);
    if (!out.some((o) => o.message === h.message)) out.push(h);
  }
  return out;
}

/** "the failing tests point at lines 10, 11": where the tests' coverage localizes a logic error. */
export function faultHint(faultLines: readonly { line: number }[], shown = 3): string | undefined {
  const top = faultLines.slice(0, shown).map((f) => f.line);
  return top.length ? `The failing tests point at line${top.length > 1 ? 's' : ''} ${top.join(', ')}.` : undefined;
}

function lineIndex(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
