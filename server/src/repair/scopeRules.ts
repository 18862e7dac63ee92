// Repairs of declarations, answered from the syntax tree's scopes rather than the message alone: an
// undeclared name (renamed to a variable in scope with the shape of its uses, or declared with the
// type its uses show), a name declared twice, an array without a size, a misspelt type name, a call
// with too few arguments. Each proposal is only a candidate: the compiler judges it.
import { distance } from 'fastest-levenshtein';
import type { Token } from '../c/lexer';
import { parseC, SyntaxNode } from '../c/parser';
import { declaredBy, DeclaredName, enclosingFunction, namesInScope } from '../c/scopes';
import type { CompilerDiagnostic } from '../oracle/compiler';
import { enclosingBlock, insertAtBlockStart, matching, tokenIndexAt } from './cSyntax';
import { replaceSpan } from './edits';
import type { Proposal, Rule } from './rules';

/** How many other names an undeclared one may be replaced with (each costs a compile). */
const MAX_NAME_CANDIDATES = 4;

const replace = replaceSpan;

/** The token the diagnostic points at when it is `name`, or undefined. */
function nameAt(tokens: readonly Token[], d: CompilerDiagnostic, name: string): number | undefined {
  const i = tokenIndexAt(tokens, d.start);
  return i >= 0 && tokens[i].text === name ? i : undefined;
}

/** The names in the headers of the for loops around token `i`. */
function enclosingLoopNames(tokens: readonly Token[], i: number): Set<string> {
  const names = new Set<string>();
  for (let brace = enclosingBlock(tokens, i); brace > 0; brace = enclosingBlock(tokens, brace)) {
    if (tokens[brace - 1].text !== ')') continue;
    const open = matching(tokens, brace - 1);
    if (tokens[open - 1]?.text !== 'for') continue;
    tokens.slice(open, brace).forEach((t) => t.kind === 'identifier' && names.add(t.text));
  }
  return names;
}

/** How big an array declared for an undeclared name is: a CS1 program's inputs fit in it. */
const DECLARED_ARRAY_SIZE = 100;

/** 'x' undeclared, answered from the scopes where it is used: a variable in scope with the shape
 * of its uses (nearest in spelling, then in place), renamed at every use in the function (gcc
 * reports a name once per function, so renaming one use lowers no error count); or `x` declared
 * at the start of the function, with the type and array dimensions its uses show. */
function undeclaredName(text: string, tokens: Token[], d: CompilerDiagnostic): Proposal[] {
  const name = /'([^']+)' undeclared/.exec(d.message)?.[1];
  const i = name === undefined ? undefined : nameAt(tokens, d, name);
  if (!name || i === undefined) return [];
  const root = parseC(text).rootNode;
  const fn = enclosingFunction(root, tokens[i].start);
  const fnEnd = fn?.endIndex ?? text.length;
  const uses = tokens.filter((t, k) => k >= i && t.end <= fnEnd && t.kind === 'identifier' && t.text === name);
  const dims = Math.max(0, ...uses.map((u) => subscripts(tokens, tokens.indexOf(u))));
  const loopNames = enclosingLoopNames(tokens, i);
  // Spelling first, a slip of case counting least; a loop's own variable is likelier (free(mat[i]) in for (k = ...)).
  const rank = (n: DeclaredName) => 2 * distance(n.name.toLowerCase(), name.toLowerCase()) + distance(n.name, name) - (loopNames.has(n.name) ? 2 : 0);
  // Nearness: the last use before this one (or the declaration).
  const lastUse = new Map<string, number>();
  tokens.forEach((t, k) => k < i && t.kind === 'identifier' && lastUse.set(t.text, t.start));
  const near = (n: DeclaredName) => tokens[i].start - (lastUse.get(n.name) ?? n.at);
  const seen = new Set<string>([name]);
  const others = namesInScope(root, tokens[i].start)
    .filter((n) => n.arrayDims + n.pointers >= dims && !seen.has(n.name) && seen.add(n.name))
    .sort((a, b) => rank(a) - rank(b) || near(a) - near(b))
    .slice(0, MAX_NAME_CANDIDATES);
  const proposals: Proposal[] = others.map((other) => uses.map((t) => replace(t, other.name)));
  const body = fn?.childForFieldName('body');
  const usedAsStruct = uses.some((u) => /^(\.|->)$/.test(tokens[tokens.indexOf(u) + 1]?.text ?? ''));
  if (body && !usedAsStruct) {
    const brace = tokenIndexAt(tokens, body.startIndex);
    const sizes = `[${DECLARED_ARRAY_SIZE}]`.repeat(dims);
    if (brace >= 0 && tokens[brace].text === '{') proposals.push([insertAtBlockStart(text, tokens, brace, `${inferredType(tokens, uses)} ${name}${sizes};`)]);
  }
  return proposals;
}

