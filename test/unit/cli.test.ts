// The c-repair CLI: real compiler, real file, unified diff out, the file itself never written.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT } from '../support/sharedData';
import { scratchFolder } from '../support/scratch';

const CLI = path.join(REPO_ROOT, 'bin', 'c-repair.js');
const run = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 60000 });

function tempCopy(name: string, content?: string | Buffer): string {
  const dir = scratchFolder('c-repair-cli-');
  const file = path.join(dir, name);
  fs.writeFileSync(file, content ?? fs.readFileSync(path.join(REPO_ROOT, 'test', 'fixtures', name)));
  return file;
}

test('prints diagnostics and the repair as a unified diff, leaving the file unchanged', () => {
  const file = tempCopy('missing_semicolon.c');
  const before = fs.readFileSync(file);
  const r = run(file);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /missing_semicolon\.c:9:17: error: expected ';' before '\}' token/);
  assert.match(r.stdout, /^-        sum \+= i$/m);
  assert.match(r.stdout, /^\+        sum \+= i;$/m);
  assert.match(r.stdout, /^\+    printf\("%d\\n", sum\);$/m);
  assert.match(r.stdout, /Insert `;` on line 9, because the compiler reports/);
  assert.deepEqual(fs.readFileSync(file), before, 'the input file is not written');
});

test('a Latin-1 file keeps its bytes in the diff and is never rewritten', () => {
  const bytes = Buffer.concat([Buffer.from('/* r'), Buffer.from([0xe9]), Buffer.from('sum\u00e9 */\nint main(void) { return 0 }\n', 'latin1')]);
  const file = tempCopy('latin1.c', bytes);
  const r = run(file);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^\+int main\(void\) \{ return 0; \}$/m);
  assert.deepEqual(fs.readFileSync(file), bytes);
});

test('clean, binary, missing and unusable inputs give clear messages and exit codes', () => {
  const clean = tempCopy('clean.c', 'int main(void) { return 0; }\n');
  const r1 = run(clean);
  assert.equal(r1.status, 0);
  assert.match(r1.stdout, /compiles without diagnostics/);

  const binary = tempCopy('binary.c', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1, 2, 3]));
  const r2 = run(binary);
  assert.equal(r2.status, 2);
  assert.match(r2.stderr, /binary/);

  const r3 = run('/nonexistent/file.c');
  assert.equal(r3.status, 2);
  assert.match(r3.stderr, /no such file/i);

  const r4 = run('--compiler-path', '/nonexistent/gcc', clean);
  assert.equal(r4.status, 2);
  assert.match(r4.stderr, /could not be run: not found/);

  const r5 = run();
  assert.equal(r5.status, 2);
  assert.match(r5.stderr, /usage: c-repair FILE\.c/);
});

test('--apply writes the repaired file; tests next to the file judge the repair', () => {
  const dir = scratchFolder('c-repair-asg-');
  const file = path.join(dir, 'double.c');
  fs.writeFileSync(file, '#include <stdio.h>\nint main(void)\n{\n  int a;\n  scanf("%d", &a);\n  printf("%d\\n", a * 2)\n  return 0;\n}\n');
  fs.mkdirSync(path.join(dir, 'tests', 'double'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'tests', 'double', '1.in'), '21');
  fs.writeFileSync(path.join(dir, 'tests', 'double', '1.out'), '42\n');
  const dry = run(file);
  assert.equal(dry.status, 0, dry.stdout + dry.stderr);
  assert.match(dry.stdout, /Tests: 1 from .*tests\/double/);
  assert.match(dry.stdout, /tests 0\/1 -> 1\/1/);
  assert.ok(!fs.readFileSync(file, 'utf8').includes('a * 2);'), 'not written without --apply');
  const applied = run(file, '--apply');
  assert.equal(applied.status, 0);
  assert.ok(fs.readFileSync(file, 'utf8').includes('printf("%d\\n", a * 2);'), 'written with --apply');
});

