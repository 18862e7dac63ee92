// Builds the repair model's training and dev examples from the real datasets:
//   real compile pairs (TRACER, C-Pack), real logic pairs (ITSP, C-Pack, short Codeflaws),
//   synthetic compile errors injected into clean programs (kept only if gcc reports an error),
//   synthetic logic errors (kept only if the problem's tests catch them).
// Tokens come from server/src (abstraction + prompt), so they are identical at inference.
// Run: npx tsc -b training && node out/training/build_dataset.js [--no-logic] [--out training/data]
import { diffArrays } from 'diff';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { abstractProgram, type AbstractProgram } from '../server/src/c/abstraction';
import { isLineMarker, VOCABULARY } from '../server/src/c/vocabulary';
import { TRAINED_POSITIONS } from '../server/src/model/contract';
import { outputHints } from '../server/src/model/copyAligner';
import { cutWindow, fitsPositions } from '../server/src/model/programWindow';
import { buildPrompt, type PromptDiagnostic, RepairProblem, targetTokens } from '../server/src/model/prompt';
import { CPACK_FLAGS, DEFAULT_FLAGS, gccDiagnostics, hasError, mapLimit, testOutcome } from './gcc';
import { injectCompileError, injectLogicError } from './inject';
import { isCpackDev, loadData, loadSplits, REPO_ROOT, rng, shuffled, TestCase } from './sources';

/** Longest prompt + target kept (the model's max_positions). */
export const MAX_SEQUENCE = TRAINED_POSITIONS;
/** Clean programs longer than this (model tokens) are not used for synthetic errors (longer ones give windows). */
const MAX_CLEAN_TOKENS = 700;
const GCC_PARALLEL = 2;

export interface Example {
  ids: number[];
  /** Loss weight of each target token (ids[target_start..]); the prompt has none. */
  weights: number[];
  target_start: number;
  /** The copy hint read when predicting each target token, flattened (HINT_WIDTH ids per token). */
  hints: number[];
  source: string;
  split: 'train' | 'dev';
}

const args = process.argv.slice(2);
const outDir = path.resolve(args.includes('--out') ? args[args.indexOf('--out') + 1] : path.join(REPO_ROOT, 'training', 'data'));
const withLogic = !args.includes('--no-logic');
const weightRandom = rng(7);
const windowRandom = rng(13);
/** Share of training programs with at least WINDOW_MIN_LINES lines that also give a window example. */
const WINDOW_SHARE = 0.2;
const WINDOW_MIN_LINES = 12;

/**
 * FastFixer's modification-focused weights: target tokens on lines that the fix edits weigh 1,
 * the others a small random weight (uniform 0..0.1). Lines come from the target's line markers;
 * the diff ignores line markers so that a shifted line number alone is not an edit.
 */
export function modificationWeights(buggy: string[], target: string[], random: () => number): number[] {
  const strip = (tokens: string[]) => tokens.map((t, i) => [t, i] as const).filter(([t]) => !isLineMarker(t));
  const b = strip(buggy);
  const t = strip(target);
  const edited = new Set<number>(); // target indices next to or on an edit
  let ti = 0;
  for (const part of diffArrays(b.map(([x]) => x), t.map(([x]) => x))) {
    if (part.added) {
      for (let k = 0; k < part.count!; k++) edited.add(t[ti + k][1]);
      ti += part.count!;
    } else if (part.removed) {
      if (ti > 0) edited.add(t[ti - 1][1]);
      if (ti < t.length) edited.add(t[ti][1]);
    } else ti += part.count!;
  }
  const lineOf: number[] = [];
  let line = 0;
  target.forEach((tok, i) => {
    if (isLineMarker(tok)) line++;
    lineOf[i] = line;
  });
  const editedLines = new Set([...edited].map((i) => lineOf[i]));
  return target.map((_, i) => (editedLines.has(lineOf[i]) ? 1 : Math.round(random() * 100) / 1000));
}

