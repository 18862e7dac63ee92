// The file-system sandbox: a student program sees only the C libraries and itself, can leave
// nothing on the machine, and finds no shell. Each test compiles a real program and runs it
// through the real test runner.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test, TestContext } from 'node:test';
import { sandboxPlan } from '../../server/src/oracle/sandbox';
import { DEFAULT_LIMITS, runTests, TestCase } from '../../server/src/oracle/testRunner';
import { TestSandboxes } from '../../server/src/oracle/testSandboxes';
import { hostileProgram } from '../support/fixtures';
import { REPO_ROOT } from '../support/sharedData';

const gcc = { family: 'gcc' as const, args: ['-std=gnu99', '-w'] };

// The containment the runner applies here, in its own words; hostile programs run only inside it.
const fileSystem = sandboxPlan('/bin/true', DEFAULT_LIMITS).enforced.find((e) => e.startsWith('file system:'));

/** Skips the test, with the reason, where the runner has no file-system containment; fails instead
 * where C_REPAIR_REQUIRE_SANDBOX=1 says the machine must have it (CI). */
function skipUnlessContained(t: TestContext): boolean {
  if (fileSystem?.startsWith('file system: contained')) return false;
  const why = `no file-system sandbox on this machine (${fileSystem ?? 'not reported'}); install bubblewrap to run this test`;
  if (process.env.C_REPAIR_REQUIRE_SANDBOX === '1') assert.fail(`${why} (C_REPAIR_REQUIRE_SANDBOX=1)`);
  t.skip(why);
  return true;
}

/** A folder that the sandbox user could read and write if nothing stopped it, removed afterwards. */
function openFolder(t: TestContext): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'c-repair-sandbox-test-'));
  fs.chmodSync(dir, 0o777);
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

test('the program cannot read files outside the sandbox', async (t) => {
  if (skipUnlessContained(t)) return;
  const secret = path.join(openFolder(t), 'secret.txt');
  fs.writeFileSync(secret, 'the answer key\n', { mode: 0o644 });
  const targets = [secret, '/etc/passwd', path.join(REPO_ROOT, 'package.json')];
  const r = await runTests(hostileProgram('read_files'), [{ name: 'read', input: targets.join('\n'), output: '' }], { compiler: gcc });
  const lines = r.results[0].actual.trimEnd().split('\n');
  assert.equal(lines.length, targets.length + 1, r.results[0].actual);
  for (const line of lines) assert.match(line, /: unreadable$/, 'nothing outside is readable, not even its own source');
});

test('what the program writes, in /tmp or anywhere else, is not left on the machine', async (t) => {
  if (skipUnlessContained(t)) return;
  const open = openFolder(t);
  const targets = [path.join(os.tmpdir(), `c-repair-escaped-${process.pid}`), `/tmp/c-repair-escaped-${process.pid}`, path.join(open, 'escaped')];
  t.after(() => targets.forEach((f) => fs.rmSync(f, { force: true })));
  const r = await runTests(hostileProgram('write_files'), [{ name: 'write', input: targets.join('\n'), output: 'done' }], { compiler: gcc });
  assert.equal(r.results[0].status, 'passed', r.results[0].actual);
  for (const target of targets) assert.ok(!fs.existsSync(target), `${target} was not written`);
  assert.deepEqual(fs.readdirSync(open), []);
});

test('no shell exists for the program: system() and exec of a shell fail', async (t) => {
  if (skipUnlessContained(t)) return;
  const r = await runTests(hostileProgram('shell'), [{ name: 'shell', input: '', output: 'system: failed\nexec: failed' }], { compiler: gcc });
  assert.equal(r.results[0].status, 'passed', r.results[0].actual);
});

