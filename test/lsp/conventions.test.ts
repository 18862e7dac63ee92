// Editor conventions over real LSP, with a client that declares what VS Code's does: the error
// class as `code` with a bundled page (codeDescription), gcc's notes as relatedInformation, a
// disabled quick fix where no repair compiles, the compiler in the status, and the inline diff's
// proposals for a whole document in one request.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { CodeAction, Diagnostic, DiagnosticSeverity, Range, TextDocumentEdit } from 'vscode-languageserver-protocol/node';
import { readJsonlSync } from '../../server/src/data/jsonl';
import { INLINE_PROPOSALS_REQUEST, InlineProposalsResult } from '../../server/src/protocol';
import { fixture } from '../support/fixtures';
import { TestLspClient } from '../support/lspClient';
import { dataFile, REPO_ROOT } from '../support/sharedData';

/** What VS Code's language client declares. */
const VSCODE_LIKE = {
  publishDiagnostics: { versionSupport: true, relatedInformation: true, codeDescriptionSupport: true },
  codeAction: { disabledSupport: true },
};
const PAGES = path.join(REPO_ROOT, 'media', 'errors');

const message = (d: Diagnostic) => (typeof d.message === 'string' ? d.message : d.message.value);
const errors = (ds: Diagnostic[]) => ds.filter((d) => d.severity === DiagnosticSeverity.Error);
const editsOf = (a: CodeAction) => (a.edit?.documentChanges?.[0] as TextDocumentEdit).edits;

let client: TestLspClient;
before(async () => {
  client = await TestLspClient.start({}, { textDocument: VSCODE_LIKE });
});
after(async () => {
  await client.stop();
});

let opened = 0;
/** Opens `text` as a new document and returns its URI and first diagnostics. */
async function diagnose(on: TestLspClient, text: string): Promise<{ uri: string; diagnostics: Diagnostic[] }> {
  const uri = `file:///tmp/c-repair-test/conventions-${++opened}.c`;
  on.open(uri, text, 1);
  return { uri, diagnostics: await on.diagnosticsFor(uri, 1, 60_000) };
}

test('every diagnostic carries its error class as code and a codeDescription that is a bundled page', async () => {
  const cases: [string, string][] = [
    [fixture('missing_semicolon.c'), 'missing-semicolon'],
    ['#include <stdio.h>\nint main(void)\n{\n    printf("%d\\n", y);\n    return 0;\n}\n', 'undeclared-name'],
    ['int main(void)\n{\n    int x = );\n    return x;\n}\n', 'expected-expression'],
    [fixture('several_errors.c'), 'unbalanced-brackets'],
    ['int x;\ndouble x;\nint main(void) { return 0; }\n', 'mismatched-types'],
    ['#include <nosuchheader.h>\nint main(void) { return 0; }\n', 'compiler-message'],
  ];
  for (const [text, expected] of cases) {
    const { diagnostics } = await diagnose(client, text);
    assert.equal(errors(diagnostics)[0]?.code, expected, `the first error of:\n${text}`);
    for (const d of diagnostics) {
      const href = d.codeDescription?.href;
      assert.ok(href?.startsWith('file:'), `a file: URI for ${message(d)}: ${href}`);
      const page = fileURLToPath(href!);
      assert.equal(page, path.join(PAGES, `${d.code}.md`));
      assert.ok(fs.statSync(page).size > 200, `${page} is a page`);
    }
  }
  // The warning of missing_semicolon.c: its class, and gcc's option kept in the message.
  const { diagnostics } = await diagnose(client, fixture('missing_semicolon.c'));
  const warning = diagnostics.find((d) => d.severity === DiagnosticSeverity.Warning)!;
  assert.equal(warning.code, 'implicit-declaration');
  assert.match(message(warning), /\[-Wimplicit-function-declaration\]$/);
});

