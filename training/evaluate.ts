// Greedy repair of the dev sets with the exported ONNX model, judged by real oracles:
//   TRACER dev (seeded 20%): does the repair compile (gcc -Werror=implicit-function-declaration),
//     is it the student's own fix, does it compile with <= 10 changed tokens;
//   C-Pack year-3 programs that fail plain gcc: the same;
//   ITSP held-out problems (verified pairs): does the repair pass all the problem's tests.
// Run: node out/training/evaluate.js [--model models] [--n 150] [--json out.json]
import { diffArrays } from 'diff';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { abstractProgram } from '../server/src/c/abstraction';
import { lex, significantTokens } from '../server/src/c/lexer';
import { buildPrompt, RepairProblem } from '../server/src/model/prompt';
import { DEFAULT_FLAGS, gccDiagnostics, hasError, testOutcome } from './gcc';
import { concretize, GreedyRepairer } from './greedy';
import { isCpackDev, loadData, loadSplits, REPO_ROOT, rng, shuffled, TestCase } from './sources';

const args = process.argv.slice(2);
const opt = (name: string, fallback: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const MODEL_DIR = path.resolve(opt('--model', path.join(REPO_ROOT, 'models')));
const SAMPLE = Number(opt('--n', '150'));
const MAX_CHANGED = 10;
const ROUNDS = Number(opt('--rounds', '1'));

const codeTokens = (text: string) => significantTokens(lex(text)).map((t) => t.text);
const changedTokens = (a: string, b: string) =>
  diffArrays(codeTokens(a), codeTokens(b)).reduce((n, p) => n + (p.added || p.removed ? p.count ?? p.value.length : 0), 0);

interface Outcome {
  repaired?: string;
}

async function repair(model: GreedyRepairer, buggy: string, problem: RepairProblem): Promise<Outcome> {
  const program = abstractProgram(buggy);
  const prompt = buildPrompt(program, problem);
  const output = await model.generate(prompt.tokens, program.modelTokens.length + 64);
  return { repaired: output && concretize(program, output, prompt.pools) };
}

interface Row {
  set: string;
  n: number;
  produced: number;
  compiles: number;
  compilesSmall: number;
  exact: number;
  passes?: number;
}

async function compileSet(model: GreedyRepairer, set: string, pairs: { buggy: string; fixed?: string }[]): Promise<Row> {
  const row: Row = { set, n: pairs.length, produced: 0, compiles: 0, compilesSmall: 0, exact: 0 };
  for (const pair of pairs) {
    // DeepFix-style rounds: repair again while gcc still reports an error (--rounds, default 1).
    let repaired: string | undefined;
    for (let round = 0, current = pair.buggy; round < ROUNDS; round++) {
      const diags = await gccDiagnostics(current, DEFAULT_FLAGS);
      if (!hasError(diags)) break;
      const next = (await repair(model, current, diags)).repaired;
      if (next === undefined) break;
      repaired = current = next;
    }
    if (repaired === undefined) continue;
    row.produced++;
    const ok = !hasError(await gccDiagnostics(repaired, DEFAULT_FLAGS));
    if (ok) row.compiles++;
    if (ok && changedTokens(pair.buggy, repaired) <= MAX_CHANGED) row.compilesSmall++;
    if (pair.fixed !== undefined && codeTokens(repaired).join(' ') === codeTokens(pair.fixed).join(' ')) row.exact++;
  }
  return row;
}

async function itspSet(model: GreedyRepairer, pairs: { buggy: string; fixed: string; tests: TestCase[] }[]): Promise<Row> {
  const row: Row = { set: 'ITSP held-out problems', n: pairs.length, produced: 0, compiles: 0, compilesSmall: 0, exact: 0, passes: 0 };
  for (const pair of pairs) {
    const problem = (await testOutcome(pair.buggy, pair.tests)).failure;
    if (!problem) continue;
    const { repaired } = await repair(model, pair.buggy, problem);
    if (repaired === undefined) continue;
    row.produced++;
    if (!hasError(await gccDiagnostics(repaired, DEFAULT_FLAGS))) row.compiles++;
    if (codeTokens(repaired).join(' ') === codeTokens(pair.fixed).join(' ')) row.exact++;
    const outcome = await testOutcome(repaired, pair.tests);
    if (outcome.built && !outcome.failure) row.passes!++;
  }
  return row;
}

async function main() {
  const started = Date.now();
  const data = loadData();
  const splits = loadSplits(data);
  const model = await GreedyRepairer.load(MODEL_DIR);
  const random = rng(99);
  const tracerDev = new Set(splits.tracer_dev);
  const tracer = shuffled(data.tracer.filter((p) => tracerDev.has(p.id)), random).slice(0, SAMPLE);
  // C-Pack year 3: submissions that plain gcc rejects; the student's fix where a pair has one.
  const fixOf = new Map(data.cpackPairs.filter((p) => p.kind === 'compile').map((p) => [p.buggy, p.fixed]));
  const cpack = data.cpackSubmissions
    .filter((s) => isCpackDev(splits, s) && s.verdict === 'compile' && s.fails_plain_gcc)
    .map((s) => ({ buggy: s.source, fixed: fixOf.get(s.source) }))
    .slice(0, SAMPLE);
  const itspDev = new Set(splits.itsp_dev_problems);
  const testsOf = new Map(data.itspProblems.map((p) => [p.problem, p.tests]));
  const itsp = shuffled(data.itspPairs.filter((p) => itspDev.has(p.problem) && p.verified), random)
    .slice(0, SAMPLE)
    .map((p) => ({ buggy: p.buggy, fixed: p.fixed, tests: testsOf.get(p.problem) ?? [] }));

  const rows: Row[] = [];
  rows.push(await compileSet(model, `TRACER dev (sample of ${tracer.length}/${tracerDev.size})`, tracer));
  rows.push(await compileSet(model, 'C-Pack year-3, fails plain gcc', cpack));
  rows.push(await itspSet(model, itsp));
  const pct = (k: number, n: number) => `${k}/${n} (${n ? ((100 * k) / n).toFixed(1) : '0.0'}%)`;
  console.log(`model ${MODEL_DIR} (${model.card.weights}), greedy, ${ROUNDS} round(s) on compile errors, ${((Date.now() - started) / 1000).toFixed(0)} s`);
  console.log('| set | n | output concretised | compiles | compiles, <= 10 tokens changed | = student fix | passes all tests |');
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) {
    console.log(`| ${r.set} | ${r.n} | ${pct(r.produced, r.n)} | ${pct(r.compiles, r.n)} | ${pct(r.compilesSmall, r.n)} | ${pct(r.exact, r.n)} | ${r.passes === undefined ? '-' : pct(r.passes, r.n)} |`);
  }
  const jsonOut = opt('--json', '');
  if (jsonOut) fs.writeFileSync(jsonOut, JSON.stringify({ model: model.card, sample: SAMPLE, rounds: ROUNDS, rows }, null, 1) + '\n');
}

if (require.main === module) void main();