test('batch: one output line per input line, malformed lines reported, the batch goes on', () => {
  const dir = scratchFolder('c-repair-batch-');
  const input = path.join(dir, 'in.jsonl');
  const output = path.join(dir, 'out.jsonl');
  fs.writeFileSync(input, [
    JSON.stringify({ id: 'semi', source: 'int main(void) { return 0 }\n' }),
    '{not json',
    JSON.stringify({ id: 'bad', source: 42 }),
    JSON.stringify({ id: 'tested', source: '#include <stdio.h>\nint main(void){int a;scanf("%d",&a);printf("%d\\n",a+1);return 0;}\n', tests: [{ input: '1', output: '2' }] }),
    JSON.stringify({ id: 'strict', source: 'int main(void) { int x; return 0; }\n', compile_flags: 'gcc -Wall -Werror -ansi -pedantic -lm' }),
  ].join('\n'));
  const r = run('batch', '--in', input, '--out', output, '--jobs', '2', '--no-model');
  assert.equal(r.status, 0, r.stderr);
  const lines = fs.readFileSync(output, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  const byId = new Map(lines.map((l) => [l.id, l]));
  assert.equal(lines.length, 5);
  assert.equal(byId.get('semi').status, 'repaired');
  assert.equal(byId.get('semi').repaired, 'int main(void) { return 0; }\n');
  assert.equal(byId.get('semi').compiles, true);
  assert.deepEqual(Object.keys(byId.get('semi')).slice(0, 10), ['id', 'status', 'repaired', 'edits', 'compiles', 'tests_passed', 'tests_total', 'ms', 'forward_passes']);
  assert.equal(byId.get('line-2').status, 'error');
  assert.match(byId.get('bad').error, /"source" must be a string/);
  assert.equal(byId.get('tested').status, 'unchanged');
  assert.equal(byId.get('tested').tests_passed, 1);
  // Plain gcc accepts it; the course's -Wall -Werror reject the unused variable, so it is repaired.
  assert.equal(byId.get('strict').status, 'repaired', 'the course flags are honoured');
  assert.equal(byId.get('strict').repaired, 'int main(void) { return 0; }\n');
  assert.match(r.stderr, /programs\s+5/);
});

test('batch: SIGTERM stops the run, kills its student programs and removes their temporary folders', async () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'c-repair-sigterm-'));
  const loop = fs.readFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'hostile', 'loop.c'), 'utf8');
  const lines = [
    { id: 'clean', source: 'int main(void) { return 0; }\n' },
    ...['a', 'b', 'c'].map((id) => ({ id, source: loop, tests: [{ input: '', output: 'done' }] })),
  ];
  const input = path.join(tmp, 'in.jsonl');
  const out = path.join(tmp, 'out.jsonl');
  fs.writeFileSync(input, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
  // Its own temporary folder, so that what it leaves behind is told apart from other runs'.
  const work = fs.mkdtempSync(path.join(tmp, 'tmp-'));
  const child = spawn(process.execPath, [CLI, 'batch', '--in', input, '--out', out, '--jobs', '2', '--no-model'], { env: { ...process.env, TMPDIR: work }, stdio: 'ignore' });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const running = () => fs.readdirSync(work).some((f) => f.startsWith('c-repair-run-'));
  for (let waited = 0; !running() && waited < 30000; waited += 100) await new Promise((r) => setTimeout(r, 100));
  assert.ok(running(), 'a student program started');
  await new Promise((r) => setTimeout(r, 500));
  child.kill('SIGTERM');
  const code = await Promise.race([exited, new Promise<'hung'>((r) => setTimeout(() => r('hung'), 15000))]);
  if (code === 'hung') child.kill('SIGKILL');
  assert.equal(code, 143, 'exits as stopped by SIGTERM, within seconds');
  assert.deepEqual(fs.readdirSync(work), [], 'no temporary folder left');
  const survivors = fs.readdirSync('/proc').filter((pid) => {
    try {
      return /^\d+$/.test(pid) && fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(work);
    } catch {
      return false;
    }
  });
  assert.deepEqual(survivors, [], 'no student program left running');
  const written = fs.readFileSync(out, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { id: string });
  assert.deepEqual(written.map((l) => l.id), ['clean'], 'the results finished before the signal, and no cut one');
  fs.rmSync(tmp, { recursive: true, force: true });
});
