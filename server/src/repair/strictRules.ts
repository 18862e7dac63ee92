// Rewrites for what strict course flags (-ansi -pedantic -Wall -Werror) reject in code that is
// otherwise fine: C99 declarations in C90, a missing return, unused variables, printf/scanf
// format mismatches (a missing & included), a `;` that empties a loop's body. Each proposal is a
// candidate: the compiler judges it.
import type { Token } from '../c/lexer';
import { conversionFor } from '../c/types';
import type { CompilerDiagnostic, TextEdit } from '../oracle/compiler';
import { enclosingBlock, insertAtBlockStart, insertBeforeClose, matching, parseDeclaration, semicolonAfterHeader, source, span, tokenIndexAt } from './cSyntax';
import type { Proposal, Rule } from './rules';


/** for (int i = 0; ...) -> int i; at the block start and for (i = 0; ...), or just drop the type. */
function forLoopDeclaration(text: string, tokens: Token[], d: CompilerDiagnostic): Proposal[] {
  let i = tokenIndexAt(tokens, d.start);
  while (i > 0 && tokens[i].text !== 'for') i--;
  if (i < 0 || tokens[i].text !== 'for' || tokens[i + 1]?.text !== '(') return [];
  const decl = parseDeclaration(tokens, i + 2);
  if (!decl) return [];
  const inits = decl.declarators.filter((x) => x.init.length > 0).map((x) => `${x.name} = ${source(text, x.init)}`).join(', ');
  const replaceInit: TextEdit = { start: tokens[i + 2].start, end: tokens[decl.end].start, newText: inits };
  const declaration = `${source(text, decl.type)} ${decl.declarators.map((x) => source(text, x.head)).join(', ')};`;
  const brace = enclosingBlock(tokens, i);
  const proposals: Proposal[] = [[replaceInit]]; // the variable may already be declared above
  if (brace >= 0) proposals.unshift([insertAtBlockStart(text, tokens, brace, declaration), replaceInit]);
  return proposals;
}

/** int x = f(); after statements -> int x; at the block start and x = f(); in place. */
function mixedDeclaration(text: string, tokens: Token[], d: CompilerDiagnostic): Proposal[] {
  const i = tokenIndexAt(tokens, d.start);
  if (i < 0) return [];
  const decl = parseDeclaration(tokens, i);
  const brace = enclosingBlock(tokens, i);
  if (!decl || brace < 0) return [];
  // Brace initializers and const objects cannot be split into a declaration and an assignment.
  if (decl.type.some((t) => t.text === 'const' || t.text === 'static') || decl.declarators.some((x) => x.init[0]?.text === '{')) {
    return [];
  }
  const declaration = `${source(text, decl.type)} ${decl.declarators.map((x) => source(text, x.head)).join(', ')};`;
  const assignments = decl.declarators.filter((x) => x.init.length > 0).map((x) => `${x.name} = ${source(text, x.init)};`).join(' ');
  const whole = { start: tokens[i].start, end: tokens[decl.end].end };
  const inPlace: TextEdit = assignments ? { ...whole, newText: assignments } : removeWithLine(text, whole);
  return [[insertAtBlockStart(text, tokens, brace, declaration), inPlace]];
}

/** Deletes a range, and its whole line when nothing else is on it. */
export function removeWithLine(text: string, range: { start: number; end: number }): TextEdit {
  const lineStart = text.lastIndexOf('\n', range.start - 1) + 1;
  const nl = text.indexOf('\n', range.end);
  const lineEnd = nl < 0 ? text.length : nl + 1;
  const alone = text.slice(lineStart, range.start).trim() === '' && text.slice(range.end, lineEnd).trim() === '';
  if (alone) return { start: lineStart, end: lineEnd, newText: '' };
  // Mid-line: take the spaces after it too, so "{ int x; return" becomes "{ return".
  let end = range.end;
  while (/[ \t]/.test(text[end] ?? '') && /[ \t]/.test(text[range.start - 1] ?? '')) end++;
  return { start: range.start, end, newText: '' };
}

