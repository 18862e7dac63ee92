// Logic repair: coverage of real runs, fault localization, the edit search on the suspicious lines,
// output-guided literal edits, and repairs taken from a reference program, judged by real tests.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { codeTokens } from '../../server/src/c/lexer';
import { parseC } from '../../server/src/c/parser';
import { screeningCompiler } from '../../server/src/oracle/screening';
import { runTests } from '../../server/src/oracle/testRunner';
import { applyEdits } from '../../server/src/repair/edits';
import { outputDistance, stepDistance, SteppingStones } from '../../server/src/repair/editPairs';
import { candidateRunLimits, RepairEngine } from '../../server/src/repair/engine';
import { warningFixits } from '../../server/src/repair/warningFixits';
import { blameDecisions, ochiai, rankedLines } from '../../server/src/repair/faultLocalization';
import { logicMutations } from '../../server/src/repair/mutationSearch';
import { firstDifference } from '../../server/src/repair/outputEdits';
import { mapNames, referenceEdits } from '../../server/src/repair/referenceRepair';
import { batchInput, readOutput, runCli } from '../support/batchCli';
import { REPO_ROOT } from '../support/sharedData';
import { scratchFolder } from '../support/scratch';
import { everyLine } from '../support/suspicion';

const gcc = { family: 'gcc' as const, args: [] };

// Sums 1..n, but the loop stops one short (line 5).
const SUM = `#include <stdio.h>
int main() {
    int n, i, s = 0;
    scanf("%d", &n);
    for (i = 1; i < n; i++) {
        s = s + i;
    }
    printf("Sum: %d\\n", s);
    return 0;
}
`;
const SUM_TESTS = [
  { name: '1', input: '3', output: 'Sum: 6\n' },
  { name: '2', input: '1', output: 'Sum: 1\n' },
  { name: '3', input: '0', output: 'Sum: 0\n' },
];

// The e2e workspace's assignment repaired from a reference: a counting program that never counts,
// the instructor's solution (other names), and its tests.
const ASSIGNMENT = path.join(REPO_ROOT, 'test', 'e2e', 'workspace', 'assignment-reference');
const EVENS_BUGGY = fs.readFileSync(path.join(ASSIGNMENT, 'evens.c'), 'utf8');
const EVENS_REFERENCE = fs.readFileSync(path.join(ASSIGNMENT, 'tests', 'evens', 'reference.c'), 'utf8');
const EVENS_TESTS = ['1', '2', '3'].map((n) => ({
  input: fs.readFileSync(path.join(ASSIGNMENT, 'tests', 'evens', `${n}.in`), 'utf8'),
  output: fs.readFileSync(path.join(ASSIGNMENT, 'tests', 'evens', `${n}.out`), 'utf8'),
}));

// Prints "big" or "small"; a crash for n > 5 (line 6) and a loop for n < 0 (lines 7-8).
const BRANCHES = `#include <stdio.h>
int main() {
  int n, *p = 0;
  scanf("%d", &n);
  if (n > 5)
    *p = 1;
  while (n < 0)
    n = n * 1;
  printf("%d\\n", n);
  return 0;
}
`;

test('coverage: each run reports the lines it ran, also when it crashes or loops', async () => {
  const report = await runTests(BRANCHES, [
    { name: 'ok', input: '3', output: '3' },
    { name: 'crash', input: '8', output: '8' },
    { name: 'loop', input: '-1', output: '-1' },
  ], { compiler: gcc, coverage: true, wallMs: 30_000 }); // the CPU limit, not the wall clock, ends the loop even on a busy machine
  const [ok, crash, loop] = report.results;
  assert.equal(ok.status, 'passed');
  assert.equal(crash.status, 'crashed');
  assert.equal(loop.status, 'timeout');
  assert.ok(ok.lines!.includes(9) && !ok.lines!.includes(6) && !ok.lines!.includes(8), `passing run: ${ok.lines}`);
  assert.ok(crash.lines!.includes(6) && !crash.lines!.includes(9), `crashing run: ${crash.lines}`);
  assert.ok(loop.lines!.includes(8) && !loop.lines!.includes(6), `looping run: ${loop.lines}`);
});

test('requiredFirst: a run stops at the first required test that fails', async () => {
  const tests = [{ name: 'a', input: '8', output: 'wrong' }, { name: 'b', input: '3', output: '3' }];
  const cut = await runTests(BRANCHES, tests, { compiler: gcc, requiredFirst: 1 });
  assert.equal(cut.results.length, 1);
  assert.equal(cut.passed, 0);
  const full = await runTests(BRANCHES, tests, { compiler: gcc });
  assert.equal(full.results.length, 2);
  assert.equal(full.passed, 1);
});

test('Ochiai ranks the lines only failing runs reach above the lines every run reaches', async () => {
  const report = await runTests(BRANCHES, [
    { name: 'ok', input: '3', output: '3' },
    { name: 'ok2', input: '1', output: '1' },
    { name: 'crash', input: '8', output: '8' },
  ], { compiler: gcc, coverage: true });
  const suspicion = ochiai(report)!;
  assert.equal(suspicion.get(6), 1, 'the crashing line: run by the failing test only');
  assert.ok(suspicion.get(4)! < 1 && suspicion.get(4)! > 0, 'a line all runs reach is less suspicious');
  assert.equal(suspicion.get(9), undefined, 'a line the failing run never reached is not suspicious');
  assert.deepEqual(rankedLines(suspicion)[0], { line: 6, score: 1 });
  assert.equal(ochiai({ ...report, results: report.results.filter((r) => r.passed) }), undefined, 'no failing run: nothing to point at');
});

test('the edit search tries the suspicious lines first and leaves out lines no failing test ran', async () => {
  const report = await runTests(SUM, SUM_TESTS, { compiler: gcc, coverage: true });
  const suspicion = ochiai(report)!;
  const edits = logicMutations(SUM, { suspicion }).map((e) => e.edits);
  const lineOf = (offset: number) => SUM.slice(0, offset).split('\n').length;
  assert.ok(edits.every((e) => (suspicion.get(lineOf(e[0].start)) ?? 0) > 0), 'only lines a failing test ran');
  const fix = edits.findIndex((e) => applyEdits(SUM, e).includes('i <= n'));
  assert.ok(fix >= 0 && fix < 10, `the fix comes early (at ${fix})`);
  assert.ok(edits.some((e) => applyEdits(SUM, e).includes('s = s + n')), 'a variable of the same type in scope');
});

test('the same change is also tried at every place that stands alike (a slip made consistently)', () => {
  const program = `int main() {
  int a[9][9], m = 3, n = 3, i, j, s = 0;
  for (i = 0; i < m-1; i++)
    for (j = 0; j < n-1; j++)
      s = s + a[i][j] - 1;
  return s;
}
`;
  const found = logicMutations(program);
  const texts = found.map((e) => applyEdits(program, e.edits));
  const both = texts.findIndex((t) => t.includes('i < m-0') && t.includes('j < n-0'));
  assert.ok(both >= 0, 'both loop bounds at once');
  assert.equal(found[both].sibling, true, 'marked, so that it does not take a single edit\'s place in the budget');
  assert.ok(found.filter((e) => e.sibling).every((e) => e.edits.length >= 2));
  assert.equal(texts[both - 1].includes('i < m-0') !== texts[both - 1].includes('j < n-0'), true, 'right after one of them alone');
  assert.ok(!texts.some((t) => t.includes('a[i][j] - 0') && t.includes('< m-0')), 'a place that stands otherwise is not taken along');
});

