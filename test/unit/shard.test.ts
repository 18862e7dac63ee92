// `c-repair batch --shard K/N`: contiguous parts of the input whose outputs, concatenated in order,
// are the whole batch's output line for line (real CLI, real gcc).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { parseShard, shardRange } from '../../server/src/cli/shard';
import { batchInput, readOutput, runCli, SMALL_BATCH } from '../support/batchCli';

test('parseShard: K/N and auto/N from JOB_COMPLETION_INDEX; malformed values are refused in words', () => {
  assert.deepEqual(parseShard('2/3', {}), { k: 2, n: 3 });
  assert.deepEqual(parseShard('1/1', {}), { k: 1, n: 1 });
  assert.deepEqual(parseShard('auto/4', { JOB_COMPLETION_INDEX: '0' }), { k: 1, n: 4 });
  assert.deepEqual(parseShard('auto/4', { JOB_COMPLETION_INDEX: '3' }), { k: 4, n: 4 });
  const refused: [string, NodeJS.ProcessEnv, RegExp][] = [
    ['0/3', {}, /K must be a whole number from 1 to 3/],
    ['4/3', {}, /K must be a whole number from 1 to 3/],
    ['-1/3', {}, /K must be/],
    ['1.5/3', {}, /K must be/],
    ['1/0', {}, /N must be a whole number of shards, at least 1/],
    ['1/x', {}, /N must be/],
    ['abc', {}, /expected K\/N/],
    ['1/2/3', {}, /expected K\/N/],
    ['auto/3', {}, /auto needs JOB_COMPLETION_INDEX/],
    ['auto/3', { JOB_COMPLETION_INDEX: '3' }, /JOB_COMPLETION_INDEX=3 must be a whole number from 0 to 2/],
    ['auto/3', { JOB_COMPLETION_INDEX: 'x' }, /from 0 to 2/],
  ];
  for (const [value, env, message] of refused) {
    const r = parseShard(value, env);
    assert.equal(typeof r, 'string', value);
    assert.match(r as string, message, value);
  }
});

test('shardRange: the parts cover every line once, in order, sizes within one', () => {
  for (const total of [0, 1, 2, 5, 7, 100]) {
    for (const n of [1, 2, 3, 8]) {
      let at = 0;
      for (let k = 1; k <= n; k++) {
        const { start, end } = shardRange(total, { k, n });
        assert.equal(start, at, `${total} lines, shard ${k}/${n}`);
        assert.ok(end - start === Math.floor(total / n) || end - start === Math.ceil(total / n));
        at = end;
      }
      assert.equal(at, total);
    }
  }
});

test('shards 1/3, 2/3, 3/3 concatenated equal the unsharded batch, line for line (ms aside)', () => {
  const { dir, input } = batchInput(SMALL_BATCH);
  const whole = path.join(dir, 'whole.jsonl');
  const r = runCli(['batch', '--in', input, '--out', whole, '--jobs', '2', '--no-model']);
  assert.equal(r.status, 0, r.stderr);
  const parts = [1, 2, 3].map((k) => {
    const out = path.join(dir, `shard-${k}.jsonl`);
    const s = runCli(['batch', '--in', input, '--out', out, '--jobs', '2', '--no-model', '--shard', `${k}/3`]);
    assert.equal(s.status, 0, s.stderr);
    return readOutput(out);
  });
  assert.deepEqual(parts.map((p) => p.length), [2, 2, 3], 'contiguous parts of 7 lines');
  const withoutMs = (lines: object[]) => lines.map((l) => JSON.stringify({ ...l, ms: 0 }));
  const expected = readOutput(whole);
  assert.equal(expected.length, SMALL_BATCH.length);
  assert.deepEqual(expected.map((o) => o.id), ['missing_semicolon', 'clean', 'several_errors', 'line-4', 'markup <b>bold</b></script>', 'wrong_output', 'undeclared'], 'written in input order');
  assert.deepEqual(withoutMs(parts.flat()), withoutMs(expected));
  // A malformed line keeps its own line number as its id in whichever shard holds it.
  assert.equal(parts[1][1].id, 'line-4');
});

test('--shard auto/N reads JOB_COMPLETION_INDEX; malformed --shard values exit 2 with the reason', () => {
  const { dir, input } = batchInput(SMALL_BATCH.slice(0, 3));
  const out = path.join(dir, 'auto.jsonl');
  const r = runCli(['batch', '--in', input, '--out', out, '--no-model', '--shard', 'auto/3'], { ...process.env, JOB_COMPLETION_INDEX: '2' });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(readOutput(out).map((o) => o.id), ['several_errors'], 'index 2 is the third shard');
  for (const [value, message] of [['0/3', /K must be a whole number from 1 to 3/], ['4/3', /K must be/], ['abc', /expected K\/N/], ['1/0', /N must be/]] as const) {
    const bad = runCli(['batch', '--in', input, '--out', path.join(dir, 'bad.jsonl'), '--no-model', '--shard', value]);
    assert.equal(bad.status, 2, value);
    assert.match(bad.stderr, message, value);
  }
  assert.ok(!fs.existsSync(path.join(dir, 'bad.jsonl')), 'nothing is written for a refused shard');
});
