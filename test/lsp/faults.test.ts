// Faults around the server: a full temporary disk, a crashing compiler, a broken repair model, an
// onnxruntime that cannot load. Each gives one clear message, the server stays up, and it recovers
// when the fault is gone or keeps repairing without the model.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity } from 'vscode-languageserver-protocol/node';
import { applyCodeAction, SERVER_JS, TestLspClient } from '../support/lspClient';
import { REPO_ROOT } from '../support/sharedData';

const MODEL_DIR = path.join(REPO_ROOT, 'models');
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const canMountTmpfs = () => spawnSync('unshare', ['-rm', 'sh', '-c', 'mount -t tmpfs -o size=64k tmpfs /mnt'], { stdio: 'ignore' }).status === 0;

test('a full temporary disk: one clear error, the server stays up', async (t) => {
  if (!canMountTmpfs()) {
    t.skip('this machine cannot make a mount namespace to fill a disk in');
    return;
  }
  const mountPoint = fs.mkdtempSync(path.join(os.tmpdir(), 'c-repair-fulldisk-'));
  // A private 32 KiB tmpfs, filled up, becomes the server's TMPDIR.
  const wrap = ['unshare', '-rm', 'sh', '-c',
    `mount -t tmpfs -o size=32k tmpfs ${mountPoint} && (head -c 1000000 /dev/zero > ${mountPoint}/fill 2>/dev/null; true) && TMPDIR=${mountPoint} exec "$@"`, 'sh'];
  const client = await TestLspClient.start({}, { wrap });
  try {
    const uri = 'file:///tmp/c-repair-test/fulldisk.c';
    client.open(uri, 'int main(void) { return 0 }\n', 1);
    const diags = await client.diagnosticsFor(uri, 1);
    assert.equal(diags.length, 1);
    assert.match(JSON.stringify(diags[0].message), /cannot write its temporary files in .*: the disk is full/);
    await client.waitFor(() => client.messages.length > 0, 'a notification');
    client.replace(uri, 'int main(void) { return 1 }\n', 2);
    await client.diagnosticsFor(uri, 2);
    assert.equal(client.messages.length, 1, 'said once');
    assert.equal(await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } }), null);
  } finally {
    await client.stop();
    fs.rmSync(mountPoint, { recursive: true, force: true });
  }
});

test('a compiler that crashes: a clear error, and recovery when the compiler is fixed', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'c-repair-crash-'));
  const fake = path.join(dir, 'gcc');
  fs.writeFileSync(fake, '#!/bin/sh\nkill -SEGV $$\n', { mode: 0o755 });
  const client = await TestLspClient.start({ compilerPath: fake });
  try {
    const uri = 'file:///tmp/c-repair-test/crash.c';
    client.open(uri, 'int main(void) { return 0 }\n', 1);
    const diags = await client.diagnosticsFor(uri, 1);
    assert.equal(diags.length, 1);
    assert.match(JSON.stringify(diags[0].message), /could not be run: it crashed \(SIGSEGV\)/);
    // The "compiler" is repaired: the next edit compiles for real.
    fs.writeFileSync(fake, '#!/bin/sh\nexec gcc "$@"\n', { mode: 0o755 });
    client.replace(uri, 'int main(void) { return 1 }\n', 2);
    const after = await client.diagnosticsFor(uri, 2);
    assert.match(JSON.stringify(after[0].message), /expected ';'/);
  } finally {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

/** A copy of models/ in a temporary folder, broken by `change`. */
function brokenModelCopy(change: (dir: string) => void): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'c-repair-badmodel-'));
  for (const f of ['model.json', 'vocab.json', 'repair.onnx']) fs.copyFileSync(path.join(MODEL_DIR, f), path.join(dir, f));
  change(dir);
  return dir;
}

/**
 * The model fault is reported once, as the model's status, and repairs go on without the model.
 * Every status notification repeats the model's state beside other fields (e.g. the last repair's
 * time), so distinct (state, reason) pairs are counted, after the load and again after a repair.
 */
async function expectModelFaultHandled(client: TestLspClient, state: 'absent' | 'failed', reason: RegExp): Promise<void> {
  const expectOneReport = () => {
    const reports = new Set(client.statuses.filter((s) => s.reason).map((s) => `${s.model}: ${s.reason}`));
    assert.equal(reports.size, 1, [...reports].join('\n'));
    assert.match([...reports][0], reason);
    assert.ok(!client.statuses.some((s) => s.model === 'ready'), 'never ready');
    assert.deepEqual(client.messages, [], 'the status bar says it; no pop-up');
  };
  await client.waitFor(() => client.statuses.some((s) => s.model === state && s.reason), `model state ${state}`, 60000);
  expectOneReport();
  await expectRepairWithoutModel(client);
  expectOneReport();
}

/**
 * A real file on disk with a missing `;` gets a verified quick fix without the model: applying it
 * compiles clean, the server answers on, and the file itself is never written.
 */
