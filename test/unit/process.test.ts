// The process runner kills whole process groups on timeout, output flood and cancellation.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import { runProcess } from '../../server/src/oracle/process';

const alive = (marker: string) => {
  try {
    return execFileSync('pgrep', ['-f', marker]).toString().trim() !== '';
  } catch {
    return false;
  }
};

test('a timeout kills the child and its grandchildren', async () => {
  const marker = `sleep 4${Math.floor(Math.random() * 1000)}.5`;
  const r = await runProcess('sh', ['-c', `${marker} & ${marker}`], { timeoutMs: 300, maxOutputBytes: 1000 });
  assert.equal(r.timedOut, true);
  await new Promise((res) => setTimeout(res, 100));
  assert.equal(alive(marker), false, 'no process of the group survives');
});

test('endless output is capped and stopped', async () => {
  const r = await runProcess('sh', ['-c', 'yes flood'], { timeoutMs: 10000, maxOutputBytes: 64 * 1024 });
  assert.equal(r.outputTruncated, true);
  assert.equal(r.timedOut, false);
  assert.ok(r.stdout.length <= 64 * 1024);
});

test('cancellation stops a running child', async () => {
  const controller = new AbortController();
  const pending = runProcess('sleep', ['30'], { timeoutMs: 60000, maxOutputBytes: 1000, signal: controller.signal });
  setTimeout(() => controller.abort(), 100);
  const r = await pending;
  assert.equal(r.cancelled, true);
  assert.ok(r.ms < 5000);
});

test('a missing executable is reported, not thrown', async () => {
  const r = await runProcess('/nonexistent/program', [], { timeoutMs: 1000, maxOutputBytes: 1000 });
  assert.equal(r.spawnError, 'not found');
});
