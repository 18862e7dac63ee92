// Logic edits for novice slips that take more than one token, each a known pattern: a name (or a
// numbered family of names) wrong throughout one statement, an index printed from 0 where the task
// counts from 1, an accumulator not reset for each pass of an outer loop, a newline printed after
// every item instead of once after the loop, a scanf format with text the input does not have, the
// `else` of a yes/no answer never written, an input never read or used before it is read, a
// call whose function name was left out (`return (a, n - 1);`), a value printed without a format, a
// variable's name printed as text (`printf("N")`), a swap whose last step copies the new value back,
// `while (scanf(...))` and `while ((c = getchar()))`, true at the end of the input, and an `if`
// that answers again after the `if` before it did (an `else` missing).
// Like the one-token edits (mutationSearch.ts), only on lines the failing tests point at, and each
// is judged by the tests; each says in words what it found wrong, for the explanation.
import { printsOutput, READS } from '../c/library';
import { chainHead, elseIfChain, enclosingLoop, lineOf, sourceOf, unparenthesized, type SyntaxNode } from '../c/parser';
import { namesInScope, neverSetBefore, type DeclaredName } from '../c/scopes';
import { conversionFor, isIntegerVariable } from '../c/types';
import { lineIndent } from './cSyntax';
import { printsExtra } from './extraOutputEdits';
import { isSuspicious, type Suspicion } from './faultLocalization';
import type { LogicEdit } from './mutationSearch';
import { removeWithLine } from './strictRules';

const sameShape = (a: DeclaredName, b: DeclaredName) => a.type === b.type && a.arrayDims === b.arrayDims && a.pointers === b.pointers;

/** The calls of function `name` on suspicious lines. */
function suspiciousCalls(root: SyntaxNode, suspicion: Suspicion, name: string): SyntaxNode[] {
  return root.descendantsOfType('call_expression')
    .filter((call) => call.childForFieldName('function')?.text === name && isSuspicious(suspicion, lineOf(call)));
}

/** Variables (not functions, not members) used in `node`. */
function variablesIn(node: SyntaxNode): SyntaxNode[] {
  return node.descendantsOfType('identifier').filter((id) => {
    const parent = id.parent;
    if (parent?.type === 'call_expression' && parent.childForFieldName('function')?.startIndex === id.startIndex) return false;
    return parent?.type !== 'field_expression' || parent.childForFieldName('field')?.startIndex !== id.startIndex;
  });
}

/** The conditions of an `if` and of the `else if`s that follow it, in order. */
const chainConditions = (first: SyntaxNode): SyntaxNode[] =>
  elseIfChain(first).map((s) => s.childForFieldName('condition')).filter((c): c is SyntaxNode => c !== null);

/** The statements and conditions whose names are renamed together (each scope one node or more). */
function renameScopes(root: SyntaxNode, suspicion: Suspicion): SyntaxNode[][] {
  const scopes = root.descendantsOfType(['expression_statement', 'return_statement', 'parenthesized_expression'])
    .filter((n) => n.type !== 'parenthesized_expression' || /^(if|while|do)_statement$/.test(n.parent?.type ?? ''));
  const conditions = root.descendantsOfType('for_statement').map((f) => f.childForFieldName('condition')).filter((c): c is SyntaxNode => c !== null);
  // `if (a > c) swap(&a, &c);`: an `if` with one statement and no `else` is one scope, its condition and its statement.
  const shortIfs = root.descendantsOfType('if_statement').filter((f) => !f.childForFieldName('alternative') && f.childForFieldName('consequence')?.type === 'expression_statement');
  // `if (r > 0) ... else if (r == 0) ... else if (r < 0)`: the conditions of a chain, one scope.
  const chains = root.descendantsOfType('if_statement').filter((f) => f.parent?.type !== 'else_clause').map(chainConditions).filter((c) => c.length >= 2);
  return [...[...scopes, ...conditions, ...shortIfs].map((n) => [n]), ...chains].filter((nodes) => isSuspicious(suspicion, lineOf(nodes[0])));
}

