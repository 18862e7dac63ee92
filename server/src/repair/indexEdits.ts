// The index where the element was meant, and the element where its index was: `pre = i;` in a
// function that walks `s[i]`, for `pre = s[i];` (the value compared with the next ones), and
// `pos = a[i];` for `pos = i;`. A novice keeps both in mind and writes the other. Each candidate
// changes one assignment's right side; a program has few such assignments, so they are a pattern.
import { lineOf, unparenthesized, type SyntaxNode } from '../c/parser';
import { declaredNameOf, enclosingFunction } from '../c/scopes';
import { isIntegerVariable } from '../c/types';
import { isSuspicious, type Suspicion } from './faultLocalization';
import type { LogicEdit } from './mutationSearch';

/** Arrays of one index tried for an index, at most. */
const MAX_ARRAYS = 2;

/** Each assignment of an index that some array of its function is read at, as that element; and of an element, as its index. */
export function indexElementEdits(root: SyntaxNode, suspicion: Suspicion): LogicEdit[] {
  const found: LogicEdit[] = [];
  for (const a of root.descendantsOfType('assignment_expression')) {
    const [left, right] = [a.childForFieldName('left'), unparenthesized(a.childForFieldName('right'))];
    // Not a loop's own start or step (`for (j = i; ...)`).
    if (a.childForFieldName('operator')?.text !== '=' || left?.type !== 'identifier' || !right || a.parent?.type === 'for_statement' || !isSuspicious(suspicion, lineOf(a))) continue;
    const target = declaredNameOf(root, left);
    if (!target || target.arrayDims + target.pointers > 0) continue;
    const edit = (newText: string, why: string) => found.push({ edits: [{ start: right.startIndex, end: right.endIndex, newText }], line: lineOf(a), priority: 26, pattern: true, why });
    if (right.type === 'identifier') {
      // The arrays the function reads at this index, whose elements have the assigned variable's type.
      const scope = enclosingFunction(root, a.startIndex) ?? root;
      const arrays = new Set(scope.descendantsOfType('subscript_expression')
        .filter((s) => s.childForFieldName('index')?.text === right.text && s.childForFieldName('argument')?.type === 'identifier')
        .map((s) => s.childForFieldName('argument')!)
        .filter((x) => { const d = declaredNameOf(root, x); return d !== undefined && d.type === target.type && d.arrayDims + d.pointers === 1; })
        .map((x) => x.text));
      for (const x of [...arrays].slice(0, MAX_ARRAYS)) edit(`${x}[${right.text}]`, `\`${left.text}\` takes the index \`${right.text}\` where the element \`${x}[${right.text}]\` was meant`);
    } else if (right.type === 'subscript_expression') {
      const index = right.childForFieldName('index');
      const counter = index?.type === 'identifier' ? declaredNameOf(root, index) : undefined;
      if (index && counter && isIntegerVariable(counter) && isIntegerVariable(target)) edit(index.text, `\`${left.text}\` takes the element \`${right.text}\` where its index \`${index.text}\` was meant`);
    }
  }
  return found;
}
