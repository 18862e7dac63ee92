// A lossless C lexer: every character of the input belongs to exactly one token, so joining the
// token texts gives the input back for ANY string (unterminated literals, stray bytes, CRLF...).
// Offsets are UTF-16 code unit offsets into the input string, as LSP and JS strings use.

export type TokenKind =
  | 'whitespace' // spaces, tabs, form feeds, and backslash-newline splices
  | 'newline' // \n, \r\n or a lone \r
  | 'comment' // // ... or /* ... */ (possibly unterminated)
  | 'keyword'
  | 'identifier'
  | 'number' // a C preprocessing number: 12, 0x1F, 1.5e-3, 10UL, even malformed 1.2.3
  | 'string' // "..." with an optional L/u/U/u8 prefix (possibly unterminated)
  | 'char' // '...' with an optional prefix (possibly unterminated)
  | 'header' // <stdio.h> after #include
  | 'punct' // operators and punctuation, longest match
  | 'unknown'; // any other single character (e.g. @, `, a non-ASCII letter, a stray byte)

export interface Token {
  kind: TokenKind;
  text: string;
  start: number;
  end: number;
  /** 0-based line of the token's first character. */
  line: number;
  /** True for tokens of a preprocessor directive line (the '#' and everything up to its newline). */
  directive: boolean;
}

export const C_KEYWORDS: ReadonlySet<string> = new Set([
  'auto', 'break', 'case', 'char', 'const', 'continue', 'default', 'do', 'double', 'else', 'enum',
  'extern', 'float', 'for', 'goto', 'if', 'inline', 'int', 'long', 'register', 'restrict',
  'return', 'short', 'signed', 'sizeof', 'static', 'struct', 'switch', 'typedef', 'union',
  'unsigned', 'void', 'volatile', 'while', '_Alignas', '_Alignof', '_Atomic', '_Bool',
  '_Complex', '_Generic', '_Imaginary', '_Noreturn', '_Static_assert', '_Thread_local',
]);

/** Punctuators of C, longest first within each starting character (digraphs included). */
export const C_PUNCTUATORS: readonly string[] = [
  '%:%:', '...', '<<=', '>>=',
  '->', '++', '--', '<<', '>>', '<=', '>=', '==', '!=', '&&', '||', '*=', '/=', '%=', '+=', '-=',
  '&=', '^=', '|=', '##', '<:', ':>', '<%', '%>', '%:',
  '[', ']', '(', ')', '{', '}', '.', '&', '*', '+', '-', '~', '!', '/', '%', '<', '>', '^', '|',
  '?', ':', ';', '=', ',', '#',
];

const PUNCT_BY_FIRST = new Map<string, string[]>();
for (const p of C_PUNCTUATORS) {
  const list = PUNCT_BY_FIRST.get(p[0]) ?? [];
  list.push(p);
  PUNCT_BY_FIRST.set(p[0], list);
}
for (const list of PUNCT_BY_FIRST.values()) list.sort((a, b) => b.length - a.length);

const INCLUDE_WORDS = new Set(['include', 'include_next', 'import']);

const isIdentStart = (c: string) => /[A-Za-z_$]/.test(c);
const isIdentPart = (c: string) => /[A-Za-z0-9_$]/.test(c);
const isDigit = (c: string) => c >= '0' && c <= '9';
const isHorizontalSpace = (c: string) => c === ' ' || c === '\t' || c === '\f' || c === '\v';

