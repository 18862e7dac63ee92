// The repair model's decoders with the shipped model (models/, or C_REPAIR_MODEL_DIR): the
// copy-speculative decoder gives greedy decoding's output token for token on random prompts and
// on real buggy programs, a rolled-back cache behaves as a fresh one, cancellation is prompt,
// N-best scores are the model's, long programs are windowed (never truncated), and broken model
// files give clear errors.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { abstractProgram } from '../../server/src/c/abstraction';
import { VOCABULARY } from '../../server/src/c/vocabulary';
import { readJsonlSync } from '../../server/src/data/jsonl';
import { CopyAligner, HINT_WIDTH, NO_HINT, outputHints, promptHints, START } from '../../server/src/model/copyAligner';
import { greedyDecode } from '../support/greedyDecoder';
import { KvCache } from '../../server/src/model/kvCache';
import { summarizeRow } from '../../server/src/model/logits';
import { buildPrompt, PromptDiagnostic } from '../../server/src/model/prompt';
import { chooseWindow, spliceWindow, windowProgram } from '../../server/src/model/programWindow';
import { firstProblemLine } from '../../server/src/model/programWindow';
import { hotLines, RepairModel } from '../../server/src/model/repairModel';
import { ModelLoadError, ModelSession } from '../../server/src/model/session';
import { speculativeDecode } from '../../server/src/model/speculativeDecoder';
import { rng } from '../../server/src/data/random';
import { dataFile, REPO_ROOT } from '../support/sharedData';

const MODEL_DIR = process.env.C_REPAIR_MODEL_DIR ?? path.join(REPO_ROOT, 'models');
const ids = (tokens: string[]) => tokens.map((t) => VOCABULARY.id(t));

let model: ModelSession;
before(async () => {
  if (!fs.existsSync(path.join(MODEL_DIR, 'repair.onnx'))) {
    throw new Error(`the shipped model ${path.join(MODEL_DIR, 'repair.onnx')} is missing: the decoder tests need the real model (train and export it, or set C_REPAIR_MODEL_DIR)`);
  }
  model = await ModelSession.load({ shippedModelDir: MODEL_DIR, executionProvider: 'cpu', threads: 1 });
});
after(async () => {
  await model?.release();
});

/** Compiler errors as TRACER recorded them (clang's text), so no compiler is needed here. */
function tracerDiagnostics(error: string): PromptDiagnostic[] {
  return [...error.matchAll(/^[^:\n]*:(\d+):\d+: (error|warning|fatal error): (.*)$/gm)].map((m) => ({
    line: Number(m[1]),
    severity: m[2],
    message: m[3],
  }));
}

interface TracerPair {
  id: string;
  buggy: string;
  error: string;
}

/** The first `n` TRACER dev programs (training/splits.json) with at most `maxTokens` model tokens. */
function tracerPrograms(n: number, maxTokens: number): TracerPair[] {
  const splits = path.join(REPO_ROOT, 'training', 'splits.json');
  const dev = new Set<string>(fs.existsSync(splits) ? JSON.parse(fs.readFileSync(splits, 'utf8')).tracer_dev : []);
  const pairs = readJsonlSync<TracerPair>(dataFile('tracer/pairs.jsonl.gz'));
  const chosen = (dev.size ? pairs.filter((p) => dev.has(p.id)) : pairs).sort((a, b) => a.id.localeCompare(b.id));
  return chosen.filter((p) => abstractProgram(p.buggy).modelTokens.length <= maxTokens).slice(0, n);
}

function promptOf(text: string, diagnostics: PromptDiagnostic[]) {
  const program = abstractProgram(text);
  const prompt = ids(buildPrompt(program, diagnostics).tokens);
  const end = prompt.length - 1;
  return { prompt, source: prompt.slice(end - program.modelTokens.length, end) };
}

