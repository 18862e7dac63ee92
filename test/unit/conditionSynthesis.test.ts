// Value probes and the conditions synthesized from them: a real compiler builds the probed program,
// real runs report the decisions, and the tests judge what the synthesis keeps.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseC } from '../../server/src/c/parser';
import { runTests } from '../../server/src/oracle/testRunner';
import { literalValue, synthesizeConditions, type ProbedTest } from '../../server/src/repair/conditionSynthesis';
import { applyEdits } from '../../server/src/repair/edits';
import { blameDecisions, ochiai } from '../../server/src/repair/faultLocalization';
import { RepairEngine } from '../../server/src/repair/engine';
import { instrument, MAX_DECISIONS, probeCompiler, probeSites, readProbes } from '../../server/src/repair/valueProbes';
import { everyLine } from '../support/suspicion';

const gcc = { family: 'gcc' as const, args: [] };
// C-Pack's flags: the probes' prelude must build under C89 too.
const strict = { family: 'gcc' as const, args: ['-Wall', '-Wextra', '-ansi', '-pedantic'] };
// And with -Werror: a probe that reads a variable not yet set warns, which must not stop the probed build.
const strictErrors = { family: 'gcc' as const, args: ['-Wall', '-Wextra', '-Werror', '-ansi', '-pedantic'] };

// Counts the positive even numbers, but counts 0 too (line 8 lacks `&& x > 0`).
const COUNT = `#include <stdio.h>

int main(void) {
    int n, i, x, count = 0;
    scanf("%d", &n);
    for (i = 0; i < n; i++) {
        scanf("%d", &x);
        if (x % 2 == 0)
            count++;
    }
    printf("%d\\n", count);
    return 0;
}
`;
const COUNT_TESTS = [
  { name: '1', input: '3\n1 2 3\n', output: '1\n' },
  { name: '2', input: '4\n2 4 6 8\n', output: '4\n' },
  { name: '3', input: '3\n0 2 5\n', output: '1\n' },
  { name: '4', input: '2\n7 9\n', output: '0\n' },
  { name: '5', input: '3\n0 0 1\n', output: '0\n' },
];

/** The probed runs of `text` on `tests` at the conditions the tests point at, as the engine reads them. */
async function probe(text: string, tests: typeof COUNT_TESTS, compiler: { family: 'gcc'; args: string[] } = gcc) {
  const root = parseC(text).rootNode;
  const plain = await runTests(text, tests, { compiler, coverage: true });
  const sites = probeSites(root, blameDecisions(root, ochiai(plain) ?? everyLine(text)));
  const probed = await runTests(instrument(text, sites), tests, { compiler: probeCompiler(compiler), keepStderr: true });
  const firstFailing = plain.results.find((r) => !r.passed)?.name;
  const runs: ProbedTest[] = probed.results.map((r, i) => ({ passed: plain.results[i].passed, target: r.name === firstFailing, sites: readProbes(r.stderr ?? '', sites) }));
  return { root, sites, plain, probed, runs };
}

test('probes: each condition reports its decisions with the variables in scope and its operands, and the program runs as before', async () => {
  for (const compiler of [gcc, strict, strictErrors]) {
    const { sites, plain, probed, runs } = await probe(COUNT, COUNT_TESTS, compiler);
    assert.ok(probed.compiled, probed.compileOutput);
    assert.deepEqual(probed.results.map((r) => r.actual), plain.results.map((r) => r.actual), 'the same output on every test');
    const branch = sites.findIndex((s) => s.node.text === 'x % 2 == 0');
    assert.ok(branch >= 0, sites.map((s) => s.node.text).join());
    assert.deepEqual(sites[branch].terms.slice(0, 4), ['n', 'i', 'x', 'count']);
    assert.ok(sites[branch].terms.includes('x%2'), 'its operand');
    const x = sites[branch].terms.indexOf('x');
    const decisions = runs[0].sites[branch].decisions;
    assert.deepEqual(decisions.map((d) => [d.values[x], d.value]), [[1, false], [2, true], [3, false]]);
    const loop = sites.findIndex((s) => s.node.text === 'i < n');
    assert.equal(runs[0].sites[loop].decisions.length, 4, 'a loop condition once per pass and once to leave');
  }
});

test('probes: a condition that reads input is evaluated once, and a site decided too often is cut', async () => {
  const echo = `#include <stdio.h>
int main(void) {
    int c, k = 0;
    while ((c = getchar()) != EOF)
        if (c != '\\n') k++;
    printf("%d\\n", k);
    return 0;
}
`;
  const tests = [{ name: '1', input: 'ab\ncd\n', output: '4\n' }, { name: '2', input: 'x'.repeat(MAX_DECISIONS + 10), output: `${MAX_DECISIONS + 10}\n` }];
  const { probed, runs, sites } = await probe(echo, tests);
  assert.equal(probed.passed, 2, 'the probe does not read the input again');
  const read = sites.findIndex((s) => s.node.text.includes('getchar'));
  assert.equal(runs[0].sites[read].decisions.length, 7);
  assert.equal(runs[0].sites[read].cut, false);
  assert.equal(runs[1].sites[read].decisions.length, MAX_DECISIONS);
  assert.equal(runs[1].sites[read].cut, true);
});