/** How many subscripts follow the name at token `k`: `a[i][j]` has 2. */
function subscripts(tokens: readonly Token[], k: number): number {
  let n = 0;
  for (let at = k + 1; tokens[at]?.text === '['; n++) {
    const close = matching(tokens, at);
    if (close < 0) break;
    at = close + 1;
  }
  return n;
}

/** `char` when a use meets a character literal, `double` when it meets a floating literal, else `int`. */
function inferredType(tokens: readonly Token[], uses: readonly Token[]): string {
  const neighbours = uses.flatMap((u) => {
    const k = tokens.indexOf(u);
    return [tokens[k - 2], tokens[k + 2]].filter((t): t is Token => t !== undefined);
  });
  if (neighbours.some((t) => t.kind === 'char')) return 'char';
  if (neighbours.some((t) => t.kind === 'number' && /^[0-9]*\.[0-9]*([eE][-+]?[0-9]+)?[fF]?$/.test(t.text))) return 'double';
  return 'int';
}

/** The declaration (not a parameter) whose declarator names the token at `offset`. */
function declarationAt(root: SyntaxNode, offset: number): SyntaxNode | undefined {
  for (let node: SyntaxNode | null = root.descendantForIndex(offset); node; node = node.parent) {
    if (node.type === 'declaration') return node;
    if (/statement|function_definition|parameter/.test(node.type)) return undefined;
  }
  return undefined;
}

/** 'x' declared a second time (redeclaration, a different kind of symbol, conflicting types): the
 * second declarator goes; when it sets a value, the assignment stays. */
function declaredTwice(text: string, tokens: Token[], d: CompilerDiagnostic): Proposal[] {
  const name = /'([^']+)'/.exec(d.message)?.[1];
  const i = name === undefined ? undefined : nameAt(tokens, d, name);
  if (i === undefined) return [];
  const declaration = declarationAt(parseC(text).rootNode, tokens[i].start);
  if (!declaration) return [];
  const declarators = declaration.childrenForFieldName('declarator');
  const k = declarators.findIndex((x) => x.startIndex <= tokens[i].start && tokens[i].end <= x.endIndex);
  if (k < 0) return [];
  const own = declarators[k];
  const value = own.type === 'init_declarator' ? own.childForFieldName('value') : null;
  if (declarators.length === 1) {
    // `int x;` goes whole; `int x = e;` keeps `x = e;`.
    return value ? [[{ start: declaration.startIndex, end: tokens[i].start, newText: '' }]] : [[{ start: declaration.startIndex, end: declaration.endIndex, newText: '' }]];
  }
  if (value) return [];
  // One of several: `int a, x, b;` loses `x, ` (or `, x` when it is the last).
  const next = declarators[k + 1];
  const previous = declarators[k - 1];
  return [[next ? { start: own.startIndex, end: next.startIndex, newText: '' } : { start: previous.endIndex, end: own.endIndex, newText: '' }]];
}

