// An integer operand one off where no literal is there to change: a nested loop that starts at the
// outer counter where it meant the next one (`for (j = i; ...)` for `j = i + 1`), a loop that runs
// one place too far (`j < n` for `j < n - 1`), a pointer read one place off (`*(s + l - i)` for `*(s + l - i - 1)`). Guesses within the search's budget.
import { lineOf, unparenthesized, type SyntaxNode } from '../c/parser';
import { isSuspicious, type Suspicion } from './faultLocalization';
import type { LogicEdit } from './mutationSearch';

/** A sum or difference with a literal (`i + 1`): the operator edits change its literal already. */
const endsInLiteral = (value: SyntaxNode) => value.type === 'binary_expression' && value.childForFieldName('right')?.type === 'number_literal';

/** `value + 1` and `value - 1`, each a candidate, after `value`. */
function shifted(value: SyntaxNode, priority: number, why: string): LogicEdit[] {
  return [' + 1', ' - 1'].map((delta, k) => ({ edits: [{ start: value.endIndex, end: value.endIndex, newText: delta }], line: lineOf(value), priority: priority + k, why }));
}

/** A `for` whose counter starts from a variable or an expression (a literal start is the operator edits' to change). */
function loopStartShifts(root: SyntaxNode, suspicion: Suspicion): LogicEdit[] {
  return root.descendantsOfType('for_statement').flatMap((loop) => {
    const init = loop.childForFieldName('initializer');
    const start = init?.type === 'assignment_expression' && init.childForFieldName('operator')?.text === '=' ? init.childForFieldName('right')
      : init?.type === 'declaration' ? init.descendantsOfType('init_declarator')[0]?.childForFieldName('value') : undefined;
    if (!start || start.type === 'number_literal' || endsInLiteral(start) || start.descendantsOfType('identifier').length === 0 || !isSuspicious(suspicion, lineOf(loop))) return [];
    return shifted(start, 24, 'the loop starts one place off');
  });
}

/** A `for` whose counter runs to a variable or an expression (`j < n` where `j + 1` must stay inside: `j < n - 1`). */
function loopBoundShifts(root: SyntaxNode, suspicion: Suspicion): LogicEdit[] {
  return root.descendantsOfType('for_statement').flatMap((loop) => {
    // One place outward is the operator edits' (`<` to `<=`); one place inward is not: `< n - 1`, `> n + 1`.
    const test = unparenthesized(loop.childForFieldName('condition'));
    const operator = test?.type === 'binary_expression' ? test.childForFieldName('operator')?.text : undefined;
    const bound = operator === '<' || operator === '>' ? test!.childForFieldName('right') : undefined;
    if (!bound || bound.type === 'number_literal' || endsInLiteral(bound) || bound.descendantsOfType('identifier').length === 0 || !isSuspicious(suspicion, lineOf(loop))) return [];
    const inward = shifted(bound, 24, 'the loop ends one place off')[operator === '<' ? 1 : 0];
    // A body that reads the element after the counter's (`a[j + 1]`) past the end of a `j < n` loop:
    // reading past the end is a defect, not a guess (tried first, as a read of a value never set is).
    const counter = test!.childForFieldName('left')?.text;
    const lessened = bound.type === 'binary_expression' && bound.childForFieldName('operator')?.text === '-';
    const readsNext = operator === '<' && !lessened && (loop.childForFieldName('body')?.descendantsOfType('subscript_expression') ?? [])
      .some((s) => s.childForFieldName('index')?.text.replace(/\s/g, '') === `${counter}+1`);
    return [readsNext ? { ...inward, priority: 14, pattern: true, guided: true, why: 'the loop reads the element after the last one' } : inward];
  });
}

/** `*(p + offset)`: the offset one place off (a pointer walked like an array, from the end). */
function pointerOffsetShifts(root: SyntaxNode, suspicion: Suspicion): LogicEdit[] {
  return root.descendantsOfType('pointer_expression').flatMap((deref) => {
    const sum = unparenthesized(deref.childForFieldName('argument'));
    if (deref.child(0)?.text !== '*' || sum?.type !== 'binary_expression' || endsInLiteral(sum) || !/^[-+]$/.test(sum.childForFieldName('operator')?.text ?? '') || !isSuspicious(suspicion, lineOf(deref))) return [];
    return shifted(sum, 25, 'the pointer reads one place off');
  });
}

export function operandShiftEdits(root: SyntaxNode, suspicion: Suspicion): LogicEdit[] {
  return [...loopStartShifts(root, suspicion), ...loopBoundShifts(root, suspicion), ...pointerOffsetShifts(root, suspicion)];
}
