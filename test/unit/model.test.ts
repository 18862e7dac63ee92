// The shipped model (models/) follows the ONNX contract and computes what PyTorch computed at export:
// names and shapes per contract.ts, logits equal to training/export_check.json's within the
// tolerance of its weight type, the KV cache path equal to a whole pass, and the vocabulary equal
// to the server's. C_REPAIR_MODEL_DIR points the test at another export (default: models/).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import * as ort from 'onnxruntime-node';
import { abstractProgram } from '../../server/src/c/abstraction';
import { buildVocabulary, VOCABULARY, vocabularySha256 } from '../../server/src/c/vocabulary';
import { inputNames, ModelCard, outputNames } from '../../server/src/model/contract';
import { HINT_WIDTH } from '../../server/src/model/copyAligner';
import { buildPrompt, MAX_TEST_PART_TOKENS, targetTokens } from '../../server/src/model/prompt';

const MODEL_DIR = process.env.C_REPAIR_MODEL_DIR ?? path.resolve(__dirname, '..', '..', '..', 'models');
const readJson = <T>(name: string): T => JSON.parse(fs.readFileSync(path.join(MODEL_DIR, name), 'utf8')) as T;

interface CheckCase {
  ids: number[];
  /** Each token's copy hint, HINT_WIDTH ids per token, flat. */
  hints: number[];
  prefix: number;
  rows: number[];
  /** PyTorch's logits computed as the export computes them (int7 simulated for an int7 export). */
  logits: number[][];
  /** PyTorch's plain fp32 logits (only for a quantised export). */
  fp32_logits?: number[][];
}

const card = readJson<ModelCard>('model.json');
const check = readJson<{ weights: string; cases: CheckCase[] }>('export_check.json');
const quantised = card.weights !== 'fp32';
/** ONNX vs PyTorch doing the same arithmetic: float accumulation order only (and, for int7, a rare
 * activation that rounds the other way at a .5 tie). */
const SAME_ARITHMETIC = { maxAbs: quantised ? 0.1 : 2e-3, meanAbs: quantised ? 0.03 : 2e-4, top1Slack: 1e-3 };
/** int7 against fp32: the quantisation error itself. The top-1 token may only flip between near-ties. */
const INT7_VS_FP32 = { maxAbs: 0.8, meanAbs: 0.25, top1Slack: 0.25 };

let session: ort.InferenceSession | undefined;
async function getSession(): Promise<ort.InferenceSession> {
  session ??= await ort.InferenceSession.create(path.join(MODEL_DIR, card.onnx), { intraOpNumThreads: 1 });
  return session;
}

/** Runs new tokens `ids` with their `hints` after a cache of `past` (per layer key/value, [1,P,H,D] flattened). */
async function run(ids: number[], hints: number[], past: Float32Array[] | undefined, pastLength: number) {
  const s = await getSession();
  const { n_layer: L, n_head: H, head_dim: D } = card;
  const feeds: Record<string, ort.Tensor> = {
    input_ids: new ort.Tensor('int64', BigInt64Array.from(ids.map(BigInt)), [1, ids.length]),
    hint_ids: new ort.Tensor('int64', BigInt64Array.from(hints.map(BigInt)), [1, ids.length, HINT_WIDTH]),
  };
  for (let i = 0; i < L; i++) {
    feeds[`past_key_${i}`] = new ort.Tensor('float32', past?.[2 * i] ?? new Float32Array(0), [1, pastLength, H, D]);
    feeds[`past_value_${i}`] = new ort.Tensor('float32', past?.[2 * i + 1] ?? new Float32Array(0), [1, pastLength, H, D]);
  }
  const out = await s.run(feeds);
  const logits = out.logits;
  const presents = outputNames(L).slice(1).map((name) => out[name]);
  return { logits, presents };
}

function row(logits: ort.Tensor, r: number): Float32Array {
  const V = card.vocab_size;
  return (logits.data as Float32Array).slice(r * V, (r + 1) * V);
}

function compare(actual: Float32Array, expected: number[], label: string, bound = SAME_ARITHMETIC) {
  let max = 0;
  let sum = 0;
  actual.forEach((v, i) => {
    const d = Math.abs(v - expected[i]);
    max = Math.max(max, d);
    sum += d;
  });
  assert.ok(max <= bound.maxAbs, `${label}: max |onnx - torch| = ${max} > ${bound.maxAbs}`);
  assert.ok(sum / actual.length <= bound.meanAbs, `${label}: mean |onnx - torch| = ${sum / actual.length} > ${bound.meanAbs}`);
  const top = actual.indexOf(Math.max(...actual));
  const best = Math.max(...expected);
  assert.ok(expected[top] >= best - bound.top1Slack, `${label}: onnx top-1 ${top} has torch logit ${expected[top]}, best ${best}`);
}

test('models/vocab.json is the server vocabulary and model.json names it', () => {
  const vocab = readJson<string[]>(card.vocab);
  assert.deepEqual(vocab, buildVocabulary());
  assert.equal(card.vocab_size, vocab.length);
  assert.equal(card.vocab_sha256, vocabularySha256(vocab));
});

