// The server under a typing storm: 1,000 rapid edits of one document and a burst over 20 documents.
// Only the newest versions are reported, no work for superseded versions keeps running, and memory
// returns to its level. Peak memory and settle time are printed (figures, not timed assertions).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import { test } from 'node:test';
import { DiagnosticSeverity } from 'vscode-languageserver-protocol/node';
import { TestLspClient } from '../support/lspClient';

const rssMB = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

/** Processes started by `pid` (compilers, tests), found through /proc. */
function descendants(pid: number): number[] {
  try {
    const children = execFileSync('pgrep', ['-P', String(pid)]).toString().trim().split('\n').filter(Boolean).map(Number);
    return children.flatMap((c) => [c, ...descendants(c)]);
  } catch {
    return [];
  }
}

const version = (v: number) => `int main(void)\n{\n  int x${v} = ${v};\n  return x${v}\n}\n`; // error on line 4

test('1,000 rapid edits: only the last version is reported, superseded work stops, memory settles', async () => {
  const client = await TestLspClient.start({ debounceMs: 30 });
  const pid = client.child.pid!;
  try {
    const uri = 'file:///tmp/c-repair-load/storm.c';
    client.open(uri, 'int main(void) { return 0; }\n', 1);
    await client.diagnosticsFor(uri, 1);
    const baseline = rssMB(pid);
    let peak = baseline;
    const published = new Set<number>();
    client.connection.onNotification('textDocument/publishDiagnostics', (p: { uri: string; version?: number; diagnostics: unknown[] }) => {
      client.diagnostics.set(p.uri, p as never);
      if (p.version !== undefined) published.add(p.version);
    });
    const started = Date.now();
    for (let v = 2; v <= 1001; v++) {
      client.replace(uri, version(v), v);
      if (v % 50 === 0) {
        peak = Math.max(peak, rssMB(pid));
        await new Promise((r) => setTimeout(r, 1)); // let the pipe drain, as a fast typist would
      }
    }
    const last = await client.diagnosticsFor(uri, 1001, 60000);
    const settleMs = Date.now() - started;
    peak = Math.max(peak, rssMB(pid));
    assert.equal(last.filter((d) => d.severity === DiagnosticSeverity.Error).length, 1);
    assert.match(JSON.stringify(last[0].message), /expected ';'/);
    assert.equal(last[0].range.start.line, 3, 'the diagnostic belongs to the last text');
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(client.diagnostics.get(uri)?.version, 1001, 'nothing older is published after the newest');
    assert.deepEqual(descendants(pid), [], 'no compiler or test process is left running');
    const after = rssMB(pid);
    console.log(`1,000 edits: ${published.size} versions analysed, settled in ${settleMs} ms; RSS baseline ${baseline.toFixed(0)} MB, peak ${peak.toFixed(0)} MB, after ${after.toFixed(0)} MB`);
    assert.ok(published.size < 200, `superseded versions are cancelled, not all analysed (${published.size})`);
    assert.ok(after < baseline + 100, `memory returns near its level (${after.toFixed(0)} MB vs ${baseline.toFixed(0)} MB)`);
  } finally {
    await client.stop();
  }
});

test('a burst over 20 open documents: every document ends with its own newest diagnostics', async () => {
  const client = await TestLspClient.start({ debounceMs: 30 });
  try {
    const uris = Array.from({ length: 20 }, (_, k) => `file:///tmp/c-repair-load/doc${k}.c`);
    uris.forEach((uri, k) => client.open(uri, version(k), 1));
    for (let round = 2; round <= 6; round++) {
      uris.forEach((uri, k) => client.replace(uri, round === 6 ? `int f${k}(void) { return ${k} }\n` : version(k * 10 + round), round));
    }
    const started = Date.now();
    for (const [k, uri] of uris.entries()) {
      const diags = await client.diagnosticsFor(uri, 6, 60000);
      assert.equal(diags.length, 1, uri);
      assert.equal(diags[0].range.start.line, 0, `${uri}: the diagnostic is for its last text`);
      assert.equal(diags[0].range.start.character, `int f${k}(void) { return ${k}`.length, `${uri}: right after its own return value`);
      assert.match(JSON.stringify(diags[0].message), /expected ';'/);
    }
    console.log(`20 documents settled ${Date.now() - started} ms after the burst`);
    assert.deepEqual(descendants(client.child.pid!), []);
  } finally {
    await client.stop();
  }
});
