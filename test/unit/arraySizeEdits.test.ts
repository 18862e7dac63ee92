// Arrays too small for the input, enlarged together within what the memory allows.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseC } from '../../server/src/c/parser';
import { arraySizeEdits } from '../../server/src/repair/arraySizeEdits';
import { applyEdits } from '../../server/src/repair/edits';
import { everyLine } from '../support/suspicion';

test('array sizes: every constant-size array ten and a hundred times larger, where it fits', () => {
  const program = `#include <stdio.h>
int big[1000][1000];
char word[21], names[10][20];
int main() {
    int a[100] = {0}, n, i, grid[600][600];
    char *p;
    scanf("%d %20s", &n, word);
    for (i = 0; i < n; i++) scanf("%d", &a[i]);
    p = word;
    printf("%d %c %d %c\\n", a[n - 1], *p, big[0][0] + grid[0][0], names[0][0]);
    return 0;
}
`;
  const found = arraySizeEdits(parseC(program).rootNode, everyLine(program)).map((e) => applyEdits(program, e.edits));
  assert.deepEqual(found, [
    program.replace('char word[21], names[10][20];', 'char word[210], names[100][200];').replace('int a[100] = {0}', 'int a[1000] = {0}'),
    program.replace('char word[21], names[10][20];', 'char word[2100], names[1000][2000];').replace('int a[100] = {0}', 'int a[10000] = {0}'),
  ], 'not the 4 MB table at file scope, nor the 1.4 MB one on the stack: they would not fit');
  assert.equal(arraySizeEdits(parseC(program).rootNode, everyLine(program, 8)).length, 2, 'an index on another line the tests ran');
  const noIndex = 'int main() { int a[3]; return sizeof a; }\n';
  assert.equal(arraySizeEdits(parseC(noIndex).rootNode, everyLine(noIndex)).length, 0, 'not a program that indexes none of them');
});