describe('KvCache', () => {
  test('append writes rows after the length, truncate only moves the length, feeds are views', () => {
    const cache = new KvCache({ nLayer: 2, nHead: 2, headDim: 3, maxPositions: 5 });
    const rows = (n: number, v: number) => [0, 1].map((l) => new Float32Array(n * 6).fill(v + l));
    cache.append(rows(2, 10), rows(2, 20), 2);
    cache.append(rows(2, 30), rows(2, 40), 2);
    assert.equal(cache.length, 4);
    cache.truncate(3);
    assert.equal(cache.length, 3);
    assert.equal(cache.keys[1][3 * 6], 31, 'row 3 is still in the buffer after a rollback');
    cache.append(rows(1, 50), rows(1, 60), 1);
    assert.deepEqual([...cache.keys[0].subarray(0, 24)].filter((_, k) => k % 6 === 0), [10, 10, 30, 50]);
    class FakeTensor {
      constructor(readonly type: string, readonly data: Float32Array, readonly dims: readonly number[]) {}
    }
    const feeds = cache.pastFeeds(FakeTensor as never) as unknown as Record<string, FakeTensor>;
    assert.deepEqual(feeds.past_value_1.dims, [1, 4, 2, 3]);
    assert.equal(feeds.past_value_1.data.buffer, cache.values[1].buffer, 'no copy');
    assert.throws(() => cache.append(rows(2, 0), rows(2, 0), 2), /full/);
    assert.throws(() => cache.truncate(5), RangeError);
  });
});

describe('CopyAligner', () => {
  const source = ids(['<L1>', 'int', 'main', '(', ')', '{', '<L2>', 'int', 'ID_0', '=', '0', ';', '<L3>', 'return', 'ID_0', ';', '<L4>', '}', '<eos>']);
  const after = (aligner: CopyAligner, out: number[]) => aligner.states(out)[out.length];

  test('continues the copy where the output left the program, and hints what comes next', () => {
    const aligner = new CopyAligner(source, VOCABULARY);
    assert.deepEqual(aligner.propose(after(aligner, source.slice(0, 3)), 4).tokens, source.slice(3, 7));
    assert.deepEqual(aligner.propose(after(aligner, source.slice(0, 9)), 3).tokens, source.slice(9, 12));
    assert.deepEqual(aligner.hint(after(aligner, source.slice(0, 9))), source.slice(9, 11));
    assert.deepEqual(aligner.hint(START), source.slice(0, 2));
    assert.deepEqual(aligner.hint(after(aligner, source.slice(0, -1))), [VOCABULARY.id('<eos>'), VOCABULARY.id('<pad>')]);
  });

  test('after a replaced token it copies on from the token after the replaced one', () => {
    const aligner = new CopyAligner(source, VOCABULARY);
    const out = [...source.slice(0, 10), VOCABULARY.id('1')]; // "= 1" instead of "= 0"
    assert.deepEqual(aligner.propose(after(aligner, out), 3).tokens, ids([';', '<L3>', 'return']));
    assert.deepEqual(aligner.hint(after(aligner, out)), ids([';', '<L3>']));
  });

  test('a draft ends with the first hot line (a reported error line) it reaches', () => {
    const aligner = new CopyAligner(source, VOCABULARY, [2]);
    const first = aligner.propose(START, 100);
    assert.deepEqual(first.tokens, source.slice(0, 12));
    assert.equal(first.hot, false);
    const onHot = aligner.propose(after(aligner, source.slice(0, 8)), 100);
    assert.deepEqual(onHot.tokens, source.slice(8, 12));
    assert.equal(onHot.hot, true);
    assert.deepEqual(aligner.propose(after(aligner, source.slice(0, 13)), 100).tokens, source.slice(13));
  });

  test('renumbers line markers after an inserted line', () => {
    const aligner = new CopyAligner(source, VOCABULARY);
    const out = [...source.slice(0, 12), ...ids(['<L3>', 'ID_0', '++', ';', '<L4>', 'return'])];
    assert.deepEqual(aligner.propose(after(aligner, out), 5).tokens, ids(['ID_0', ';', '<L5>', '}', '<eos>']));
  });

  test('outputHints (what training stores) is the aligner stepped over the output; prompts get <pad>', () => {
    const aligner = new CopyAligner(source, VOCABULARY);
    const output = [...source.slice(0, 10), VOCABULARY.id('1'), ...source.slice(11)];
    const hints = outputHints(source.slice(0, -1), output, VOCABULARY);
    assert.equal(hints.length, output.length * HINT_WIDTH);
    const states = aligner.states(output.slice(0, -1));
    states.forEach((state, k) => assert.deepEqual(hints.slice(k * HINT_WIDTH, (k + 1) * HINT_WIDTH), aligner.hint(state)));
    // Copying, the hint is the very token written next (all but the replaced one).
    const copied = output.filter((id, k) => hints[k * HINT_WIDTH] === id).length;
    assert.equal(copied, output.length - 1);
    assert.deepEqual(promptHints(3, [7, 8]), [...NO_HINT, ...NO_HINT, 7, 8]);
  });
});