/**
 * A name used twice or more in one statement replaced everywhere in it by another of the same type
 * (`a[i][i]` for `a[i][j]` is one edit at each place; `x*x+x` for `y*y+y` is this one), and a
 * numbered family shifted together: `i2` and `j2` both to `i3` and `j3` (every name stem+N whose
 * stem+M exists with the same shape becomes stem+M). Programs have few families, and few chains
 * of `else if`s whose conditions all test one name, so those are a pattern, tried past the search's
 * budget; they come after the single names. The names written last before a scope go first.
 */
export function renameEdits(root: SyntaxNode, suspicion: Suspicion): LogicEdit[] {
  const names: LogicEdit[] = [];
  const families: LogicEdit[] = [];
  // Where each statement writes a variable (assigned, read into): the one written last before a
  // scope is the likeliest meant in it (`k = ...;` then `if (r > 0)` for `if (k > 0)`).
  const writes = new Map<string, number[]>();
  for (const id of root.descendantsOfType('identifier')) {
    if (isWritten(id)) writes.set(id.text, [...(writes.get(id.text) ?? []), id.startIndex]);
  }
  const lastWrite = (name: string, before: number) => Math.max(-1, ...(writes.get(name) ?? []).filter((at) => at < before));
  for (const nodes of renameScopes(root, suspicion)) {
    const scope = nodes[0];
    const uses = nodes.flatMap(variablesIn);
    const visible = namesInScope(root, scope.startIndex);
    const declared = (name: string) => visible.find((n) => n.name === name);
    const byName = new Map<string, SyntaxNode[]>();
    for (const id of uses) if (declared(id.text)) byName.set(id.text, [...(byName.get(id.text) ?? []), id]);
    const renamed = (ids: SyntaxNode[], to: (name: string) => string, priority: number): LogicEdit =>
      ({ edits: ids.map((id) => ({ start: id.startIndex, end: id.endIndex, newText: to(id.text) })), line: lineOf(scope), priority });
    for (const [name, ids] of byName) {
      if (ids.length < 2) continue;
      const self = declared(name)!;
      // A chain's conditions are few in a program: a pattern, tried past the budget like the families.
      const into = nodes.length > 1 ? families : names;
      visible.filter((n) => n.name !== name && sameShape(n, self))
        .sort((a, b) => lastWrite(b.name, scope.startIndex) - lastWrite(a.name, scope.startIndex))
        .slice(0, 4).forEach((n, k) => into.push({ ...renamed(ids, () => n.name, 32 + k), pattern: nodes.length > 1 }));
    }
    const numbered = [...byName.keys()].map((name) => /^(.*\D)(\d+)$/.exec(name)).filter((m): m is RegExpExecArray => m !== null);
    for (const n of new Set(numbered.map((m) => m[2]))) {
      const targets = new Set(visible.map((v) => /^(.*\D)(\d+)$/.exec(v.name)?.[2]).filter((m): m is string => m !== undefined && m !== n));
      for (const m of targets) {
        const moves = numbered.filter((x) => x[2] === n && declared(x[1] + m) && sameShape(declared(x[1] + m)!, declared(x[0])!));
        const ids = moves.flatMap((x) => byName.get(x[0])!);
        if (moves.length >= 2) families.push({ ...renamed(ids, (name) => name.replace(/\d+$/, m), 33), pattern: true });
      }
    }
  }
  return [...names, ...families];
}

/**
 * How far every number the program printed is from the expected one, when that is the only
 * difference and the same +1 or -1 everywhere (a position printed from 0 for one counted from 1).
 */
function offByOne(failing?: { expected: string; actual: string }): '+1' | '-1' | undefined {
  if (!failing) return undefined;
  const words = (s: string) => s.trim().split(/\s+/);
  const [a, e] = [words(failing.actual), words(failing.expected)];
  if (a.length !== e.length) return undefined;
  const deltas = new Set<number>();
  for (let i = 0; i < a.length; i++) {
    if (a[i] === e[i]) continue;
    if (!/^-?\d+$/.test(a[i]) || !/^-?\d+$/.test(e[i])) return undefined;
    deltas.add(Number(e[i]) - Number(a[i]));
  }
  const [delta] = [...deltas];
  return deltas.size === 1 && Math.abs(delta) === 1 ? (delta > 0 ? '+1' : '-1') : undefined;
}

