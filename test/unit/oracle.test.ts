// The compiler oracle against the real gcc and clang: exact offsets, fix-its, timeouts, failures.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { parseClangOutput } from '../../server/src/oracle/clangDiagnostics';
import { compile, CompilerTimeoutError, CompilerUnavailableError } from '../../server/src/oracle/compiler';
import { flagsFromCommand } from '../../server/src/oracle/compileFlags';
import { byteColumnToOffset, lineStarts } from '../../server/src/oracle/positions';
import { safeFlags } from '../../server/src/oracle/safeFlags';
import { compilerOptions, normalizeSettings } from '../../server/src/settings';

test('byte columns map to UTF-16 offsets through multi-byte characters and CRLF', () => {
  const text = 'a\r\n/* é😀 */ x\nlast';
  const starts = lineStarts(text);
  assert.deepEqual(starts, [0, 3, 15]);
  // Line 2: "/* " is 3 bytes, é is 2, 😀 is 4, " */ " is 4: x is at byte column 14.
  assert.equal(text[byteColumnToOffset(text, starts, 2, 14, 'utf8')], 'x');
  assert.equal(byteColumnToOffset(text, starts, 2, 999, 'utf8'), 14, 'past the end stays on its line');
  assert.equal(byteColumnToOffset('\u00e9x', [0], 1, 2, 'latin1'), 1, 'Latin-1: one byte per character');
});

test('gcc diagnostics land on the exact characters, after non-ASCII text', async () => {
  const text = 'int main(void)\n{\n  char *s = "héllo😀";\n  int x = 1\n  return x;\n}\n';
  const r = await compile(text, { family: 'gcc' });
  assert.equal(r.errorCount, 1);
  const d = r.diagnostics[0];
  assert.match(d.message, /expected ',' or ';' before 'return'/);
  assert.equal(text.slice(d.start, d.end), 'return');
  assert.equal(d.line, 4);
});

test('gcc fix-its are returned as edits of the text', async () => {
  const text = 'int main(void)\n{\n  printf("%d\\n", 1);\n  return 0;\n}\n';
  const r = await compile(text, { family: 'gcc' });
  const withFix = r.diagnostics.find((d) => d.fixits.length > 0);
  assert.ok(withFix, 'a diagnostic with a fix-it');
  assert.deepEqual(withFix.fixits, [{ start: 0, end: 0, newText: '#include <stdio.h>\n' }]);
});

test('clang: parseable fix-its are parsed, and the real clang agrees', async () => {
  const sample = [
    't.c:3:11: error: expected \';\' at end of declaration',
    'fix-it:"t.c":{3:11-3:11}:";"',
    't.c:4:29: error: no member named \'abd\' in \'struct s\'; did you mean \'abc\'?',
    'fix-it:"t.c":{4:29-4:32}:"abc"',
    't.c:4:17: note: \'abc\' declared here',
    't.c:5:2: warning: implicit declaration of function \'prinf\' is invalid in C99 [-Wimplicit-function-declaration]',
  ].join('\n');
  const parsed = parseClangOutput(sample);
  assert.equal(parsed.length, 3);
  assert.deepEqual(parsed[0].fixits, [{ start: { line: 3, byteColumn: 11 }, end: { line: 3, byteColumn: 11 }, newText: ';' }]);
  assert.equal(parsed[1].notes.length, 1);
  assert.equal(parsed[2].option, '-Wimplicit-function-declaration');

  const text = 'int main(void)\n{\n  int x = 3\n  return x;\n}\n';
  const r = await compile(text, { family: 'clang', path: 'clang-14' });
  assert.equal(r.errorCount, 1);
  assert.deepEqual(r.diagnostics[0].fixits, [{ start: 28, end: 28, newText: ';' }]);
  assert.equal(text.slice(0, 28).split('\n').at(-1), '  int x = 3', 'right after the 3');
});

