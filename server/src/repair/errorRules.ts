// Rewrites for common real compile errors that gcc gives no fix-it for (measured on TRACER and C-Pack
// dev programs that the other sources left broken): `=` or `++` where a comparison or
// a `+` was meant, `name[]` used as a value, an `if (...);` before its `else`, `=>` for `>=`, `%x` for
// `&x`, `x^2` for a square, `elseif`, commas in a for header, `#define N 10;`, `void main`, `%` on
// a floating value, a printf without its format. Each proposal is only
// a candidate: the compiler judges it.
import type { Token } from '../c/lexer';
import { parseC, type SyntaxNode } from '../c/parser';
import { declaredNameOf } from '../c/scopes';
import { conversionFor } from '../c/types';
import type { CompilerDiagnostic, TextEdit } from '../oracle/compiler';
import { matching, semicolonAfterHeader, tokenIndexAt } from './cSyntax';
import { replaceSpan } from './edits';
import type { Proposal, Rule } from './rules';
import { assignmentAsCondition } from './strictRules';

const replace = replaceSpan;

/** The token the diagnostic points at, or undefined. */
function tokenAtDiagnostic(tokens: readonly Token[], d: CompilerDiagnostic): number | undefined {
  const i = tokenIndexAt(tokens, d.start);
  return i < 0 ? undefined : i;
}

/** if (a = 'A' && b = 'C'): every `=` of the condition as `==`, or only the one reported. */
function assignmentInCondition(text: string, tokens: Token[], d: CompilerDiagnostic): Proposal[] {
  const i = tokenAtDiagnostic(tokens, d);
  if (i === undefined) return [];
  let open = -1;
  for (let k = i; k >= 0 && open < 0; k--) {
    if (tokens[k].text === '(' && /^(if|while|for)$/.test(tokens[k - 1]?.text ?? '') && matching(tokens, k) > i) open = k;
  }
  const all = open < 0 ? [] : tokens.slice(open, matching(tokens, open)).filter((t) => t.text === '=');
  return [...(all.length > 1 ? [all.map((t) => replace(t, '=='))] : []), ...assignmentAsCondition(text, tokens, d)];
}

/** (a*a)++(b*b): `++` meant as `+` (and `--` as `-`). */
function incrementOfValue(_text: string, tokens: Token[], d: CompilerDiagnostic): Proposal[] {
  const i = tokenAtDiagnostic(tokens, d);
  if (i === undefined) return [];
  const op = tokens.slice(Math.max(0, i - 4), i + 5).find((t) => (t.text === '++' || t.text === '--') && t.line === d.line);
  return op ? [[replace(op, op.text[0])]] : [];
}

/** printf("%s", str[]): the array itself, without the empty brackets. */
function emptyBrackets(_text: string, tokens: Token[], d: CompilerDiagnostic): Proposal[] {
  const i = tokenAtDiagnostic(tokens, d);
  if (i === undefined || tokens[i].text !== ']' || tokens[i - 1]?.text !== '[') return [];
  return [[{ start: tokens[i - 1].start, end: tokens[i].end, newText: '' }]];
}

/** if (...); ... else: the `;` that ends the if too early. */
function ifEndedEarly(_text: string, tokens: Token[], d: CompilerDiagnostic): Proposal[] {
  const i = tokenAtDiagnostic(tokens, d);
  if (i === undefined) return [];
  for (let k = i - 1; k >= 0; k--) {
    if (tokens[k].text !== 'if' || tokens[k + 1]?.text !== '(') continue;
    const semicolon = semicolonAfterHeader(tokens, k);
    return semicolon > 0 ? [[replace(tokens[semicolon], '')]] : [];
  }
  return [];
}

/** i => 2, j =< k, e !== 'z': comparisons typed the wrong way round or doubled, all of the line's at
 * once (gcc reports only the first of a statement, so fixing one alone lowers no error count). */
function operatorTypos(_text: string, tokens: Token[], d: CompilerDiagnostic): Proposal[] {
  const edits: TextEdit[] = [];
  for (let k = 1; k < tokens.length; k++) {
    const [prev, cur] = [tokens[k - 1], tokens[k]];
    if (cur.line !== d.line || prev.end !== cur.start) continue; // typed as one operator
    if (prev.text === '=' && (cur.text === '<' || cur.text === '>')) edits.push({ start: prev.start, end: cur.end, newText: `${cur.text}=` });
    if ((prev.text === '!=' || prev.text === '==') && cur.text === '=') edits.push(replace(cur, ''));
  }
  return edits.length > 0 ? [edits] : [];
}