describe('program windows', () => {
  const text = Array.from({ length: 40 }, (_, k) => `int v${k} = ${k} + 1;`).join('\n') + '\n';
  const program = abstractProgram(text);

  test('grow around the center line while they fit, and splice back exactly', () => {
    const window = chooseWindow(program, 20, (w) => w.tokenEnd - w.tokenStart <= 8 * 7);
    assert.ok(window);
    assert.ok(window.firstLine <= 20 && window.lastLine >= 20);
    assert.equal(window.lastLine - window.firstLine + 1, 7); // 8 tokens a line
    const part = windowProgram(program, window).modelTokens;
    assert.equal(part[0], `<L${window.firstLine}>`, 'original line markers');
    assert.deepEqual(spliceWindow(program, window, part), program.modelTokens);
    const edited = spliceWindow(program, window, ['<L99>']);
    assert.equal(edited.length, program.modelTokens.length - part.length + 1);
  });

  test('none when not even the center line fits; the edge lines are reachable', () => {
    assert.equal(chooseWindow(program, 3, () => false), undefined);
    assert.equal(chooseWindow(program, 1, (w) => w.lastLine - w.firstLine < 3)?.firstLine, 1);
    assert.equal(chooseWindow(program, 500, (w) => w.lastLine - w.firstLine < 3)?.lastLine, 40);
  });

  test('hot lines are the reported lines and the ones before them', () => {
    const diagnostics = [
      { line: 7, message: "expected ';'", severity: 'error' },
      { line: 3, message: 'unused', severity: 'warning' },
    ];
    assert.deepEqual(hotLines(diagnostics).sort((a, b) => a - b), [6, 7]);
    assert.equal(firstProblemLine(diagnostics), 7);
    assert.deepEqual(hotLines({ input: '', expected: '1', actual: '2' }), []);
  });
});

