// The built language server over real LSP (stdio): diagnostics, quick fixes, hover, bad input.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { CodeAction, Diagnostic, DiagnosticSeverity, Hover, TextDocumentEdit } from 'vscode-languageserver-protocol/node';
import { readJsonlSync } from '../../server/src/data/jsonl';
import { fixture } from '../support/fixtures';
import { dataFile } from '../support/sharedData';
import { applyCodeAction, TestLspClient } from '../support/lspClient';

const errors = (ds: Diagnostic[]) => ds.filter((d) => d.severity === DiagnosticSeverity.Error);
const message = (d: Diagnostic) => (typeof d.message === 'string' ? d.message : d.message.value);

let client: TestLspClient;
before(async () => {
  client = await TestLspClient.start();
});
after(async () => {
  await client.stop();
});

/** Asks for the quick fixes at the first error, applies the first one, and returns the new text. */
async function applyFirstQuickFix(uri: string, text: string, version: number): Promise<{ text: string; action: CodeAction }> {
  const diagnostics = await client.diagnosticsFor(uri, version);
  const error = errors(diagnostics)[0];
  assert.ok(error, 'an error diagnostic');
  const actions = await client.codeActions(uri, error);
  assert.ok(actions.length > 0, 'at least one quick fix');
  const action = actions[0];
  assert.equal(action.kind, 'quickfix');
  assert.equal(action.isPreferred, true);
  const change = action.edit!.documentChanges![0] as TextDocumentEdit;
  assert.equal(change.textDocument.version, version, 'the edit is tied to the analysed version');
  return { text: applyCodeAction(uri, text, version, action), action };
}

test('a broken file gets diagnostics, a verified quick fix and a hover; applying the fix compiles clean', async () => {
  const uri = 'file:///tmp/c-repair-test/missing_semicolon.c';
  const text = fixture('missing_semicolon.c');
  client.open(uri, text, 1);
  const diagnostics = await client.diagnosticsFor(uri, 1);
  const error = errors(diagnostics)[0];
  assert.match(message(error), /expected ';'/);
  assert.equal(error.source, 'c-repair');
  assert.deepEqual(error.range.start, { line: 8, character: 16 }, 'exact range of the error');

  const hover = (await client.connection.sendRequest('textDocument/hover', {
    textDocument: { uri },
    position: error.range.start,
  })) as Hover;
  assert.match(JSON.stringify(hover.contents), /Insert `;` on line 9/);

  const first = await applyFirstQuickFix(uri, text, 1);
  assert.match(first.action.title, /^Repair: insert `;` on line 9/);
  assert.ok(first.text.includes('sum += i;'));
  client.replace(uri, first.text, 2);
  const after = await client.diagnosticsFor(uri, 2);
  assert.equal(errors(after).length, 0, 'no errors after the fix');
  // The misspelled printf is a warning with gcc's own fix-it: it is offered and fixes it too.
  const warning = after.find((d) => /prinft/.test(message(d)));
  assert.ok(warning, 'the implicit declaration warning');
  const actions = await client.codeActions(uri, warning);
  assert.match(actions[0].title, /replace `prinft` with `printf`/);
  const fixed = applyCodeAction(uri, first.text, 2, actions[0]);
  client.replace(uri, fixed, 3);
  assert.deepEqual(await client.diagnosticsFor(uri, 3), [], 'clean after both fixes');
});

test('a real program whose error gcc reports a line late gets the parser search\'s repair as its quick fix and hover', async () => {
  // DeepFix prog00218: an extra `}` on line 13 closes main early; gcc complains on line 14.
  const uri = 'file:///tmp/c-repair-test/extra_brace.c';
  const text = readJsonlSync<{ id: string; source: string }>(dataFile('deepfix/programs.jsonl.gz')).find((p) => p.id === 'prog00218')!.source;
  client.open(uri, text, 1);
  const error = errors(await client.diagnosticsFor(uri, 1))[0];
  assert.equal(error.range.start.line, 13);
  const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: error.range.start })) as Hover;
  assert.match(JSON.stringify(hover.contents), /Delete `\}` on line 13/);
  assert.match(JSON.stringify(hover.contents), /found by the C parser and confirmed by the compiler/);
  const first = await applyFirstQuickFix(uri, text, 1);
  assert.match(first.action.title, /^Repair: delete `\}` on line 13/);
  client.replace(uri, first.text, 2);
  assert.equal(errors(await client.diagnosticsFor(uri, 2)).length, 0, 'no errors after the fix');
});

test('a quick fix asked for as soon as a file (re)opens waits for its analysis, with settings pulled from the client as VS Code does', async () => {
  const pulling = await TestLspClient.start({}, { pullSettings: true });
  try {
    const uri = 'file:///tmp/c-repair-test/opened_and_asked.c';
    const text = fixture('missing_semicolon.c');
    const line9 = { start: { line: 8, character: 0 }, end: { line: 8, character: 20 } };
    // Reopening is what an editor does when a tab comes back: the server forgets and re-reads the settings.
    for (let round = 0; round < 3; round++) {
      pulling.open(uri, text, 1);
      const actions = await pulling.codeActionsIn(uri, line9);
      assert.match(actions.find((a) => a.isPreferred)?.title ?? `none among ${JSON.stringify(actions)}`, /^Repair: insert `;` on line 9/, `round ${round}`);
      pulling.close(uri);
    }
  } finally {
    await pulling.stop();
  }
});