test('extra flags are honoured (the course flags turn warnings into errors)', async () => {
  const text = 'int main(void)\n{\n  int unused;\n  return 0;\n}\n';
  assert.equal((await compile(text, { family: 'gcc' })).errorCount, 0);
  const strict = await compile(text, { family: 'gcc', args: ['-Wall', '-Werror', '-ansi', '-pedantic'] });
  assert.equal(strict.errorCount, 1);
  assert.match(strict.diagnostics[0].message, /unused variable/);
});

test('a missing compiler and a hanging compiler give clear errors', async () => {
  await assert.rejects(compile('int x;', { family: 'gcc', path: '/nonexistent/gcc' }), CompilerUnavailableError);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'c-repair-hang-'));
  const hanging = path.join(dir, 'fake-gcc');
  fs.writeFileSync(hanging, '#!/bin/sh\nsleep 30\n', { mode: 0o755 });
  const started = Date.now();
  await assert.rejects(compile('int x;', { family: 'gcc', path: hanging, timeoutMs: 500 }), CompilerTimeoutError);
  assert.ok(Date.now() - started < 5000, 'stopped promptly');
  const crashing = path.join(dir, 'crash-gcc');
  fs.writeFileSync(crashing, '#!/bin/sh\necho "internal compiler error: Segmentation fault" >&2\nexit 4\n', { mode: 0o755 });
  await assert.rejects(compile('int x;', { family: 'gcc', path: crashing }), /internal compiler error/);
  fs.rmSync(dir, { recursive: true });
});

test('gcc giving up on a file ("confused by earlier errors, bailing out") gives a diagnostic of the file, not a missing compiler', async () => {
  // gcc 12 printed exactly this, and no JSON, on 2 of 300 partly repaired DeepFix programs; the
  // script replays that output for the file it is given.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'c-repair-bail-'));
  const bailing = path.join(dir, 'bailing-gcc');
  fs.writeFileSync(bailing, '#!/bin/sh\nfor a; do f=$a; done\necho "$f:2: confused by earlier errors, bailing out" >&2\nexit 1\n', { mode: 0o755 });
  const r = await compile('int main(void) {\n  int x = ;\n}\n', { family: 'gcc', path: bailing });
  assert.equal(r.errorCount, 1);
  assert.equal(r.diagnostics[0].message, 'confused by earlier errors, bailing out');
  assert.equal(r.diagnostics[0].line, 1);
  assert.equal(r.diagnostics[0].start, 'int main(void) {\n'.length);
  fs.rmSync(dir, { recursive: true });
});

test('a cancelled compile stops and leaves no temporary folder behind', async () => {
  // A private temporary folder, so that other c-repair processes on the machine cannot blur the count.
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cancel-tmp-'));
  const saved = process.env.TMPDIR;
  process.env.TMPDIR = tmp;
  try {
    const controller = new AbortController();
    const pending = compile('int main(void) { return 0; }', { family: 'gcc' }, controller.signal);
    controller.abort();
    await pending.catch(() => undefined);
    assert.deepEqual(fs.readdirSync(tmp), [], 'temporary folder removed');
  } finally {
    if (saved === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = saved;
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});

test('flags that write files or run other programs are never passed on', async () => {
  assert.deepEqual(safeFlags(['-Wall', '-o', '/home/x', '-wrapper', 'sh,-c,touch /tmp/pwn', '-fplugin=/x.so', '@flags.txt', '-std=c99']), {
    kept: ['-Wall', '-std=c99'],
    dropped: ['-o', '/home/x', '-wrapper', 'sh,-c,touch /tmp/pwn', '-fplugin=/x.so', '@flags.txt'],
  });
  assert.deepEqual(flagsFromCommand('gcc -Wall -Wextra -Werror -ansi -pedantic -lm'), ['-Wall', '-Wextra', '-Werror', '-ansi', '-pedantic']);
  assert.deepEqual(flagsFromCommand('gcc -o prog main.c -save-temps -O2'), ['-O2']);
  const marker = path.join(os.tmpdir(), `c-repair-pwn-${process.pid}`);
  const options = compilerOptions(normalizeSettings({ compilerArgs: ['-wrapper', `sh,-c,touch ${marker}`] }));
  await compile('int main(void) { return 0; }', options);
  assert.equal(fs.existsSync(marker), false, 'the wrapper never ran');
});
