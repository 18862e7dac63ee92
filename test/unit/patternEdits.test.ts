// Whole-statement and loop patterns in the logic edit search, some found and judged end to end by the engine.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseC } from '../../server/src/c/parser';
import { runTests } from '../../server/src/oracle/testRunner';
import { applyEdits } from '../../server/src/repair/edits';
import { RepairEngine } from '../../server/src/repair/engine';
import { type LogicEdit, logicMutations } from '../../server/src/repair/mutationSearch';
import { doWhileEdits, firstPassEdits, innerCounterEdits, loopAnswerEdits, printOnceEdits, rowEndEdits, sameElementEdits, searchExitEdits, shiftBackEdits, sentinelEdits, stuckLoopEdits, unboundedWalkEdits, unusedCounterEdits } from '../../server/src/repair/loopEdits';
import {
  elseChainEdits, forgottenReadEdits, formatlessPrintEdits, lostSwapEdits, missingElseEdits, newlineOnceEdits, printedIndexEdits, printedNameEdits,
  readOrderEdits, renameEdits, resetEdits, scanfFormatEdits, readLoopEdits,
} from '../../server/src/repair/patternEdits';
import { everyLine } from '../support/suspicion';

const results = (program: string, edits: LogicEdit[]) => edits.map((e) => applyEdits(program, e.edits));

test('rename: a name wrong throughout one condition, and a numbered family shifted together', () => {
  const program = `int main() {
  int i1 = 0, i2 = 1, i3 = 2, j1 = 0, j2 = 1, j3 = 2, k = 0;
  if ((i1 < i2) || ((i1 == i2) && (j1 < j2))) k = 1;
  return k;
}
`;
  const found = results(program, renameEdits(parseC(program).rootNode, everyLine(program)));
  assert.ok(found.some((t) => t.includes('if ((i1 < i3) || ((i1 == i3) && (j1 < j2)))')), 'i2 everywhere in the condition');
  assert.ok(!found.some((t) => t.includes('(i1 < i2) || ((i1 == i2) && (j1 < j3))')), 'one place alone is the one-token search\'s');
  assert.equal(renameEdits(parseC(program).rootNode, everyLine(program, 3)).length, 0, 'not on a line no failing test ran');
  const family = results(program, renameEdits(parseC(program).rootNode, everyLine(program)).filter((e) => e.pattern));
  assert.ok(family.includes(program.replace('if ((i1 < i2) || ((i1 == i2) && (j1 < j2)))', 'if ((i1 < i3) || ((i1 == i3) && (j1 < j3)))')), 'i2 and j2 to i3 and j3 at once');
  // Few per program: a pattern, tried also past the search's budget of single guesses.
  const shifted = logicMutations(program, { suspicion: everyLine(program) }).find((e) => applyEdits(program, e.edits).includes('(j1 < j3)'));
  assert.equal(shifted?.pattern, true);
  const sort = 'void swap(int *x, int *y) { int t = *x; *x = *y; *y = t; }\nint main() { int a = 3, b = 1, c = 2;\n  if (a > c) swap(&a, &c);\n  return a; }\n';
  assert.ok(results(sort, renameEdits(parseC(sort).rootNode, everyLine(sort))).includes(sort.replace('if (a > c) swap(&a, &c);', 'if (a > b) swap(&a, &b);')), 'an if with one statement is one scope');
  const chain = 'int main() { int r = 1, k = 2, c = 0;\n  if (r > 0) c = 1;\n  else if (r == 0) c = 2;\n  else c = 3;\n  return c + k; }\n';
  assert.ok(results(chain, renameEdits(parseC(chain).rootNode, everyLine(chain))).includes(chain.replace('if (r > 0)', 'if (k > 0)').replace('if (r == 0)', 'if (k == 0)')), 'the conditions of an else-if chain are one scope');
});

test('printed index: an integer printf argument shown one higher or lower, each and all together', () => {
  const program = `#include <stdio.h>
int main() {
  int best = 4, i0 = 1, j0 = 2; double d = 1.5;
  printf("%d %d %d %f\\n", best, i0, j0, d);
  return 0;
}
`;
  const found = results(program, printedIndexEdits(parseC(program).rootNode, everyLine(program)));
  assert.ok(found.some((t) => t.includes('best, i0+1, j0, d)')));
  assert.ok(found.some((t) => t.includes('best+1, i0+1, j0+1, d)')), 'all the integers at once');
  assert.ok(found.some((t) => t.includes('best, i0, j0-1, d)')));
  assert.ok(!found.some((t) => t.includes('d+1')), 'not a double');
  const root = parseC(program).rootNode;
  const guided = (actual: string) => printedIndexEdits(root, everyLine(program), { expected: '4 2 3 1.5\n', actual }).filter((e) => e.guided);
  assert.deepEqual(results(program, guided('4 1 2 1.5\n')).length, 4, 'every number it got wrong is one short: the +1 edits (three and all at once) go first');
  assert.equal(guided('4 1 1 1.5\n').length, 0, 'one short and two short: not read off the output');
});

