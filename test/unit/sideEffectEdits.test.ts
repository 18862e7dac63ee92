// A step inside a call's arguments, where the value one further was meant.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseC } from '../../server/src/c/parser';
import { applyEdits } from '../../server/src/repair/edits';
import { argumentStepEdits } from '../../server/src/repair/sideEffectEdits';
import { everyLine } from '../support/suspicion';

test('argument steps: ++k and k-- in a call\'s arguments replaced by their value, all of a function at once, then each', () => {
  const program = `int a[3], n = 3;
int sum(int k, int s) {
    if (k >= n) return s == 0;
    int x = sum(++k, s - a[k]);
    return x || sum(k--, s);
}
int main(void) {
    int i = 0;
    i++;
    return sum(i, 4);
}
`;
  const found = argumentStepEdits(parseC(program).rootNode, everyLine(program)).map((e) => applyEdits(program, e.edits));
  const first = program.replace('sum(++k, s - a[k])', 'sum(k + 1, s - a[k])');
  assert.deepEqual(found, [first.replace('sum(k--, s)', 'sum(k, s)'), first, program.replace('sum(k--, s)', 'sum(k, s)')], 'not a step of its own statement');
});
