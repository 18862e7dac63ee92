// The test oracle runs real student programs on their tests, and contains hostile ones.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { readJsonlSync } from '../../server/src/data/jsonl';
import { testDriver } from '../../server/src/oracle/testDriver';
import { outputsMatch, runTests, TestCase } from '../../server/src/oracle/testRunner';
import { hostileProgram } from '../support/fixtures';
import { dataFile } from '../support/sharedData';

const gcc = { family: 'gcc' as const, args: ['-std=gnu99', '-w'] };
const oneTest: TestCase[] = [{ name: 't1', input: '', output: 'never printed' }];

test('outputs compare as the courses do: trailing whitespace and blank lines ignored', () => {
  assert.ok(outputsMatch('3  \n\n\n', '3'));
  assert.ok(outputsMatch('a\r\nb \n', 'a\nb'));
  assert.ok(!outputsMatch(' 3', '3'), 'leading whitespace counts');
  assert.ok(!outputsMatch('3 4', '3  4'), 'inner spacing counts');
});

test('real ITSP pairs: the fixed program passes its tests and the buggy one fails some', async () => {
  type Pair = { id: string; problem: string; buggy: string; fixed: string; verified: boolean };
  type Problem = { problem: string; tests: TestCase[] };
  const problems = new Map(readJsonlSync<Problem>(dataFile('itsp/problems.jsonl.gz')).map((p) => [p.problem, p]));
  const pairs = readJsonlSync<Pair>(dataFile('itsp/pairs.jsonl.gz')).filter((p) => p.verified).slice(0, 3);
  for (const pair of pairs) {
    const tests = problems.get(pair.problem)!.tests;
    const fixed = await runTests(pair.fixed, tests, { compiler: gcc });
    assert.equal(fixed.passed, tests.length, `${pair.id}: fixed passes all`);
    const buggy = await runTests(pair.buggy, tests, { compiler: gcc });
    assert.ok(buggy.passed < tests.length, `${pair.id}: buggy fails one`);
    const failing = buggy.results.find((r) => !r.passed)!;
    assert.notEqual(failing.actual, undefined);
  }
});

test('a program that does not compile is reported with the compiler output', async () => {
  const r = await runTests('int main(void) { return 0 }', oneTest, { compiler: gcc });
  assert.equal(r.compiled, false);
  assert.match(r.compileOutput, /expected ';'/);
  assert.equal(r.passed, 0);
});

test('hostile programs are stopped and reported, and the next run goes on', async () => {
  const cases: [string, string][] = [
    ['loop', 'timeout'],
    ['sleep_forever', 'timeout'],
    ['fork_bomb', 'timeout'],
    ['flood', 'output-limit'],
  ];
  for (const [name, status] of cases) {
    const started = Date.now();
    const r = await runTests(hostileProgram(name), oneTest, { compiler: gcc, wallMs: 2000, limits: { cpuSeconds: 1 } });
    assert.equal(r.results[0].status, status, name);
    assert.ok(Date.now() - started < 10000, `${name} stopped in time`);
  }
  const alloc = await runTests(hostileProgram('alloc'), oneTest, { compiler: gcc, limits: { memoryBytes: 256 * 2 ** 20 } });
  assert.notEqual(alloc.results[0].status, 'passed');
  assert.ok(['wrong-output', 'crashed', 'timeout'].includes(alloc.results[0].status), 'unbounded allocation is stopped');
  const crash = await runTests('#include <stdlib.h>\nint main(void){abort();}', oneTest, { compiler: gcc });
  assert.equal(crash.results[0].status, 'crashed');
  assert.equal(crash.results[0].signal, 6, 'the signal that killed the program (SIGABRT) is reported');
  const exits = await runTests('int main(void){return 3;}', oneTest, { compiler: gcc });
  assert.deepEqual([exits.results[0].exitCode, exits.results[0].signal], [3, null], 'its own exit code');
  const ok = await runTests('#include <stdio.h>\nint main(void){int a;scanf("%d",&a);printf("%d\\n",a*2);return 0;}',
    [{ name: 'double', input: '21', output: '42' }], { compiler: gcc });
  assert.equal(ok.passed, 1, 'the runner still works after the hostile ones');
});

test('no student process survives its run', async () => {
  // The test driver lives as long as this process (built already, as in a server that has run tests before).
  await testDriver(gcc.family);
  // A temporary folder of its own, so that other runs on this machine do not count.
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'c-repair-survivors-'));
  const previous = process.env.TMPDIR;
  process.env.TMPDIR = work;
  try {
    await runTests(hostileProgram('fork_bomb'), oneTest, { compiler: gcc, wallMs: 1500, limits: { cpuSeconds: 1 } });
  } finally {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
  }
  await new Promise((r) => setTimeout(r, 300));
  const leftovers = fs.readdirSync('/proc').filter((pid) => {
    try {
      return /^\d+$/.test(pid) && fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(work);
    } catch {
      return false;
    }
  });
  assert.deepEqual(leftovers, []);
  assert.deepEqual(fs.readdirSync(work), [], 'temporary folders are removed');
  fs.rmdirSync(work);
});

test('where the machine allows it, the program has no network', async (t) => {
  const r = await runTests(hostileProgram('network'), [{ name: 'net', input: '', output: 'no network' }], { compiler: gcc });
  if (!r.enforced.some((e) => e.includes('no network'))) {
    t.skip('this machine cannot make a network namespace');
    return;
  }
  assert.equal(r.results[0].status, 'passed', r.results[0].actual);
});

