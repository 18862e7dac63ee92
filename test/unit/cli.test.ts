// The c-repair CLI: real compiler, real file, unified diff out, the file itself never written.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT } from '../support/sharedData';

const CLI = path.join(REPO_ROOT, 'bin', 'c-repair.js');
const run = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 60000 });

function tempCopy(name: string, content?: string | Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'c-repair-cli-'));
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
