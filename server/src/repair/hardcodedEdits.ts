// A value the student tried the program with, written where the input was meant:
// `for (j = 5; j > i; j--)` after `scanf("%d", &n)` passes the test that reads 5 and no other.
// Each integer literal from 2 up on a suspicious line (0 and 1 start and step loops; a 1 compared
// with is a bound, `i <= 1`, and counts) becomes each
// integer the function reads or takes as a parameter; the value's every place in the function at
// once too, where the student wrote it more than once.
import { lineOf, type SyntaxNode } from '../c/parser';
import { enclosingFunction, namesInScope } from '../c/scopes';
import { isIntegerVariable } from '../c/types';
import type { TextEdit } from '../oracle/compiler';
import { isSuspicious, type Suspicion } from './faultLocalization';
import type { LogicEdit } from './mutationSearch';

/** Integer inputs tried per literal: a function reads few. */
const MAX_INPUTS = 3;

/** The integer variables a function reads with scanf, then its integer parameters (main's are not input). */
function integerInputs(root: SyntaxNode, f: SyntaxNode): string[] {
  const read = f.descendantsOfType('call_expression')
    .filter((call) => /^scanf$/.test(call.childForFieldName('function')?.text ?? ''))
    .flatMap((call) => call.childForFieldName('arguments')?.namedChildren ?? [])
    .filter((a) => a.type === 'pointer_expression' && a.childForFieldName('argument')?.type === 'identifier')
    .map((a) => a.childForFieldName('argument')!);
  const params = /\bmain\b/.test(f.childForFieldName('declarator')?.text ?? '') ? [] : f.descendantsOfType('parameter_declaration').flatMap((p) => p.descendantsOfType('identifier'));
  const names = [...read, ...params].filter((id) => namesInScope(root, id.endIndex).some((d) => d.name === id.text && isIntegerVariable(d)));
  return [...new Set(names.map((id) => id.text))].slice(0, MAX_INPUTS);
}

/** A literal that can stand for an input: a plain integer from 2 up (or 1 compared with) in code, not an array's size or a `case` label. */
function replaceable(literal: SyntaxNode): boolean {
  const compared = literal.parent?.type === 'binary_expression' && /^[<>]=?$/.test(literal.parent.childForFieldName('operator')?.text ?? '');
  if (!/^\d+$/.test(literal.text) || Number(literal.text) < (compared ? 1 : 2)) return false;
  for (let n: SyntaxNode | null = literal.parent; n; n = n.parent) {
    if (/^(array_declarator|case_statement|preproc_)/.test(n.type)) return false;
    if (/statement$|^declaration$/.test(n.type)) break;
  }
  return literal.parent?.type !== 'return_statement';
}

/** Suspicious integer literals as the function's integer inputs, each alone and, for a value written more than once, everywhere at once. */
export function hardcodedValueEdits(root: SyntaxNode, suspicion: Suspicion): LogicEdit[] {
  const found: LogicEdit[] = [];
  const inputsOf = new Map<number, string[]>(); // per function (by node id): its scanf reads are found once
  const valuesDone = new Set<string>(); // a value's everywhere-at-once candidates, once per function
  for (const literal of root.descendantsOfType('number_literal')) {
    if (!replaceable(literal) || !isSuspicious(suspicion, lineOf(literal))) continue;
    const f = enclosingFunction(root, literal.startIndex);
    if (!f) continue;
    if (!inputsOf.has(f.id)) inputsOf.set(f.id, integerInputs(root, f));
    const value = `${f.id} ${literal.text}`;
    const alike = valuesDone.has(value) ? [] : f.descendantsOfType('number_literal').filter((l) => l.text === literal.text && replaceable(l));
    valuesDone.add(value);
    for (const name of inputsOf.get(f.id)!) {
      const why = `${literal.text} is a value the program was tried with; the input \`${name}\` was meant`;
      const at = (l: SyntaxNode): TextEdit => ({ start: l.startIndex, end: l.endIndex, newText: name });
      found.push({ edits: [at(literal)], line: lineOf(literal), priority: 30, why });
      if (alike.length > 1) found.push({ edits: alike.map(at), line: lineOf(literal), priority: 29, why });
    }
  }
  return found;
}
