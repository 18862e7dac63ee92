// The index where the element was meant, and the element where its index was.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseC } from '../../server/src/c/parser';
import { applyEdits } from '../../server/src/repair/edits';
import { indexElementEdits } from '../../server/src/repair/indexEdits';
import { everyLine } from '../support/suspicion';

test('index and element: an index assigned where the element of an array read at it was meant, and the other way round', () => {
  const program = `int main(void) {
  int s[5] = {1, 2, 3, 4, 5}, i, j, pre, pos, n = 5;
  char c[3] = "ab";
  for (i = 0; i < n; i++) if (s[i] > 2) break;
  pre = i;
  pos = s[i];
  for (j = i; j < n; j++) if (s[j] <= pre) return c[j % 2];
  return pos;
}
`;
  const found = indexElementEdits(parseC(program).rootNode, everyLine(program));
  assert.deepEqual(found.map((e) => applyEdits(program, e.edits)), [
    program.replace('pre = i;', 'pre = s[i];'),
    program.replace('pos = s[i];', 'pos = i;'),
  ], 'not a char array for an int, nor a loop\'s own start');
  assert.ok(found.every((e) => e.pattern && e.why?.includes('was meant')));
});