test('only the newest version of a rapidly edited document is reported', async () => {
  const uri = 'file:///tmp/c-repair-test/rapid.c';
  client.open(uri, 'int main(void) { return 0; }\n', 1);
  for (let v = 2; v <= 30; v++) client.replace(uri, `int main(void) { int x${v} = ${v} return 0; }\n`, v);
  client.replace(uri, 'int main(void) { return 0 }\n', 31);
  const final = await client.diagnosticsFor(uri, 31);
  assert.equal(errors(final).length, 1);
  assert.match(message(final[0]), /expected ';'/);
  assert.equal(client.diagnostics.get(uri)?.version, 31);
});

test('bad input: too large, binary, empty and one huge line are handled without crashing', async () => {
  const big = 'int x;\n'.repeat(60000); // ~410 KB, over the default 256 KB limit
  client.open('file:///tmp/c-repair-test/big.c', big, 1);
  const bigDiags = await client.diagnosticsFor('file:///tmp/c-repair-test/big.c', 1);
  assert.equal(bigDiags.length, 1);
  assert.equal(bigDiags[0].severity, DiagnosticSeverity.Information);
  assert.match(message(bigDiags[0]), /over the 256 KB limit/);

  client.open('file:///tmp/c-repair-test/binary.c', '\u007fELF\u0002\u0001\u0001\u0000\u0000\u0000garbage', 1);
  const binDiags = await client.diagnosticsFor('file:///tmp/c-repair-test/binary.c', 1);
  assert.equal(binDiags.length, 1);
  assert.match(message(binDiags[0]), /binary/);

  client.open('file:///tmp/c-repair-test/empty.c', '', 1);
  assert.deepEqual(await client.diagnosticsFor('file:///tmp/c-repair-test/empty.c', 1), []);

  const hugeLine = `int main(void) { int a = 0; ${'a = a + 1; '.repeat(15000)} return a }`;
  client.open('file:///tmp/c-repair-test/hugeline.c', hugeLine, 1);
  const hugeDiags = await client.diagnosticsFor('file:///tmp/c-repair-test/hugeline.c', 1);
  assert.equal(errors(hugeDiags).length, 1);
  assert.match(message(hugeDiags[0]), /expected ';'/);
  // gcc stops tracking columns on very long lines (its column is 0), so the error is placed at the
  // line's start.
  assert.deepEqual(hugeDiags[0].range.start, { line: 0, character: 0 });
});

test('a missing compiler gives one clear error and the server stays up', async () => {
  const broken = await TestLspClient.start({ compilerPath: '/nonexistent/bin/gcc' });
  try {
    const uri = 'file:///tmp/c-repair-test/nocompiler.c';
    broken.open(uri, 'int main(void) { return 0 }\n', 1);
    const diags = await broken.diagnosticsFor(uri, 1);
    assert.equal(diags.length, 1);
    assert.match(message(diags[0]), /'\/nonexistent\/bin\/gcc' could not be run: not found/);
    await broken.waitFor(() => broken.messages.length > 0, 'an error notification');
    broken.replace(uri, 'int main(void) { return 1 }\n', 2);
    await broken.diagnosticsFor(uri, 2);
    assert.equal(broken.messages.length, 1, 'the user is told once, not on every edit');
    const hover = await broken.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } });
    assert.equal(hover, null, 'the server still answers requests');
  } finally {
    await broken.stop();
  }
});

test('clang is supported as the compiler, with its own fix-its', async () => {
  const clang = await TestLspClient.start({ compiler: 'clang', compilerPath: 'clang-14' });
  try {
    const uri = 'file:///tmp/c-repair-test/clang.c';
    const text = 'int main(void)\n{\n  int x = 3\n  return x;\n}\n';
    clang.open(uri, text, 1);
    const diags = await clang.diagnosticsFor(uri, 1);
    assert.match(message(errors(diags)[0]), /expected ';' at end of declaration/);
    assert.deepEqual(errors(diags)[0].range.start, { line: 2, character: 11 });
    const actions = await clang.codeActions(uri, errors(diags)[0]);
    assert.match(actions[0].title, /insert `;` on line 3/);
  } finally {
    await clang.stop();
  }
});

test('with the course\'s strict flags, a C99 for-loop declaration gets a rewrite quick fix', async () => {
  const strict = await TestLspClient.start({ compilerArgs: ['-Wall', '-Wextra', '-Werror', '-ansi', '-pedantic'] });
  try {
    const uri = 'file:///tmp/c-repair-test/strict.c';
    const text = '#include <stdio.h>\nint main(void)\n{\n    for (int i = 0; i < 3; i++)\n        printf("%d\\n", i);\n    return 0;\n}\n';
    strict.open(uri, text, 1);
    const diags = await strict.diagnosticsFor(uri, 1);
    assert.match(message(errors(diags)[0]), /loop initial declarations are only allowed in C99 or C11 mode/);
    const actions = await strict.codeActions(uri, errors(diags)[0]);
    assert.equal(actions[0].isPreferred, true);
    const fixed = applyCodeAction(uri, text, 1, actions[0]);
    assert.match(fixed, /\{\n    int i;\n    for \(i = 0; i < 3; i\+\+\)/);
    const hover = (await strict.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: errors(diags)[0].range.start })) as Hover;
    assert.match(JSON.stringify(hover.contents), /strict flags/);
    strict.replace(uri, fixed, 2);
    assert.deepEqual(await strict.diagnosticsFor(uri, 2), []);
  } finally {
    await strict.stop();
  }
});
