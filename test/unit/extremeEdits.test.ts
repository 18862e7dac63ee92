// A running minimum or maximum that starts inside the data's range starts from its type's far end.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseC } from '../../server/src/c/parser';
import { applyEdits } from '../../server/src/repair/edits';
import { extremeIndexEdits, extremeStartEdits } from '../../server/src/repair/extremeEdits';
import { everyLine } from '../support/suspicion';

test('extreme start: a minimum and a maximum that start at 0 start from the far ends, alone and together', () => {
  const program = `#include <stdio.h>
int main() {
    int n, i;
    float min = 0, max = 0, x;
    int low;
    scanf("%d", &n);
    low = 0;
    for (i = 0; i < n; i++) {
        scanf("%f", &x);
        min = (x < min) ? x : min;
        if (max < x) max = x;
        if (x < low) { low = x; }
    }
    printf("%f %f %d\\n", min, max, low);
    return 0;
}
`;
  const found = extremeStartEdits(parseC(program).rootNode, everyLine(program)).map((e) => applyEdits(program, e.edits));
  assert.deepEqual(found, [
    program.replace('float min = 0,', 'float min = 1e30,'),
    program.replace('max = 0, x;', 'max = -1e30, x;'),
    program.replace('low = 0;', 'low = 2147483647;'),
    program.replace('float min = 0, max = 0,', 'float min = 1e30, max = -1e30,').replace('low = 0;', 'low = 2147483647;'),
  ]);
  const unset = 'int main() { int a[3] = {4, 2, 5}, i, best; for (i = 0; i < 3; i++) if (a[i] > best) best = a[i]; return best; }\n';
  assert.deepEqual(extremeStartEdits(parseC(unset).rootNode, everyLine(unset)).map((e) => applyEdits(unset, e.edits)), [unset.replace('i, best;', 'i, best = (-2147483647 - 1);')]);
  const other = 'int main() { int a = 1, b = 2, m = 0; if (a < b) m = b; else m = a; return m; }\n';
  assert.equal(extremeStartEdits(parseC(other).rootNode, everyLine(other)).length, 0, 'not a value chosen between two others');
});

test('extreme start: a maximum that starts past every value never updates, so the tests point at its if, not at the update', () => {
  const program = `int main() {
    int s[3] = {-4, -2, -5}, i, best = 0;
    for (i = 0; i < 3; i++)
        if (s[i] > best)
            best = s[i];
    return best;
}
`;
  const updateNeverRan = everyLine(program, 5);
  const found = extremeStartEdits(parseC(program).rootNode, updateNeverRan);
  assert.deepEqual(found.map((e) => applyEdits(program, e.edits)), [program.replace('best = 0;', 'best = (-2147483647 - 1);')]);
  assert.equal(found[0].line, 4, 'the line of the if, which the tests ran');
  assert.equal(extremeStartEdits(parseC(program).rootNode, new Map([...everyLine(program)].map(([line, score]) => [line, line === 4 || line === 5 ? 0 : score]))).length, 0, 'not where the tests ran neither');
});

test('extreme index: the position of a minimum set from another index than the one its test compares is set from that one', () => {
  const program = `void sort(int a[], int n) {
  int i, j, min, t;
  for (i = 0; i < n - 1; i++) {
    min = i;
    for (j = i + 1; j < n; j++)
      if (a[min] > a[j]) min = i;
    if (a[i] < a[j - 1]) t = i;
    t = a[i]; a[i] = a[min]; a[min] = t;
  }
}
`;
  const found = extremeIndexEdits(parseC(program).rootNode, everyLine(program));
  assert.deepEqual(found.map((e) => applyEdits(program, e.edits)), [program.replace('min = i;\n    if', 'min = j;\n    if')], 'not an assignment of a variable the test does not compare');
});