/** Fixed-token range [start, end) aligned with the program's tokens [start, end) by a token diff (edits at the edges belong to the range). */
export function alignedRange(program: readonly string[], fixed: readonly string[], start: number, end: number): [number, number] {
  let bi = 0;
  let fi = 0;
  let from = start === 0 ? 0 : -1;
  let to = -1;
  for (const part of diffArrays([...program], [...fixed])) {
    if (part.added) {
      if (bi === start && from < 0) from = fi;
      fi += part.count!;
    } else {
      for (let k = 0; k < part.count!; k++) {
        if (bi === start && from < 0) from = fi;
        if (bi === end && to < 0) to = fi;
        bi++;
        if (!part.removed) fi++;
      }
    }
  }
  return [from < 0 ? fi : from, to < 0 ? fi : to];
}

function exampleFrom(program: AbstractProgram, problem: RepairProblem, target: string[], source: string, split: 'train' | 'dev'): Example | undefined {
  const prompt = buildPrompt(program, problem);
  if (prompt.tokens.length + target.length > MAX_SEQUENCE) return undefined;
  if (target.includes('<unk>') || program.modelTokens.includes('<unk>')) return undefined; // pool overflow
  const body = target.slice(0, -1);
  if (body.length === program.modelTokens.length && body.every((t, i) => t === program.modelTokens[i])) return undefined;
  const targetIds = target.map((t) => VOCABULARY.id(t));
  return {
    ids: [...prompt.tokens.map((t) => VOCABULARY.id(t)), ...targetIds],
    weights: [...modificationWeights(program.modelTokens, body, weightRandom), 1], // <eos> always counts
    target_start: prompt.tokens.length,
    hints: outputHints(program.modelTokens.map((t) => VOCABULARY.id(t)), targetIds, VOCABULARY),
    source,
    split,
  };
}

/**
 * The example for a buggy/fixed pair as the server would prompt for it: the whole program, or the
 * window the server cuts when it does not fit (programWindow.ts). A compile example of a program
 * with at least WINDOW_MIN_LINES lines also yields, with probability WINDOW_SHARE, a window of a
 * random smaller budget, so that windows starting at any line are common in training.
 */
export function makeExamples(buggy: string, fixed: string, problem: RepairProblem, source: string, split: 'train' | 'dev'): Example[] {
  const program = abstractProgram(buggy);
  const target = targetTokens(fixed, buildPrompt(program, problem).pools).tokens;
  const windowed = (fits: (p: AbstractProgram, pr: PromptDiagnostic[]) => boolean): Example | undefined => {
    const cut = cutWindow(program, problem, fits);
    if (!cut) return undefined;
    const fixedTokens = targetTokens(fixed, buildPrompt(cut.program, cut.problem).pools).tokens.slice(0, -1); // the window prompt's name slots
    const [from, to] = alignedRange(program.modelTokens, fixedTokens, cut.window.tokenStart, cut.window.tokenEnd);
    return exampleFrom(cut.program, cut.problem, [...fixedTokens.slice(from, to), '<eos>'], source, split);
  };
  const examples: Example[] = [];
  const fitsModel = fitsPositions(MAX_SEQUENCE);
  if (!fitsModel(program, problem)) {
    const e = windowed(fitsModel);
    return e ? [e] : [];
  }
  const whole = exampleFrom(program, problem, target, source, split);
  if (whole) examples.push(whole);
  const lines = program.modelTokens.filter(isLineMarker).length;
  if (split === 'train' && lines >= WINDOW_MIN_LINES && windowRandom() < WINDOW_SHARE) {
    const budget = Math.round(program.modelTokens.length * (0.3 + 0.4 * windowRandom()));
    const e = windowed((p) => p.modelTokens.length <= budget);
    if (e) examples.push({ ...e, source: `${source}-window` });
  }
  return examples;
}

const modelLength = (text: string) => abstractProgram(text).modelTokens.length;

