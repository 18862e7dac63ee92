// A case tested too late in an else-if chain, moved to the chain's front where the failing test expects what it prints.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseC } from '../../server/src/c/parser';
import { branchOrderEdits } from '../../server/src/repair/branchOrderEdits';
import { applyEdits } from '../../server/src/repair/edits';
import { RepairEngine } from '../../server/src/repair/engine';
import { everyLine } from '../support/suspicion';

const TRIANGLE = `#include <stdio.h>
int main(void) {
    int a, b, c;
    scanf("%d %d %d", &a, &b, &c);
    if (a * a + b * b == c * c)
        printf("Right Triangle");
    else if (a * a + b * b < c * c)
        printf("Obtuse Triangle");
    else if (a + b <= c)
        printf("Invalid Triangle");
    else
        printf("Acute Triangle");
    return 0;
}
`;

test('branch order: the branch that prints what the test expects moved to the front of its chain, only that one', () => {
  const edits = (expected: string, actual: string) => branchOrderEdits(parseC(TRIANGLE).rootNode, everyLine(TRIANGLE), { expected, actual });
  const moved = edits('Invalid Triangle', 'Obtuse Triangle').map((e) => applyEdits(TRIANGLE, e.edits));
  assert.deepEqual(moved, [TRIANGLE
    .replace('    if (a * a + b * b == c * c)', '    if (a + b <= c) printf("Invalid Triangle"); else if (a * a + b * b == c * c)')
    .replace('    else if (a + b <= c)\n        printf("Invalid Triangle");\n', '')]);
  assert.deepEqual(edits('Obtuse Triangle', 'Obtuse Triangle'), [], 'not a branch whose words the program printed');
  assert.deepEqual(edits('Acute Triangle', 'Right Triangle'), [], 'a plain else is no case to move');
});

test('engine: invalid sides tested after the kinds of triangle are tested first', async () => {
  const tests = [
    { name: '1', input: '3 4 5', output: 'Right Triangle' },
    { name: '2', input: '1 1 5', output: 'Invalid Triangle' },
    { name: '3', input: '2 3 4', output: 'Obtuse Triangle' },
    { name: '4', input: '4 4 4', output: 'Acute Triangle' },
  ];
  const r = await new RepairEngine({ compiler: { family: 'gcc', args: [] }, tests }).repair(TRIANGLE);
  assert.equal(r.status, 'repaired');
  assert.equal(r.testsAfter?.passed, 4);
  assert.ok(r.edits.some((e) => e.explanation.includes('"Invalid Triangle" is tested after')), JSON.stringify(r.edits));
});