describe('speculative decoding = greedy decoding', () => {
  test('on random prompts, with short and long drafts', async () => {
    const random = rng(4);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
    const code = VOCABULARY.tokens.filter((t) => !t.startsWith('<'));
    for (let k = 0; k < 4; k++) {
      // Programs of real tokens with repeated lines, so drafts are sometimes right and sometimes not.
      const lines = Array.from({ length: 4 + Math.floor(random() * 6) }, () => Array.from({ length: 2 + Math.floor(random() * 6) }, () => pick(code)));
      const program = Array.from({ length: 6 + Math.floor(random() * 10) }, (_, l) => [`<L${l + 1}>`, ...pick(lines)]).flat();
      const prompt = ids(['<bos>', '<err>', '<L2>', 'expected', ';', ...program, '<fix>']);
      const source = prompt.slice(5, -1);
      const options = { maxNewTokens: 40 };
      const greedy = await greedyDecode(model, prompt, source, options);
      for (const maxDraft of [1, 5, 48]) {
        const spec = await speculativeDecode(model, prompt, source, { ...options, maxDraft });
        assert.deepEqual(spec.ids, greedy.ids, `prompt ${k}, maxDraft ${maxDraft}`);
        assert.equal(spec.status, greedy.status);
        assert.ok(Math.abs(spec.logProb - greedy.logProb) < 1e-2 * Math.max(1, Math.abs(greedy.logProb)), 'same scores');
      }
    }
  });

  test('on 10 real buggy TRACER programs, in far fewer forward passes', async () => {
    let greedyPasses = 0;
    let specPasses = 0;
    for (const pair of tracerPrograms(10, 160)) {
      const { prompt, source } = promptOf(pair.buggy, tracerDiagnostics(pair.error));
      const options = { maxNewTokens: source.length + 16 };
      const greedy = await greedyDecode(model, prompt, source, options);
      const spec = await speculativeDecode(model, prompt, source, options);
      assert.deepEqual(spec.ids.map((i) => VOCABULARY.token(i)), greedy.ids.map((i) => VOCABULARY.token(i)), pair.id);
      assert.equal(spec.status, greedy.status, pair.id);
      assert.ok(spec.forwardPasses <= greedy.forwardPasses, `${pair.id}: every pass yields at least one token`);
      greedyPasses += greedy.forwardPasses;
      specPasses += spec.forwardPasses;
    }
    // The aim (20x fewer passes) is measured by npm run bench:decode; it depends on how much of its
    // input the model copies. Here: drafting never costs passes, and it saves some.
    console.log(`forward passes: ${specPasses} speculative vs ${greedyPasses} greedy`);
    assert.ok(specPasses < greedyPasses, `copy drafts pay off: ${specPasses} speculative vs ${greedyPasses} greedy passes`);
  });

  test('stops at the same place when the output cap is hit', async () => {
    const [pair] = tracerPrograms(1, 160);
    const { prompt, source } = promptOf(pair.buggy, tracerDiagnostics(pair.error));
    for (const maxNewTokens of [0, 1, 17]) {
      const greedy = await greedyDecode(model, prompt, source, { maxNewTokens });
      const spec = await speculativeDecode(model, prompt, source, { maxNewTokens });
      assert.equal(greedy.status, 'length');
      assert.equal(spec.status, 'length');
      assert.deepEqual(spec.ids, greedy.ids);
      assert.equal(spec.ids.length, maxNewTokens);
    }
  });
});

test('after a rollback the cache gives the logits a fresh prefill of the same prefix gives', async () => {
  const [pair] = tracerPrograms(1, 160);
  const { prompt } = promptOf(pair.buggy, tracerDiagnostics(pair.error));
  const draft = ids(['<L1>', '#', 'include', '<stdio.h>', '<L2>', 'int', 'main', '(', ')', '{']);
  const probe = ids(['int']);
  const V = model.vocabSize;
  const hintsOf = (tokens: number[]) => tokens.flatMap((t) => [t, t]); // any hints, the same on both paths

  const rolled = model.newCache();
  await model.forward(rolled, prompt, promptHints(prompt.length, NO_HINT));
  await model.forward(rolled, draft, hintsOf(draft));
  rolled.truncate(prompt.length + 3); // keep 3 drafted rows, reject 7 (they stay in the buffer)
  const a = await model.forward(rolled, probe, hintsOf(probe));

  const fresh = model.newCache();
  await model.forward(fresh, [...prompt, ...draft.slice(0, 3)], [...promptHints(prompt.length, NO_HINT), ...hintsOf(draft.slice(0, 3))]);
  const b = await model.forward(fresh, probe, hintsOf(probe));

  // The model is batch-invariant (next test), so the kept rows are the very bits a fresh pass
  // computes; a stale row (a rollback off by one) moves logits by whole units.
  let maxDiff = 0;
  for (let v = 0; v < V; v++) maxDiff = Math.max(maxDiff, Math.abs(a[v] - b[v]));
  assert.equal(maxDiff, 0, `max logit difference ${maxDiff}`);

  const wrong = model.newCache();
  await model.forward(wrong, [...prompt, ...draft.slice(0, 4)], [...promptHints(prompt.length, NO_HINT), ...hintsOf(draft.slice(0, 4))]);
  const c = await model.forward(wrong, probe, hintsOf(probe));
  let wrongDiff = 0;
  for (let v = 0; v < V; v++) wrongDiff = Math.max(wrongDiff, Math.abs(a[v] - c[v]));
  assert.ok(wrongDiff > 0.1, `the check can tell a different prefix apart (${wrongDiff})`);
});