/**
 * An integer printed by printf shown one higher (or lower): an index counted from 0 where the task
 * counts from 1; all of them at once too. Guided when the failing output is off by that much in every number it got wrong.
 */
export function printedIndexEdits(root: SyntaxNode, suspicion: Suspicion, failing?: { expected: string; actual: string }): LogicEdit[] {
  const found: LogicEdit[] = [];
  const read = offByOne(failing);
  for (const call of suspiciousCalls(root, suspicion, 'printf')) {
    const visible = namesInScope(root, call.startIndex);
    const args = call.childForFieldName('arguments')?.namedChildren.slice(1) ?? [];
    const integers = args.filter((a) => a.type === 'identifier' && visible.some((n) => n.name === a.text && isIntegerVariable(n)));
    for (const [delta, k] of [['+1', 0], ['-1', 1]] as const) {
      const shift = (a: SyntaxNode) => ({ start: a.endIndex, end: a.endIndex, newText: delta });
      const guided = delta === read ? { guided: true } : {};
      integers.forEach((a) => found.push({ edits: [shift(a)], line: lineOf(call), priority: 26 + k, ...guided }));
      if (integers.length >= 2) found.push({ edits: integers.map(shift), line: lineOf(call), priority: 26.5 + k, ...guided });
    }
  }
  return found;
}

/** Assignments, compound assignments and ++/-- of `name` inside `node`. */
export function updates(node: SyntaxNode, name: string): SyntaxNode[] {
  return node.descendantsOfType(['assignment_expression', 'update_expression'])
    .filter((u) => (u.childForFieldName('left') ?? u.childForFieldName('argument'))?.text === name);
}

/**
 * A variable declared with a starting value before an outer loop, and changed in a loop inside it,
 * set back to that value as the outer loop's body begins (a count or a sum that carried over from
 * the last row).
 */
export function resetEdits(root: SyntaxNode, suspicion: Suspicion): LogicEdit[] {
  const found: LogicEdit[] = [];
  for (const declaration of root.descendantsOfType('declaration')) {
    const block = declaration.parent;
    if (block?.type !== 'compound_statement') continue;
    for (const init of declaration.childrenForFieldName('declarator').filter((d) => d.type === 'init_declarator')) {
      const name = init.childForFieldName('declarator')?.text;
      const value = init.childForFieldName('value');
      if (!name || !/^identifier$/.test(init.childForFieldName('declarator')!.type) || value?.type !== 'number_literal') continue;
      for (const loop of block.descendantsOfType(['for_statement', 'while_statement']).filter((l) => l.startIndex > declaration.endIndex)) {
        const body = loop.childForFieldName('body');
        if (body?.type !== 'compound_statement') continue;
        const inner = body.descendantsOfType(['for_statement', 'while_statement', 'do_statement']).filter((l) => updates(l, name).length > 0);
        const line = inner.flatMap((l) => updates(l, name)).map(lineOf).find((l) => isSuspicious(suspicion, l));
        if (line === undefined) continue;
        const open = body.child(0)!;
        found.push({ edits: [{ start: open.endIndex, end: open.endIndex, newText: ` ${name} = ${value.text};` }], line, priority: 14, why: `\`${name}\` carried its value over from the outer loop's last pass` });
      }
    }
  }
  return found;
}

/**
 * A printf in a loop whose format ends the line, when the program printed more line ends than the
 * test expects: the newline printed once, after the loop, instead.
 */
