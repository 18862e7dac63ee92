// The repair engine on real student programs, with the real compiler and the real test runner.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { readJsonlSync } from '../../server/src/data/jsonl';
import { compile } from '../../server/src/oracle/compiler';
import { applyEdits } from '../../server/src/repair/edits';
import { RepairModel } from '../../server/src/model/repairModel';
import { RepairEngine } from '../../server/src/repair/engine';
import { hostileProgram } from '../support/fixtures';
import { dataFile, REPO_ROOT } from '../support/sharedData';

const gcc = { family: 'gcc' as const, args: ['-Werror=implicit-function-declaration'] };

test('real TRACER programs: accepted repairs compile, keep the student\'s code and are explained', async () => {
  const pairs = readJsonlSync<{ id: string; buggy: string }>(dataFile('tracer/pairs.jsonl.gz')).slice(0, 25);
  let repaired = 0;
  for (const pair of pairs) {
    const r = await new RepairEngine({ compiler: gcc }).repair(pair.buggy);
    assert.ok(r.after.errorCount <= r.before.errorCount, `${pair.id}: errors never grow`);
    assert.equal(applyEdits(pair.buggy, r.edits), r.repaired, `${pair.id}: the edits rebuild the result`);
    for (const e of r.edits) assert.match(e.explanation, /on line \d+, because /);
    if (r.status === 'repaired') {
      repaired++;
      assert.equal((await compile(r.repaired, gcc)).errorCount, 0, `${pair.id}: independently recompiled`);
      assert.ok(r.edits.length <= 3, `${pair.id}: small repairs only`);
    }
  }
  console.log(`engine without the model repaired ${repaired} of ${pairs.length} TRACER programs`);
  assert.ok(repaired >= 8, `fix-its and edit search alone repair a share (${repaired})`);
});

test('tests judge a repair, and a hostile program does not stop the engine', async () => {
  const source = hostileProgram('loop');
  const r = await new RepairEngine({ compiler: gcc, tests: [{ name: '1', input: '', output: 'x' }] }).repair(source);
  assert.equal(r.status, 'failed');
  assert.equal(r.testsAfter?.results[0].status, 'timeout');

  const semicolon = '#include <stdio.h>\nint main(void){int a;scanf("%d",&a);printf("%d\\n",a+1)\nreturn 0;}\n';
  const ok = await new RepairEngine({ compiler: gcc, tests: [{ name: '1', input: '4', output: '5' }] }).repair(semicolon);
  assert.equal(ok.status, 'repaired');
  assert.equal(ok.testsBefore?.compiled, false);
  assert.equal(ok.testsAfter?.passed, 1);
});

test('cancellation: no compile starts after the abort', async () => {
  // gcc behind a wrapper that notes every start; a real program with many errors keeps the engine
  // compiling for seconds, so the abort lands mid-repair.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'c-repair-cancel-'));
  const log = path.join(dir, 'starts');
  const wrapper = path.join(dir, 'gcc');
  fs.writeFileSync(wrapper, `#!/bin/sh\necho start >> '${log}'\nexec gcc "$@"\n`, { mode: 0o755 });
  const starts = () => (fs.existsSync(log) ? fs.readFileSync(log, 'utf8').split('\n').filter(Boolean).length : 0);
  try {
    const source = readJsonlSync<{ id: string; source: string }>(dataFile('deepfix/programs.jsonl.gz')).find((p) => p.id === 'prog02601')!.source;
    const controller = new AbortController();
    const pending = new RepairEngine({ compiler: { family: 'gcc', path: wrapper }, signal: controller.signal }).repair(source);
    while (starts() < 3) await new Promise((r) => setTimeout(r, 5));
    controller.abort();
    const atAbort = starts();
    const result = await pending;
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(starts(), atAbort, 'no compile started after the abort');
    // What a cut compile said is not taken: the result is what was verified before the abort.
    assert.ok(result.rounds <= 1, `rounds after the abort: ${result.rounds}`);
    assert.notEqual(result.status, 'repaired');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a logic slip is repaired by a one-token edit that the tests accept', async () => {
  // Sums 1..n, but the loop stops one short.
  const buggy = '#include <stdio.h>\nint main(void)\n{\n  int n, i, s = 0;\n  scanf("%d", &n);\n  for (i = 1; i < n; i++)\n    s += i;\n  printf("%d\\n", s);\n  return 0;\n}\n';
  const tests = [
    { name: '1', input: '3', output: '6' },
    { name: '2', input: '10', output: '55' },
    { name: '3', input: '1', output: '1' },
  ];
  const r = await new RepairEngine({ compiler: gcc, tests }).repair(buggy);
  assert.equal(r.status, 'repaired');
  assert.equal(r.testsBefore?.passed, 0);
  assert.equal(r.testsAfter?.passed, 3);
  assert.ok(r.repaired.includes('i <= n'));
  assert.equal(r.edits.length, 1);
  assert.match(r.edits[0].explanation, /Replace `<` with `<=` on line 6, because test 1 expects "6" but the program printed "3"/);
});

test('onlyModel: the shipped model is the only candidate source, judged by the compiler (ratchet)', async () => {
  const model = await RepairModel.load({ shippedModelDir: path.join(REPO_ROOT, 'models'), executionProvider: 'cpu', threads: 1 });
  try {
    const programs = [
      '#include <stdio.h>\nint main()\n{\n  int n;\n  scanf("%d", &n);\n  printf("%d\\n", n * 2)\n  return 0;\n}\n',
      '#include <stdio.h>\nint main()\n{\n  int i, s = 0;\n  for (i = 0; i < 10; i++)\n    s = s + i;\n  printf("%d\\n", s);\n  return 0;\n',
      '#include <stdio.h>\nint main()\n{\n  int a, b;\n  scanf("%d %d", &a, &b);\n  if (a > b\n    printf("%d\\n", a);\n  return 0;\n}\n',
    ];
    let repaired = 0;
    for (const program of programs) {
      const r = await new RepairEngine({ compiler: gcc, model, onlyModel: true }).repair(program);
      assert.ok(r.sources.every((s) => s === 'model'), `only the model: ${r.sources.join(', ')}`);
      if (r.status === 'repaired') {
        repaired++;
        assert.equal((await compile(r.repaired, gcc)).errorCount, 0, 'independently recompiled');
        assert.ok(r.forwardPasses > 0);
      }
    }
    // A ratchet set from the shipped model's output (the model of 2026-11-30 repairs all three; the
    // one before it only the missing brace; see models/model-card.md): the model alone must keep it.
    assert.equal(repaired, programs.length, `the model alone repairs these common slips (${repaired} of ${programs.length})`);
  } finally {
    await model.dispose();
  }
});