test('reset: a count changed in an inner loop, set back as each pass of the outer loop begins', () => {
  const program = `int main() {
  int row = 0, column = 0, i, j, a[3][3] = {{0}};
  for (i = 0; i < 3; i++) {
    for (j = 0; j < 3; j++) {
      if (a[i][j] == 0) column++;
    }
    row = row + column;
  }
  return row;
}
`;
  const found = results(program, resetEdits(parseC(program).rootNode, everyLine(program)));
  assert.ok(found.some((t) => t.includes('for (i = 0; i < 3; i++) { column = 0;')), found.join('\n---\n'));
  assert.ok(!found.some((t) => t.includes('row = 0;')), 'row is not changed in a loop inside the outer one');
});

test('newline once: the line end printed after the loop instead of after every item, only when the output has too many', () => {
  const program = `#include <stdio.h>
int main() {
  int i;
  for (i = 0; i < 3; i++) {
    printf("%c\\n", 'a' + i);
  }
  return 0;
}
`;
  const root = parseC(program).rootNode;
  const found = results(program, newlineOnceEdits(root, everyLine(program), { expected: 'abc\n', actual: 'a\nb\nc\n' }));
  assert.equal(found.length, 1);
  assert.match(found[0], /printf\("%c", 'a' \+ i\);\n {2}\} printf\("\\n"\);/);
  assert.equal(newlineOnceEdits(root, everyLine(program), { expected: 'a\nb\nc\n', actual: 'a\nb\nd\n' }).length, 0);
});

test('scanf: a format with text the input does not have becomes its conversions alone', () => {
  const program = `#include <stdio.h>
int main() {
  int n, m; long k;
  scanf("/'%d,%d/'\\n", &n, &m);
  scanf("%ld\\n", &k);
  scanf("%d %d", &n, &m);
  return 0;
}
`;
  const found = results(program, scanfFormatEdits(parseC(program).rootNode, everyLine(program)));
  assert.deepEqual(found.map((t) => t.split('\n')[3].trim()), ['scanf("%d %d", &n, &m);'], 'only the format with other text');
});

test('missing else: the line the failing test expects, never printed nor written, printed in an else', () => {
  const program = `#include <stdio.h>
int main() {
  int n;
  scanf("%d", &n);
  if (n % 2 == 0)
    printf("yes\\n");
  return 0;
}
`;
  const root = parseC(program).rootNode;
  const found = results(program, missingElseEdits(root, everyLine(program), { expected: 'no\n', actual: '' }));
  assert.deepEqual(found.map((t) => t.split('\n')[5].trim()), ['printf("yes\\n"); else printf("no\\n");']);
  assert.equal(missingElseEdits(root, everyLine(program), { expected: 'yes\n', actual: '' }).length, 0, 'a line the program has');
  assert.equal(missingElseEdits(root, everyLine(program), { expected: 'no\nmore\n', actual: '' }).length, 0, 'one line only');
  assert.equal(missingElseEdits(root, everyLine(program), { expected: '1 2 6\n', actual: '' }).length, 0, 'a line of numbers fits one test only');
  const leap = `#include <stdio.h>
int main() {
  int y;
  scanf("%d", &y);
  if (y % 4 == 0) {
    if (y % 400 == 0) printf("Leap Year");
    else if (y % 100 != 0) printf("Leap Year");
  } else printf("Not Leap Year");
  return 0;
}
`;
  const leapRoot = parseC(leap).rootNode;
  const answered = results(leap, missingElseEdits(leapRoot, everyLine(leap), { expected: 'Not Leap Year', actual: '' }));
  assert.ok(answered.includes(leap.replace('printf("Leap Year");\n  }', 'printf("Leap Year"); else printf("Not Leap Year");\n  }')), 'a line the program has elsewhere, when no branch of the chain printed anything');
  assert.equal(missingElseEdits(leapRoot, everyLine(leap), { expected: 'Not Leap Year', actual: 'Leap Year' }).length, 0, 'not when the program printed something');
});