test('the model is batch-invariant: a token gets the same logits fed alone as inside a draft', async () => {
  // What makes speculative decoding greedy decoding: a verified draft row must give a one-token
  // step's logits, bit for bit. Per-tensor activation quantisation breaks it (0.05 apart), and so
  // does onnxruntime's one-row MatMul rounding unlike M >= 2 rows; the export quantises activations
  // per row and gives attention an extra query row (training/model.py), so nothing may differ.
  const [pair] = tracerPrograms(1, 160);
  const real = promptOf(pair.buggy, tracerDiagnostics(pair.error));
  const random = rng(11);
  const noise = Array.from({ length: 150 }, () => 14 + Math.floor(random() * (VOCABULARY.size - 14)));
  const V = model.vocabSize;
  let maxDiff = 0;
  for (const [prompt, draft] of [[real.prompt, real.source.slice(0, 32)], [noise.slice(0, 110), noise.slice(110)]]) {
    const hints = [...promptHints(prompt.length, NO_HINT), ...draft.flatMap((id, k) => [id, draft[k + 1] ?? id])];
    const single = model.newCache();
    await model.forward(single, prompt, hints.slice(0, prompt.length * HINT_WIDTH));
    const one: Float32Array[] = [];
    for (const [k, id] of draft.entries()) {
      const at = (prompt.length + k) * HINT_WIDTH;
      one.push(await model.forward(single, [id], hints.slice(at, at + HINT_WIDTH)));
    }
    const batched = model.newCache();
    const all = await model.forward(batched, [...prompt, ...draft], hints); // prefill and draft in one pass
    one.forEach((row, k) => {
      for (let v = 0; v < V; v++) maxDiff = Math.max(maxDiff, Math.abs(row[v] - all[(prompt.length + k) * V + v]));
    });
  }
  assert.equal(maxDiff, 0, `logits differ by up to ${maxDiff} between one-token steps and one pass (see training/export_onnx.py)`);
});

describe('cancellation', () => {
  /** The real model, with a signal that fires when the `at`-th forward pass starts. */
  function abortingAt(at: number) {
    const controller = new AbortController();
    let passes = 0;
    const counting = Object.create(model) as ModelSession;
    counting.forward = (cache, input, hints) => {
      if (++passes === at) controller.abort();
      return model.forward(cache, input, hints);
    };
    return { counting, signal: controller.signal, passes: () => passes };
  }

  test('both decoders stop before the next forward pass and say so', async () => {
    const [pair] = tracerPrograms(1, 160);
    const { prompt, source } = promptOf(pair.buggy, tracerDiagnostics(pair.error));
    const g = abortingAt(3);
    const greedy = await greedyDecode(g.counting, prompt, source, { maxNewTokens: 200, signal: g.signal });
    assert.equal(greedy.status, 'cancelled');
    assert.equal(g.passes(), 3);
    const s = abortingAt(2);
    // Short drafts, so that the output needs many passes (a copying model finishes in one with long ones).
    const spec = await speculativeDecode(s.counting, prompt, source, { maxNewTokens: 200, maxDraft: 4, signal: s.signal });
    assert.equal(spec.status, 'cancelled');
    assert.equal(s.passes(), 2);
  });

  test('RepairModel.propose returns a cancelled proposal promptly', async () => {
    const repair = await RepairModel.load({ shippedModelDir: MODEL_DIR, executionProvider: 'cpu', threads: 1 });
    try {
      const [pair] = tracerPrograms(1, 160);
      const already = new AbortController();
      already.abort();
      const none = await repair.propose(pair.buggy, tracerDiagnostics(pair.error), { signal: already.signal });
      assert.equal(none.status, 'cancelled');
      assert.equal(none.forwardPasses, 0);
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 5);
      const started = performance.now();
      const late = await repair.propose(pair.buggy, tracerDiagnostics(pair.error), { n: 8, signal: controller.signal });
      assert.ok(performance.now() - started < 2000);
      assert.equal(late.status, 'cancelled');
    } finally {
      await repair.dispose();
    }
  });
});