async function main() {
  const started = Date.now();
  const data = loadData();
  const splits = loadSplits(data);
  const tracerDev = new Set(splits.tracer_dev);
  const itspDev = new Set(splits.itsp_dev_problems);
  const codeflawsDev = new Set(splits.codeflaws_dev_problems);
  const codeflawsTrain = data.codeflaws.filter((p) => !codeflawsDev.has(p.contest_problem));
  const random = rng(splits.seed);
  const examples: Example[] = [];
  const counts = new Map<string, number>();
  const add = (made: Example[]) => {
    for (const e of made) {
      examples.push(e);
      const key = `${e.split}:${e.source}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  };
  const log = (what: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(0)}s] ${what}`);

  // Real compile pairs: the header is what gcc says about the student's buggy program.
  type Job = { buggy: string; fixed: string; flags: string[]; source: string; split: 'train' | 'dev' };
  const compileJobs: Job[] = [
    ...data.tracer.map((p): Job => ({ buggy: p.buggy, fixed: p.fixed, flags: DEFAULT_FLAGS, source: 'tracer', split: tracerDev.has(p.id) ? 'dev' : 'train' })),
    ...data.cpackPairs.filter((p) => p.kind === 'compile').map((p): Job => ({
      buggy: p.buggy, fixed: p.fixed, flags: p.fails_plain_gcc ? DEFAULT_FLAGS : CPACK_FLAGS, source: 'cpack-compile', split: isCpackDev(splits, p) ? 'dev' : 'train',
    })),
  ];

  // Synthetic compile errors in clean programs of the train side only.
  const itspTrainProblems = data.itspProblems.filter((p) => !itspDev.has(p.problem));
  const clean: { text: string; source: string }[] = [
    ...data.cpackSubmissions.filter((s) => s.verdict === 'correct' && !isCpackDev(splits, s)).map((s) => ({ text: s.source, source: 'syn-cpack' })),
    ...data.itspPairs.filter((p) => !itspDev.has(p.problem)).map((p) => ({ text: p.fixed, source: 'syn-itsp' })),
    ...itspTrainProblems.map((p) => ({ text: p.reference, source: 'syn-itsp' })),
    ...data.introclassPrograms.map((p) => ({ text: p.source, source: 'syn-introclass' })),
    ...data.introclassProblems.map((p) => ({ text: p.reference, source: 'syn-introclass' })),
    ...codeflawsTrain.map((p) => ({ text: p.fixed, source: 'syn-codeflaws' })),
  ].filter((c) => modelLength(c.text) <= MAX_CLEAN_TOKENS);
  const uniqueClean = [...new Map(clean.map((c) => [c.text, c])).values()];
  for (const c of shuffled(uniqueClean, random)) {
    const copies = c.source === 'syn-codeflaws' ? 1 : 2; // fewer contest programs: they are not CS1 code
    for (let k = 0; k < copies; k++) {
      const buggy = injectCompileError(c.text, random);
      if (buggy) compileJobs.push({ buggy, fixed: c.text, flags: DEFAULT_FLAGS, source: c.source, split: 'train' });
    }
  }
  log(`${compileJobs.length} compile jobs (${uniqueClean.length} clean programs)`);
  const progress = (done: number, total: number) => done % 1000 === 0 && log(`${done}/${total}`);
  const compiled = await mapLimit(compileJobs, GCC_PARALLEL, async (job, i) => {
    progress(i, compileJobs.length);
    return { job, diags: await gccDiagnostics(job.buggy, job.flags) };
  });
  let noError = 0;
  for (const { job, diags } of compiled) {
    // Synthetic bugs only count if gcc rejects them; real pairs keep warnings-only headers too.
    if (!hasError(diags) && (job.source.startsWith('syn') || diags.length === 0)) {
      noError++;
      continue;
    }
    add(makeExamples(job.buggy, job.fixed, diags, job.source, job.split));
  }
  log(`compile examples done (${noError} without a gcc error dropped)`);

  if (withLogic) {
    const testsOf = new Map<string, TestCase[]>();
    for (const p of [...data.itspProblems]) testsOf.set(`itsp:${p.problem}`, p.tests);
    for (const p of data.cpackProblems) testsOf.set(`cpack:${p.problem}`, p.tests);
    type LogicJob = { buggy: string; fixed: string; tests: TestCase[]; source: string; split: 'train' | 'dev' };
    const logicJobs: LogicJob[] = [
      ...data.itspPairs.filter((p) => p.verified).map((p): LogicJob => ({
        buggy: p.buggy, fixed: p.fixed, tests: testsOf.get(`itsp:${p.problem}`) ?? [], source: 'itsp', split: itspDev.has(p.problem) ? 'dev' : 'train',
      })),
      ...data.cpackPairs.filter((p) => p.kind === 'logic').map((p): LogicJob => ({
        buggy: p.buggy, fixed: p.fixed, tests: testsOf.get(`cpack:${p.problem}`) ?? [], source: 'cpack-logic', split: isCpackDev(splits, p) ? 'dev' : 'train',
      })),
      ...shuffled(codeflawsTrain.filter((p) => p.revealing_tests.length > 0 && modelLength(p.buggy) <= 400), random)
        .slice(0, 600)
        .map((p): LogicJob => ({ buggy: p.buggy, fixed: p.fixed, tests: p.revealing_tests.slice(0, 1).map((i) => p.tests[i]), source: 'codeflaws', split: 'train' })),
    ];
    // Synthetic logic errors: ITSP (train problems) and C-Pack (not year-3) correct programs.
    const withTests: { text: string; tests: TestCase[]; source: string }[] = [
      ...data.itspPairs.filter((p) => !itspDev.has(p.problem) && p.verified).map((p) => ({ text: p.fixed, tests: testsOf.get(`itsp:${p.problem}`) ?? [], source: 'syn-logic-itsp' })),
      ...shuffled(data.cpackSubmissions.filter((s) => s.verdict === 'correct' && !isCpackDev(splits, s)), random).slice(0, 900)
        .map((s) => ({ text: s.source, tests: testsOf.get(`cpack:${s.problem}`) ?? [], source: 'syn-logic-cpack' })),
    ].filter((c) => modelLength(c.text) <= MAX_CLEAN_TOKENS);
    for (const c of withTests) {
      const buggy = injectLogicError(c.text, random);
      if (buggy) logicJobs.push({ buggy, fixed: c.text, tests: c.tests, source: c.source, split: 'train' });
    }
    log(`${logicJobs.length} logic jobs`);
    const failures = await mapLimit(logicJobs, GCC_PARALLEL, async (job, i) => {
      progress(i, logicJobs.length);
      return { job, failure: (await testOutcome(job.buggy, job.tests)).failure };
    });
    for (const { job, failure } of failures) if (failure) add(makeExamples(job.buggy, job.fixed, failure, job.source, job.split));
    log('logic examples done');
  }

  fs.mkdirSync(outDir, { recursive: true });
  for (const split of ['train', 'dev'] as const) {
    const lines = examples.filter((e) => e.split === split).map((e) => JSON.stringify(e));
    fs.writeFileSync(path.join(outDir, `${split}.jsonl`), lines.join('\n') + '\n');
  }
  const tokens = (split: string) => examples.filter((e) => e.split === split).reduce((s, e) => s + e.ids.length, 0);
  const summary = { counts: Object.fromEntries([...counts.entries()].sort()), train_tokens: tokens('train'), dev_tokens: tokens('dev'), vocab_size: VOCABULARY.size, max_positions: MAX_SEQUENCE };
  fs.writeFileSync(path.join(outDir, 'summary.json'), JSON.stringify(summary, null, 1) + '\n');
  console.log(summary);
  log(`wrote ${outDir}`);
}

if (require.main === module) void main();