/** Splits `text` into tokens; `tokens.map(t => t.text).join('') === text` always holds. */
export function lex(text: string): Token[] {
  const tokens: Token[] = [];
  const n = text.length;
  let i = 0;
  let line = 0;
  let inDirective = false;
  let atLineStart = true; // only whitespace seen so far on this line
  let afterInclude = false; // the next '<' on this directive line starts a header name

  const push = (kind: TokenKind, end: number) => {
    const tokenText = text.slice(i, end);
    tokens.push({ kind, text: tokenText, start: i, end, line, directive: inDirective });
    for (let k = i; k < end; k++) {
      const c = text[k];
      if (c === '\n' || (c === '\r' && text[k + 1] !== '\n')) line++;
    }
    i = end;
  };

  const newlineLength = (at: number) =>
    text[at] === '\r' && text[at + 1] === '\n' ? 2 : text[at] === '\n' || text[at] === '\r' ? 1 : 0;

  while (i < n) {
    const c = text[i];
    const nl = newlineLength(i);
    if (nl > 0) {
      inDirective = false;
      afterInclude = false;
      push('newline', i + nl);
      atLineStart = true;
      continue;
    }
    if (isHorizontalSpace(c)) {
      let j = i + 1;
      while (j < n && isHorizontalSpace(text[j])) j++;
      push('whitespace', j);
      continue;
    }
    // A backslash-newline splice continues the logical line (it matters inside directives).
    if (c === '\\' && newlineLength(i + 1) > 0) {
      push('whitespace', i + 1 + newlineLength(i + 1));
      continue;
    }
    const wasAtLineStart = atLineStart;
    atLineStart = false;
    if (c === '/' && text[i + 1] === '/') {
      push('comment', endOfLineComment(text, i + 2));
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      push('comment', close < 0 ? n : close + 2);
      continue;
    }
    if (c === '#' && wasAtLineStart && !inDirective) {
      inDirective = true;
      push('punct', i + 1);
      afterInclude = isIncludeDirective(text, i);
      continue;
    }
    if (c === '<' && afterInclude) {
      afterInclude = false;
      push('header', endOfHeaderName(text, i + 1));
      continue;
    }
    const prefixed = literalPrefixLength(text, i);
    if (prefixed >= 0 && (text[i + prefixed] === '"' || text[i + prefixed] === "'")) {
      const quote = text[i + prefixed];
      afterInclude = false;
      push(quote === '"' ? 'string' : 'char', endOfQuoted(text, i + prefixed + 1, quote));
      continue;
    }
    if (isIdentStart(c)) {
      let j = i + 1;
      while (j < n && isIdentPart(text[j])) j++;
      const word = text.slice(i, j);
      if (!INCLUDE_WORDS.has(word)) afterInclude = false;
      push(C_KEYWORDS.has(word) ? 'keyword' : 'identifier', j);
      continue;
    }
    if (isDigit(c) || (c === '.' && isDigit(text[i + 1] ?? ''))) {
      push('number', endOfPpNumber(text, i + 1));
      continue;
    }
    const candidates = PUNCT_BY_FIRST.get(c);
    const punct = candidates?.find((p) => text.startsWith(p, i));
    if (punct) {
      afterInclude = false;
      push('punct', i + punct.length);
      continue;
    }
    // One whole code point, so that a surrogate pair is never split in two tokens.
    const cp = text.codePointAt(i) ?? 0;
    push('unknown', i + (cp > 0xffff ? 2 : 1));
  }
  return tokens;
}

/** Tokens that carry meaning: everything but whitespace, newlines and comments. */
export function significantTokens(tokens: readonly Token[]): Token[] {
  return tokens.filter((t) => t.kind !== 'whitespace' && t.kind !== 'newline' && t.kind !== 'comment');
}

/** The tokens of `text` that the repairs work on: significant, outside preprocessor directives. */
export function codeTokens(text: string): Token[] {
  return significantTokens(lex(text)).filter((t) => !t.directive);
}

function endOfLineComment(text: string, from: number): number {
  let j = from;
  while (j < text.length) {
    if (text[j] === '\n' || text[j] === '\r') {
      // A backslash right before the newline continues the comment onto the next line.
      if (j > from && text[j - 1] === '\\') {
        j += text[j] === '\r' && text[j + 1] === '\n' ? 2 : 1;
        continue;
      }
      return j;
    }
    j++;
  }
  return j;
}

function isIncludeDirective(text: string, from: number): boolean {
  const m = /^[ \t]*([A-Za-z_]+)/.exec(text.slice(from, from + 40));
  return m !== null && INCLUDE_WORDS.has(m[1]);
}

function endOfHeaderName(text: string, from: number): number {
  for (let j = from; j < text.length; j++) {
    if (text[j] === '>') return j + 1;
    if (text[j] === '\n' || text[j] === '\r') return j;
  }
  return text.length;
}

/** Length of an L, u, U or u8 prefix at `i` when a quote follows it; 0 with no prefix; -1 if none fits. */
function literalPrefixLength(text: string, i: number): number {
  for (const p of ['u8', 'L', 'u', 'U', '']) {
    if (text.startsWith(p, i) && (text[i + p.length] === '"' || text[i + p.length] === "'")) return p.length;
  }
  return -1;
}

/** End of a quoted literal whose body starts at `from`; an unterminated one stops before the newline. */
function endOfQuoted(text: string, from: number, quote: string): number {
  let j = from;
  while (j < text.length) {
    const c = text[j];
    if (c === quote) return j + 1;
    if (c === '\n' || c === '\r') return j;
    if (c === '\\' && j + 1 < text.length) {
      // An escaped CRLF counts as one escaped newline.
      j += text[j + 1] === '\r' && text[j + 2] === '\n' ? 3 : 2;
      continue;
    }
    j++;
  }
  return j;
}

function endOfPpNumber(text: string, from: number): number {
  let j = from;
  while (j < text.length) {
    const c = text[j];
    if ((c === '+' || c === '-') && /[eEpP]/.test(text[j - 1])) {
      j++;
      continue;
    }
    if (isIdentPart(c) || c === '.' || c === "'") {
      // C23 digit separators: only between digits.
      if (c === "'" && !(isDigit(text[j - 1]) && isDigit(text[j + 1] ?? ''))) break;
      j++;
      continue;
    }
    break;
  }
  return j;
}