test('an if\'s condition takes the blame of its most suspicious branch, up an else-if chain', () => {
  const program = `#include <stdio.h>
int main(void) {
  int a, b, c;
  scanf("%d %d %d", &a, &b, &c);
  if (a + b < c) printf("no\\n");
  else if (a * a > c) printf("big\\n");
  else printf("ok\\n");
  if (c > 100) printf("large\\n");
  return 0;
}
`;
  const suspicion = new Map([[4, 0.6], [5, 0.4], [6, 0.5], [7, 0.9], [9, 0.6]]);
  const blamed = blameDecisions(parseC(program).rootNode, suspicion);
  assert.equal(blamed.get(6), 0.9, 'the else-if whose else printed');
  assert.equal(blamed.get(5), 0.9, 'and the first if of the chain');
  assert.equal(blamed.get(4), 0.6, 'a statement is not a decision');
  assert.equal(blamed.get(8), undefined, 'an if no failing test ran stays out');
  assert.equal(suspicion.get(5), 0.4, 'the localization itself is unchanged');
  const first = logicMutations(program, { suspicion })[0];
  assert.equal(first.line, 5, 'the first guess is on the first condition of the chain, not on line 4 (0.6) or the else (0.9)');
});

test('an operator that makes a truth value counts as in the condition through inner parentheses, not through a call', () => {
  const program = 'int f(int x) { return x > 1; } int main(void) { int a = 2, b = 3; if (!(f(a) && f(b < a))) return 1; return 0; }';
  const priorityOf = (from: string, to: string) => logicMutations(program).find((e) => applyEdits(program, e.edits) === program.replace(from, to))?.priority;
  assert.equal(priorityOf('f(a) && f', 'f(a) || f'), 2, 'a connective under `!(...)` is a condition\'s');
  assert.equal(priorityOf('f(b < a)', 'f(b <= a)'), 20, 'a comparison passed to a call is an argument');
});

test('output edits follow how the printed text differs from the expected one', () => {
  const program = 'int main() { int n = 2; printf("Enter n: "); printf("%d\\n", n); printf("%.3f\\n", 1.0); return 0; }';
  assert.deepEqual(firstDifference('Enter n: 2\n', '2\n'), { before: '', removed: 'Enter n: ', inserted: '', after: '2' });
  const edits = logicMutations(program, { failing: { actual: 'Enter n: 2\n1.000\n', expected: '2\n1.000\n' } }).map((e) => e.edits);
  assert.ok(edits.slice(0, 3).some((e) => applyEdits(program, e).includes('printf("")')), 'the prompt the grader does not want is removed first');
  const precision = logicMutations(program, { failing: { actual: '2\n1.000\n', expected: '2\n1.00\n' } }).map((e) => e.edits);
  assert.ok(precision.some((e) => applyEdits(program, e).includes('"%.2f\\n"')), 'the float precision is tried');
  const guided = logicMutations(program, { failing: { actual: '2\n1.000\n', expected: '2\n1.0000000\n' } }).filter((e) => e.guided);
  assert.ok(guided.some((e) => applyEdits(program, e.edits).includes('"%.7f\\n"')), 'as many decimals as the expected numbers have, read off the output');
});

test('text missing before or after a printed value goes next to the conversion that prints it, never into a scanf format', () => {
  const program = 'int main() { int c = 5; scanf("%d", &c); printf("%d", c); printf("%d\\n", c); return 0; }';
  const texts = (actual: string, expected: string) => logicMutations(program, { failing: { actual, expected } }).filter((e) => e.guided).map((e) => applyEdits(program, e.edits));
  const before = texts('55\n', 'The largest is 55\n');
  assert.ok(before.includes(program.replace('printf("%d", c)', 'printf("The largest is %d", c)')), 'before the first conversion');
  assert.ok(!before.some((t) => t.includes('scanf("The')), 'a scanf format prints nothing');
  const after = texts('5\n', '5 cm\n');
  assert.ok(after.includes(program.replace('printf("%d\\n", c)', 'printf("%d cm\\n", c)')), 'after the last conversion');
  assert.ok(!texts('5\n', '5}\n').some((t) => t.includes('%d}')), 'words only: a lone mark is more often the structure printed wrong');
  assert.ok(texts('5\n', '5.\n').includes(program.replace('printf("%d\\n", c)', 'printf("%d.\\n", c)')), 'but a sentence\'s full stop after the value that ends it');
});

test('a value printed where the test expects words: its conversion replaced by them, its argument dropped', () => {
  const program = 'int main() { float a = 0; int n = 2; if (a == 0) printf("%f is zero\\n", a); printf("%d: %d\\n", n, n + 1); return 0; }';
  const texts = (actual: string, expected: string) => logicMutations(program, { failing: { actual, expected } }).filter((e) => e.guided).map((e) => applyEdits(program, e.edits));
  assert.ok(texts('0.000000 is zero\n2: 3\n', 'input is zero\n2: 3\n').includes(program.replace('printf("%f is zero\\n", a)', 'printf("input is zero\\n")')));
  assert.ok(!texts('0.000000 is zero\n2: 3\n', '0.000000 is zero\n2: three\n').some((t) => !t.includes('n + 1')), 'not where the literal holds other text before the value');
  assert.ok(!texts('0.000000 is zero\n2: 3\n', '7 is zero\n2: 3\n').some((t) => t.includes('"7 is zero')), 'words, not another number');
});

test('a line printed without the marks around it: the marks put around the format that prints it', () => {
  const program = 'int main() { float x = 0, y = 0; int n = 3; printf("%d\\n", n); if (n == 0) printf("INF"); else printf("%.3f,%.3f", x, y); return 0; }';
  const texts = (actual: string, expected: string) => logicMutations(program, { failing: { actual, expected } }).filter((e) => e.guided).map((e) => applyEdits(program, e.edits));
  const wrapped = texts('3\n0.000,0.000', '3\n(0.000,0.000)\n');
  assert.ok(wrapped.includes(program.replace('"%.3f,%.3f"', '"(%.3f,%.3f)"')), JSON.stringify(wrapped));
  assert.ok(!wrapped.some((t) => t.includes('(%d')), 'not a format of one value for a line of several');
  assert.ok(!texts('3\n0.000,0.000', '3\nx0.000,0.000y\n').some((t) => t.includes('"x%')), 'marks, not words');
});

test('output that differs only in spacing moves or adds the separator of the formats that print items', () => {
  const program = 'int main() { int i; for (i = 1; i <= 3; i++) printf(" %d", i); for (i = 1; i <= 3; i++) printf("%d", i); printf("Total: %d\\n", 6); return 0; }';
  const texts = (actual: string, expected: string) => logicMutations(program, { failing: { actual, expected } }).map((e) => applyEdits(program, e.edits));
  const leading = texts(' 1 2 3\n', '1 2 3\n');
  assert.ok(leading.slice(0, 3).some((t) => t.includes('printf("%d ", i); for')), 'a leading space moved to the end, among the first guesses');
  const glued = texts('123', '1 2 3');
  assert.ok(glued.slice(0, 3).some((t) => t.includes('printf("%d ", i); printf("Total')), 'a space after items printed glued together');
  assert.ok(!texts('123', '124').some((t) => t.includes('printf("%d ", i); printf("Total')), 'not when the printed characters differ');
  assert.ok(!glued.some((t) => t.includes('"Total: %d \\n"')), 'a format that ends a line is left alone');
  const marks = 'int main() { int i, j; for (i = 0; i < 2; i++) { for (j = 0; j < 2; j++) if (i == j) putchar(\'*\'); else putchar(\'-\'); putchar(\'\\n\'); } printf("\\n%d\\n", 2); return 0; }';
  const markTexts = (actual: string, expected: string) => logicMutations(marks, { failing: { actual, expected } }).map((e) => applyEdits(marks, e.edits));
  assert.ok(markTexts('*-\n-*\n\n2\n', '* -\n- *\n\n2\n').includes(marks.replace("putchar('*')", 'printf("* ")').replace("putchar('-')", 'printf("- ")')),
    'every mark of the row spaced at once');
  assert.ok(markTexts('* -\n- *\n\n2\n', '* -\n- *\n2\n').includes(marks.replace('"\\n%d\\n"', '"%d\\n"')), 'the blank line before the answer dropped');
  const sorted = 'int main() { int a = 1, b = 2, c = 6; printf("%d%d%d\\n", a, b, c); return 0; }';
  const spaced = logicMutations(sorted, { failing: { actual: '126\n', expected: '1 2 6\n' } }).filter((e) => e.guided).map((e) => applyEdits(sorted, e.edits));
  assert.ok(spaced.includes(sorted.replace('"%d%d%d\\n"', '"%d %d %d\\n"')), 'the values of one format glued together: a space between each');
  const padded = 'int main() { int i; for (i = 1; i <= 3; i++) printf("%3d", i); return 0; }';
  const separated = logicMutations(padded, { failing: { actual: '  1  2  3', expected: '1 2 3\n' } }).filter((e) => e.guided).map((e) => applyEdits(padded, e.edits));
  assert.ok(separated.includes(padded.replace('"%3d"', '"%d "')), 'a width that spaced the items: dropped, a space after each');
});

