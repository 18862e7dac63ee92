// Fuzzing the parts that take untrusted input: model output mapped onto student text, and the
// batch CLI's JSONL reader. Thousands of random and mutated cases; nothing may throw or crash.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { abstractProgram, concretizeToken } from '../../server/src/c/abstraction';
import { lex, significantTokens } from '../../server/src/c/lexer';
import { isLineMarker, VOCABULARY } from '../../server/src/c/vocabulary';
import { validateInput } from '../../server/src/cli/batch';
import { readJsonlSync } from '../../server/src/data/jsonl';
import { buildPrompt } from '../../server/src/model/prompt';
import { concretize } from '../../server/src/repair/concretize';
import { rng } from '../../server/src/data/random';
import { dataFile, REPO_ROOT } from '../support/sharedData';
import { scratchFolder } from '../support/scratch';

const CASES = Number(process.env.C_REPAIR_FUZZ_CASES ?? 3000);

test(`${CASES} mutated model outputs: each is refused or placed exactly`, () => {
  const random = rng(99);
  const programs = readJsonlSync<{ buggy: string }>(dataFile('tracer/pairs.jsonl.gz')).slice(0, 50).map((p) => p.buggy);
  const vocab = VOCABULARY.tokens;
  let placed = 0;
  for (let i = 0; i < CASES; i++) {
    const original = programs[i % programs.length];
    const program = abstractProgram(original);
    const prompt = buildPrompt(program, []);
    const output = [...program.modelTokens];
    for (let m = 1 + Math.floor(random() * 4); m > 0; m--) {
      const at = Math.floor(random() * (output.length + 1));
      const token = vocab[Math.floor(random() * vocab.length)];
      const op = random();
      if (op < 0.33) output.splice(at, 0, token);
      else if (op < 0.66) output.splice(at, 1);
      else output.splice(at, 1, token);
    }
    const c = concretize(program, prompt.pools, output, original);
    if ('error' in c) continue;
    placed++;
    // The result reads back as exactly the tokens the model wrote, names mapped back.
    const expected = output.filter((t) => !isLineMarker(t)).map((t) => concretizeToken(t, prompt.pools));
    assert.deepEqual(significantTokens(lex(c.text)).map((t) => t.text), expected);
  }
  console.log(`placed ${placed} of ${CASES} mutated outputs; the rest were refused with a reason`);
  assert.ok(placed > CASES / 10);
});

test(`${CASES} random and mutated JSONL lines: validation never throws`, () => {
  const random = rng(5);
  const good = JSON.stringify({ id: 'x', source: 'int main(void){return 0;}', tests: [{ input: '1', output: '2' }], compile_flags: '-ansi' });
  for (let i = 0; i < CASES; i++) {
    const chars = [...good];
    for (let m = Math.floor(random() * 6); m > 0; m--) {
      const at = Math.floor(random() * chars.length);
      chars[at] = String.fromCharCode(Math.floor(random() * 128));
    }
    let value: unknown;
    try {
      value = JSON.parse(chars.join(''));
    } catch {
      continue;
    }
    const problem = validateInput(value);
    assert.ok(problem === undefined || typeof problem === 'string');
  }
});

test('the batch CLI survives a file of mutated lines and answers every one', () => {
  const random = rng(11);
  const dir = scratchFolder('c-repair-fuzz-');
  const input = path.join(dir, 'in.jsonl');
  const lines: string[] = [];
  for (let i = 0; i < 60; i++) {
    const good = JSON.stringify({ id: `p${i}`, source: `int main(void) { return ${i} }` });
    const chars = [...good];
    for (let m = i % 3 === 0 ? 0 : 1 + Math.floor(random() * 3); m > 0; m--) {
      chars[Math.floor(random() * chars.length)] = String.fromCharCode(32 + Math.floor(random() * 90));
    }
    lines.push(chars.join('').replace(/\n/g, ' '));
  }
  lines.push('\u0000\u0001binary\uFFFD', '[]', 'null', '"just a string"', '{"source": "x", "tests": "nope"}');
  fs.writeFileSync(input, lines.join('\n'));
  const out = path.join(dir, 'out.jsonl');
  const r = spawnSync(process.execPath, [path.join(REPO_ROOT, 'bin', 'c-repair.js'), 'batch', '--in', input, '--out', out, '--no-model', '--jobs', '2'], { encoding: 'utf8', timeout: 300000 });
  assert.equal(r.status, 0, r.stderr);
  const results = fs.readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { status: string });
  assert.equal(results.length, lines.length, 'one answer per line');
  assert.ok(results.filter((x) => x.status === 'error').length >= 5);
  assert.ok(results.some((x) => x.status === 'repaired'));
});