/** A non-void function that can fall off its end gets `return 0;` before its closing brace. */
function missingReturn(text: string, tokens: Token[], d: CompilerDiagnostic): Proposal[] {
  const i = tokenIndexAt(tokens, d.start);
  if (i < 0 || tokens[i].text !== '}') return [];
  return [[insertBeforeClose(text, tokens[i].start, 'return 0;')]];
}

/** unused variable 'x': its declarator is removed (the whole declaration if it was the only one). */
function unusedVariable(text: string, tokens: Token[], d: CompilerDiagnostic): Proposal[] {
  const name = /unused variable '([^']+)'/.exec(d.message)?.[1];
  const at = tokenIndexAt(tokens, d.start);
  if (!name || at < 0 || tokens[at].text !== name) return [];
  // Walk back to the start of the declaration statement.
  let s = at;
  while (s > 0 && ![';', '{', '}'].includes(tokens[s - 1].text)) s--;
  const decl = parseDeclaration(tokens, s);
  if (!decl) return [];
  const k = decl.declarators.findIndex((x) => x.name === name);
  if (k < 0 || decl.declarators[k].init.some((t) => t.text === '(')) return []; // a call may matter
  if (decl.declarators.length === 1) return [[removeWithLine(text, { start: tokens[s].start, end: tokens[decl.end].end })]];
  const parts = decl.declarators.map((x) => span([...x.head, ...x.init]));
  const range = k === 0 ? { start: parts[0].start, end: parts[1].start } : { start: parts[k - 1].end, end: parts[k].end };
  return [[{ ...range, newText: '' }]];
}

/** The conversion printf or scanf needs for an argument of gcc's type `type` (for scanf, a pointer: `int *`; `char (*)[10]`: a string). */
function conversionOf(type: string, scanf: boolean): string | undefined {
  if (!scanf) return conversionFor(type, 'printf');
  const target = type.replace(/ ?\*$/, '');
  return target.startsWith('char') && /\[/.test(type) ? 's' : conversionFor(target, 'scanf');
}

/** Tokens of the call's arguments, split at depth-0 commas. */
export function callArguments(tokens: readonly Token[], open: number): Token[][] {
  const close = matching(tokens, open);
  const args: Token[][] = [[]];
  let depth = 0;
  for (let i = open + 1; i < close; i++) {
    const t = tokens[i].text;
    if ('([{'.includes(t)) depth++;
    if (')]}'.includes(t)) depth--;
    if (t === ',' && depth === 0) args.push([]);
    else args.at(-1)!.push(tokens[i]);
  }
  return args;
}

/** The type an argument of this type is passed as to a variadic function such as scanf (a `float` as a `double`). */
function promoted(type: string): string {
  if (type === 'float') return 'double';
  return /^(char|signed char|unsigned char|short int|short unsigned int)$/.test(type) ? 'int' : type;
}

/** A format warning's call and argument: the directive, the types gcc names, and the argument's tokens. */
export interface FormatArgument {
  directive: string;
  expected: string;
  actual: string;
  scanf: boolean;
  /** The tokens of the call's arguments (the format string is the first) and of the one in question (none where gcc counts past them). */
  args: Token[][];
  argument: Token[];
  /** The token the warning points at. */
  at: number;
}

/** format '%d' expects argument of type 'int *', but argument 2 has type 'int': where and what. */
export function formatArgument(tokens: readonly Token[], d: CompilerDiagnostic): FormatArgument | undefined {
  const m = /format '([^']+)' expects argument of type '([^']+)', but argument (\d+) has type '([^']+)'/.exec(d.message);
  if (!m) return undefined;
  const [, directive, expected, argNumber, actual] = m;
  const at = tokenIndexAt(tokens, d.start);
  let open = at;
  while (open > 0 && !(tokens[open].text === '(' && tokens[open - 1].kind === 'identifier' && /printf|scanf/.test(tokens[open - 1].text))) open--;
  if (open <= 0) return undefined;
  const args = callArguments(tokens, open);
  const argument = args[Number(argNumber) - 1] ?? []; // gcc counts every argument, the format string included
  return { directive, expected, actual, scanf: /scanf/.test(tokens[open - 1].text), args, argument, at };
}

