// A program that reads a file where the tests give standard input: the redirection taken out.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseC } from '../../server/src/c/parser';
import { runTests } from '../../server/src/oracle/testRunner';
import { applyEdits } from '../../server/src/repair/edits';
import { RepairEngine } from '../../server/src/repair/engine';
import { redirectedStreamEdits } from '../../server/src/repair/redirectEdits';

const program = `#include <stdio.h>
int main(void) {
    int a, b;
    freopen("input.txt", "r", stdin);
    scanf("%d %d", &a, &b);
    printf("%d\\n", a + b);
    fclose(stdin);
    return 0;
}
`;

test('redirected streams: every freopen of a standard stream and its fclose removed in one candidate', () => {
  const found = redirectedStreamEdits(parseC(program).rootNode);
  assert.equal(found.length, 1);
  assert.ok(found[0].guided);
  assert.equal(applyEdits(program, found[0].edits), program.replace('    freopen("input.txt", "r", stdin);\n', '').replace('    fclose(stdin);\n', ''));
  const ownFile = program.replace('freopen("input.txt", "r", stdin);', 'FILE *f = fopen("log.txt", "w");').replace('fclose(stdin)', 'fclose(f)');
  assert.equal(redirectedStreamEdits(parseC(ownFile).rootNode).length, 0, 'a file of its own is not a redirection');
});

test('engine: a program that reads a file of its own testing is repaired to read the test\'s input', async () => {
  const tests = [
    { name: '1', input: '2 3', output: '5\n' },
    { name: '2', input: '10 -4', output: '6\n' },
  ];
  const gcc = { family: 'gcc' as const, args: ['-std=gnu11', '-w'] };
  const r = await new RepairEngine({ compiler: gcc, tests }).repair(program);
  assert.equal(r.status, 'repaired', JSON.stringify(r.edits));
  assert.ok(!r.repaired.includes('freopen'));
  assert.equal((await runTests(r.repaired, tests, { compiler: gcc })).passed, 2, 'independently re-run');
});
