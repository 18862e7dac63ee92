// Fix all and the feedback setting, through the built server over real LSP: fix all returns one edit
// set that the real gcc accepts, only when asked for by kind; hint mode explains in words and sends
// no edit or repaired code; `off` publishes and offers nothing.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import { CodeAction, Diagnostic, DiagnosticSeverity, Hover, TextDocumentEdit } from 'vscode-languageserver-protocol/node';
import { REPAIR_DOCUMENT_COMMAND, type RepairDocumentResult } from '../../server/src/protocol';
import { fixture } from '../support/fixtures';
import { applyCodeAction, TestLspClient } from '../support/lspClient';
import { REPO_ROOT } from '../support/sharedData';

const FIX_ALL = 'source.fixAll.c-repair';
const WHOLE = { start: { line: 0, character: 0 }, end: { line: 1000, character: 0 } };
const errors = (ds: Diagnostic[]) => ds.filter((d) => d.severity === DiagnosticSeverity.Error);
const message = (d: Diagnostic) => (typeof d.message === 'string' ? d.message : d.message.value);

/** gcc's verdict on a text: its stderr, or throws with it when the text does not compile. */
function gccAccepts(text: string): void {
  execFileSync('gcc', ['-fsyntax-only', '-Werror=implicit-function-declaration', '-x', 'c', '-'], { input: text, stdio: ['pipe', 'pipe', 'pipe'] });
}
const gccRejects = (text: string) => assert.throws(() => gccAccepts(text), 'the original must not compile, or the test proves nothing');

let client: TestLspClient;
before(async () => {
  client = await TestLspClient.start();
});
after(async () => {
  await client.stop();
});

test('fix all is advertised, offered only for its kinds, and its one edit set compiles with gcc', async () => {
  // A loaded 2-core machine can take seconds for several errors: the budget is tested on its own below.
  client.configure({ fixAllTimeoutMs: 60_000 });
  const kinds = (client.initializeResult?.capabilities.codeActionProvider as { codeActionKinds?: string[] }).codeActionKinds;
  assert.ok(kinds?.includes(FIX_ALL), `codeActionKinds: ${JSON.stringify(kinds)}`);

  const cases = [
    { name: 'fixall.c', file: 'missing_semicolon.c', kinds: [[FIX_ALL], ['source.fixAll'], ['source']] },
    // Several errors, fixed over several rounds of the engine.
    { name: 'fixall-several.c', file: 'several_errors.c', kinds: [[FIX_ALL]] },
  ];
  for (const { name, file, kinds: asked } of cases) {
    const uri = `file:///tmp/c-repair-test/${name}`;
    const text = fixture(file);
    gccRejects(text);
    client.open(uri, text, 1);
    const error = errors(await client.diagnosticsFor(uri, 1))[0];
    assert.ok(error, 'an error to fix');

    // Quick fixes as before: without `only`, and for `quickfix`, no fix all.
    for (const only of [undefined, ['quickfix']]) {
      const actions = await client.codeActionsIn(uri, error.range, [error], only);
      assert.ok(actions.length > 0, `quick fixes for only=${JSON.stringify(only)}`);
      assert.ok(actions.every((a) => a.kind === 'quickfix'), `only quick fixes for only=${JSON.stringify(only)}: ${JSON.stringify(actions.map((a) => a.kind))}`);
    }

    for (const only of asked) {
      const actions = await client.codeActionsIn(uri, WHOLE, [], only);
      assert.equal(actions.length, 1, `one fix all for only=${JSON.stringify(only)}: ${JSON.stringify(actions.map((a) => a.title))}`);
      const [fixAll] = actions as [CodeAction];
      assert.equal(fixAll.kind, FIX_ALL);
      assert.equal(fixAll.edit?.documentChanges?.length, 1, 'one edit set');
      assert.equal((fixAll.edit!.documentChanges![0] as TextDocumentEdit).textDocument.version, 1, 'tied to the version it saw');
      const fixed = applyCodeAction(uri, text, 1, fixAll);
      assert.doesNotThrow(() => gccAccepts(fixed), `${file}: the fixed text does not compile:\n${fixed}`);
    }
  }
  client.configure({});
});

test('fix all stays within its budget: with 1 ms nothing verified is there to apply', async () => {
  client.configure({ fixAllTimeoutMs: 1 });
  try {
    const uri = 'file:///tmp/c-repair-test/fixall-budget.c';
    client.open(uri, fixture('several_errors.c'), 1);
    await client.diagnosticsFor(uri, 1);
    const started = Date.now();
    const actions = await client.codeActionsIn(uri, WHOLE, [], [FIX_ALL]);
    assert.deepEqual(actions, []);
    assert.ok(Date.now() - started < 2000, `fix all took ${Date.now() - started} ms with a 1 ms budget`);
  } finally {
    client.configure({});
  }
});