export function newlineOnceEdits(root: SyntaxNode, suspicion: Suspicion, failing?: { expected: string; actual: string }): LogicEdit[] {
  const lineEnds = (s: string) => (s.match(/\n/g) ?? []).length;
  if (!failing || lineEnds(failing.actual) <= lineEnds(failing.expected)) return [];
  const found: LogicEdit[] = [];
  for (const call of suspiciousCalls(root, suspicion, 'printf')) {
    const format = call.childForFieldName('arguments')?.namedChildren[0];
    const loop = enclosingLoop(call);
    if (format?.type !== 'string_literal' || !loop || !/\\n"$/.test(format.text) || format.text === '"\\n"') continue;
    const newline = { start: format.endIndex - 3, end: format.endIndex - 1, newText: '' };
    found.push({ edits: [newline, { start: loop.endIndex, end: loop.endIndex, newText: ' printf("\\n");' }], line: lineOf(call), priority: 24, why: 'a line end was printed after every item' });
  }
  return found;
}

/** A scanf format with text besides its conversions (`"/'%d,%d/'"`) that the input does not have: the conversions alone, space-separated. */
export function scanfFormatEdits(root: SyntaxNode, suspicion: Suspicion): LogicEdit[] {
  const found: LogicEdit[] = [];
  for (const call of suspiciousCalls(root, suspicion, 'scanf')) {
    const format = call.childForFieldName('arguments')?.namedChildren[0];
    if (format?.type !== 'string_literal') continue;
    const conversions = format.text.slice(1, -1).match(/%[*]?\d*(hh|h|ll|l|L|z|j|t)?[diouxXeEfgGaAcsp]/g) ?? [];
    const plain = `"${conversions.join(' ')}"`;
    if (conversions.length === 0 || format.text.replace(/\\n|\s/g, '') === plain.replace(/\s/g, '')) continue;
    found.push({ edits: [{ start: format.startIndex, end: format.endIndex, newText: plain }], line: lineOf(call), priority: 20, why: 'the scanf format expects text the input does not have' });
  }
  return found;
}

/** `text` as the body of a C string literal for printf. */
const cString = (text: string) => text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/%/g, '%%');

/**
 * An `if` that prints but has no `else`, when the failing test expects one line the program never
 * printed and no literal of the program holds: that line printed in an `else` (the "no" of a yes/no task).
 * Where a literal holds it, only when the program printed nothing at all: no branch of a chain
 * answered (`if (y % 400 == 0) ... else if (y % 100 != 0) ...` inside `if (y % 4 == 0)`).
 * Not a line with a number: that depends on the input, and printing it as a constant fits one test only.
 */
export function missingElseEdits(root: SyntaxNode, suspicion: Suspicion, failing?: { expected: string; actual: string }): LogicEdit[] {
  const wanted = failing?.expected.trim() ?? '';
  if (!wanted || wanted.includes('\n') || /\d/.test(wanted) || failing!.actual.includes(wanted)) return [];
  const silent = failing!.actual.trim() === '';
  if (!silent && root.descendantsOfType('string_literal').some((s) => s.text.includes(cString(wanted)))) return [];
  const found: LogicEdit[] = [];
  for (const branch of root.descendantsOfType('if_statement')) {
    if (branch.childForFieldName('alternative') || !isSuspicious(suspicion, lineOf(branch))) continue;
    // A chain that prints the line itself takes the other path, not a new one.
    if (silent && chainHead(branch).text.includes(cString(wanted))) continue;
    const prints = branch.childForFieldName('consequence')?.descendantsOfType('call_expression')
      .find((c) => c.childForFieldName('function')?.text === 'printf');
    if (!prints) continue;
    const lineEnd = /\\n"/.test(prints.childForFieldName('arguments')?.namedChildren[0]?.text ?? '') ? '\\n' : '';
    found.push({ edits: [{ start: branch.endIndex, end: branch.endIndex, newText: ` else printf("${cString(wanted)}${lineEnd}");` }], line: lineOf(branch), priority: 22, guided: true, why: 'the program printed nothing when the condition does not hold' });
  }
  return found;
}

/**
 * `if (a) printf("No"); if (b) printf("Yes"); else ...`, or `if (a) printf("No"); printf("Yes");`:
 * two answers printed where the test expects one, by what follows an `if` with no `else` (another
 * `if`, or a print after an `if` that prints): it was meant as that `else`.
 */