/** format '%d' expects 'int *', but argument 2 has type 'int': a missing & or a wrong conversion. */
export function formatMismatch(_text: string, tokens: Token[], d: CompilerDiagnostic): Proposal[] {
  const found = formatArgument(tokens, d);
  if (!found) return [];
  const { directive, expected, actual, scanf, args, argument: arg, at } = found;
  if (scanf && expected.endsWith('*') && promoted(expected.replace(/ ?\*$/, '')) === actual && arg.length) {
    return [[{ start: arg[0].start, end: arg[0].start, newText: '&' }]];
  }
  if (!scanf && actual.replace(/ ?\*$/, '') === expected && actual.endsWith('*') && arg[0]?.text === '&') {
    return [[{ start: arg[0].start, end: arg[0].end, newText: '' }]]; // printf("%d", &x)
  }
  const conversion = conversionOf(actual, scanf);
  const string = tokens[at]?.kind === 'string' ? tokens[at] : args.flat().find((t) => t.kind === 'string');
  if (!conversion || !string) return [];
  // The directive's length modifier and conversion letter are replaced; flags, width, precision stay.
  const lengthAndConversion = /(hh|h|ll|l|L|z|j|t)?[a-zA-Z]$/.exec(directive)![0];
  const prefix = directive.slice(0, directive.length - lengthAndConversion.length);
  const literal = string.text;
  const proposals: Proposal[] = [];
  for (let k = literal.indexOf(directive); k >= 0; k = literal.indexOf(directive, k + 1)) {
    proposals.push([{ start: string.start + k, end: string.start + k + directive.length, newText: `${prefix}${conversion}` }]);
  }
  return proposals;
}

/** if (a = b): the comparison the student meant. */
export function assignmentAsCondition(_text: string, tokens: Token[], d: CompilerDiagnostic): Proposal[] {
  const i = tokens.findIndex((t) => t.start >= d.start && t.text === '=');
  return i < 0 || tokens[i].line !== d.line ? [] : [[{ start: tokens[i].start, end: tokens[i].end, newText: '==' }]];
}

/**
 * `for (...);` then the block meant as its body: -Wmisleading-indentation (at the keyword) or
 * -Wempty-body (at the `;`) under -Werror. The `;` right after the header goes; a header whose body
 * is a real statement laid out misleadingly is left to the other rules.
 */
function emptyBodyAfterHeader(_text: string, tokens: Token[], d: CompilerDiagnostic): Proposal[] {
  const at = tokenIndexAt(tokens, d.start);
  if (at < 0) return [];
  let semicolon = -1;
  if (tokens[at].text === ';' && tokens[at - 1]?.text === ')') semicolon = at; // -Wempty-body points at it
  else if (/^(for|while|if)$/.test(tokens[at].text)) semicolon = semicolonAfterHeader(tokens, at); // -Wmisleading-indentation, at the keyword
  return semicolon < 0 ? [] : [[{ start: tokens[semicolon].start, end: tokens[semicolon].end, newText: '' }]];
}

/** Rewrites for what strict course flags reject, by message. */
export const STRICT_RULES: readonly Rule[] = [
  [/loop initial declarations are only allowed/, forLoopDeclaration],
  [/forbids mixed declarations and code/, mixedDeclaration],
  [/control reaches end of non-void function|no return statement in function returning non-void/, missingReturn],
  [/unused variable '/, unusedVariable],
  [/^format '[^']+' expects argument of type/, formatMismatch],
  [/suggest parentheses around assignment used as truth value/, assignmentAsCondition],
  [/clause does not guard|suggest braces around empty body/, emptyBodyAfterHeader],
];