/** scanf("%d %d", %a, %b): `%` typed for `&` before each argument of the line. */
function percentForAddress(_text: string, tokens: Token[], d: CompilerDiagnostic): Proposal[] {
  const edits = tokens
    .filter((t, k) => t.line === d.line && t.text === '%' && /^[(,]$/.test(tokens[k - 1]?.text ?? '') && tokens[k + 1]?.kind === 'identifier')
    .map((t) => replace(t, '&'));
  return edits.length > 0 ? [edits] : [];
}

/** r^2 and (x1-x2)^2 on floating values: ^ is not a power in C; the square written out. */
function caretAsPower(text: string, tokens: Token[], d: CompilerDiagnostic): Proposal[] {
  const i = tokenAtDiagnostic(tokens, d);
  if (i === undefined) return [];
  const proposals: Proposal[] = [];
  for (let k = Math.max(1, i - 12); k < Math.min(tokens.length - 1, i + 12); k++) {
    if (tokens[k].text !== '^' || tokens[k + 1].text !== '2' || tokens[k].line !== d.line) continue;
    const last = tokens[k - 1];
    const first = last.text === ')' ? matching(tokens, k - 1) : last.kind === 'identifier' || last.kind === 'number' ? k - 1 : -1;
    if (first < 0) continue;
    const operand = text.slice(tokens[first].start, tokens[k - 1].end);
    proposals.push([{ start: tokens[first].start, end: tokens[k + 1].end, newText: `${operand}*${operand}` }]);
  }
  return proposals.length > 1 ? [proposals.flat(), ...proposals] : proposals;
}

/** elseif (...) written as one word. */
function elseIfAsOneWord(_text: string, tokens: Token[], d: CompilerDiagnostic): Proposal[] {
  return tokens.filter((t) => t.text === 'elseif' && Math.abs(t.line - d.line) <= 1).map((t) => [replace(t, 'else if')]);
}

/** for (i = 0, i < n, i++): commas typed for the header's semicolons. */
function forHeaderCommas(_text: string, tokens: Token[], d: CompilerDiagnostic): Proposal[] {
  const open = tokens.findIndex((t, k) => t.text === '(' && tokens[k - 1]?.text === 'for' && t.line === d.line);
  const close = open < 0 ? -1 : matching(tokens, open);
  if (close < 0) return [];
  const commas: Token[] = [];
  let semicolons = 0;
  for (let k = open + 1, depth = 0; k < close; k++) {
    const t = tokens[k].text;
    if (t === '(' || t === '[') depth++;
    else if (t === ')' || t === ']') depth--;
    else if (depth === 0 && t === ',') commas.push(tokens[k]);
    else if (depth === 0 && t === ';') semicolons++;
  }
  const missing = 2 - semicolons;
  if (missing <= 0 || commas.length < missing) return [];
  if (commas.length === missing) return [commas.map((t) => replace(t, ';'))];
  return missing === 1 ? commas.map((t) => [replace(t, ';')]) : [];
}

/** #define N 10; : the semicolon that every use of the macro drags into an expression. */
function defineWithSemicolon(text: string): Proposal[] {
  const edits: TextEdit[] = [];
  for (const m of text.matchAll(/^[ \t]*#[ \t]*define[ \t]+\w+(?:\([^)\n]*\))?[ \t]+[^\n]*?;[ \t]*\r?$/gm)) {
    const at = m.index + m[0].lastIndexOf(';');
    edits.push({ start: at, end: at + 1, newText: '' });
  }
  return edits.length > 0 ? [edits] : [];
}

/** `void main()` (or another type): main returns int. */
function mainReturnsInt(_text: string, tokens: Token[], d: CompilerDiagnostic): Proposal[] {
  const i = tokenAtDiagnostic(tokens, d);
  if (i === undefined || tokens[i].text !== 'main') return [];
  let first = i;
  while (first > 0 && tokens[first - 1].kind === 'keyword' && tokens[first - 1].line === tokens[i].line) first--;
  if (first === i) return [];
  return [[{ start: tokens[first].start, end: tokens[i - 1].end, newText: 'int' }]];
}

/** The operand that ends at token `last` (a name with subscripts or calls, a number, a parenthesised
 * expression): the index of its first token, or -1. */
function operandStart(tokens: readonly Token[], last: number): number {
  let k = last;
  while (tokens[k]?.text === ']' || tokens[k]?.text === ')') {
    const open = matching(tokens, k);
    if (open < 0) return -1;
    if (tokens[k].text === ')' && tokens[open - 1]?.kind !== 'identifier') return open; // (a + b)
    k = open - 1;
  }
  return tokens[k]?.kind === 'identifier' || tokens[k]?.kind === 'number' ? k : -1;
}

/** x % y on a floating operand: that operand cast to int (the student meant whole numbers). */
function remainderOfFloating(_text: string, tokens: Token[], d: CompilerDiagnostic): Proposal[] {
  const types = /invalid operands to binary % \(have '([^']+)' and '([^']+)'\)/.exec(d.message);
  const i = tokenAtDiagnostic(tokens, d);
  if (!types || i === undefined) return [];
  const op = tokens.slice(Math.max(0, i - 8), i + 9).find((t) => t.text === '%' && t.line === d.line);
  if (!op) return [];
  const k = tokens.indexOf(op);
  const floating = (type: string) => /float|double/.test(type);
  const edits: TextEdit[] = [];
  const left = operandStart(tokens, k - 1);
  if (floating(types[1]) && left >= 0) edits.push({ start: tokens[left].start, end: tokens[left].start, newText: '(int)' });
  if (floating(types[2]) && tokens[k + 1]) edits.push({ start: tokens[k + 1].start, end: tokens[k + 1].start, newText: '(int)' });
  return edits.length > 0 ? [edits] : [];
}

/**
 * `printf(x)`: the value printed without a format. The format its arguments' declared types take
 * (`printf("%f", x)`), where each argument is a variable (an array's element, a string) in scope.
 */
function formatlessPrintf(text: string, _tokens: Token[], d: CompilerDiagnostic): Proposal[] {
  const root = parseC(text).rootNode;
  let call: SyntaxNode | null = root.descendantForIndex(d.start);
  while (call && !(call.type === 'call_expression' && call.childForFieldName('function')?.text === 'printf')) call = call.parent;
  const args = call?.childForFieldName('arguments')?.namedChildren ?? [];
  const conversions = args.map((arg) => {
    // A name and its subscripts (`x`, `a[i]`, `s`).
    let name = arg;
    let subscripts = 0;
    for (; name.type === 'subscript_expression'; subscripts++) name = name.childForFieldName('argument')!;
    const declared = name.type === 'identifier' ? declaredNameOf(root, name) : undefined;
    if (!declared || declared.pointers > 0) return undefined;
    const dims = declared.arrayDims - subscripts;
    return dims === 0 ? conversionFor(declared.type, 'printf') : dims === 1 && declared.type === 'char' ? 's' : undefined;
  });
  if (args.length === 0 || conversions.some((c) => c === undefined)) return [];
  return [[{ start: args[0].startIndex, end: args[0].startIndex, newText: `"${conversions.map((c) => `%${c}`).join(' ')}", ` }]];
}

/** Rewrites for common compile errors, by message. */
export const ERROR_RULES: readonly Rule[] = [
  [/lvalue required as left operand of assignment/, assignmentInCondition],
  [/lvalue required as (increment|decrement) operand/, incrementOfValue],
  [/expected expression before '\]' token/, emptyBrackets],
  [/'else' without a previous 'if'/, ifEndedEarly],
  [/expected expression before '[<>=]' token/, operatorTypos],
  [/expected expression before '%' token/, percentForAddress],
  [/invalid operands to binary \^ \(have '(float|double)'|invalid operands to binary \^ \(have '[^']+' and '(float|double)'/, caretAsPower],
  [/expected ';' before '\{' token/, elseIfAsOneWord],
  [/operand of comma expression has no effect|expected ';' before '\)' token/, forHeaderCommas],
  [/expected|before ';' token/, defineWithSemicolon],
  [/return type of 'main' is not 'int'/, mainReturnsInt],
  [/invalid operands to binary % \(have '[^']*(float|double)[^']*' and|invalid operands to binary % \(have '[^']+' and '[^']*(float|double)/, remainderOfFloating],
  [/incompatible type for argument 1 of 'printf'|passing argument 1 of 'printf' makes pointer from integer/, formatlessPrintf],
];