test('a literal edit that writes the failing test\'s own numbers is a last guess, taken only when every test passes', async () => {
  const program = `#include <stdio.h>
int main(void) {
    int a, b;
    printf("Give 2 numbers:\\n");
    scanf("%d %d", &a, &b);
    printf("%d%d\\n", a < b ? a : b, a < b ? b : a);
    return 0;
}
`;
  const found = logicMutations(program, { failing: { actual: 'Give 2 numbers:\n12\n', expected: '1 2\n' } });
  const fitted = found.find((e) => applyEdits(program, e.edits).includes('printf("1 2")'));
  assert.ok(fitted && !fitted.guided && fitted.fitsTest, JSON.stringify(fitted));
  const tests = [{ name: '1', input: '2 1', output: '1 2\n' }, { name: '2', input: '5 3', output: '3 5\n' }];
  const r = await new RepairEngine({ compiler: gcc, tests }).repair(program);
  assert.equal(r.status, 'repaired');
  assert.ok(!r.repaired.includes('"1 2"'), r.repaired);
  assert.ok(r.repaired.includes('"%d %d\\n"') && !r.repaired.includes('Give'), r.repaired);
});

test('a reference program aligned with the student\'s, names mapped, gives the differing token as an edit', () => {
  const reference = SUM.replace('int n, i, s = 0;', 'int count, i, total = 0;').replace('&n', '&count').replace('i < n', 'i <= count')
    .replace('s = s + i', 'total = total + i').replace('"Sum: %d\\n", s', '"Sum: %d\\n", total');
  const names = mapNames(codeTokens(SUM), codeTokens(reference));
  assert.equal(names.get('count'), 'n');
  assert.equal(names.get('total'), 's');
  const candidates = referenceEdits(SUM, [reference]);
  assert.ok(candidates.length >= 1 && candidates.length <= 3, `few candidates: ${JSON.stringify(candidates)}`);
  assert.ok(applyEdits(SUM, candidates[0]).includes('for (i = 1; i <= n; i++)'), applyEdits(SUM, candidates[0]));
});

test('a candidate\'s time limit per test follows the tests that ended in time, not the runs that were cut', async () => {
  const loops = '#include <stdio.h>\nint main(void) { int n = 0; while (getchar() != \'\\n\') n++; printf("%d", n); return 0; }\n';
  const tests = [{ name: '1', input: '12', output: '2' }];
  const cut = await runTests(loops, tests, { compiler: gcc, wallMs: 400 });
  assert.equal(cut.results[0].status, 'timeout');
  assert.equal(candidateRunLimits(cut).wallMs, 300, 'a program that loops on every test: the floor');
  const ends = await runTests(loops, [{ name: '1', input: '12\n', output: '2' }], { compiler: gcc });
  assert.equal(ends.results[0].status, 'passed');
  assert.equal(candidateRunLimits(ends).wallMs, Math.min(1500, Math.max(300, 20 * ends.results[0].ms)));
});

test('a reference laid out otherwise (braces, several statements on a line) aligns statement by statement', () => {
  const student = `#include <stdio.h>
int main(void)
{
    int n, i, s = 0;
    scanf("%d", &n);
    for (i = 1; i < n; i++)
    {
        s = s + i;
    }
    printf("%d\\n", s);
    return 0;
}
`;
  const reference = `#include <stdio.h>
int main(void) {
  int count, k, total = 0; scanf("%d", &count);
  for (k = 1; k <= count; k++) { total = total + k; }
  printf("%d\\n", total); return 0; }
`;
  const texts = referenceEdits(student, [reference]).map((edits) => applyEdits(student, edits));
  assert.equal(texts[0], student.replace('i < n', 'i <= n'), 'the one differing token, in the student\'s layout');
});

test('statements that differ one for one are repaired in the student\'s layout, each alone and all together', () => {
  const student = `#include <stdio.h>
int main(void) {
    int c, s = 0;
    while ((c = getchar()) != EOF)
        s += c;
    if (s % 9 == 0)
        printf("yes");
    else
        printf("no");
    return 0;
}
`;
  const reference = student.replace(/while[^]*"no"\);/, 'while ((c = getchar()) != EOF) s += c - \'0\';\n    if (s % 9 == 0) printf("yes\\n"); else printf("no\\n");');
  const texts = referenceEdits(student, [reference]).map((edits) => applyEdits(student, edits));
  const all = student.replace('s += c;', 's += c - \'0\';').replace('"yes"', '"yes\\n"').replace('"no"', '"no\\n"');
  assert.ok(texts.includes(all), texts.join('\n----\n'));
  assert.ok(texts.includes(student.replace('"yes"', '"yes\\n"')), 'one statement alone');
});

test('the hunks that bring in a name the student lacks are tried together, also when the reference differs elsewhere too', async () => {
  const student = `#include <stdio.h>
int main(void) {
  int n, i;
  scanf("%d", &n);
  for (i = 2; i < n; i++)
    if (n % i == 0)
      printf("composite\\n");
  printf("prime\\n");
  return 0;
}
`;
  // Besides the flag, the reference checks its input in a block too long to take over.
  const reference = `#include <stdio.h>
int main(void) {
  int n, i, found = 0;
  scanf("%d", &n);
  if (n < 0) {
    n = -n;
    printf("negative\\n");
    return 1;
  }
  for (i = 2; i < n; i++)
    if (n % i == 0)
      found = 1;
  if (found) printf("composite\\n"); else printf("prime\\n");
  return 0;
}
`;
  const tests = [
    { name: '1', input: '12', output: 'composite\n' },
    { name: '2', input: '13', output: 'prime\n' },
  ];
  const texts = referenceEdits(student, [reference]).map((edits) => applyEdits(student, edits));
  const flagged = texts.filter((t) => t.includes('found = 1;') && t.includes('if (found)') && t.includes('found = 0'));
  assert.ok(flagged.length > 0, texts.join('\n----\n'));
  assert.ok(flagged.every((t) => !t.includes('negative')), 'the long block stays out');
  assert.equal((await runTests(flagged[0], tests, { compiler: gcc })).passed, 2);
});