test('probes: statements that touch (`t[k]=a[i];i++;`) are each probed, and the program runs as before', async () => {
  const program = `#include <stdio.h>
int main(void) {
    int a[3] = {4, 5, 6}, t[3], i = 0, k;
    for (k = 0; k < 3; k++) {
        if (a[i] > 4) { t[k]=a[i];i++; } else { t[k]=0;i++; }
    }
    printf("%d %d %d\\n", t[0], t[1], t[2]);
    return 0;
}
`;
  const tests = [{ name: '1', input: '', output: '0 5 6\n' }, { name: '2', input: '', output: '4 5 6\n' }];
  const { probed, plain, runs, sites } = await probe(program, tests);
  assert.ok(probed.compiled, probed.compileOutput);
  assert.deepEqual(probed.results.map((r) => r.actual), plain.results.map((r) => r.actual));
  const step = sites.findIndex((s) => s.node.text === 'i++;' && s.node.startIndex === program.indexOf('i++;'));
  const store = sites.findIndex((s) => s.node.text === 't[k]=a[i];');
  assert.ok(step >= 0 && store >= 0, sites.map((s) => s.node.text).join(' | '));
  assert.equal(runs[0].sites[step].decisions.length, 2, 'the branch runs for 5 and 6');
});

test('literal values: decimal, octal, hexadecimal, suffixed, floating and character literals', () => {
  assert.deepEqual(['10', '010', '0x1F', '7u', '100L', '2.5', "'a'", "'\\n'", "'\\0'", '1e9x'].map(literalValue), [10, 8, 31, 7, 100, 2.5, 97, 10, 0, undefined]);
});

test('synthesis: a kept condition said to leave the passing tests\' runs as before keeps them passing; the first repairs the program', async () => {
  const { root, sites, runs, plain } = await probe(COUNT, COUNT_TESTS);
  const found = synthesizeConditions(root, sites, runs);
  assert.ok(found.length > 0 && found.length <= 12);
  const passing = plain.results.filter((r) => r.passed).map((r) => r.name);
  const leaves = found.map((e) => /the passing tests run as before|which no passing test does/.test(e.why ?? ''));
  assert.ok(leaves.every((l, i) => l || !leaves.slice(i).includes(true)), 'bounds moved, which may change a passing run, come only after');
  const unchanged = found.filter((_, i) => leaves[i]);
  for (const e of unchanged) {
    const report = await runTests(applyEdits(COUNT, e.edits), COUNT_TESTS, { compiler: gcc });
    for (const name of passing) assert.ok(report.results.find((r) => r.name === name)?.passed, `${e.edits[0].newText} keeps test ${name}`);
  }
  const first = applyEdits(COUNT, found[0].edits);
  assert.match(first, /if \(x % 2 == 0 && x [!>]=? [0-9]\)/);
  assert.equal((await runTests(first, COUNT_TESTS, { compiler: gcc })).passed, COUNT_TESTS.length);
  assert.match(found[0].why ?? '', /reaches `x % 2 == 0` where `x` is 0 and needs it false/);
});

test('synthesis: a comparison\'s operand moved by a term the tests point at (`i < n` to `i < n - k`)', async () => {
  // Sums all but the last k of n numbers (line 7 sums them all).
  const program = `#include <stdio.h>
int main(void) {
    int n, k, i, a[100], s = 0;
    scanf("%d %d", &n, &k);
    for (i = 0; i < n; i++) scanf("%d", &a[i]);
    for (i = 0; i < n; i++)
        s += a[i];
    printf("%d\\n", s);
    return 0;
}
`;
  const tests = [
    { name: '1', input: '3 0\n1 2 3\n', output: '6\n' },
    { name: '2', input: '3 1\n1 2 3\n', output: '3\n' },
    { name: '3', input: '4 2\n5 5 1 1\n', output: '10\n' },
    { name: '4', input: '1 0\n7\n', output: '7\n' },
  ];
  const { root, sites, runs } = await probe(program, tests);
  const found = synthesizeConditions(root, sites, runs).map((e) => applyEdits(program, e.edits));
  const fixed = found.find((t) => /for \(i = 0; i < n - k; i\+\+\)\n\s+s \+= a\[i\]/.test(t));
  assert.ok(fixed, found.map((t) => t.split('\n')[5]).join('\n'));
  assert.equal((await runTests(fixed, tests, { compiler: gcc })).passed, 4);
});

