// The CLI's --hints: the file CLI and the batch write where and what kind of change, never the new code.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import type { BatchOutput } from '../../server/src/cli/batch';
import { fixture } from '../support/fixtures';
import { REPO_ROOT } from '../support/sharedData';
import { scratchFolder } from '../support/scratch';

const CLI = path.join(REPO_ROOT, 'bin', 'c-repair.js');
const run = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 120000 });
const tempDir = () => scratchFolder('c-repair-hints-');

test('c-repair FILE.c --hints prints hints, no diff and no explanation with code; --apply is refused', () => {
  const file = path.join(tempDir(), 'missing_semicolon.c');
  fs.writeFileSync(file, fixture('missing_semicolon.c'));
  const r = run(file, '--hints', '--no-model');
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /missing_semicolon\.c:9:17: error: expected ';'/, 'the compiler\'s diagnostics as usual');
  assert.match(r.stdout, /^ {2}- Line 9: a `;` is missing at the end of the line, after `i`\.$/m);
  assert.match(r.stdout, /^ {2}- Line 11: the name `prinft` is not the right one: another name is needed\.$/m);
  assert.doesNotMatch(r.stdout, /^[+-]{3} |^\+ |sum \+= i;|Insert `;`/m, 'no diff, no new code');

  const before = fs.readFileSync(file);
  const refused = run(file, '--hints', '--apply');
  assert.equal(refused.status, 2);
  assert.match(refused.stderr, /--apply cannot be used with --hints/);
  assert.deepEqual(fs.readFileSync(file), before, 'the file is not written');
});

test('c-repair batch --hints keeps the schema with repaired null, no edits and the hints', () => {
  const dir = tempDir();
  const input = path.join(dir, 'in.jsonl');
  const out = path.join(dir, 'out.jsonl');
  fs.writeFileSync(input, `${JSON.stringify({ id: 'a', source: fixture('missing_semicolon.c') })}\n${JSON.stringify({ id: 'b', source: fixture('several_errors.c') })}\n`);
  const r = run('batch', '--in', input, '--out', out, '--hints', '--no-model', '--jobs', '1', '--report', path.join(dir, 'r.html'));
  assert.equal(r.status, 0, r.stderr);
  const lines = fs.readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as BatchOutput);
  assert.deepEqual(lines.map((l) => [l.id, l.status, l.repaired, l.edits, l.compiles]), [
    ['a', 'repaired', null, [], true],
    ['b', 'repaired', null, [], true],
  ]);
  assert.deepEqual(lines[1].hints, ['Line 8: a `)` is missing before `{`.', 'Line 11: there is one `}` too many.']);
  assert.ok(lines[0].hints?.[0].startsWith('Line 9: a `;` is missing'), JSON.stringify(lines[0].hints));
  const report = fs.readFileSync(path.join(dir, 'r.html'), 'utf8');
  assert.match(report, /<h3>Hints<\/h3>/);
  assert.match(report, /there is one `\}` too many/);
});