test('the process limit counts only the program\'s own processes, however many its user has', async (t) => {
  if (skipUnlessContained(t)) return;
  // More processes of the sandbox's user than the limit: nobody where we are root, else ourselves.
  const asSandboxUser = process.getuid?.() === 0 ? ['setpriv', '--reuid', '65534', '--regid', '65534', '--clear-groups', '--'] : [];
  const sleeper = [...asSandboxUser, 'sleep', '30'];
  const others = Array.from({ length: DEFAULT_LIMITS.processes + 8 }, () => spawn(sleeper[0], sleeper.slice(1), { stdio: 'ignore' }));
  t.after(() => others.forEach((p) => p.kill('SIGKILL')));
  const r = await runTests(hostileProgram('fork_count'), [{ name: 'forks', input: '', output: 'limited' }], { compiler: gcc });
  assert.equal(r.results[0].status, 'passed', r.results[0].actual || 'the program did not run');
});

test('an ordinary program still runs: standard input and the math library', async () => {
  const source = '#include <math.h>\n#include <stdio.h>\nint main(void){double x;scanf("%lf",&x);printf("%.3f\\n",sqrt(x));return 0;}';
  const tests: TestCase[] = [{ name: 'sqrt', input: '2', output: '1.414' }, { name: 'square', input: '81', output: '9.000' }];
  const r = await runTests(source, tests, { compiler: gcc });
  assert.equal(r.passed, 2, JSON.stringify(r.results.map((x) => x.actual)));
});

test('inside the sandbox a program may use scratch files, in its working folder and through tmpfile()', async (t) => {
  if (skipUnlessContained(t)) return;
  const source = `#include <stdio.h>
int main(void) {
  FILE *scratch = fopen("scratch.txt", "w+"), *temp = tmpfile();
  if (!scratch || !temp) { printf("no scratch file\\n"); return 1; }
  fprintf(scratch, "kept");
  rewind(scratch);
  char text[8] = "";
  fscanf(scratch, "%7s", text);
  printf("%s\\n", text);
  return 0;
}`;
  const r = await runTests(source, [{ name: 'scratch', input: '', output: 'kept' }], { compiler: gcc });
  assert.equal(r.results[0].status, 'passed', r.results[0].actual);
});

test('sandboxes kept up across a repair\'s runs: no run reaches the next, not even by killing or forging through the driver', async (t) => {
  if (skipUnlessContained(t)) return;
  const sandboxes = new TestSandboxes();
  t.after(() => sandboxes.dispose());
  const shared = { compiler: gcc, sandboxes, wallMs: 2000, limits: { cpuSeconds: 1 } };
  const double = '#include <stdio.h>\nint main(void){int a;scanf("%d",&a);printf("%d\\n",a*2);return 0;}';
  const doubles: TestCase[] = [{ name: 'a', input: '21', output: '42' }, { name: 'b', input: '5', output: '10' }];
  const runs: [string, TestCase[], string][] = [
    [hostileProgram('write_files'), [{ name: 'write', input: '/tmp/left-behind', output: 'done' }], 'passed'],
    [hostileProgram('fork_bomb'), [{ name: 'bomb', input: '', output: 'never printed' }], 'timeout'],
    // Its driver killed, the test is run again in a sandbox of its own, where there is no driver to kill.
    [hostileProgram('kill_driver'), [{ name: 'kill', input: '', output: 'done' }], 'passed'],
    [hostileProgram('forge_report'), [{ name: 'forge', input: '', output: 'refused' }], 'passed'],
    [double, doubles, 'passed'],
  ];
  for (const [source, tests, status] of runs) {
    const r = await runTests(source, tests, shared);
    assert.deepEqual(r.results.map((x) => x.status), tests.map(() => status), r.results.map((x) => x.actual).join(' | '));
  }
  // What the first run left in its /tmp is gone for the next.
  const sees = '#include <stdio.h>\nint main(void){FILE *f=fopen("/tmp/left-behind","r");puts(f?"still there":"gone");return 0;}';
  assert.equal((await runTests(sees, [{ name: 'tmp', input: '', output: 'gone' }], shared)).results[0].status, 'passed');
});