test('gcc\'s notes become relatedInformation at their own place, in the file or in a header', async () => {
  const { uri, diagnostics } = await diagnose(client, 'int x;\ndouble x;\nint main(void) { return 0; }\n');
  const conflict = errors(diagnostics)[0];
  assert.match(message(conflict), /^conflicting types for 'x'/);
  assert.doesNotMatch(message(conflict), /previous declaration/, 'the note is not folded into the message');
  assert.deepEqual(conflict.relatedInformation, [
    { message: "previous declaration of 'x' with type 'int'", location: { uri, range: { start: { line: 0, character: 4 }, end: { line: 0, character: 5 } } } },
  ]);

  // A note in a system header: its real file and line.
  const header = await diagnose(client, '#include <stdio.h>\nint main(void)\n{\n    puts(5);\n    return 0;\n}\n');
  const note = header.diagnostics.flatMap((d) => d.relatedInformation ?? []).find((r) => /expected 'const char \*'/.test(r.message));
  assert.ok(note, 'the note on puts\'s parameter');
  const file = fileURLToPath(note.location.uri);
  assert.match(file, /stdio\.h$/);
  assert.match(fs.readFileSync(file, 'utf8').split('\n')[note.location.range.start.line], /puts/);

  // A client that cannot show relatedInformation still reads the notes, in the message.
  const plain = await TestLspClient.start();
  try {
    const old = errors((await diagnose(plain, 'int x;\ndouble x;\nint main(void) { return 0; }\n')).diagnostics)[0];
    assert.match(message(old), /\nprevious declaration of 'x' with type 'int'$/);
    assert.equal(old.relatedInformation, undefined);
    assert.equal(old.codeDescription, undefined);
  } finally {
    await plain.stop();
  }
});

test('an error without a verified repair gets a disabled quick fix saying why, only where the client shows it', async () => {
  // A header that is not there, whose names the program uses: no repair compiles (with a program that
  // needs nothing of it, the model rightly proposes `<stdio.h>` instead).
  const missingHeader = '#include <nosuchheader.h>\nint main(void) { nosuch_t value = NOSUCH_INIT; return nosuch_get(&value); }\n';
  const { uri, diagnostics } = await diagnose(client, missingHeader);
  const error = errors(diagnostics)[0];
  const actions = await client.codeActions(uri, error);
  assert.equal(actions.length, 1);
  assert.deepEqual(actions[0].disabled, { reason: 'no repair found that compiles' });
  assert.equal(actions[0].kind, 'quickfix');
  assert.equal(actions[0].edit, undefined);
  assert.equal(actions[0].diagnostics?.[0].message, error.message);

  // An error after a repaired one: disabled, and pointing at the repair that may fix it too.
  const several = await diagnose(client, fixture('several_errors.c'));
  const later = errors(several.diagnostics).find((d) => d.range.start.line === 10)!;
  const laterActions = await client.codeActions(several.uri, later);
  assert.equal(laterActions.at(-1)?.disabled?.reason, 'no repair found that compiles (the repair offered on line 8 may fix this error too)');
  // A repaired error gets its repair and no disabled action.
  const repaired = await client.codeActions(several.uri, errors(several.diagnostics)[0]);
  assert.ok(repaired.length > 0 && repaired.every((a) => a.disabled === undefined && a.edit !== undefined));

  // Without disabledSupport nothing; in hint mode no action at all.
  const plain = await TestLspClient.start();
  const hint = await TestLspClient.start({ feedback: 'hint' }, { textDocument: VSCODE_LIKE });
  try {
    for (const other of [plain, hint]) {
      const d = await diagnose(other, missingHeader);
      assert.deepEqual(await other.codeActions(d.uri, errors(d.diagnostics)[0]), []);
    }
  } finally {
    await plain.stop();
    await hint.stop();
  }
});

const lastCompiler = (on: TestLspClient) => [...on.statuses].reverse().find((s) => s.compiler)?.compiler;