export function elseChainEdits(root: SyntaxNode, suspicion: Suspicion, failing?: { expected: string; actual: string }): LogicEdit[] {
  if (!failing || !printsExtra(failing)) return [];
  const found: LogicEdit[] = [];
  for (const second of root.descendantsOfType(['if_statement', 'expression_statement'])) {
    const first = second.previousNamedSibling;
    if (first?.type !== 'if_statement' || first.childForFieldName('alternative') || second.parent?.type !== 'compound_statement' || !isSuspicious(suspicion, lineOf(second))) continue;
    if (second.type === 'expression_statement' && !(printsOutput(second) && printsOutput(first.childForFieldName('consequence')))) continue;
    const what = second.type === 'if_statement' ? 'the second `if` runs' : 'the print after the `if` runs';
    found.push({ edits: [{ start: second.startIndex, end: second.startIndex, newText: 'else ' }], line: lineOf(second), priority: 10, why: `two answers were printed: ${what} also when the first one already answered` });
  }
  return found;
}

/**
 * A variable declared without a value whose first use reads it, in a program that reads its input
 * with scanf, or that reads nothing although the failing test gives it input: read from the input
 * after the declarations it stands among (the `scanf` for `n` forgotten).
 */
export function forgottenReadEdits(root: SyntaxNode, suspicion: Suspicion, failing?: { input?: string }): LogicEdit[] {
  const reads = root.descendantsOfType('call_expression').map((c) => c.childForFieldName('function')?.text ?? '').filter((name) => READS.test(name));
  const readsNothing = reads.length === 0 && /\S/.test(failing?.input ?? '');
  if (!reads.includes('scanf') && !readsNothing) return [];
  const found: LogicEdit[] = [];
  for (const declaration of root.descendantsOfType('declaration')) {
    const type = declaration.childForFieldName('type')?.text ?? '';
    const conversion = conversionFor(type, 'scanf');
    if (declaration.parent?.type !== 'compound_statement' || !conversion) continue;
    const format = type === 'char' ? ' %c' : `%${conversion}`; // a character: after the line end the input before it left
    for (const declarator of declaration.childrenForFieldName('declarator').filter((d) => d.type === 'identifier')) {
      const first = declaration.parent.descendantsOfType('identifier').find((n) => n.text === declarator.text && n.startIndex > declarator.endIndex);
      if (!first || !isSuspicious(suspicion, lineOf(first)) || isWritten(first)) continue;
      const at = lastOfDeclarations(declaration).endIndex;
      const read = { start: at, end: at, newText: ` scanf("${format}", &${declarator.text});` };
      found.push({ edits: [read], line: lineOf(first), priority: 15, why: `\`${declarator.text}\` is used before it has a value, and the program ${readsNothing ? 'never reads the input the test gives it' : 'reads its input'}` });
    }
  }
  return found;
}

/**
 * A statement that reads a variable before it has a value, just before the scanf that reads it
 * (`temp = c;` then `scanf("%d%d%d", &a, &b, &c);`): moved after that read, when nothing between
 * uses the variable. Reading a variable that was never set is a defect, not a guess: tried first.
 */
export function readOrderEdits(root: SyntaxNode, suspicion: Suspicion): LogicEdit[] {
  const text = sourceOf(root);
  const found: LogicEdit[] = [];
  // A declaration too: `int a[n];` before `scanf("%d", &n);` sizes the array with garbage.
  for (const statement of root.descendantsOfType(['expression_statement', 'declaration'])) {
    if (statement.parent?.type !== 'compound_statement' || !isSuspicious(suspicion, lineOf(statement)) || /scanf/.test(statement.text)) continue;
    const used = new Set(statement.descendantsOfType('identifier').filter((id) => !isWritten(id) && neverSetBefore(root, id)).map((id) => id.text));
    for (let next = statement.nextNamedSibling; next && used.size > 0; next = next.nextNamedSibling) {
      const read = next.type === 'expression_statement' ? scanfTargets(next).find((name) => used.has(name)) : undefined;
      if (read) {
        const indent = lineIndent(text, next.startIndex);
        found.push({
          edits: [removeWithLine(text, { start: statement.startIndex, end: statement.endIndex }), { start: next.endIndex, end: next.endIndex, newText: `\n${indent}${statement.text}` }],
          line: lineOf(statement), priority: 14, guided: true, why: `\`${read}\` is used before the input is read into it`,
        });
        break;
      }
      // A statement between that uses a variable makes its earlier value the one meant.
      for (const id of next.descendantsOfType('identifier')) used.delete(id.text);
    }
  }
  return found;
}