test('engine: a missing statement no one-token edit can add is taken from a reference, and the localization is reported', async () => {
  // Counts the even numbers among n inputs, but never counts (line 11 lacks `evens++;`).
  const buggy = EVENS_BUGGY;
  const reference = EVENS_REFERENCE;
  const tests = EVENS_TESTS.map((t, i) => ({ name: String(i + 1), ...t }));
  const without = await new RepairEngine({ compiler: gcc, tests }).repair(buggy);
  assert.notEqual(without.status, 'repaired', 'no small logic edit adds a statement');
  assert.ok(without.faultLines && without.faultLines.length > 0 && without.faultLines[0].score > 0, 'the failing tests point somewhere');
  const r = await new RepairEngine({ compiler: gcc, tests, references: [reference] }).repair(buggy);
  assert.equal(r.status, 'repaired', JSON.stringify(r.edits));
  assert.deepEqual(r.sources, ['reference']);
  assert.match(r.repaired, /evens\+\+;/);
  assert.equal(r.testsAfter?.passed, 3);
  const check = await runTests(r.repaired, tests, { compiler: gcc });
  assert.equal(check.passed, 3, 'independently re-run');
});

test('the same change is also tried at the places alike on its line, where the program has more elsewhere (a line copied within itself)', () => {
  const program = `int main() {
  int x1 = 0, x2 = 3, y1 = 0, y2 = 4, r1 = 2, r2 = 3;
  int d = (x1-x2)*(x1-x2) + (y1-y2)*(y1-y2);
  int near = d <= (r1-r2)*(r1-r2);
  return near;
}
`;
  const texts = logicMutations(program).map((e) => applyEdits(program, e.edits));
  assert.ok(texts.includes(program.replace('(r1-r2)*(r1-r2)', '(r1+r2)*(r1+r2)')), 'both of the line at once');
  assert.ok(!texts.some((t) => t.includes('(x1+x2)') && t.includes('(r1+r2)')), 'six places alike in all are too many to take together');
});

test('warning fix-its: an element passed where the function takes a pointer, hidden by -w, as the array itself and as its address', async () => {
  const program = '#include <stdio.h>\nvoid swap(char *a, char *b) { char t = *a; *a = *b; *b = t; }\nint count(int *a, int n) { return n > 0 ? a[0] : 0; }\n' +
    'int main(void) { char s[8] = "ab"; int v[4] = {1}, n = 1; swap(s[0], s[1]); printf("%s %d\\n", s, count(v[n], n)); return 0; }\n';
  const found = await warningFixits(program, { family: 'gcc', args: ['-w'] });
  const texts = found.map((fix) => applyEdits(program, fix.edits));
  assert.deepEqual(texts, [
    program.replace('swap(s[0], s[1])', 'swap(s, s)').replace('count(v[n], n)', 'count(v, n)'),
    program.replace('swap(s[0], s[1])', 'swap(&s[0], &s[1])').replace('count(v[n], n)', 'count(&v[n], n)'),
  ], 'every flagged argument changes together, one candidate per form');
  assert.ok(found.every((fix) => fix.why?.includes('takes a pointer')), JSON.stringify(found));
  assert.deepEqual(await warningFixits('int main(void) { int a[2] = {0}; return a[1]; }\n', { family: 'gcc', args: ['-w'] }), [], 'nothing without the warning');
});

test('engine: a dereferenced string passed where the function takes the string, hidden by -w, is repaired', async () => {
  const buggy = `#include <stdio.h>
int same(char *a, char *b) { while (*a && *a == *b) { a++; b++; } return *a == *b; }
int main(void) {
    char s[20], t[20];
    scanf("%19s %19s", s, t);
    if (same(*s, *t)) printf("Valid"); else printf("Invalid");
    return 0;
}
`;
  const tests = [{ name: '1', input: 'abc abc', output: 'Valid' }, { name: '2', input: 'abc abd', output: 'Invalid' }];
  const r = await new RepairEngine({ compiler: { family: 'gcc', args: ['-w'] }, tests }).repair(buggy);
  assert.equal(r.status, 'repaired');
  assert.equal(r.repaired, buggy.replace('same(*s, *t)', 'same(s, t)'));
  assert.ok(r.edits.some((e) => e.explanation.includes('`same` takes a pointer')), JSON.stringify(r.edits));
});

test('engine: a format that does not match its argument, hidden by -w, is repaired by the compiler\'s own fix-it', async () => {
  const buggy = `#include <stdio.h>
int main(void) {
  long long n;
  scanf("%lld", &n);
  printf("%d\\n", n * 1000000);
  return 0;
}
`;
  const tests = [
    { name: '1', input: '5000', output: '5000000000\n' },
    { name: '2', input: '1', output: '1000000\n' },
  ];
  const hiding = { family: 'gcc' as const, args: ['-std=gnu11', '-w'] };
  const r = await new RepairEngine({ compiler: hiding, tests }).repair(buggy);
  assert.equal(r.status, 'repaired', JSON.stringify(r.edits));
  assert.match(r.repaired, /printf\("%lld\\n", n \* 1000000\);/);
  assert.equal((await runTests(r.repaired, tests, { compiler: hiding })).passed, 2, 'independently re-run');
});

test('engine: a scanf argument without its &, hidden by -w, is repaired from the format warning that has no fix-it', async () => {
  const buggy = `#include <stdio.h>
int main(void) {
  int n = 0, m = 0;
  scanf("%d %d", &n, m);
  printf("%d\\n", n + m);
  return 0;
}
`;
  const tests = [
    { name: '1', input: '2 3', output: '5\n' },
    { name: '2', input: '4 4', output: '8\n' },
  ];
  const hiding = { family: 'gcc' as const, args: ['-std=gnu11', '-w'] };
  const r = await new RepairEngine({ compiler: hiding, tests }).repair(buggy);
  assert.equal(r.status, 'repaired', JSON.stringify(r.edits));
  assert.match(r.repaired, /scanf\("%d %d", &n, &m\);/);
  assert.equal((await runTests(r.repaired, tests, { compiler: hiding })).passed, 2, 'independently re-run');
});

test('engine: floats and chars read without their &, passed promoted, get every & at once', async () => {
  const buggy = `#include <stdio.h>
int main(void) {
  float x = 0, y = 0;
  char c = 0;
  scanf("%f %f %c", x, y, c);
  printf("%.1f %c\\n", x + y, c);
  return 0;
}
`;
  const tests = [
    { name: '1', input: '1.5 2 a', output: '3.5 a\n' },
    { name: '2', input: '0 4 z', output: '4.0 z\n' },
  ];
  const hiding = { family: 'gcc' as const, args: ['-std=gnu11', '-w'] };
  const r = await new RepairEngine({ compiler: hiding, tests }).repair(buggy);
  assert.equal(r.status, 'repaired', JSON.stringify(r.edits));
  assert.match(r.repaired, /scanf\("%f %f %c", &x, &y, &c\);/);
  assert.equal((await runTests(r.repaired, tests, { compiler: hiding })).passed, 2, 'independently re-run');
});

test('engine: a char array read with %d is declared int, where the format\'s own fix-it (%hhd) keeps the bug', async () => {
  const buggy = `#include <stdio.h>
int main(void) {
  int n, i;
  char a[10];
  long sum = 0;
  scanf("%d", &n);
  for (i = 0; i < n; i++) scanf("%d", &a[i]);
  for (i = 0; i < n; i++) sum += a[i];
  printf("%ld\\n", sum);
  return 0;
}
`;
  const tests = [
    { name: '1', input: '3\n300 1000 5', output: '1305\n' },
    { name: '2', input: '2\n200 -7', output: '193\n' },
  ];
  const hiding = { family: 'gcc' as const, args: ['-std=gnu11', '-w'] };
  const r = await new RepairEngine({ compiler: hiding, tests }).repair(buggy);
  assert.equal(r.status, 'repaired', JSON.stringify(r.edits));
  assert.match(r.repaired, /\n  int a\[10\];\n/);
  assert.equal((await runTests(r.repaired, tests, { compiler: hiding })).passed, 2, 'independently re-run');
});