test('forgotten read: a variable whose first use reads it, read from the input after its declaration', () => {
  const program = `#include <stdio.h>
int main() {
  int n, i, total = 0, h; double scale;
  char unused;
  for (i = 1; i <= n; i++) {
    scanf("%d", &h);
    total += h;
  }
  printf("%d %f\\n", total, total * scale);
  return 0;
}
`;
  const found = results(program, forgottenReadEdits(parseC(program).rootNode, everyLine(program)));
  assert.deepEqual(found.map((t) => /scanf\("[^"]*", &\w+\);/.exec(t.split('\n')[3])?.[0]).sort(), ['scanf("%d", &n);', 'scanf("%lf", &scale);'],
    'n and scale are read before anything sets them (after the last declaration: C90); i is assigned first, h read into, total has a value, unused never used');
  const noInput = program.replace('scanf("%d", &h);', 'h = i;');
  assert.equal(forgottenReadEdits(parseC(noInput).rootNode, everyLine(noInput)).length, 0, 'a program that reads nothing');
});

test('loop answer: the answer of an if/else printed on every pass, settled by a flag and printed once after the loop', () => {
  const program = `#include <stdio.h>
int main() {
  int i, n;
  scanf("%d", &n);
  for (i = 2; i < n; i++)
    if (n % i == 0)
      printf("No");
    else
      printf("Yes");
  return 0;
}
`;
  const root = parseC(program).rootNode;
  const found = results(program, loopAnswerEdits(root, everyLine(program)));
  assert.equal(found.length, 4, 'either branch settles it, leaving the loop or not');
  assert.ok(found[0].includes('{ int found = 0; for (i = 2; i < n; i++)'), found[0]);
  assert.ok(found[0].includes('{ found = 1; printf("No"); break; } if (!found) printf("Yes"); }'), found[0]);
  assert.ok(found.some((t) => t.includes('if (!(n % i == 0))') && t.includes('if (!found) printf("No"); }')), 'the else settles it');
  const taken = program.replace('int i, n;', 'int i, n, found;');
  assert.ok(results(taken, loopAnswerEdits(parseC(taken).rootNode, everyLine(taken)))[0].includes('int found1 = 0;'), 'a name the program does not use');
  const outside = program.replace('for (i = 2; i < n; i++)', '');
  assert.equal(loopAnswerEdits(parseC(outside).rootNode, everyLine(outside)).length, 0, 'not outside a loop');
});

test('sentinel: the loop\'s test repeated right after the body reads the value it tests', () => {
  const program = `#include <stdio.h>
int main() {
  char c = 0; int sum = 0;
  while (c != '\\n') {
    c = getchar();
    sum += c;
  }
  while (sum > 0) {
    sum -= 10;
  }
  printf("%d\\n", sum);
  return 0;
}
`;
  const found = results(program, sentinelEdits(parseC(program).rootNode, everyLine(program)));
  assert.deepEqual(found.map((t) => t.split('\n')[4].trim()), ["c = getchar(); if (!(c != '\\n')) break;"], 'not the loop whose last statement sets what it tests');
  assert.equal(sentinelEdits(parseC(program).rootNode, everyLine(program, 5)).length, 0, 'not on a line no failing test ran');
  const reads = program.replace("while (c != '\\n') {", 'while (scanf("%c", &c) == 1) {').replace('c = getchar();', 'c = c - 1;');
  assert.equal(sentinelEdits(parseC(reads).rootNode, everyLine(reads)).length, 0, 'a test that reads is not evaluated again');
  const doLoop = `#include <stdio.h>
int main() {
  int m, sum = 0;
  do {
    scanf("%d", &m);
    sum += m;
  } while (m != -1);
  printf("%d\\n", sum);
  return 0;
}
`;
  assert.deepEqual(results(doLoop, sentinelEdits(parseC(doLoop).rootNode, everyLine(doLoop))).map((t) => t.split('\n')[4].trim()),
    ['scanf("%d", &m); if (!(m != -1)) break;'], 'a do loop that adds its sentinel');
});

test('stuck loop: the counter a loop compares stepped at the end of a body that never changes it; a nest of them at once', () => {
  const program = `#include <stdio.h>
int main(void) {
  int i = 0, e = 1, n = 3, a[3] = {1, 2, 3};
  while (i < n) {
    while (e < a[i])
      printf("*");
    e = 1;
  }
  while (a[i] != 0) { i++; }
  while (e > 0) { if (getchar() == EOF) break; }
  return 0;
}
`;
  const found = results(program, stuckLoopEdits(parseC(program).rootNode, everyLine(program)));
  const inner = program.replace('      printf("*");', '      { printf("*"); e++; }');
  const outer = program.replace('    e = 1;\n', '    e = 1;\n    i++;\n');
  assert.deepEqual(found, [outer, program.replace('  while (i < n) {\n', '  while (i < n) {\n').replace('    e = 1;\n', '    e = 1;\n    n--;\n'), inner,
    inner.replace('    e = 1;\n', '    e = 1;\n    i++;\n')], 'each counter toward its bound (i up, n down), then both loops at once; not a loop that steps or breaks');
});

test('stuck loop: a for loop that steps another variable than its test reads steps the counter instead', () => {
  const program = `#include <stdio.h>
int main(void) {
  int i, j = 0, k, s = 3, a[3];
  for (i = 0; i < s; j++)
    scanf("%d", &a[j]);
  for (k = 0; k < s; j++)
    k = k + 1;
  for (i = 0; i < s; i++) j++;
  return 0;
}
`;
  const found = results(program, stuckLoopEdits(parseC(program).rootNode, everyLine(program)));
  assert.deepEqual(found, [program.replace('i < s; j++', 'i < s; i++')], 'not a loop whose body steps its counter, nor one that steps it already');
});

test('unused counter: an inner loop whose body reads the outer counter instead of its own reads its own', () => {
  const program = `#include <stdio.h>
int main(void) {
  int a[5] = {1, 2, 3, 4, 5}, j, p, q, k = 2, sum;
  for (j = 0; j <= 5 - k; j++) {
    sum = 0;
    for (p = j; p < j + k; p++)
      sum = sum + a[j] * a[j];
    for (q = 0; q < 2; q++)
      printf("%d ", j);
    for (q = 0; q < 2; q++)
      printf("%d %d", j, q);
  }
  return 0;
}
`;
  const found = results(program, unusedCounterEdits(parseC(program).rootNode, everyLine(program)));
  const changed = found.map((t) => t.split('\n').filter((l, k) => l !== program.split('\n')[k]).map((l) => l.trim()).join(' | '));
  assert.deepEqual(changed, [
    'sum = sum + a[p] * a[p];', 'sum = sum + a[p] * a[j];', 'sum = sum + a[j] * a[p];',
    'printf("%d ", q);',
  ], 'all reads of j, then each alone; a loop that prints j twice too (the tests judge); not the loop that reads its own counter');
});

test('same element: a loop that never reads its counter but reaches one element every pass reaches the counter\'s', () => {
  const program = `#include <stdio.h>
struct point { int x, y; };
int main(void) {
  int a[5], m = 4, i, k, x;
  struct point pts[2];
  for (i = 1; i <= m; i++)
    a[m] = 0;
  for (i = 0; i < 2; i++)
    scanf("%d %d", &(*pts).x, &pts->y);
  for (i = 0; i < 3; i++)
    scanf("%d", &x);
  for (i = 0, k = 0; i < 3; i++)
    a[k++] = x;
  return a[1] + pts[1].x;
}
`;
  const found = results(program, sameElementEdits(parseC(program).rootNode, everyLine(program)));
  const changed = found.map((t) => t.split('\n').filter((l, k) => l !== program.split('\n')[k]).map((l) => l.trim()).join(' | '));
  assert.deepEqual(changed, [
    'a[i] = 0;',
    'scanf("%d %d", &(pts[i]).x, &pts[i].y);', 'scanf("%d %d", &(pts[i]).x, &pts->y);', 'scanf("%d %d", &(*pts).x, &pts[i].y);',
  ], 'all places, then each alone; not a loop that only repeats a read, nor an index the body steps');
});

test('shift back: an element removed by shifting the rest left, the outer counter stepped back after the shift', () => {
  const program = `void drop(char s[], char c, int n) {
  int i, j;
  for (i = 0; i < n; i++)
    if (s[i] == c)
      for (j = i; j < n - 1; j++)
        s[j] = s[j + 1];
  for (i = 0; i < n; i++) {
    if (s[i] == ' ') {
      for (j = i; j < n - 1; j++) s[j] = s[j + 1];
    }
  }
  for (i = 0; i < n; i++)
    for (j = i; j < n - 1; j++) s[j] = s[i];
}
`;
  const found = results(program, shiftBackEdits(parseC(program).rootNode, everyLine(program)));
  assert.deepEqual(found, [
    program.replace('      for (j = i; j < n - 1; j++)\n        s[j] = s[j + 1];', '      { for (j = i; j < n - 1; j++)\n        s[j] = s[j + 1]; i--; }'),
    program.replace('for (j = i; j < n - 1; j++) s[j] = s[j + 1];\n', 'for (j = i; j < n - 1; j++) s[j] = s[j + 1];\n      i--;\n'),
  ], 'braced where the shift is an if\'s whole body; not a loop that copies one element');
});

test('unbounded walk: an inner while that walks an index over an array gets the bound of the loop around it', () => {
  const program = `int partition(int *a, int n) {
  int beg = 0, end = n - 1, pivot = a[0], i = 0;
  while (beg <= n - 1 && end >= 0) {
    while (a[beg] <= pivot)
      beg = beg + 1;
    while (a[end] >= pivot) end--;
    while (i < n && a[i] == 0) i++;
    if (beg >= end) break;
  }
  return beg;
}
`;
  const found = results(program, unboundedWalkEdits(parseC(program).rootNode, everyLine(program)));
  assert.deepEqual(found, [
    program.replace('while (a[beg] <= pivot)', 'while (beg <= n - 1 && a[beg] <= pivot)'),
    program.replace('while (a[end] >= pivot)', 'while (end >= 0 && a[end] >= pivot)'),
    program.replace('while (a[beg] <= pivot)', 'while (beg <= n - 1 && a[beg] <= pivot)').replace('while (a[end] >= pivot)', 'while (end >= 0 && a[end] >= pivot)'),
  ], 'each alone, then both; not a walk with a bound of its own, nor one the loop around does not bound');
});

test('search exit: a loop that goes on after it found what the if after it tests, left when that test holds', () => {
  const program = `#include <stdio.h>
int main() {
  int i, n, a = 0, b = 0;
  scanf("%d", &n);
  for (i = 2; i < n; i++) {
    a = n % i == 0;
    b = i;
  }
  if (a == 1) printf("%d\\n", b);
  while (n > 0) { n--; }
  if (b > 2) printf("more\\n");
  return 0;
}
`;
  const found = results(program, searchExitEdits(parseC(program).rootNode, everyLine(program)));
  assert.equal(found.length, 1, 'not the while loop: it sets n, and the if after it tests b');
  assert.match(found[0], /b = i;\n {3}if \(a == 1\) break; \}\n {2}if \(a == 1\) printf/);
});