/** The variables a statement's scanf calls read into (`&x`, `&a[i]` is not one). */
function scanfTargets(statement: SyntaxNode): string[] {
  return statement.descendantsOfType('call_expression')
    .filter((call) => call.childForFieldName('function')?.text === 'scanf')
    .flatMap((call) => call.childForFieldName('arguments')?.namedChildren.slice(1) ?? [])
    .filter((arg) => arg.type === 'pointer_expression' && arg.childForFieldName('argument')?.type === 'identifier')
    .map((arg) => arg.childForFieldName('argument')!.text);
}

/** The last of the declarations that follow `declaration` in its block (a statement there would be invalid C90). */
function lastOfDeclarations(declaration: SyntaxNode): SyntaxNode {
  let last = declaration;
  for (let next = declaration.nextNamedSibling; next && /^(declaration|comment)$/.test(next.type); next = next.nextNamedSibling) {
    if (next.type === 'declaration') last = next;
  }
  return last;
}

/** True when this use of a variable sets it: assigned to, or its address taken (read into by scanf). */
function isWritten(use: SyntaxNode): boolean {
  const parent = use.parent;
  if (parent?.type === 'assignment_expression' && parent.childForFieldName('left')?.startIndex === use.startIndex) return true;
  return parent?.type === 'pointer_expression' && parent.text.startsWith('&');
}

/** The operands of a comma expression, in order (tree-sitter nests `a, b, c` to the right). */
function commaOperands(node: SyntaxNode): SyntaxNode[] {
  return node.type === 'comma_expression' ? [node.namedChild(0)!, ...commaOperands(node.namedChild(1)!)] : [node];
}

/**
 * `(a, b, c)` where the program defines a function of that many parameters: a call whose name was
 * left out (`return (ar, size, start + 1);` in a recursive function). The enclosing function first.
 */
export function forgottenCallEdits(root: SyntaxNode, suspicion: Suspicion): LogicEdit[] {
  const functions = root.descendantsOfType('function_definition').map((f) => {
    const declarator = f.descendantsOfType('function_declarator')[0];
    const parameters = declarator?.childForFieldName('parameters')?.namedChildren.filter((p) => p.type === 'parameter_declaration') ?? [];
    return { node: f, name: declarator?.childForFieldName('declarator')?.text ?? '', arity: parameters.length };
  }).filter((f) => f.name);
  const found: LogicEdit[] = [];
  for (const group of root.descendantsOfType('parenthesized_expression')) {
    const inner = group.namedChild(0);
    if (inner?.type !== 'comma_expression' || !isSuspicious(suspicion, lineOf(group))) continue;
    const arity = commaOperands(inner).length;
    const enclosing = (f: { node: SyntaxNode }) => f.node.startIndex <= group.startIndex && group.endIndex <= f.node.endIndex;
    functions.filter((f) => f.arity === arity).sort((a, b) => Number(enclosing(b)) - Number(enclosing(a))).forEach((f, k) => found.push({
      edits: [{ start: group.startIndex, end: group.startIndex, newText: /\w/.test(sourceOf(root)[group.startIndex - 1] ?? '') ? ` ${f.name}` : f.name }],
      line: lineOf(group), priority: 12 + k,
      why: `the parentheses hold ${f.name}'s ${arity} arguments, but the call has no function name`,
    }));
  }
  return found;
}

/**
 * `printf(0)` or `printf(n)`: a value given where printf wants its format, which prints nothing or
 * crashes. A number becomes the text it stands for, anything else the value printed with `%d`.
 */
