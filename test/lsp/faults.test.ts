// Faults around the server: a full temporary disk, a crashing compiler. Each gives one clear
// message, the server stays up, and it recovers when the fault is gone.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { TestLspClient } from '../support/lspClient';

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