test('do-while: a while loop run at least once, so that the digits of 0 are "0"', () => {
  const program = `#include <stdio.h>
int main() {
  int n;
  scanf("%d", &n);
  while (n > 0) {
    printf("%d\\n", n % 10);
    n /= 10;
  }
  return 0;
}
`;
  const found = results(program, doWhileEdits(parseC(program).rootNode, everyLine(program)));
  assert.equal(found.length, 1);
  assert.match(found[0], /\n {2}do \{\n[^]*n \/= 10;\n {2}\} while \(n > 0\);\n/);
  assert.equal(doWhileEdits(parseC(program).rootNode, everyLine(program, 5)).length, 0, 'not on a line no failing test ran');
});

test('print once: a total printed on every pass printed once after the loop, only when the output has more than expected', () => {
  const program = `#include <stdio.h>
int main() {
  int i, s = 0;
  for (i = 1; i <= 3; i++) {
    s += i;
    printf("%d\\n", s);
  }
  return 0;
}
`;
  const root = parseC(program).rootNode;
  const found = results(program, printOnceEdits(root, everyLine(program), { expected: '6\n', actual: '1\n3\n6\n' }));
  assert.equal(found.length, 1);
  assert.match(found[0], /s \+= i;\n\s*\n {2}\} printf\("%d\\n", s\);\n/);
  assert.equal(printOnceEdits(root, everyLine(program), { expected: '1\n3\n6\n7\n', actual: '1\n3\n6\n' }).length, 0, 'the output lacks something');
});