async function expectRepairWithoutModel(client: TestLspClient): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'c-repair-nomodel-'));
  try {
    const file = path.join(dir, 'count.c');
    const text = '#include <stdio.h>\nint main(void)\n{\n    int n = 0;\n    n = n + 1\n    printf("%d\\n", n);\n    return 0;\n}\n';
    fs.writeFileSync(file, text);
    const before = fs.readFileSync(file);
    const uri = pathToFileURL(file).href;
    client.open(uri, text, 1);
    const error = (await client.diagnosticsFor(uri, 1)).find((d) => d.severity === DiagnosticSeverity.Error);
    assert.ok(error, 'an error diagnostic');
    assert.match(JSON.stringify(error.message), /expected ';'/);
    const [action] = await client.codeActions(uri, error);
    assert.ok(action, 'a quick fix');
    assert.equal(action.isPreferred, true);
    assert.match(action.title, /^Repair: insert `;` on line 5/);
    const fixed = applyCodeAction(uri, text, 1, action);
    assert.ok(fixed.includes('n = n + 1;'));
    client.replace(uri, fixed, 2);
    assert.deepEqual(await client.diagnosticsFor(uri, 2), [], 'clean after the fix');
    assert.equal(client.child.exitCode, null, 'the server is still running');
    assert.ok(fs.readFileSync(file).equals(before), 'the file on disk is unchanged');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

test('a model folder that does not exist: reported absent with its path, fix-its still work', async () => {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'c-repair-nomodeldir-'));
  const missing = path.join(parent, 'models');
  const client = await TestLspClient.start({ modelPath: missing });
  try {
    await expectModelFaultHandled(client, 'absent', new RegExp(`^absent: repair model unavailable: no repair model at ${escapeRegExp(missing)} \\(setting c-repair\\.modelPath\\)$`));
  } finally {
    await client.stop();
    fs.rmSync(parent, { recursive: true, force: true });
  }
});

test('a truncated repair.onnx: reported failed with its path, fix-its still work', async () => {
  const dir = brokenModelCopy((d) => {
    const onnx = path.join(d, 'repair.onnx');
    fs.truncateSync(onnx, Math.floor(fs.statSync(onnx).size / 2));
  });
  const client = await TestLspClient.start({ modelPath: dir });
  try {
    const onnx = escapeRegExp(path.join(dir, 'repair.onnx'));
    await expectModelFaultHandled(client, 'failed', new RegExp(`^failed: repair model unavailable: ${onnx} cannot be read as an ONNX model \\(truncated or damaged\\?\\)`));
  } finally {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a model.json with another number of layers than the graph: reported failed with the path, fix-its still work', async () => {
  const dir = brokenModelCopy((d) => {
    const card = JSON.parse(fs.readFileSync(path.join(d, 'model.json'), 'utf8'));
    card.n_layer += 1;
    fs.writeFileSync(path.join(d, 'model.json'), JSON.stringify(card));
  });
  const client = await TestLspClient.start({ modelPath: dir });
  try {
    const onnx = escapeRegExp(path.join(dir, 'repair.onnx'));
    await expectModelFaultHandled(client, 'failed', new RegExp(`^failed: repair model unavailable: ${onnx}: the model's inputs/outputs .* are not the contract's for \\d+ layers`));
  } finally {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('onnxruntime-node that cannot load: reported failed, the server stays up and fix-its still work', async () => {
  // The bundle requires onnxruntime-node from node_modules beside dist/ (esbuild keeps it
  // external); a copy of the bundle there finds a package whose require throws, as a missing or
  // mismatched native binding does.
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'c-repair-noort-'));
  fs.mkdirSync(path.join(root, 'dist'));
  fs.copyFileSync(SERVER_JS, path.join(root, 'dist', 'server.js'));
  fs.symlinkSync(MODEL_DIR, path.join(root, 'models'));
  const ort = path.join(root, 'node_modules', 'onnxruntime-node');
  fs.mkdirSync(ort, { recursive: true });
  fs.writeFileSync(path.join(ort, 'package.json'), JSON.stringify({ name: 'onnxruntime-node', version: '0.0.0', main: 'index.js' }));
  fs.writeFileSync(path.join(ort, 'index.js'), "throw new Error('cannot load onnxruntime native binding');\n");
  // The other native addon, the C parser, is there as shipped.
  for (const dep of ['tree-sitter', 'tree-sitter-c', 'node-gyp-build']) {
    fs.symlinkSync(path.join(REPO_ROOT, 'node_modules', dep), path.join(root, 'node_modules', dep));
  }
  const client = await TestLspClient.start({}, { serverJs: path.join(root, 'dist', 'server.js') });
  try {
    await expectModelFaultHandled(client, 'failed', /^failed: repair model unavailable: onnxruntime-node cannot be loaded on this machine: cannot load onnxruntime native binding$/);
  } finally {
    await client.stop();
    fs.rmSync(root, { recursive: true, force: true });
  }
});