/** int a[]; as a variable: the array gets a size. */
function arraySizeMissing(_text: string, tokens: Token[], d: CompilerDiagnostic): Proposal[] {
  const name = /array size missing in '([^']+)'/.exec(d.message)?.[1];
  const i = name === undefined ? undefined : nameAt(tokens, d, name);
  if (i === undefined || tokens[i + 1]?.text !== '[' || tokens[i + 2]?.text !== ']') return [];
  return [[{ start: tokens[i + 1].end, end: tokens[i + 2].start, newText: String(DECLARED_ARRAY_SIZE) }]];
}

const TYPE_WORDS = ['int', 'char', 'float', 'double', 'long', 'short', 'unsigned', 'signed', 'void'];

/** unknown type name 'Int': the type word nearest in spelling (case slips count least). */
function unknownTypeName(_text: string, tokens: Token[], d: CompilerDiagnostic): Proposal[] {
  const name = /unknown type name '([^']+)'/.exec(d.message)?.[1];
  const i = name === undefined ? undefined : nameAt(tokens, d, name);
  if (!name || i === undefined) return [];
  const rank = (w: string) => 2 * distance(w, name.toLowerCase()) + distance(w, name);
  return TYPE_WORDS.filter((w) => distance(w, name.toLowerCase()) <= 2)
    .sort((a, b) => rank(a) - rank(b))
    .slice(0, 2)
    .map((w) => [replace(tokens[i], w)]);
}

/** The parameters of the function `name` as declared or defined in the file. */
function parametersOf(root: SyntaxNode, name: string): DeclaredName[] | undefined {
  for (const declarator of root.descendantsOfType('function_declarator')) {
    if (declarator.childForFieldName('declarator')?.text !== name) continue;
    const list = declarator.childForFieldName('parameters');
    if (list) return list.namedChildren.filter((p) => p.type === 'parameter_declaration').map((p) => declaredBy(p)[0] ?? { name: '', type: p.text, arrayDims: 0, pointers: 0, at: p.startIndex });
  }
  return undefined;
}

/** f(a) where f takes (a, b): the missing arguments appended, each a variable in scope with the
 * parameter's shape (the parameter's own name first, as in a recursive call, then the nearest). */
function tooFewArguments(text: string, tokens: Token[], d: CompilerDiagnostic): Proposal[] {
  const name = /too few arguments to function '([^']+)'/.exec(d.message)?.[1];
  const i = name === undefined ? undefined : nameAt(tokens, d, name);
  if (!name || i === undefined || tokens[i + 1]?.text !== '(') return [];
  const close = matching(tokens, i + 1);
  const root = parseC(text).rootNode;
  const params = parametersOf(root, name);
  if (close < 0 || !params) return [];
  let given = close > i + 2 ? 1 : 0;
  for (let k = i + 2, depth = 0; k < close; k++) {
    if ('([{'.includes(tokens[k].text)) depth++;
    else if (')]}'.includes(tokens[k].text)) depth--;
    else if (tokens[k].text === ',' && depth === 0) given++;
  }
  const inScope = namesInScope(root, tokens[i].start);
  const args: string[] = [];
  for (const param of params.slice(given)) {
    const fits = inScope.filter((n) => n.arrayDims + n.pointers === param.arrayDims + param.pointers && !args.includes(n.name));
    const pick = fits.find((n) => n.name === param.name) ?? fits[0];
    if (!pick) return [];
    args.push(pick.name);
  }
  if (args.length === 0) return [];
  const at = tokens[close - 1].end;
  return [[{ start: at, end: at, newText: `${given > 0 ? ', ' : ''}${args.join(', ')}` }]];
}

export const SCOPE_RULES: readonly Rule[] = [
  [/too few arguments to function '[^']+'/, tooFewArguments],
  [/'[^']+' undeclared/, undeclaredName],
  [/redeclaration of '[^']+'|'[^']+' redeclared as different kind of symbol|conflicting types for '[^']+'/, declaredTwice],
  [/array size missing in '[^']+'/, arraySizeMissing],
  [/unknown type name '[^']+'/, unknownTypeName],
];