test('engine: a prime test that answers on every divisor is repaired to answer once, valid C90', async () => {
  const program = `#include <stdio.h>
int main() {
  int i, n;
  scanf("%d", &n);
  for (i = 2; i < n; i++) {
    if (n % i == 0) {
      printf("not prime\\n");
    } else
      printf("prime\\n");
  }
  return 0;
}
`;
  const tests = [
    { name: '1', input: '9', output: 'not prime\n' },
    { name: '2', input: '7', output: 'prime\n' },
    { name: '3', input: '12', output: 'not prime\n' },
    { name: '4', input: '13', output: 'prime\n' },
  ];
  const gcc = { family: 'gcc' as const, args: ['-ansi', '-pedantic', '-Wall', '-Werror'] };
  const r = await new RepairEngine({ compiler: gcc, tests }).repair(program);
  assert.equal(r.status, 'repaired', JSON.stringify(r.edits));
  assert.match(r.repaired, /if \(!found\)/);
  assert.ok(r.edits.every((e) => e.explanation.includes('because the loop gave its answer on every pass')), JSON.stringify(r.edits));
  assert.equal((await runTests(r.repaired, tests, { compiler: gcc })).passed, 4, 'independently re-run');
});

test('engine: positions counted from 0 where the task counts from 1 are repaired, and the repair passes every test', async () => {
  // Where the largest of three numbers stands, printed as a 1-based position.
  const program = `#include <stdio.h>
int main() {
  int a[3], i, at = 0;
  for (i = 0; i < 3; i++) scanf("%d", &a[i]);
  for (i = 1; i < 3; i++)
    if (a[i] > a[at]) at = i;
  printf("%d\\n", at);
  return 0;
}
`;
  const tests = [
    { name: '1', input: '1 5 2', output: '2\n' },
    { name: '2', input: '9 5 2', output: '1\n' },
    { name: '3', input: '1 2 7', output: '3\n' },
  ];
  const gcc = { family: 'gcc' as const, args: [] };
  const r = await new RepairEngine({ compiler: gcc, tests }).repair(program);
  assert.equal(r.status, 'repaired', JSON.stringify(r.edits));
  assert.match(r.repaired, /printf\("%d\\n", at\+1\);/);
  assert.equal((await runTests(r.repaired, tests, { compiler: gcc })).passed, 3, 'independently re-run');
});