describe('RepairModel', () => {
  let repair: RepairModel;
  before(async () => {
    repair = await RepairModel.load({ shippedModelDir: MODEL_DIR, executionProvider: 'cpu', threads: 1 });
  });
  after(async () => repair?.dispose());

  test('N-best: greedy output included, distinct candidates, scores are the model log-probabilities', async () => {
    const [pair] = tracerPrograms(3, 120).slice(2);
    const diagnostics = tracerDiagnostics(pair.error);
    const proposal = await repair.propose(pair.buggy, diagnostics, { n: 3 });
    assert.equal(proposal.status, 'ok');
    assert.ok(proposal.candidates.length >= 2, `${proposal.candidates.length} candidates`);
    const keys = proposal.candidates.map((c) => c.tokens.join(' '));
    assert.equal(new Set(keys).size, keys.length, 'deduplicated');
    const scores = proposal.candidates.map((c) => c.score);
    assert.deepEqual(scores, [...scores].sort((a, b) => b - a), 'best first');

    const { prompt, source } = promptOf(pair.buggy, diagnostics);
    const greedy = await greedyDecode(model, prompt, source, { maxNewTokens: source.length + 64 });
    const greedyCandidate = proposal.candidates.find((c) => c.greedy);
    assert.deepEqual(greedyCandidate?.tokens, greedy.ids.map((i) => VOCABULARY.token(i)));

    // Teacher forcing: one pass over prompt + candidate + <eos>, with the hints training stores for
    // that output, gives each candidate's score.
    for (const candidate of proposal.candidates) {
      const output = [...ids(candidate.tokens), VOCABULARY.id('<eos>')];
      const hints = outputHints(source, output, VOCABULARY);
      const fed = [...promptHints(prompt.length, hints.slice(0, HINT_WIDTH)), ...hints.slice(HINT_WIDTH, output.length * HINT_WIDTH)];
      const logits = await model.forward(model.newCache(), [...prompt, ...output.slice(0, -1)], fed);
      let score = 0;
      output.forEach((id, k) => {
        const row = summarizeRow(logits, (prompt.length - 1 + k) * model.vocabSize, model.vocabSize);
        const top = logits[(prompt.length - 1 + k) * model.vocabSize + row.best];
        score += row.bestLogProb - (top - logits[(prompt.length - 1 + k) * model.vocabSize + id]);
      });
      assert.ok(Math.abs(score - candidate.score) < 0.05 * Math.max(1, Math.abs(score)), `score ${candidate.score} vs ${score}`);
    }
  });

  test('a program longer than the model is repaired in a window around the first error, nothing cut', async () => {
    const [pair] = tracerPrograms(1, 160);
    const diagnostics = tracerDiagnostics(pair.error);
    const errorLine = diagnostics[0].line;
    const filler = Array.from({ length: 150 }, () => '  total = total * 3 + 1;').join('\n');
    const text = `${pair.buggy}\nint filler(int total) {\n${filler}\n  return total;\n}\n`;
    const proposal = await repair.propose(text, diagnostics, { maxDraft: 32 });
    assert.ok(proposal.window, 'windowed');
    assert.ok(proposal.window.firstLine <= errorLine && errorLine <= proposal.window.lastLine);
    assert.ok(proposal.window.lastLine < text.split('\n').length);
    // The shipped model was trained on windows cut by the server's own code (this one ends
    // mid-function) and ends its output within the window's room (the model before it did not, and
    // gave no candidate); the splice is checked on every candidate.
    assert.equal(proposal.status, 'ok', proposal.message);
    assert.ok(proposal.candidates.length > 0);
    const full = proposal.program.modelTokens;
    const start = full.indexOf(`<L${proposal.window.firstLine}>`);
    const end = full.indexOf(`<L${proposal.window.lastLine + 1}>`);
    assert.ok(start >= 0 && end > start);
    for (const c of proposal.candidates) {
      // The lines outside the window are the program's own, untouched; the window's repair sits between.
      assert.deepEqual(c.tokens.slice(0, start), full.slice(0, start));
      assert.deepEqual(c.tokens.slice(c.tokens.length - (full.length - end)), full.slice(end));
    }

    const tooLong = await repair.propose(text, { input: '1', expected: '2', actual: '3' });
    assert.equal(tooLong.status, 'too-long');
    assert.match(tooLong.message ?? '', /too long/);
    assert.equal(tooLong.candidates.length, 0);
  });
});