test('engine: a close reference is also taken over whole, when its differences only work together', async () => {
  // The count of negative numbers is missing: declared on one line, counted on another, printed on a
  // third. Each line alone does not compile or changes nothing printed.
  const buggy = `#include <stdio.h>
int main(void) {
  int n, i, x, sum = 0;
  scanf("%d", &n);
  for (i = 0; i < n; i++) {
    scanf("%d", &x);
    sum += x;
  }
  printf("%d\\n", sum);
  return 0;
}
`;
  const reference = buggy.replace('int n, i, x, sum = 0;', 'int n, i, x, sum = 0, negatives = 0;')
    .replace('sum += x;', 'if (x < 0) negatives++; else sum += x;').replace('"%d\\n", sum', '"%d %d\\n", sum, negatives');
  const tests = [
    { name: '1', input: '3 1 -2 3', output: '4 1\n' },
    { name: '2', input: '2 5 6', output: '11 0\n' },
  ];
  const whole = referenceEdits(buggy, [reference])[0];
  assert.equal(applyEdits(buggy, whole), reference, 'tried first: the reference whole');
  const r = await new RepairEngine({ compiler: gcc, tests, references: [reference] }).repair(buggy);
  assert.equal(r.status, 'repaired', JSON.stringify(r.edits));
  assert.equal((await runTests(r.repaired, tests, { compiler: gcc })).passed, 2, 'independently re-run');
});

test('engine: a reference that differs at the end of a program without a last newline is taken over in place', async () => {
  // The row's newline and the outer loop's braces are missing; the reference's closing lines align
  // with the student's last line, so its additions fall before and after that line.
  const buggy = `#include <stdio.h>
void grid(int n);
int main(void) { int n; scanf("%d", &n); grid(n); return 0; }
void grid(int n) {
  int i, j;
  for (i = 0; i < n; i++)
    for (j = 0; j < n; j++) {
      putchar('*');
    }
}`;
  const reference = buggy.replace('for (i = 0; i < n; i++)', 'for (i = 0; i < n; i++) {').replace(/    }\n}$/, "    }\n    putchar('\\n');\n  }\n}\n");
  const candidates = referenceEdits(buggy, [reference]);
  assert.ok(candidates.length > 0);
  for (const edits of candidates) applyEdits(buggy, edits); // none overlaps another of its own edits
  const tests = [
    { name: '1', input: '2', output: '**\n**\n' },
    { name: '2', input: '1', output: '*\n' },
  ];
  const r = await new RepairEngine({ compiler: gcc, tests, references: [reference] }).repair(buggy);
  assert.equal(r.status, 'repaired', JSON.stringify(r.edits));
  assert.equal((await runTests(r.repaired, tests, { compiler: gcc })).passed, 2, 'independently re-run');
});

test('batch: a passing submission of the same problem guides the repair of another (peers), and only with "problem"', () => {
  const lines = (problem?: string) => [
    JSON.stringify({ id: 'buggy', source: EVENS_BUGGY, tests: EVENS_TESTS, ...(problem ? { problem } : {}) }),
    JSON.stringify({ id: 'peer', source: EVENS_REFERENCE, tests: EVENS_TESTS, ...(problem ? { problem } : {}) }),
  ];
  for (const problem of ['evens', undefined]) {
    const { dir, input } = batchInput(lines(problem));
    const out = path.join(dir, 'out.jsonl');
    const r = runCli(['batch', '--in', input, '--out', out, '--no-model', '--jobs', '1']);
    assert.equal(r.status, 0, r.stderr);
    const [buggy, peer] = readOutput(out);
    assert.equal(peer.status, 'unchanged');
    if (problem) {
      assert.equal(buggy.status, 'repaired', JSON.stringify(buggy));
      assert.match(buggy.repaired!, /evens\+\+;/, 'the peer\'s statement, in the student\'s names');
      assert.match(buggy.edits[0].explanation, /a correct program for this assignment/);
    } else {
      assert.notEqual(buggy.status, 'repaired', 'without a problem name no peer guides it');
    }
  }
});

test('CLI: --reference FILE guides the repair and the localization is printed', () => {
  const dir = scratchFolder('c-repair-ref-');
  fs.writeFileSync(path.join(dir, 'evens.c'), EVENS_BUGGY);
  fs.writeFileSync(path.join(dir, 'solution.c'), EVENS_REFERENCE);
  fs.mkdirSync(path.join(dir, 'tests'));
  EVENS_TESTS.forEach((t, i) => {
    fs.writeFileSync(path.join(dir, 'tests', `${i + 1}.in`), t.input);
    fs.writeFileSync(path.join(dir, 'tests', `${i + 1}.out`), t.output);
  });
  const r = runCli([path.join(dir, 'evens.c'), '--no-model', '--reference', path.join(dir, 'solution.c')]);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /References: 1/);
  assert.match(r.stdout, /The failing tests point at lines? \d+ \(\d\.\d\d\)/);
  assert.match(r.stdout, /^\+ {12}evens\+\+;$/m, 'inserted one level inside the if block');
  assert.equal(fs.readFileSync(path.join(dir, 'evens.c'), 'utf8'), EVENS_BUGGY, 'the file is not written without --apply');
});

test('screening: a program the fast screening compiler cannot build is judged by the user\'s compiler alone', async () => {
  assert.ok(screeningCompiler(), 'tcc is installed (.ci/run installs it): the screen is tested, not skipped');
  // tcc has no complex numbers: gcc builds this, tcc does not.
  const buggy = `#include <stdio.h>
#include <complex.h>
int main() {
    double complex z = 1.0 + 2.0 * I;
    int n, i, s = 0;
    scanf("%d", &n);
    for (i = 1; i < n; i++) s += i;
    printf("%d %.0f\\n", s, creal(z));
    return 0;
}
`;
  const tests = [{ name: '1', input: '3', output: '6 1\n' }, { name: '2', input: '1', output: '1 1\n' }];
  const screened = await runTests(buggy, tests, { compiler: screeningCompiler()! });
  assert.equal(screened.compiled, false, 'tcc cannot build it');
  const r = await new RepairEngine({ compiler: gcc, tests }).repair(buggy);
  assert.equal(r.status, 'repaired');
  assert.match(r.repaired, /i <= n/);
});

test('screening: tcc screens the candidates and gcc confirms them (the same repair as without the screen)', async () => {
  const report = await runTests(SUM, SUM_TESTS, { compiler: screeningCompiler()! });
  assert.equal(report.compiled, true);
  assert.equal(report.passed, 1, 'tcc reproduces the failures gcc sees');
  const r = await new RepairEngine({ compiler: gcc, tests: SUM_TESTS }).repair(SUM);
  assert.equal(r.status, 'repaired');
  assert.equal((await runTests(r.repaired, SUM_TESTS, { compiler: gcc })).passed, 3, 'confirmed with gcc');
});

test('the edit search proposes a missing break after a statement in a loop', async () => {
  // Prints "Yes" for every divisor instead of once.
  const program = `#include <stdio.h>
int main() {
    int n, i;
    scanf("%d", &n);
    for (i = 2; i < n; i++) {
        if (n % i == 0) {
            printf("Yes\\n");
        }
    }
    return 0;
}
`;
  const tests = [{ name: '1', input: '12', output: 'Yes\n' }, { name: '2', input: '7', output: '' }];
  const r = await new RepairEngine({ compiler: gcc, tests }).repair(program);
  assert.equal(r.status, 'repaired', JSON.stringify(r.edits));
  assert.match(r.repaired, /printf\("Yes\\n"\); break;/);
});