test('engine: the few whole-statement patterns are tried even when the search\'s budget of guesses is spent', async () => {
  // Positive numbers per row, with a count that carries over from the last row.
  const program = `#include <stdio.h>
int main() {
  int n, m, i, j, x, count = 0;
  scanf("%d %d", &n, &m);
  for (i = 0; i < n; i++) {
    for (j = 0; j < m; j++) {
      scanf("%d", &x);
      if (x > 0) count++;
    }
    printf("%d\\n", count);
  }
  return 0;
}
`;
  const tests = [
    { name: '1', input: '2 2\n1 1\n1 -1', output: '2\n1\n' },
    { name: '2', input: '1 3\n1 1 1', output: '3\n' },
    { name: '3', input: '3 1\n1\n1\n-1', output: '1\n1\n0\n' },
  ];
  const gcc = { family: 'gcc' as const, args: [] };
  const r = await new RepairEngine({ compiler: gcc, tests, mutationBudget: 0 }).repair(program);
  assert.equal(r.status, 'repaired', JSON.stringify(r.edits));
  assert.match(r.repaired, /for \(i = 0; i < n; i\+\+\) \{ count = 0;/);
  assert.equal((await runTests(r.repaired, tests, { compiler: gcc })).passed, 3, 'independently re-run');
});

test('a value given to printf as its format becomes text (a number) or is printed with %d', () => {
  const program = `#include <stdio.h>
int main(void) {
  int n = 4;
  if (n % 2) printf(0);
  else printf(n);
  printf(n + 1);
  printf("%d", n);
  return 0;
}
`;
  const found = results(program, formatlessPrintEdits(parseC(program).rootNode, everyLine(program)));
  assert.ok(found.includes(program.replace('printf(0)', 'printf("0")')), 'the number as text');
  assert.ok(found.includes(program.replace('printf(n);', 'printf("%d", n);')), 'a variable printed with %d');
  assert.ok(found.includes(program.replace('printf(n + 1)', 'printf("%d", n + 1)')), 'an expression printed with %d');
  assert.equal(found.length, 3, 'a printf with its format is left alone');
});

test('rows drawn without their line ends get one at the end of each row, the one printed once taken out', () => {
  // Blank lines first: the parse tree's root starts at the first token, the edits still land in place.
  const program = `

#include <stdio.h>
int main(void) {
  int i, j;
  for (i = 0; i < 2; i++)
    for (j = 0; j < 3; j++)
      putchar('*');
  putchar('\\n');
  for (i = 0; i < 2; i++) {
    for (j = 0; j < 2; j++) printf("%d", j);
  }
  return 0;
}
`;
  const failing = { expected: '***\n***\n', actual: '******\n' };
  const found = results(program, rowEndEdits(parseC(program).rootNode, everyLine(program), failing));
  const rows = program.replace("i++)\n    for (j = 0; j < 3; j++)\n      putchar('*');", "i++) {\n    for (j = 0; j < 3; j++)\n      putchar('*');\n    putchar('\\n');\n  }");
  assert.ok(found.includes(rows), 'braces and the line end added to the first drawing');
  assert.ok(found.includes(rows.replace("  putchar('\\n');\n  for", '  for')), 'and the line end printed once taken out');
  assert.ok(found.some((t) => t.includes('printf("%d", j);\n    putchar(\'\\n\');\n  }')), 'the second drawing, in its braces');
  assert.equal(rowEndEdits(parseC(program).rootNode, everyLine(program), { expected: '***\n***\n', actual: '**\n***\n' }).length, 0, 'not when characters differ');
});

test('"not the first pass" tested against 0 in a loop that counts from 1 is compared with where the loop starts', () => {
  const program = `#include <stdio.h>
int main(void) {
  int i, j, n = 3;
  for (i = 1; i <= n; i++) {
    for (j = 1; j <= n; j++) {
      if (j) putchar(' ');
      if (i != 0) printf("%d", j);
    }
  }
  for (j = 0; j < n; j++) if (j) putchar(',');
  return 0;
}
`;
  const edits = firstPassEdits(parseC(program).rootNode, everyLine(program));
  assert.deepEqual(results(program, edits), [program.replace('if (j) putchar(\' \')', 'if (j > 1) putchar(\' \')')], 'only the test of the loop right around it, and not in a loop from 0');
  assert.match(edits[0].why ?? '', /`j` starts at 1, so `j` holds on the first pass too/);
});

test('a variable\'s name printed as text is printed as its value, with the conversion of its type', () => {
  const program = `#include <stdio.h>
int main(void) {
  int N = 4; double avg = 1.5; char name[8] = "x";
  printf("N");
  printf(" avg\\n");
  printf("name");
  printf("Total");
  return 0;
}
`;
  const found = results(program, printedNameEdits(parseC(program).rootNode, everyLine(program)));
  assert.ok(found.includes(program.replace('printf("N")', 'printf("%d", N)')));
  assert.ok(found.includes(program.replace('printf(" avg\\n")', 'printf(" %f\\n", avg)')), 'spaces and line ends kept');
  assert.equal(found.length, 2, 'not an array, not a word that names no variable');
});

test('a swap whose last step copies back the overwritten value takes the saved one', () => {
  const program = `int main(void) {
  char s[5] = "abcd", tmp;
  int i = 0;
  tmp = s[i];
  s[i] = s[4 - 1 - i];
  s[4 - 1 - i] = s[i];
  return s[0];
}
`;
  const root = parseC(program).rootNode;
  assert.deepEqual(results(program, lostSwapEdits(root, everyLine(program))), [program.replace('s[4 - 1 - i] = s[i];', 's[4 - 1 - i] = tmp;')]);
  assert.equal(lostSwapEdits(root, everyLine(program, 6)).length, 0, 'not on a line no failing test ran');
  const right = program.replace('s[4 - 1 - i] = s[i];', 's[4 - 1 - i] = tmp;');
  assert.equal(lostSwapEdits(parseC(right).rootNode, everyLine(right)).length, 0, 'a right swap is left alone');
});

test('a struct member replaced by another member of the same type of that struct', () => {
  const program = `struct range { int start, end; double width; };
struct other { int start; int depth; };
int main(void) {
  struct range r;
  r.start = 1; r.start = 2;
  return r.end;
}
`;
  const found = results(program, logicMutations(program, { suspicion: everyLine(program) }));
  assert.ok(found.includes(program.replace('r.start = 1; r.start = 2;', 'r.start = 1; r.end = 2;')));
  assert.ok(found.includes(program.replace('r.start = 1; r.start = 2;', 'r.start = 1; r.depth = 2;')), 'each struct that has the member (types are not tracked to the variable)');
  assert.ok(!found.some((t) => t.includes('r.width')), 'not a member of another type');
});

test('a loop on scanf goes on while every conversion was read, not until scanf returns 0', () => {
  const program = `#include <stdio.h>
int main(void) {
  int a, b, s = 0;
  while (scanf("%d %*d %d", &a, &b)) s += a + b;
  for (; scanf("%d", &a) == 1;) s += a;
  printf("%d\\n", s);
  return 0;
}
`;
  const found = results(program, readLoopEdits(parseC(program).rootNode, everyLine(program)));
  assert.deepEqual(found, [program.replace('while (scanf("%d %*d %d", &a, &b))', 'while (scanf("%d %*d %d", &a, &b) == 2)')], 'a skipped conversion stores nothing; a compared scanf is left alone');
  const characters = `#include <stdio.h>
int main(void) {
  char c;
  while ((c = getchar())) putchar(c);
  while ((c = getchar()) != '\\n') putchar(c);
  while (c = getchar()) putchar(c);
  return 0;
}
`;
  assert.deepEqual(results(characters, readLoopEdits(parseC(characters).rootNode, everyLine(characters))), [
    characters.replace('while ((c = getchar()))', 'while ((c = getchar()) != EOF)'),
    characters.replace("while ((c = getchar()) != '\\n')", "while ((c = getchar()) != '\\n' && c != EOF)"),
    characters.replace("while ((c = getchar()) != '\\n')", 'while ((c = getchar()) != EOF)'),
    characters.replace('while (c = getchar())', 'while ((c = getchar()) != EOF)'),
  ], 'getchar returns EOF, not 0; a loop to the line end stops at the input end too, or reads to it');
  const lines = `#include <stdio.h>
int main(void) {
  int c = getchar(), d = 'x', n = 0;
  while (c != '\\n' && n < 80) { n++; c = getchar(); }
  while (d != '\\n') d--;
  while (c != 'a') c = getchar();
  return n;
}
`;
  assert.deepEqual(results(lines, readLoopEdits(parseC(lines).rootNode, everyLine(lines))), [
    lines.replace("c != '\\n' && n", "c != '\\n' && c != EOF && n"),
    lines.replace("c != '\\n' && n", 'c != EOF && n'),
  ], 'a character read by getchar anywhere in the program; not one getchar never reads, nor a test of another character');
});

test('engine: a loop on scanf that floods its output at the end of the input is repaired without coverage', async () => {
  const buggy = `#include <stdio.h>
int main(void) {
  int n;
  while (scanf("%d", &n))
    printf("%d\\n", n % 2 ? 1 : 2);
  return 0;
}
`;
  const tests = [
    { name: '1', input: '3', output: '1\n' },
    { name: '2', input: '4', output: '2\n' },
  ];
  const r = await new RepairEngine({ compiler: { family: 'gcc', args: [] }, tests }).repair(buggy);
  assert.equal(r.status, 'repaired', JSON.stringify(r.edits));
  assert.match(r.repaired, /while \(scanf\("%d", &n\) == 1\)/);
  assert.equal((await runTests(r.repaired, tests, { compiler: { family: 'gcc', args: [] } })).passed, 2, 'independently re-run');
});

test('an array indexed by an index that elsewhere in the function has more to it takes that form', () => {
  const program = `int main(void) {
  char s[8] = "abc"; int seen[26] = {0}, i, n = 0;
  for (i = 0; s[i]; i++) {
    if (seen[s[i] - 'a'] == 0) { n++; seen[s[i]] = 1; }
  }
  return n + seen[0];
}
`;
  const found = results(program, logicMutations(program, { suspicion: everyLine(program) }));
  assert.ok(found.includes(program.replace('seen[s[i]] = 1', "seen[s[i] - 'a'] = 1")));
  assert.ok(!found.includes(program.replace("seen[s[i] - 'a'] == 0", 'seen[s[i]] == 0')), 'a shorter form is the one-token search\'s to reach, not taken over');
  assert.ok(!found.some((t) => t.includes("seen[0 - 'a']")), 'an index that only contains a shorter one is left alone');
});

test('an if that answers again after the if before it answered becomes its else, only when two answers were printed', () => {
  const program = `#include <stdio.h>
int main(void) {
  int a = 1, b = 2;
  if (a != b) printf("Not Valid");
  if (a < b) printf("Valid");
  else printf("Not Valid");
  return 0;
}
`;
  const root = parseC(program).rootNode;
  assert.deepEqual(results(program, elseChainEdits(root, everyLine(program), { expected: 'Not Valid', actual: 'Not ValidValid' })),
    [program.replace('  if (a < b)', '  else if (a < b)')]);
  assert.equal(elseChainEdits(root, everyLine(program), { expected: 'Not Valid', actual: 'Valid' }).length, 0, 'not when one answer was printed');
});

test('a print after an if that prints becomes its else, only when two answers were printed; not after an if that only counts', () => {
  const program = `#include <stdio.h>
int main(void) {
    int year = 1900, n = 3;
    if (year % 4 == 0) {
        if (year % 100 == 0 && year % 400 != 0)
            printf("Not Leap Year");
        printf("Leap Year");
    } else
        printf("Not Leap Year");
    if (n > 2) n--;
    printf("%d", n);
    return 0;
}
`;
  const root = parseC(program).rootNode;
  const failing = { expected: 'Not Leap Year', actual: 'Not Leap YearLeap Year' };
  assert.deepEqual(results(program, elseChainEdits(root, everyLine(program), failing)), [program.replace('        printf("Leap Year");', '        else printf("Leap Year");')]);
  assert.equal(elseChainEdits(root, everyLine(program), { expected: 'Not Leap Year', actual: 'Leap Year' }).length, 0, 'not when one answer was printed');
});

test('read order: a statement that reads a variable before the scanf after it sets it moves after that scanf', () => {
  const program = `#include <stdio.h>
int main() {
    int a, b, c, temp;
    temp = c;
    scanf("%d%d%d", &a, &b, &c);
    printf("%d\\n", temp + a + b);
    return 0;
}
`;
  const found = readOrderEdits(parseC(program).rootNode, everyLine(program));
  assert.equal(found.length, 1);
  assert.equal(found[0].guided, true, 'a read of a variable never set is a defect, not a guess');
  assert.equal(applyEdits(program, found[0].edits), program.replace('    temp = c;\n    scanf("%d%d%d", &a, &b, &c);', '    scanf("%d%d%d", &a, &b, &c);\n    temp = c;'));
  const loop = `#include <stdio.h>
int main() {
    int n, sum = 0;
    scanf("%d", &n);
    while (n != 0) {
        sum = sum + n;
        scanf("%d", &n);
    }
    printf("%d\\n", sum);
    return 0;
}
`;
  assert.equal(readOrderEdits(parseC(loop).rootNode, everyLine(loop)).length, 0, 'not a value read before the loop and read again at its end');
  const sized = 'int main() {\n    int n, i;\n    int a[n];\n    scanf("%d", &n);\n    for (i = 0; i < n; i++) a[i] = i;\n    return a[0];\n}\n';
  assert.deepEqual(readOrderEdits(parseC(sized).rootNode, everyLine(sized)).map((e) => applyEdits(sized, e.edits)), [sized.replace('    int a[n];\n    scanf("%d", &n);', '    scanf("%d", &n);\n    int a[n];')],
    'an array sized before its size is read');
  const between = program.replace('    temp = c;\n', '    temp = c;\n    c = temp;\n');
  assert.equal(readOrderEdits(parseC(between).rootNode, everyLine(between)).length, 0, 'not when a statement between uses it');
});

test('inner counter: a nested loop that starts or stops at a constant takes the outer counter instead', () => {
  const program = `#include <stdio.h>
int main(void) {
    int i, j, n = 4;
    for (i = 0; i < n; i++) {
        for (j = 1; j > 0; j--) printf("%d", n - j);
        printf("\\n");
    }
    for (j = 0; j < 3; j++) printf("-");
    return 0;
}
`;
  const found = results(program, innerCounterEdits(parseC(program).rootNode, everyLine(program)));
  assert.deepEqual(found, [program.replace('for (j = 1; j > 0; j--)', 'for (j = i; j > 0; j--)'), program.replace('for (j = 1; j > 0; j--)', 'for (j = 1; j > i; j--)')],
    'not a loop that no loop holds');
});