describe('loading a broken model gives a clear error', () => {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'c-repair-model-'));
  const copyModel = (name: string, change: (dir: string) => void) => {
    const dir = path.join(scratch, name);
    fs.mkdirSync(dir);
    for (const f of ['model.json', 'vocab.json', 'repair.onnx']) fs.copyFileSync(path.join(MODEL_DIR, f), path.join(dir, f));
    change(dir);
    return dir;
  };
  const editCard = (dir: string, edit: (card: Record<string, unknown>) => void) => {
    const card = JSON.parse(fs.readFileSync(path.join(dir, 'model.json'), 'utf8'));
    edit(card);
    fs.writeFileSync(path.join(dir, 'model.json'), JSON.stringify(card));
  };
  const load = (dir: string, extra: object = {}) => ModelSession.load({ shippedModelDir: dir, executionProvider: 'cpu', threads: 1, ...extra });
  const rejectsWith = async (dir: string, problem: string, message: RegExp, extra: object = {}) => {
    await assert.rejects(load(dir, extra), (e: unknown) => {
      assert.ok(e instanceof ModelLoadError, String(e));
      assert.equal(e.problem, problem, e.message);
      assert.match(e.message, message);
      return true;
    });
  };
  after(() => fs.rmSync(scratch, { recursive: true, force: true }));

  test('missing', async () => {
    await rejectsWith(path.join(scratch, 'nowhere'), 'missing', /no repair model at/);
    await rejectsWith(copyModel('no-onnx', (d) => fs.rmSync(path.join(d, 'repair.onnx'))), 'missing', /repair\.onnx is missing/);
    await assert.rejects(
      ModelSession.load({ modelPath: path.join(scratch, 'elsewhere.onnx'), shippedModelDir: MODEL_DIR }),
      /c-repair\.modelPath/,
    );
  });

  test('truncated bytes', async () => {
    const dir = copyModel('truncated', (d) => {
      const file = path.join(d, 'repair.onnx');
      fs.truncateSync(file, Math.floor(fs.statSync(file).size * 0.6));
    });
    await rejectsWith(dir, 'corrupt', /cannot be read as an ONNX model \(truncated or damaged\?\)/);
  });

  test('shapes or sizes other than the contract and model.json', async () => {
    await rejectsWith(copyModel('heads', (d) => editCard(d, (c) => { c.n_head = (c.n_head as number) * 2; c.head_dim = (c.head_dim as number) / 2; })), 'contract', /past_key_0 is float32 \[1, P, \d+, \d+\], the contract and model\.json say/);
    await rejectsWith(copyModel('layers', (d) => editCard(d, (c) => { c.n_layer = (c.n_layer as number) + 1; })), 'contract', /not the contract's/);
    await rejectsWith(copyModel('vocab', (d) => editCard(d, (c) => { c.vocab_size = (c.vocab_size as number) + 1; })), 'vocabulary', /another vocabulary/);
    await rejectsWith(copyModel('card', (d) => fs.writeFileSync(path.join(d, 'model.json'), '{"onnx": ')), 'card', /not valid JSON/);
  });

  test('tryLoad never throws; auto falls back to the CPU and says why', async () => {
    const failed = await RepairModel.tryLoad({ shippedModelDir: path.join(scratch, 'nowhere') });
    assert.equal(failed.model, undefined);
    assert.equal(failed.status.ok, false);
    assert.match(failed.status.message, /repair model unavailable: no repair model at/);
    const auto = await RepairModel.tryLoad({ shippedModelDir: MODEL_DIR, executionProvider: 'auto', threads: 1 });
    assert.ok(auto.model && auto.status.ok);
    if (auto.status.provider === 'cpu') assert.match(auto.status.fallbackReason ?? '', /CUDA unavailable/);
    await auto.model.dispose();
  });
});