test('hint mode: diagnostics and hovers explain in words; no code action, edit or repaired code leaves the server', async () => {
  client.configure({ feedback: 'hint' });
  try {
    const uri = 'file:///tmp/c-repair-test/hint.c';
    const text = fixture('missing_semicolon.c');
    client.open(uri, text, 1);
    const diagnostics = await client.diagnosticsFor(uri, 1);
    const error = errors(diagnostics)[0];
    assert.match(message(error), /expected ';'/, 'the compiler\'s message is kept');
    assert.match(message(error), /Hint: Line 9: a `;` is missing at the end of the line, after `i`\./);
    const warning = diagnostics.find((d) => /prinft/.test(message(d)))!;
    assert.match(message(warning), /Hint: Line 11: the name `prinft` is not the right one: another name is needed\./);

    const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: error.range.start })) as Hover;
    const hoverText = JSON.stringify(hover.contents);
    assert.match(hoverText, /c-repair hint/);
    assert.match(hoverText, /Line 9: a `;` is missing/);
    assert.doesNotMatch(hoverText, /Insert `;`/, 'the repair\'s explanation (with its new code) is not shown');

    const actions = [
      ...(await client.codeActions(uri, error)),
      ...(await client.codeActionsIn(uri, WHOLE, [], ['quickfix'])),
      ...(await client.codeActionsIn(uri, WHOLE, [], [FIX_ALL])),
    ];
    assert.ok(actions.every((a) => a.edit === undefined), `code actions with edits in hint mode: ${JSON.stringify(actions)}`);

    const result = (await client.connection.sendRequest('workspace/executeCommand', { command: REPAIR_DOCUMENT_COMMAND, arguments: [uri] })) as RepairDocumentResult;
    assert.ok(!('error' in result), JSON.stringify(result));
    assert.equal(result.repaired, null);
    assert.deepEqual(result.edits, []);
    assert.deepEqual(result.hints?.map((h) => h.line), [9, 11]);

    // Nothing the server sent carries new code: no edit, no repaired line.
    const everything = JSON.stringify([diagnostics, hover, actions, result]);
    assert.doesNotMatch(everything, /newText|sum \+= i;/);
  } finally {
    client.configure({});
  }
});

test('hint mode on a logic error: Repair assignment says where the failing tests point and what kind of change, without code', async () => {
  client.configure({ feedback: 'hint' });
  try {
    const file = path.join(REPO_ROOT, 'test/e2e/workspace/assignment-logic/max.c');
    const uri = pathToFileURL(file).toString();
    client.open(uri, fs.readFileSync(file, 'utf8'), 1);
    await client.diagnosticsFor(uri, 1);
    const result = (await client.connection.sendRequest('workspace/executeCommand', { command: REPAIR_DOCUMENT_COMMAND, arguments: [uri] })) as RepairDocumentResult;
    assert.ok(!('error' in result), JSON.stringify(result));
    assert.equal(result.status, 'repaired', 'a repair exists (it is just not shown)');
    assert.equal(result.repaired, null);
    assert.deepEqual(result.edits, []);
    assert.ok(result.faultLines.length > 0, 'where the failing tests point');
    assert.deepEqual(result.hints?.map((h) => h.message), ['Line 11: the operator `<` is not the right one: another operator is needed.']);
  } finally {
    client.configure({});
  }
});

test('off: nothing is published or offered, and what was published is taken back', async () => {
  const earlier = 'file:///tmp/c-repair-test/before-off.c';
  client.open(earlier, fixture('missing_semicolon.c'), 1);
  assert.ok(errors(await client.diagnosticsFor(earlier, 1)).length > 0);

  client.configure({ feedback: 'off' });
  await client.waitFor(() => client.diagnostics.get(earlier)?.diagnostics.length === 0, 'the earlier diagnostics to be cleared');
  const uri = 'file:///tmp/c-repair-test/off.c';
  client.open(uri, fixture('missing_semicolon.c'), 1);
  const hover = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 8, character: 16 } });
  assert.equal(hover, null);
  assert.deepEqual(await client.codeActionsIn(uri, WHOLE), []);
  assert.deepEqual(await client.codeActionsIn(uri, WHOLE, [], [FIX_ALL]), []);
  const result = (await client.connection.sendRequest('workspace/executeCommand', { command: REPAIR_DOCUMENT_COMMAND, arguments: [uri] })) as RepairDocumentResult;
  assert.ok('error' in result && /off/.test(result.error), JSON.stringify(result));
  await new Promise((r) => setTimeout(r, 1500)); // several debounces and compiles' time
  assert.equal(client.diagnostics.get(uri), undefined, 'nothing published in off mode');

  // Back on: the same document is diagnosed, so the silence above was the setting's.
  client.configure({});
  assert.ok(errors(await client.diagnosticsFor(uri, 1)).length > 0);
});
