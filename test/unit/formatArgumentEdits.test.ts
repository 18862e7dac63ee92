// A printf whose conversions and values do not pair up: the extra conversions removed, or the missing ones added.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseC } from '../../server/src/c/parser';
import { runTests } from '../../server/src/oracle/testRunner';
import { applyEdits } from '../../server/src/repair/edits';
import { RepairEngine } from '../../server/src/repair/engine';
import { formatArgumentEdits } from '../../server/src/repair/formatArgumentEdits';
import { everyLine } from '../support/suspicion';

test('format arguments: extra conversions removed with their space; a conversion by declared type added for each extra value', () => {
  const program = `#include <stdio.h>
int main(void) {
    float a = 1.5f;
    int sum = 3;
    double m = 2;
    printf("%.4f is positive %d\\n", a);
    printf("The sum is\\n", sum);
    printf("%d and", sum, m);
    printf("%d %d\\n", sum, sum);
    printf("100%% of %d\\n");
    return 0;
}
`;
  const found = formatArgumentEdits(parseC(program).rootNode, everyLine(program)).map((e) => applyEdits(program, e.edits));
  assert.deepEqual(found, [
    program.replace('"%.4f is positive %d\\n"', '"%.4f is positive\\n"'),
    program.replace('"The sum is\\n"', '"The sum is %d\\n"'),
    program.replace('"%d and"', '"%d and %f"'),
  ], 'not a format that pairs up, nor one with %%');
});

test('engine: a conversion with no value, which prints what memory holds, is removed', async () => {
  const program = `#include <stdio.h>
int main(void) {
    float a;
    scanf("%f", &a);
    if (a > 0)
        printf("%.2f is positive %d", a);
    else
        printf("%.2f is not positive", a);
    return 0;
}
`;
  const tests = [{ name: '1', input: '2.5', output: '2.50 is positive' }, { name: '2', input: '-1', output: '-1.00 is not positive' }];
  const gcc = { family: 'gcc' as const, args: ['-w'] };
  const r = await new RepairEngine({ compiler: gcc, tests }).repair(program);
  assert.equal(r.status, 'repaired', JSON.stringify(r.edits));
  assert.match(r.repaired, /printf\("%\.2f is positive", a\)/);
  assert.equal((await runTests(r.repaired, tests, { compiler: gcc })).passed, 2, 'independently re-run');
});