export function formatlessPrintEdits(root: SyntaxNode, suspicion: Suspicion): LogicEdit[] {
  const found: LogicEdit[] = [];
  for (const call of suspiciousCalls(root, suspicion, 'printf')) {
    const args = call.childForFieldName('arguments')?.namedChildren ?? [];
    const value = args[0];
    if (args.length !== 1 || !value || /^(string_literal|concatenated_string)$/.test(value.type)) continue;
    if (value.type !== 'number_literal' && value.type !== 'identifier' && value.type !== 'binary_expression') continue;
    const newText = value.type === 'number_literal' ? JSON.stringify(value.text) : `"%d", ${value.text}`;
    found.push({ edits: [{ start: value.startIndex, end: value.endIndex, newText }], line: lineOf(call), priority: 12, why: `printf was given \`${value.text}\` where it wants the format of what it prints` });
  }
  return found;
}

/**
 * `printf("N")` or `printf("N\n")`: a variable's name printed as text where its value was meant (the
 * quotes around the name, not the format). Only a literal that holds the name and nothing else but
 * spaces, punctuation and line ends.
 */
export function printedNameEdits(root: SyntaxNode, suspicion: Suspicion): LogicEdit[] {
  const found: LogicEdit[] = [];
  for (const call of suspiciousCalls(root, suspicion, 'printf')) {
    const args = call.childForFieldName('arguments')?.namedChildren ?? [];
    const literal = args[0];
    if (args.length !== 1 || literal?.type !== 'string_literal') continue;
    const m = /^((?:\\n|[^\w%\\])*)([A-Za-z_]\w*)((?:\\n|[^\w%\\])*)$/.exec(literal.text.slice(1, -1));
    const declared = m && namesInScope(root, call.startIndex).find((n) => n.name === m[2]);
    const conversion = declared && declared.arrayDims === 0 && declared.pointers === 0 ? conversionFor(declared.type, 'printf') : undefined;
    if (!m || !conversion) continue;
    found.push({
      edits: [{ start: literal.startIndex, end: literal.endIndex, newText: `"${m[1]}%${conversion}${m[3]}", ${m[2]}` }], line: lineOf(call), priority: 12,
      why: `printf prints the name \`${m[2]}\` as text where its value was meant`,
    });
  }
  return found;
}

/** The assignment an expression statement makes, if it is a plain `left = right;`. */
function plainAssignment(statement: SyntaxNode | null): { left: SyntaxNode; right: SyntaxNode } | undefined {
  const e = statement?.type === 'expression_statement' ? statement.namedChild(0) : null;
  if (e?.type !== 'assignment_expression' || e.childForFieldName('operator')?.text !== '=') return undefined;
  const left = e.childForFieldName('left');
  const right = e.childForFieldName('right');
  return left && right ? { left, right } : undefined;
}

/**
 * `t = a; a = b; b = a;`: a swap whose last step copies back the value just written, so both end up
 * `b`. The last step takes the saved value, `b = t;`.
 */
export function lostSwapEdits(root: SyntaxNode, suspicion: Suspicion): LogicEdit[] {
  const found: LogicEdit[] = [];
  for (const statement of root.descendantsOfType('expression_statement')) {
    const save = plainAssignment(statement);
    const second = save && plainAssignment(statement.nextNamedSibling);
    const third = second && plainAssignment(statement.nextNamedSibling!.nextNamedSibling);
    if (!save || !second || !third || !isSuspicious(suspicion, lineOf(third.right))) continue;
    const a = save.right.text.replace(/\s+/g, '');
    const same = (n: SyntaxNode, text: string) => n.text.replace(/\s+/g, '') === text;
    if (save.left.type !== 'identifier' || !same(second.left, a) || !same(third.right, a) || !same(third.left, second.right.text.replace(/\s+/g, ''))) continue;
    found.push({
      edits: [{ start: third.right.startIndex, end: third.right.endIndex, newText: save.left.text }], line: lineOf(third.right), priority: 8,
      why: `the swap's last step copies \`${third.right.text}\` back after it was overwritten, instead of the saved \`${save.left.text}\``,
    });
  }
  return found;
}

