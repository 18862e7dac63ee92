// Benchmark: greedy (one token per forward pass) against copy-speculative decoding with the shipped
// model, on a fixed list of real buggy TRACER programs (test/bench/programs.json: the TRACER dev
// split of training/splits.json, programs of at most 400 model tokens, first 200 by id), one
// intra-op thread. Prompts are built as the server builds them, from gcc's diagnostics. The last
// line printed is one JSON object:
//   {"programs","identical","ar_ms_median","spec_ms_median","speedup_wall","ar_forward_passes",
//    "spec_forward_passes","threads"}
// Run: node out/test/bench/decode.js [--model DIR] [--threads 1] [--n 200] [--max-draft 128] [--write-list]
import * as fs from 'node:fs';
import * as path from 'node:path';
import { abstractProgram } from '../../server/src/c/abstraction';
import { VOCABULARY } from '../../server/src/c/vocabulary';
import { readJsonlSync } from '../../server/src/data/jsonl';
import { compile } from '../../server/src/oracle/compiler';
import { greedyDecode } from '../support/greedyDecoder';
import { buildPrompt, PromptDiagnostic, promptDiagnostics } from '../../server/src/model/prompt';
import { EXTRA_OUTPUT_TOKENS, hotLines } from '../../server/src/model/repairModel';
import { ModelSession } from '../../server/src/model/session';
import { DEFAULT_MAX_DRAFT, speculativeDecode } from '../../server/src/model/speculativeDecoder';
import { dataFile, REPO_ROOT } from '../support/sharedData';

const args = process.argv.slice(2);
const opt = (name: string, fallback: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const MODEL_DIR = path.resolve(opt('--model', process.env.C_REPAIR_MODEL_DIR ?? path.join(REPO_ROOT, 'models')));
const THREADS = Number(opt('--threads', '1'));
const COUNT = Number(opt('--n', '200'));
const MAX_DRAFT = Number(opt('--max-draft', String(DEFAULT_MAX_DRAFT)));
const MAX_PROGRAM_TOKENS = 400;
/** The training pipeline's flags for TRACER (training/gcc.ts DEFAULT_FLAGS): the headers the model was trained on. */
const GCC_FLAGS = ['-Werror=implicit-function-declaration'];
const LIST_FILE = path.join(REPO_ROOT, 'test', 'bench', 'programs.json');

interface TracerPair {
  id: string;
  buggy: string;
}

/** The fixed program list: written once from the dev split, then read, so the bench never drifts. */
function programList(pairs: TracerPair[]): string[] {
  if (fs.existsSync(LIST_FILE) && !args.includes('--write-list')) return JSON.parse(fs.readFileSync(LIST_FILE, 'utf8')) as string[];
  const dev = new Set<string>(JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'training', 'splits.json'), 'utf8')).tracer_dev);
  const list = pairs
    .filter((p) => dev.has(p.id) && abstractProgram(p.buggy).modelTokens.length <= MAX_PROGRAM_TOKENS)
    .map((p) => p.id)
    .sort((a, b) => Number(a.split('-')[1]) - Number(b.split('-')[1]))
    .slice(0, 200);
  fs.writeFileSync(LIST_FILE, JSON.stringify(list, null, 1) + '\n');
  return list;
}

async function diagnosticsOf(text: string): Promise<PromptDiagnostic[]> {
  return promptDiagnostics((await compile(text, { family: 'gcc', args: GCC_FLAGS })).diagnostics);
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

async function main(): Promise<void> {
  const pairs = readJsonlSync<TracerPair>(dataFile('tracer/pairs.jsonl.gz'));
  const byId = new Map(pairs.map((p) => [p.id, p]));
  const ids = programList(pairs).slice(0, COUNT);
  const model = await ModelSession.load({ shippedModelDir: MODEL_DIR, executionProvider: 'cpu', threads: THREADS });
  const card = model.card as unknown as { training?: { steps?: number; minutes?: number } };
  console.error(`model ${MODEL_DIR} (${model.card.weights}, ${card.training?.steps ?? '?'} steps), ${model.status.message}`);

  const inputs = [];
  for (const id of ids) {
    const pair = byId.get(id);
    if (!pair) throw new Error(`${id} is not in tracer/pairs.jsonl.gz`);
    const program = abstractProgram(pair.buggy);
    const diagnostics = await diagnosticsOf(pair.buggy);
    const prompt = buildPrompt(program, diagnostics).tokens.map((t) => VOCABULARY.id(t));
    const end = prompt.length - 1;
    inputs.push({
      id,
      prompt,
      source: prompt.slice(end - program.modelTokens.length, end),
      maxNewTokens: program.modelTokens.length + EXTRA_OUTPUT_TOKENS,
      hotLines: hotLines(diagnostics),
    });
  }

  // Warm both paths up (first runs pay for allocations and kernel choice).
  await greedyDecode(model, inputs[0].prompt, inputs[0].source, { maxNewTokens: 8 });
  await speculativeDecode(model, inputs[0].prompt, inputs[0].source, { maxNewTokens: 64, maxDraft: MAX_DRAFT, hotLines: inputs[0].hotLines });

  const arMs: number[] = [];
  const specMs: number[] = [];
  let identical = 0;
  let arPasses = 0;
  let specPasses = 0;
  let outputTokens = 0;
  let drafted = 0;
  let accepted = 0;
  let ended = 0;
  const cache = model.newCache();
  for (const [k, input] of inputs.entries()) {
    const ar = await greedyDecode(model, input.prompt, input.source, { maxNewTokens: input.maxNewTokens }, cache);
    const spec = await speculativeDecode(model, input.prompt, input.source, { maxNewTokens: input.maxNewTokens, maxDraft: MAX_DRAFT, hotLines: input.hotLines }, cache);
    const same = ar.status === spec.status && ar.ids.length === spec.ids.length && ar.ids.every((t, i) => t === spec.ids[i]);
    if (same) identical++;
    else {
      const at = ar.ids.findIndex((t, i) => t !== spec.ids[i]);
      console.error(`${input.id}: outputs differ at token ${at} (${VOCABULARY.token(ar.ids[at])} vs ${VOCABULARY.token(spec.ids[at])})`);
    }
    arMs.push(ar.ms);
    specMs.push(spec.ms);
    arPasses += ar.forwardPasses;
    specPasses += spec.forwardPasses;
    outputTokens += ar.ids.length;
    drafted += spec.draftedTokens;
    accepted += spec.acceptedTokens;
    if (ar.status === 'eos') ended++;
    if ((k + 1) % 25 === 0) {
      console.error(`${k + 1}/${inputs.length}: identical ${identical}, AR ${round(median(arMs))} ms, spec ${round(median(specMs))} ms median`);
    }
  }
  console.error(
    `outputs: ${outputTokens} tokens, ${ended}/${inputs.length} ended with <eos>; ` +
      `drafts: ${accepted}/${drafted} drafted tokens accepted, ${round(outputTokens / specPasses)} output tokens per speculative pass; ` +
      `mean ms AR ${round(arMs.reduce((a, b) => a + b, 0) / arMs.length)} spec ${round(specMs.reduce((a, b) => a + b, 0) / specMs.length)}`,
  );
  await model.release();
  const arMedian = median(arMs);
  const specMedian = median(specMs);
  console.log(
    JSON.stringify({
      programs: inputs.length,
      identical,
      ar_ms_median: round(arMedian),
      spec_ms_median: round(specMedian),
      speedup_wall: round(arMedian / specMedian, 2),
      ar_forward_passes: arPasses,
      spec_forward_passes: specPasses,
      threads: THREADS,
    }),
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