test('a program that never reads the input its test gives it gets the read it forgot, only then', () => {
  const program = '#include <stdio.h>\nint main(void)\n{\n  int y;\n  if (y % 4 == 0) printf("leap\\n");\n  else printf("common\\n");\n  return 0;\n}\n';
  const read = program.replace('int y;', 'int y; scanf("%d", &y);');
  const texts = (input: string) => logicMutations(program, { suspicion: everyLine(program), failing: { input, expected: 'leap\n', actual: 'common\n' } })
    .map((e) => applyEdits(program, e.edits));
  assert.ok(texts('2024\n').includes(read), 'the read after the declarations');
  assert.ok(!texts('\n').includes(read), 'not when the test gives no input');
});

test('a count set back on every pass of the loop that adds to it is moved before that loop', () => {
  const program = `int main(void) {
  int a[3] = {1, 2, 3}, i, j, same, c;
  for (i = 0; i < 3; i++) {
    for (j = 0; j < 3; j++) {
      same = 0;
      c = a[j];
      if (a[i] == c) same++;
    }
  }
  return same;
}
`;
  const texts = logicMutations(program, { suspicion: everyLine(program) }).map((e) => applyEdits(program, e.edits));
  assert.ok(texts.some((t) => /same = 0; for \(j = 0; j < 3; j\+\+\) \{\s*c = a\[j\];/.test(t)), 'the reset before the inner loop');
  assert.ok(!texts.some((t) => t.includes('c = a[j]; for (j')), 'a value the body does not change again stays');
});

test('a nest of loops walked with other bounds than the program\'s other nests over the same counters takes theirs', () => {
  const program = `int main(void) {
  int a[4][5], n = 4, m = 5, i, j, s = 0;
  for (i = 0; i < n; i++)
    for (j = 0; j < n; j++) a[i][j] = i + j;
  for (i = 1; i < n; i++)
    for (j = 1; j < n; j++) s += a[i][j];
  for (i = 0; i < n; i++)
    for (j = 0; j < m; j++) s += a[i][j];
  for (i = 0; i < m; i++) s++;
  return s;
}
`;
  const found = logicMutations(program, { suspicion: everyLine(program) });
  const texts = found.map((e) => applyEdits(program, e.edits));
  assert.ok(texts.includes(program.replace('j < n; j++) a', 'j < m; j++) a').replace('j < n; j++) s', 'j < m; j++) s')), 'both square nests as the third');
  assert.ok(texts.includes(program.replace('j < m; j++) s', 'j < n; j++) s')), 'the third as the square ones');
  assert.match(found.find((e) => applyEdits(program, e.edits).includes('j < m; j++) a'))?.why ?? '', /other loops over `i` and `j` run them to `n` and `m`/);
  const shared = `int main(void) {
  int a[4][5], n = 4, m = 5, i, j, s = 0;
  for (i = 0; i < n; i++) {
    for (j = 0; j < n; j++) s += a[i][j];
    for (j = 0; j < m; j++) s -= a[i][j];
  }
  for (i = 0; i < m; i++)
    for (j = 0; j < n; j++) s++;
  return s;
}
`;
  const sharedTexts = logicMutations(shared, { suspicion: everyLine(shared) }).map((e) => applyEdits(shared, e.edits));
  assert.ok(sharedTexts.includes(shared.replace('i < n; i++) {', 'i < m; i++) {').replace('j < m; j++) s -=', 'j < n; j++) s -=')), 'an outer bound two nests share changes once');
  const square = program.replace('j < m', 'j < n');
  assert.ok(!logicMutations(square, { suspicion: everyLine(square) }).some((e) => /other loops over/.test(e.why ?? '')), 'nothing when every nest agrees');
});

test('arguments in parentheses with no function name before them become a call of the function that takes that many', () => {
  const program = `int same(int *a, int n, int i) {
  if (i >= n / 2) return 1;
  if (a[i] != a[n - 1 - i]) return 0;
  return(a, n, i + 1);
}
int main(void) { int a[3] = {1, 2, 1}, x = (a[0], a[1]); return same(a, 3, 0) + x; }
`;
  const texts = logicMutations(program, { suspicion: everyLine(program) }).map((e) => applyEdits(program, e.edits));
  assert.ok(texts.includes(program.replace('return(a, n, i + 1);', 'return same(a, n, i + 1);')), 'the recursive call');
  assert.ok(!texts.some((t) => t.includes('x = same(')), 'two operands: no function takes two');
});

test('the edit search proposes the classic slips that compile: a ; after a header, = for == and == for =', () => {
  const program = `int main() {
  int n = 3, s = 0, i;
  for (i = 1; i <= n; i++);
    s = s + i;
  while (n > 5);
  if (n = 0) s = 1;
  if (s > 2);
  s == 4;
  for (i = 0; i = n; i++) s++;
  while ((i = n) != 0) n--;
  if ((i = 1) && !(s = 2)) n++;
  return s;
}
`;
  const found = logicMutations(program, { suspicion: everyLine(program) });
  const texts = found.map((e) => applyEdits(program, e.edits));
  assert.ok(texts.includes(program.replace('i++);', 'i++)')), 'the for\'s ;');
  assert.ok(texts.includes(program.replace('while (n > 5);', 'while (n > 5)')), 'the while\'s ;');
  assert.ok(texts.includes(program.replace('if (s > 2);', 'if (s > 2)')), 'the if\'s ;');
  assert.ok(texts.includes(program.replace('if (n = 0)', 'if (n == 0)')), '= in an if');
  assert.ok(texts.includes(program.replace('i = n; i++', 'i == n; i++')), '= as a for\'s condition');
  assert.ok(texts.includes(program.replace('s == 4;', 's = 4;')), '== as a statement');
  assert.ok(!texts.some((t) => t.includes('(i == n) != 0')), 'an assignment compared in parentheses is the idiom, not the slip');
  assert.ok(texts.includes(program.replace('(i = 1) &&', '(i == 1) &&')), '= in an operand of &&');
  assert.ok(texts.includes(program.replace('!(s = 2)', '!(s == 2)')), '= in an operand of !');
  assert.ok(texts.includes(program.replace('if ((i = 1) && !(s = 2))', 'if ((i == 1) && !(s == 2))')), 'every = of one condition together');
  const why = found.find((e) => applyEdits(program, e.edits) === program.replace('i++);', 'i++)'))?.why ?? '';
  assert.match(why, /runs once, after the loop/);
  const onlyFirstLine = new Map(program.split('\n').map((_, i) => [i + 1, i === 0 ? 1 : 0]));
  assert.ok(!logicMutations(program, { suspicion: onlyFirstLine }).some((e) => /whole body|assigns instead|drops the result/.test(e.why ?? '')), 'not on lines no failing test ran');
});

test('engine: a loop whose header ends in ; is repaired by deleting it', async () => {
  const program = SUM.replace('for (i = 1; i < n; i++) {', 'for (i = 1; i <= n; i++);\n    {');
  const r = await new RepairEngine({ compiler: gcc, tests: SUM_TESTS }).repair(program);
  assert.equal(r.status, 'repaired', JSON.stringify(r.edits));
  assert.equal(r.edits.length, 1);
  assert.match(r.repaired, /i\+\+\)\n/);
  assert.equal((await runTests(r.repaired, SUM_TESTS, { compiler: gcc })).passed, SUM_TESTS.length, 'independently re-run');
});