test('model.json describes the graph and the file is small enough to ship', () => {
  assert.equal(card.d_model, card.n_head * card.head_dim);
  assert.ok(['fp32', 'int8', 'int7'].includes(card.weights));
  assert.equal(check.weights, card.weights);
  assert.ok(card.max_positions >= 512);
  assert.ok(fs.statSync(path.join(MODEL_DIR, card.onnx)).size <= 40 * 1024 * 1024);
});

test('graph inputs and outputs follow contract.ts', async () => {
  const s = await getSession();
  assert.deepEqual([...s.inputNames], inputNames(card.n_layer));
  assert.deepEqual([...s.outputNames], outputNames(card.n_layer));
});

test('ONNX logits match the PyTorch logits saved at export', async () => {
  assert.ok(check.cases.length > 0);
  for (const [k, c] of check.cases.entries()) {
    const { logits, presents } = await run(c.ids, c.hints, undefined, 0);
    assert.deepEqual(logits.dims, [1, c.ids.length, card.vocab_size]);
    for (const p of presents) assert.deepEqual(p.dims, [1, c.ids.length, card.n_head, card.head_dim]);
    c.rows.forEach((r, j) => compare(row(logits, r), c.logits[j], `case ${k} row ${r}`));
  }
});

test('int7 weights agree with fp32 on the saved inputs', { skip: !quantised && 'the shipped weights are fp32' }, async () => {
  for (const [k, c] of check.cases.entries()) {
    assert.ok(c.fp32_logits, 'a quantised export saves the fp32 logits too');
    const { logits } = await run(c.ids, c.hints, undefined, 0);
    c.rows.forEach((r, j) => compare(row(logits, r), c.fp32_logits![j], `case ${k} row ${r} vs fp32`, INT7_VS_FP32));
  }
});

test('prefix + KV cache + rest gives the same logits as one pass', async () => {
  for (const [k, c] of check.cases.entries()) {
    const first = await run(c.ids.slice(0, c.prefix), c.hints.slice(0, c.prefix * HINT_WIDTH), undefined, 0);
    const past = first.presents.map((t) => t.data as Float32Array);
    const rest = await run(c.ids.slice(c.prefix), c.hints.slice(c.prefix * HINT_WIDTH), past, c.prefix);
    assert.deepEqual(rest.logits.dims, [1, c.ids.length - c.prefix, card.vocab_size]);
    c.rows.forEach((r, j) => {
      if (r >= c.prefix) compare(row(rest.logits, r - c.prefix), c.logits[j], `case ${k} cached row ${r}`);
      else compare(row(first.logits, r), c.logits[j], `case ${k} prefix row ${r}`);
    });
  }
});

test('prompt: header, program, <fix>; the target keeps the buggy program\'s slots', () => {
  const buggy = 'int main() {\n  int total = 0\n  printf("%d", totl);\n}\n';
  const fixed = 'int main() {\n  int total = 0;\n  printf("%d", total);\n}\n';
  const program = abstractProgram(buggy);
  const prompt = buildPrompt(program, [
    { line: 3, message: "expected ',' or ';' before 'printf'", severity: 'error' },
    { line: 3, message: "'totl' undeclared (first use in this function); did you mean 'total'?", severity: 'error' },
    { line: 9, message: 'a third error is left out', severity: 'error' },
  ]);
  const header = prompt.tokens.slice(0, prompt.tokens.indexOf('<L1>'));
  assert.deepEqual(header, [
    '<bos>', '<err>', '<L3>', 'expected', ',', 'or', ';', 'before', 'printf',
    '<err>', '<L3>', 'ID_1', 'undeclared', '(', 'first', 'use', 'in', 'this', 'function', ')', ';', 'did', 'you', 'mean', 'ID_0', '?',
  ]);
  assert.deepEqual(prompt.tokens.slice(header.length, -1), program.modelTokens);
  assert.equal(prompt.tokens.at(-1), '<fix>');
  const target = targetTokens(fixed, prompt.pools).tokens;
  assert.deepEqual(target.join(' '), '<L1> int main ( ) { <L2> int ID_0 = 0 ; <L3> printf ( "%d" , ID_0 ) ; <L4> } <eos>');
  assert.ok([...prompt.tokens, ...target].every((t) => VOCABULARY.has(t)), 'every prompt token is in the vocabulary');
});

test('prompt: a failing test is short and never invents pool slots', () => {
  const program = abstractProgram('int main() { int n; scanf("%d", &n); printf("%d\\n", n * 7); return 0; }');
  const long = Array.from({ length: 200 }, (_, i) => `word${i}`).join(' ');
  const prompt = buildPrompt(program, { input: '6\n', expected: '42\n', actual: long });
  assert.deepEqual(prompt.pools, program.pools);
  const header = prompt.tokens.slice(0, prompt.tokens.indexOf('<L1>'));
  assert.deepEqual(header.slice(0, 6), ['<bos>', '<test>', '<input>', '6', '<expected>', '<unk>']);
  assert.ok(header.length <= 5 + 3 * MAX_TEST_PART_TOKENS);
});