test('engine: a condition no one-token edit repairs is synthesized from the probed values, and explained', async () => {
  const r = await new RepairEngine({ compiler: gcc, tests: COUNT_TESTS }).repair(COUNT);
  assert.equal(r.status, 'repaired', JSON.stringify(r.edits));
  assert.equal(r.edits.length, 1);
  assert.match(r.edits[0].newText, /&& x/);
  assert.match(r.edits[0].explanation, /the failing test reaches `x % 2 == 0`/);
  assert.equal((await runTests(r.repaired, COUNT_TESTS, { compiler: gcc })).passed, COUNT_TESTS.length, 'independently re-run');
});

test('synthesis: a statement the failing test runs where no passing test does gets a guard, braced before an else', async () => {
  // Sums the numbers that are not negative, but sums them all (line 8 lacks its guard).
  const program = `#include <stdio.h>
int main(void) {
    int n, i, x, sum = 0;
    scanf("%d", &n);
    for (i = 0; i < n; i++) {
        scanf("%d", &x);
        if (n > 0)
            sum += x;
        else
            sum = 0;
    }
    printf("%d\\n", sum);
    return 0;
}
`;
  const tests = [
    { name: '1', input: '3\n1 2 3\n', output: '6\n' },
    { name: '2', input: '3\n-1 2 3\n', output: '5\n' },
    { name: '3', input: '2\n4 5\n', output: '9\n' },
    { name: '4', input: '4\n-5 -6 1 0\n', output: '1\n' },
  ];
  const { root, sites, runs } = await probe(program, tests);
  assert.ok(sites.some((s) => s.kind === 'statement' && s.node.text === 'sum += x;'));
  const found = synthesizeConditions(root, sites, runs);
  const guard = found.find((e) => /^\{ if \(x >= 0\) sum \+= x; \}$/.test(e.edits[0].newText));
  assert.ok(guard, found.map((e) => e.edits[0].newText).join('\n'));
  assert.match(guard.why ?? '', /runs `sum \+= x;` where `x` is -1, which no passing test does/);
  assert.equal((await runTests(applyEdits(program, guard.edits), tests, { compiler: gcc })).passed, 4);
});

test('synthesis: an else block the failing test runs where no passing test does becomes an else if', async () => {
  // Prints the pairs 1 n, 2 n-1, ... and the middle number, which only an odd n has.
  const program = `#include <stdio.h>
int main(void) {
    int n, i;
    scanf("%d", &n);
    for (i = 0; i <= n / 2; i++)
        if (i != n / 2) {
            printf("%d %d\\n", i + 1, n - i);
        } else {
            printf("%d\\n", i + 1);
        }
    return 0;
}
`;
  const tests = [
    { name: '1', input: '5', output: '1 5\n2 4\n3\n' },
    { name: '2', input: '4', output: '1 4\n2 3\n' },
    { name: '3', input: '3', output: '1 3\n2\n' },
    { name: '4', input: '1', output: '1\n' },
    { name: '5', input: '2', output: '1 2\n' },
  ];
  const { root, sites, runs } = await probe(program, tests);
  assert.ok(sites.some((s) => s.kind === 'statement' && s.node.type === 'compound_statement'), 'the else block is a site');
  const found = synthesizeConditions(root, sites, runs);
  const passing = [];
  for (const e of found) if ((await runTests(applyEdits(program, e.edits), tests, { compiler: gcc })).passed === tests.length) passing.push(e);
  const elseIf = passing.find((e) => /\} else if \(n % 2 != 0\) \{/.test(applyEdits(program, e.edits)));
  assert.ok(elseIf, found.map((e) => e.edits[0].newText).join('\n'));
  assert.match(elseIf.why ?? '', /the failing test runs the `else` block where `n % 2` is 0/);
});

test('engine: an else that its if\'s own operands should guard becomes an else if, though a passing test\'s run changes', async () => {
  // Prints the larger of two numbers of the same length, but decides on the first digits alone.
  const program = `#include <stdio.h>
int main(void) {
    char a[101], b[101];
    int i = 0;
    scanf("%100s %100s", a, b);
    while (a[i] != '\\0' && b[i] != '\\0') {
        if (a[i] > b[i]) {
            printf("%s\\n", a);
            return 0;
        } else {
            printf("%s\\n", b);
            return 0;
        }
        i++;
    }
    printf("%s\\n", a);
    return 0;
}
`;
  const tests = [
    { name: '1', input: '5 3', output: '5\n' },
    { name: '2', input: '3 5', output: '5\n' },
    { name: '3', input: '45 44', output: '45\n' },
    { name: '4', input: '44 45', output: '45\n' },
    { name: '5', input: '77 77', output: '77\n' },
  ];
  const r = await new RepairEngine({ compiler: gcc, tests }).repair(program);
  assert.equal(r.status, 'repaired', JSON.stringify(r.edits));
  assert.match(r.repaired, /\} else if \(a\[i\] (!=|<) b\[i\]\) \{/);
  assert.match(r.edits[0].explanation, /runs the `else` block where `a\[i\]` is 52 and `b\[i\]` is 52, and the passing tests still pass with it guarded/);
  assert.equal((await runTests(r.repaired, tests, { compiler: gcc })).passed, tests.length, 'independently re-run');
});