test('the edit search proposes things the wrong way round: arguments, parameters, else-if conditions, operands', () => {
  const program = `#include <stdio.h>
int power(int base, int exp) { int r = 1; while (exp-- > 0) r = r * base; return r; }
int main() {
  int a, b;
  scanf("%d %d", &b, &a);
  if (a > b) printf("first\\n");
  else if (a < b) printf("second\\n");
  printf("%d %d\\n", power(a, b), a - b);
  return 0;
}
`;
  const found = logicMutations(program, { suspicion: everyLine(program) });
  const texts = found.map((e) => applyEdits(program, e.edits));
  assert.ok(texts.includes(program.replace('&b, &a', '&a, &b')), 'scanf\'s arguments');
  assert.ok(texts.includes(program.replace('int base, int exp', 'int exp, int base')), 'the parameters\' names');
  assert.ok(texts.includes(program.replace('power(a, b)', 'power(b, a)')), 'a call\'s arguments');
  assert.ok(texts.includes(program.replace('(a > b)', '(A)').replace('(a < b)', '(a > b)').replace('(A)', '(a < b)')), 'the if\'s and the else-if\'s conditions');
  assert.ok(texts.includes(program.replace('a - b', 'b - a')), 'a difference\'s operands');
  assert.ok(!texts.some((t) => t.includes('printf(power')), 'never the format string');
  const read = found.find((e) => applyEdits(program, e.edits) === program.replace('&b, &a', '&a, &b'));
  assert.match(read?.why ?? '', /read in the wrong order/);
  assert.equal(read?.pattern, true, 'a read runs on every test, so its swap is tried past the budget');
  const call = found.find((e) => applyEdits(program, e.edits) === program.replace('power(a, b)', 'power(b, a)'));
  assert.match(call?.why ?? '', /wrong way round/);
});

test('reads one after the other with the same format: any two of them exchanged, only in a row', () => {
  const program = `#include <stdio.h>
int main() {
  float a1, a2, b1, b2;
  int n;
  scanf("%f", &a1);
  scanf("%f", &a2);
  scanf("%f", &b1);
  scanf("%d", &n);
  scanf("%f", &b2);
  printf("%f\\n", (a1 - b1) / (a2 - b2) * n);
  return 0;
}
`;
  const found = logicMutations(program, { suspicion: everyLine(program) }).filter((e) => e.why === 'the values were read in the wrong order');
  const texts = found.map((e) => applyEdits(program, e.edits));
  assert.ok(texts.includes(program.replace('&a2);', '&B);').replace('&b1);', '&a2);').replace('&B);', '&b1);')), 'neighbours');
  assert.ok(texts.includes(program.replace('&a1);', '&B);').replace('&b1);', '&a1);').replace('&B);', '&b1);')), 'two apart in the row');
  assert.equal(texts.length, 3, 'the three pairs of the row of %f reads; not across the %d read');
  assert.ok(found.every((e) => e.pattern));
});

test('parameters declared in another order than the function\'s own recursive calls pass them: declared in that order, the prototype too', () => {
  const program = `#include <stdio.h>
void paren(int pos, int open, int close, int n);
void paren(int pos, int open, int close, int n) {
  static char a[100];
  if (close == n) { printf("%s\\n", a); return; }
  if (open > close) { a[pos] = '}'; paren(pos + 1, n, open, close + 1); }
  if (open < n) { a[pos] = '{'; paren(pos + 1, n, open + 1, close); }
}
int main(void) { paren(0, 2, 0, 0); return 0; }
`;
  const found = logicMutations(program, { suspicion: everyLine(program) }).filter((e) => e.why?.includes('own calls'));
  assert.deepEqual(found.map((e) => applyEdits(program, e.edits)), [program.replaceAll('(int pos, int open, int close, int n)', '(int pos, int n, int open, int close)')]);
  const plain = 'int f(int a, int b) { return a > 0 ? f(a - 1, b + 1) : b; }\nint main(void) { return f(2, 3); }\n';
  assert.equal(logicMutations(plain, { suspicion: everyLine(plain) }).filter((e) => e.why?.includes('own calls')).length, 0, 'not where the calls keep the order');
});

test('engine: parameters declared the wrong way round are swapped back', async () => {
  // Prints base^exp, but the definition names its parameters in the other order than the call passes them.
  const program = `#include <stdio.h>
int power(int exp, int base) {
    int r = 1;
    while (exp-- > 0)
        r = r * base;
    return r;
}
int main() {
    int b, e;
    scanf("%d %d", &b, &e);
    printf("%d\\n", power(b, e));
    return 0;
}
`;
  const tests = [['2 3', '8'], ['3 2', '9'], ['5 1', '5'], ['1 4', '1']].map(([input, output], i) => ({ name: String(i + 1), input, output }));
  const r = await new RepairEngine({ compiler: gcc, tests }).repair(program);
  assert.equal(r.status, 'repaired', JSON.stringify(r.edits));
  assert.equal((await runTests(r.repaired, tests, { compiler: gcc })).passed, tests.length, 'independently re-run');
  assert.ok(r.edits.some((e) => /wrong way round/.test(e.explanation)), JSON.stringify(r.edits.map((e) => e.explanation)));
});

test('stepping stones: edits that moved the failing output pair up, the closest first, overlapping ones never', () => {
  assert.equal(outputDistance('Sum: 3\n', 'Sum: 6\n'), 0.5, 'a number counts by how far it is');
  assert.equal(outputDistance('Sum: -3\n', 'Sum: 6\n'), 1);
  assert.equal(outputDistance('Total: 6\n', 'Sum: 6\n'), 1);
  assert.equal(outputDistance('', 'a b\n'), 3);
  assert.equal(stepDistance('1111\n211\n', '1 1 1 1\n2 1 1\n'), 0.5, 'every character there, spaced otherwise: nearer than a word wrong');
  assert.equal(stepDistance('Sum: 5\n', 'Sum: 6\n'), outputDistance('Sum: 5\n', 'Sum: 6\n'));
  const stones = new SteppingStones({ expected: '6\n', actual: '3\n' });
  const edit = (start: number, newText: string) => ({ start, end: start + 1, newText });
  const texts = ['far', 'same', 'near', 'overlaps near', 'closer', 'loops'];
  const edits = [edit(0, 'a'), edit(5, 'b'), edit(10, 'c'), edit(10, 'd'), edit(20, 'e'), edit(30, 'f')];
  texts.forEach((t, i) => stones.propose(t, [edits[i]]));
  const ran = (actual: string, status: 'wrong-output' | 'timeout' = 'wrong-output') => ({ actual, status });
  stones.record('far', ran('a b c d\n'));
  stones.record('same', ran('3\n')); // unchanged output: no stone
  stones.record('near', ran('5\n'));
  stones.record('overlaps near', ran('4\n'));
  stones.record('closer', ran('6 7\n'));
  stones.record('never proposed', ran('6\n'));
  stones.record('loops', ran('6\n', 'timeout')); // cut: its output says nothing
  assert.deepEqual(stones.closest(1, 5).map((e) => e[0].newText), ['c', 'd'], 'nearer than 1, the nearest first');
  assert.deepEqual(stones.closest(2, 2).map((e) => e[0].newText), ['c', 'd'], 'at most `limit`');
  const pairs = stones.pairs(10).map((p) => p.map((e) => e.newText).join(''));
  assert.deepEqual(pairs, ['ce', 'de', 'ca', 'da', 'ea'], 'the two edits of one place never together, the one that left the output alone never');
});