/** True when the node is a call of function `name`. */
const calls = (node: SyntaxNode | null | undefined, name: string) => node?.type === 'call_expression' && node.childForFieldName('function')?.text === name;

/** The conversions of a scanf format that store a value (`%*d` and `%%` store none). */
const storingConversions = (format: string) => [...format.matchAll(/%(\*?)[^a-zA-Z%]*[a-zA-Z%]/g)].filter((m) => !m[1] && !m[0].endsWith('%')).length;

/**
 * A loop on its input that never sees the input's end: `while (scanf("%d", &n))` (scanf returns
 * EOF, -1, true, at the end) goes on while every conversion was read; `while ((c = getchar()))`
 * (EOF is not 0) goes on while `c != EOF`.
 */
export function readLoopEdits(root: SyntaxNode, suspicion: Suspicion): LogicEdit[] {
  const found: LogicEdit[] = [];
  for (const loop of root.descendantsOfType(['while_statement', 'for_statement'])) {
    const condition = unparenthesized(loop.childForFieldName('condition'));
    if (!condition || !isSuspicious(suspicion, lineOf(loop))) continue;
    const format = calls(condition, 'scanf') ? condition.childForFieldName('arguments')?.namedChild(0) : undefined;
    if (format?.type === 'string_literal') {
      found.push({
        edits: [{ start: condition.endIndex, end: condition.endIndex, newText: ` == ${storingConversions(format.text)}` }], line: lineOf(loop), priority: 4,
        why: 'scanf returns EOF, which is true, at the end of the input: the loop never ends',
      });
    }
    if (condition.type === 'assignment_expression' && condition.child(1)?.text === '=' && calls(condition.childForFieldName('right'), 'getchar')) {
      // `while ((c = getchar()))` compares its inner parentheses; `while (c = getchar())` gets them.
      const inner = condition.parent?.startIndex !== loop.childForFieldName('condition')?.startIndex ? condition.parent : undefined;
      const edits = inner ? [{ start: inner.endIndex, end: inner.endIndex, newText: ' != EOF' }] : [{ start: condition.startIndex, end: condition.startIndex, newText: '(' }, { start: condition.endIndex, end: condition.endIndex, newText: ') != EOF' }];
      found.push({
        edits, line: lineOf(loop), priority: 4,
        why: 'getchar returns EOF, which is not 0, at the end of the input: the loop never ends',
      });
    }
    found.push(...lineEndOnlyEdits(root, loop));
  }
  return found;
}

/**
 * `while ((c = getchar()) != '\n')` on an input whose last line has no line end: getchar returns
 * EOF there forever. The loop stops at the input's end too, or reads to the end instead.
 */
function lineEndOnlyEdits(root: SyntaxNode, loop: SyntaxNode): LogicEdit[] {
  const read = (name: string) => root.descendantsOfType('assignment_expression').some((a) => a.childForFieldName('left')?.text === name && calls(unparenthesized(a.childForFieldName('right')), 'getchar'));
  const found: LogicEdit[] = [];
  for (const test of loop.childForFieldName('condition')?.descendantsOfType('binary_expression') ?? []) {
    const [left, right] = [unparenthesized(test.childForFieldName('left')), test.childForFieldName('right')];
    const name = left?.type === 'assignment_expression' ? left.childForFieldName('left') : left;
    if (test.childForFieldName('operator')?.text !== '!=' || right?.text !== "'\\n'" || name?.type !== 'identifier' || !read(name.text)) continue;
    const why = "the input's last line may have no line end, and getchar returns EOF there forever";
    found.push({ edits: [{ start: test.endIndex, end: test.endIndex, newText: ` && ${name.text} != EOF` }], line: lineOf(loop), priority: 5, why });
    found.push({ edits: [{ start: right.startIndex, end: right.endIndex, newText: 'EOF' }], line: lineOf(loop), priority: 5, why });
  }
  return found;
}