test('each test starts afresh: no file, process or loop of an earlier test reaches the next', async () => {
  // Test 1 leaves a file and a process that left its session; test 2 loops; test 3 looks for both.
  const program = `#include <ctype.h>
#include <dirent.h>
#include <stdio.h>
#include <unistd.h>
int main(void) {
  int t = 0, procs = 0;
  if (scanf("%d", &t) != 1) return 1;
  if (t == 1) {
    FILE *f = fopen("mark", "w"); fputs("x", f); fclose(f);
    if (fork() == 0) { setsid(); close(1); close(2); sleep(30); return 0; }
    printf("left\\n");
    return 0;
  }
  if (t == 2) for (;;) {}
  DIR *d = opendir("/proc"); struct dirent *e;
  while (d && (e = readdir(d))) if (isdigit((unsigned char)e->d_name[0])) procs++;
  printf("%s %s\\n", fopen("mark", "r") ? "stale" : "fresh", procs <= 3 ? "alone" : "crowded");
  return 0;
}`;
  const tests = [{ name: 'a', input: '1', output: 'left' }, { name: 'b', input: '2', output: '' }, { name: 'c', input: '3', output: 'fresh alone' }];
  const r = await runTests(program, tests, { compiler: gcc, wallMs: 1500, limits: { cpuSeconds: 1 } });
  assert.deepEqual(r.results.map((x) => x.status), ['passed', 'timeout', 'passed'], JSON.stringify(r.results.map((x) => x.actual)));
});

test('a run stops at its first required test that fails, and reports the ones it ran', async () => {
  const program = '#include <stdio.h>\nint main(void){int a;scanf("%d",&a);printf("%d\\n",a*2);return 0;}';
  const tests = ['1 2', '2 5', '3 6'].map((t, i) => ({ name: String(i + 1), input: t.split(' ')[0], output: t.split(' ')[1] }));
  const all = await runTests(program, tests, { compiler: gcc });
  assert.deepEqual(all.results.map((x) => x.passed), [true, false, true]);
  assert.deepEqual(all.results.map((x) => x.actual.trim()), ['2', '4', '6']);
  const cut = await runTests(program, tests, { compiler: gcc, requiredFirst: 2 });
  assert.deepEqual(cut.results.map((x) => x.passed), [true, false], 'stopped after the second test');
  assert.equal(cut.passed, 1);
});

test('tests run side by side give the report of one test at a time, cut at the same required failure', async () => {
  // Input 0 loops (cut by the CPU limit); the others print twice their input.
  const program = '#include <stdio.h>\nint main(void){int a;scanf("%d",&a);while(a==0);printf("%d\\n",a*2);return 0;}';
  const tests = ['1 2', '0 0', '3 6', '4 9', '5 10'].map((t, i) => ({ name: String(i + 1), input: t.split(' ')[0], output: t.split(' ')[1] }));
  const limits = { wallMs: 1500, limits: { cpuSeconds: 1 } };
  const summary = (r: Awaited<ReturnType<typeof runTests>>) => ({ passed: r.passed, results: r.results.map((x) => [x.name, x.status, x.actual.trim()]) });
  for (const requiredFirst of [0, 2, 4]) {
    const one = await runTests(program, tests, { compiler: gcc, ...limits, requiredFirst });
    const three = await runTests(program, tests, { compiler: gcc, ...limits, requiredFirst, concurrency: 3 });
    assert.deepEqual(summary(three), summary(one), `requiredFirst ${requiredFirst}`);
  }
  const all = await runTests(program, tests, { compiler: gcc, ...limits, concurrency: 2 });
  assert.deepEqual(all.results.map((x) => x.status), ['passed', 'timeout', 'passed', 'wrong-output', 'passed']);
});

test('after a test ran out of time, the tests started later run with the shorter limits asked for', async () => {
  // Prints the CPU limit it runs under, then loops on input 0.
  const program = '#include <stdio.h>\n#include <sys/resource.h>\nint main(void){struct rlimit r;int a;getrlimit(RLIMIT_CPU,&r);printf("%ld\\n",(long)r.rlim_cur);fflush(stdout);scanf("%d",&a);while(a==0);return 0;}';
  const afterTimeouts = { count: 1, wallMs: 1500, cpuSeconds: 1 };
  const run = (inputs: string[], concurrency: number) =>
    runTests(program, inputs.map((input, i) => ({ name: String(i + 1), input, output: '2' })), { compiler: gcc, limits: { cpuSeconds: 2 }, afterTimeouts, concurrency });
  const one = await run(['5', '0', '5', '0'], 1);
  assert.deepEqual(one.results.map((x) => x.status), ['passed', 'timeout', 'wrong-output', 'timeout']);
  assert.deepEqual(one.results.map((x) => x.actual.trim()), ['2', '2', '1', '1'], 'limits by test, one at a time');
  // Side by side, the tests in flight when the first runs out of time keep their limits.
  const two = await run(['0', '0', '5', '0'], 2);
  assert.deepEqual(two.results.map((x) => x.status), ['timeout', 'timeout', 'wrong-output', 'timeout']);
  assert.deepEqual(two.results.map((x) => x.actual.trim()), ['2', '2', '1', '1'], 'limits by test, two at a time');
});