// Says whether the sum of the digits it reads is a multiple of 3, but counts each digit one too high
// (line 5); it passes only two "no" tests. Printing "no" on both paths gains two tests more, and so
// does `sum / 3 == 1`: neither is the slip.
const DIGITS = `#include <stdio.h>
int main() {
    int c, sum = 0;
    while ((c = getchar()) != EOF)
        sum += c - '0' + 1;
    if (sum % 3 == 0)
        printf("yes\\n");
    else
        printf("no\\n");
    return 0;
}
`;
const DIGITS_TESTS = [['5', 'no'], ['12', 'yes'], ['7', 'no'], ['3', 'yes'], ['1', 'no'], ['36', 'yes'], ['22', 'no']].map(([input, answer], k) => ({
  name: String(k + 1),
  input,
  output: `${answer}\n`,
}));

test('a literal turned into one the program prints on its other path is a late guess, not a lead', () => {
  const edits = logicMutations(DIGITS, { failing: { actual: 'yes\n', expected: 'no\n' } });
  const echo = edits.find((e) => applyEdits(DIGITS, e.edits).split('"no\\n"').length === 3);
  assert.ok(echo, 'still tried');
  assert.ok(!echo.guided, 'not among the edits read off the output');
  assert.ok(edits.indexOf(echo) > edits.findIndex((e) => applyEdits(DIGITS, e.edits).includes("'0' + 0")), 'after the one-token guesses');
});

test('engine: a round goes on past an edit that passes only some more tests, for one that passes them all', async () => {
  const r = await new RepairEngine({ compiler: gcc, tests: DIGITS_TESTS }).repair(DIGITS);
  assert.equal(r.status, 'repaired', JSON.stringify(r.edits));
  assert.equal(r.rounds, 1);
  assert.match(r.repaired, /sum \+= c - '0' \+ 0;/);
  assert.match(r.repaired, /printf\("yes\\n"\)/, 'both answers still printed');
  assert.equal((await runTests(r.repaired, DIGITS_TESTS, { compiler: gcc })).passed, DIGITS_TESTS.length, 'independently re-run');
});

test('engine: a term the condition should not have is dropped (one edit, not a pair that works around it)', async () => {
  // Counts the digits of a line, but leaves the zeros out (line 6).
  const program = `#include <stdio.h>
int main() {
    char c;
    int digits = 0;
    while (scanf("%c", &c) == 1 && c != '\\n')
        if (c >= '0' && c <= '9' && c != '0')
            digits++;
    printf("%d\\n", digits);
    return 0;
}
`;
  const tests = [['a1b2', '2'], ['100', '3'], ['0', '1'], ['abc', '0'], ['x9y0z', '2']].map(([input, output], k) => ({ name: String(k + 1), input: `${input}\n`, output: `${output}\n` }));
  const r = await new RepairEngine({ compiler: gcc, tests }).repair(program);
  assert.equal(r.status, 'repaired', JSON.stringify(r.edits));
  assert.equal(r.edits.length, 1, JSON.stringify(r.edits));
  assert.match(r.repaired, /if \(c >= '0' && c <= '9'\)/);
  assert.equal((await runTests(r.repaired, tests, { compiler: gcc })).passed, tests.length, 'independently re-run');
});

test('engine: two slips that no single edit repairs are repaired as a pair', async () => {
  // The loop stops one short and subtracts instead of adding: each edit alone still fails every test it fails.
  const program = SUM.replace('s = s + i', 's = s - i');
  const r = await new RepairEngine({ compiler: gcc, tests: SUM_TESTS }).repair(program);
  assert.equal(r.status, 'repaired', JSON.stringify(r.edits));
  assert.equal(r.rounds, 1, 'one round: the pair, not two single steps');
  assert.match(r.repaired, /i <= n/);
  assert.match(r.repaired, /s = s \+ i/);
  assert.equal((await runTests(r.repaired, SUM_TESTS, { compiler: gcc })).passed, 3, 'independently re-run');
  const without = await new RepairEngine({ compiler: gcc, tests: SUM_TESTS, pairBudget: 0, closerSteps: 0 }).repair(program);
  assert.notEqual(without.status, 'repaired', 'no single edit repairs it');
});

test('engine: steps that bring the failing output closer lead to a repair no pair makes, and are undone when none follows', async () => {
  // Two prompts the tests do not expect and a wrong operator: three edits, and no one or two of them pass a test.
  const program = SUM.replace('    scanf("%d", &n);', '    printf("How many?\\n");\n    scanf("%d", &n);\n    printf("Adding\\n");').replace('s = s + i', 's = s - i').replace('i < n', 'i <= n');
  const r = await new RepairEngine({ compiler: gcc, tests: SUM_TESTS }).repair(program);
  assert.equal(r.status, 'repaired', JSON.stringify(r.edits));
  assert.ok(r.rounds >= 2, 'closer steps first, then the gain');
  assert.doesNotMatch(r.repaired, /How many|Adding/);
  assert.equal((await runTests(r.repaired, SUM_TESTS, { compiler: gcc })).passed, 3, 'independently re-run');
  const pairsOnly = await new RepairEngine({ compiler: gcc, tests: SUM_TESTS, closerSteps: 0 }).repair(program);
  assert.notEqual(pairsOnly.status, 'repaired', 'pairs alone do not reach it');
  assert.equal(pairsOnly.repaired, program, 'nothing passed more tests: nothing is kept');
  // Closer steps that lead nowhere are undone: a program whose output no edit can make right.
  const hopeless = SUM.replace('printf("Sum: %d\\n", s);', 'printf("How many?\\n");\n    printf("Total %d\\n", s * 7 + 5);');
  const h = await new RepairEngine({ compiler: gcc, tests: SUM_TESTS }).repair(hopeless);
  assert.notEqual(h.status, 'repaired');
  assert.ok(h.repaired === hopeless || h.testsAfter!.passed > h.testsBefore!.passed, 'no step without a gain after it is kept');
});

test('classic slips: `=+` for `+=`, and a step in a condition before or after its test', () => {
  const program = 'int main() { int j = 3, s = 0, x = 2; while (--j) s =+ x; s = -x; return s; }\n';
  const found = logicMutations(program, { suspicion: everyLine(program) }).map((e) => applyEdits(program, e.edits));
  assert.ok(found.includes(program.replace('s =+ x', 's += x')));
  assert.ok(!found.some((t) => t.includes('s -= x')), 'not a sign written apart from the `=`');
  assert.ok(found.includes(program.replace('while (--j)', 'while (j--)')));
  const dropped = 'int main() { int i, s = 0; for (i = 1; i < 9; i + 2) s++; s * 2; return s; }\n';
  const kept = logicMutations(dropped, { suspicion: everyLine(dropped) }).map((e) => applyEdits(dropped, e.edits));
  assert.ok(kept.includes(dropped.replace('i + 2)', 'i += 2)')), 'a loop step that drops its value');
  assert.ok(kept.includes(dropped.replace('s * 2;', 's *= 2;')), 'a statement that drops its value');
});

test('format fix-its: a conversion that lost its `%`, when the format has more arguments than conversions', async () => {
  const program = '#include <stdio.h>\nint main(void) { int n, m, k;\nscanf("%d %d &d", &n, &m, &k);\nprintf("%d d\\n", n, m);\nreturn n; }\n';
  const found = (await warningFixits(program, { family: 'gcc', args: ['-w'] })).map((fix) => applyEdits(program, fix.edits));
  assert.ok(found.includes(program.replace('&d"', '%d"')), 'the mark before the conversion as its `%`, the flags hiding the warning dropped');
  assert.ok(found.includes(program.replace('"%d d', '"%d %d')), 'a `%` put before a conversion that has none');
  assert.deepEqual(found.slice(2), [program.replace('&d"', '%d"').replace('"%d d', '"%d %d')], 'then both together; nothing in the conversions that have their `%`');
});
