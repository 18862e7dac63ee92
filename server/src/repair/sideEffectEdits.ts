// A step written inside a call's arguments (`groupSum(++k, sum - a[k])`): it changes `k` for the
// rest of the function (and for the other arguments, in an order C leaves open), where the value
// one further was meant. Each such step replaced by that value (`k + 1`; `k` for `k++`), those of a
// function all at once, then each alone.
import { lineOf, type SyntaxNode } from '../c/parser';
import type { TextEdit } from '../oracle/compiler';
import { isSuspicious, type Suspicion } from './faultLocalization';
import type { LogicEdit } from './mutationSearch';

/** The value a step stands for, without the step: `++k` is `k + 1`, `k--` is `k`. */
function valueOf(step: SyntaxNode): string | undefined {
  const argument = step.childForFieldName('argument');
  const operator = step.childForFieldName('operator')?.text;
  if (argument?.type !== 'identifier' || !operator) return undefined;
  const prefix = step.startIndex < argument.startIndex;
  return prefix ? `${argument.text} ${operator === '++' ? '+' : '-'} 1` : argument.text;
}

export function argumentStepEdits(root: SyntaxNode, suspicion: Suspicion): LogicEdit[] {
  const why = 'a step inside a call\'s arguments changes the variable for the rest of the function: the value one further was meant';
  const found: LogicEdit[] = [];
  for (const fn of root.descendantsOfType('function_definition')) {
    const steps = fn.descendantsOfType('update_expression').filter((step) => step.parent?.type === 'argument_list' && isSuspicious(suspicion, lineOf(step)));
    const edits = steps.flatMap((step): { edit: TextEdit; line: number }[] => {
      const value = valueOf(step);
      return value ? [{ edit: { start: step.startIndex, end: step.endIndex, newText: value }, line: lineOf(step) }] : [];
    });
    const choices = edits.length > 1 ? [edits, ...edits.map((e) => [e])] : edits.length === 1 ? [edits] : [];
    for (const chosen of choices) found.push({ edits: chosen.map((c) => c.edit), line: chosen[0].line, priority: 12, why });
  }
  return found;
}
