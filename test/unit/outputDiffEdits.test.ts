// Every difference of the output that a printed literal holds, edited in that literal, in one candidate.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { codeTokens } from '../../server/src/c/lexer';
import { applyEdits } from '../../server/src/repair/edits';
import { outputDiffEdits } from '../../server/src/repair/outputDiffEdits';

const program = `#include <stdio.h>
int main(void) {
    int n, i;
    printf("Enter an integer >  ");
    scanf("%d", &n);
    for (i = 0; i < n; i++) printf("%d, ", i);
    printf("Done!\\n");
    return 0;
}
`;

test('output diff: a blank line missing, a space too many and a line end missing in one prompt, edited together', () => {
  const found = outputDiffEdits(codeTokens(program), { actual: 'Enter an integer >  0, 1, Done!\n', expected: '\nEnter an integer > \n0, 1, Done!\n' });
  assert.ok(found.every((e) => e.guided), 'read off the output');
  assert.equal(applyEdits(program, found[0].edits), program.replace('"Enter an integer >  "', '"\\nEnter an integer > \\n"'), 'all three together first');
  assert.equal(found.length, 1 + found[0].edits.length, 'then each alone');
  assert.ok(found.slice(1).every((e) => e.edits.length === 1 && e.priority > found[0].priority));
});

test('output diff: a literal printed once per pass, aligned differently in each pass, edited at one place alone', () => {
  const items = 'int main(void) { int a[3] = {2, 3, 4}, i; for (i = 0; i < 3; i++) printf(" %d ", a[i]); printf("\\n"); return 0; }';
  const found = outputDiffEdits(codeTokens(items), { actual: ' 2  3  4 \n', expected: '2 3 4 \n' });
  const fixed = items.replace('" %d "', '"%d "');
  assert.notEqual(applyEdits(items, found[0].edits), fixed, 'the places of all passes together remove both spaces');
  assert.ok(found.some((e) => applyEdits(items, e.edits) === fixed), JSON.stringify(found));
});

test('output diff: a separator printed after every item edited once in its literal; a value left alone', () => {
  const found = outputDiffEdits(codeTokens(program), { actual: 'Enter an integer >  0, 1, Done!\n', expected: 'Enter an integer >  0 1 Done!\n' });
  assert.equal(applyEdits(program, found[0].edits), program.replace('"%d, "', '"%d "'));
  assert.deepEqual(outputDiffEdits(codeTokens(program), { actual: 'Enter an integer >  0, 1, Done!\n', expected: 'Enter an integer >  0, 7, Done!\n' }), [], 'a printed value is no literal\'s');
  assert.deepEqual(outputDiffEdits(codeTokens(program), { actual: 'x', expected: 'x' }), []);
});

test('output diff: not a literal turned into the one the other path prints, nor marks alone added', () => {
  const answer = 'int main(void) { int n = 3; if (n % 2) printf("yes\\n"); else printf("no\\n"); printf("%d\\n", n); return 0; }';
  assert.deepEqual(outputDiffEdits(codeTokens(answer), { actual: 'yes\n3\n', expected: 'no\n3\n' }), [], 'the test wants the other path taken');
  assert.deepEqual(outputDiffEdits(codeTokens(answer), { actual: 'yes\n3\n', expected: 'yes\n3}\n' }), [], 'a brace alone is more often structure');
  const named = 'int main(void) { int n = 5; printf("n"); return n; }';
  const [late] = outputDiffEdits(codeTokens(named), { actual: 'n', expected: '5' });
  assert.ok(late && !late.guided && late.priority > 38, 'digits are most often a value: a late guess, not a lead');
});

test('output diff: a literal that prints the same text twice takes each difference at its own place', () => {
  const clock = 'int main(void) { int h = 0, m = 1, s = 0; printf("%02d::%02d::%02d\\n", h, m, s); return 0; }';
  const found = outputDiffEdits(codeTokens(clock), { actual: '00::01::00\n', expected: '00:01:00\n' });
  assert.equal(applyEdits(clock, found[0].edits), clock.replace('%02d::%02d::%02d', '%02d:%02d:%02d'));
});

test('output diff: spaces where the test has zeros pad every number with a width with zeros (not one padded on the right)', () => {
  const clock = 'int main(void) { int h = 0, m = 1, s = 0; printf("%2d:%2d:%-2d %d\\n", h, m, s, h); return 0; }';
  const found = outputDiffEdits(codeTokens(clock), { actual: ' 0: 1:0  0\n', expected: '00:01:00 0\n' });
  assert.ok(found.some((e) => applyEdits(clock, e.edits) === clock.replace('%2d:%2d:%-2d', '%02d:%02d:%-2d')), JSON.stringify(found));
});

test('output diff: zeros before numbers printed without them give each conversion without a width the test\'s width', () => {
  const clock = 'int main(void) { int h = 1, m = 2, s = 3; scanf("%d", &h); printf("%d:%d:%d %-3d|\\n", h, m, s, h); return 0; }';
  const found = outputDiffEdits(codeTokens(clock), { actual: '1:2:3 1  |\n', expected: '01:02:03 1  |\n' });
  const padded = found.find((e) => e.why?.includes('width'));
  assert.ok(padded?.guided, JSON.stringify(found));
  assert.equal(applyEdits(clock, padded!.edits), clock.replace('"%d:%d:%d ', '"%02d:%02d:%02d '), 'the read format and a left-aligned width stay');
  assert.ok(!outputDiffEdits(codeTokens(clock), { actual: '1:2:3 1  |\n', expected: '10:2:3 1  |\n' }).some((e) => e.why?.includes('width')), 'a zero after a digit is another number');
});