test('the status names the compiler and its version, or why it cannot be run', async () => {
  const gcc = await client.waitFor(() => lastCompiler(client), 'the compiler in the status');
  assert.equal(gcc.family, 'gcc');
  assert.equal(gcc.executable, 'gcc');
  assert.match(gcc.version ?? '', /^\d+\.\d+/);
  assert.equal(gcc.problem, undefined);
  const missing = await TestLspClient.start({ compilerPath: '/nonexistent/bin/gcc' });
  try {
    const status = await missing.waitFor(() => lastCompiler(missing), 'the compiler in the status');
    assert.deepEqual(status, { family: 'gcc', executable: '/nonexistent/bin/gcc', problem: 'not found' });
  } finally {
    await missing.stop();
  }
});

/** Whether two edits' ranges share text or are the same insertion point (as the inline diff draws them). */
function clash(a: Range, b: Range): boolean {
  const before = (p: Range['start'], q: Range['start']) => p.line < q.line || (p.line === q.line && p.character < q.character);
  const same = (p: Range['start'], q: Range['start']) => p.line === q.line && p.character === q.character;
  const start = before(a.start, b.start) ? b.start : a.start;
  const end = before(a.end, b.end) ? a.end : b.end;
  return before(start, end) || (same(a.start, b.start) && same(a.end, b.end));
}

test('the inline diff\'s one request per document returns each diagnostic\'s preferred fix, once, none overlapping', async () => {
  const deepfix = readJsonlSync<{ id: string; source: string }>(dataFile('deepfix/programs.jsonl.gz'));
  const programs: [string, string, number][] = [
    // Two independent fixes: both shown.
    ['missing_semicolon.c', fixture('missing_semicolon.c'), 2],
    // prog00055: the first error's preferred fix inserts both `;` that the next two errors' fixes
    // insert one each: only the first is shown.
    ['prog00055', deepfix.find((p) => p.id === 'prog00055')!.source, 1],
    // prog00860: two diagnostics with the same fix: shown once.
    ['prog00860', deepfix.find((p) => p.id === 'prog00860')!.source, 1],
  ];
  for (const [name, text, count] of programs) {
    const { uri, diagnostics } = await diagnose(client, text);
    const answer = (await client.connection.sendRequest(INLINE_PROPOSALS_REQUEST, { textDocument: { uri } })) as InlineProposalsResult;
    assert.ok(answer);
    assert.equal(answer.version, 1);
    const got = answer.proposals.map((a) => ({ title: a.title, edits: editsOf(a) }));
    assert.equal(got.length, count, `${name}: ${JSON.stringify(got.map((g) => g.title))}`);
    for (const a of answer.proposals) assert.equal((a.edit?.documentChanges?.[0] as TextDocumentEdit).textDocument.version, 1);
    for (const [i, a] of got.entries()) {
      for (const b of got.slice(i + 1)) assert.ok(!a.edits.some((x) => b.edits.some((y) => clash(x.range, y.range))), `${name}: ${a.title} overlaps ${b.title}`);
    }
    // The same as asking for each diagnostic's preferred quick fix, as the lightbulb offers it.
    const preferred: { title: string; edits: ReturnType<typeof editsOf> }[] = [];
    for (const d of diagnostics) {
      const best = (await client.codeActions(uri, d)).find((a) => a.isPreferred && a.edit);
      if (best) preferred.push({ title: best.title, edits: editsOf(best) });
    }
    const unique = preferred.filter((p, i) => preferred.findIndex((q) => JSON.stringify(q) === JSON.stringify(p)) === i);
    const kept: typeof unique = [];
    for (const p of unique) if (!kept.some((k) => k.edits.some((x) => p.edits.some((y) => clash(x.range, y.range))))) kept.push(p);
    assert.deepEqual(got, kept, `${name}: the first of any overlap, in diagnostic order`);
    if (name === 'prog00055') assert.ok(unique.length > got.length, 'prog00055: overlapping fixes were left out');
    if (name === 'prog00860') assert.ok(preferred.length > unique.length, 'prog00860: the duplicate was left out');
  }
});
