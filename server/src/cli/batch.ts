// `c-repair batch`: repairs many submissions from a JSONL file, several at a time, and writes one
// result line per input line, in input order. A malformed line becomes an error line; the batch goes
// on. Optionally one shard of the input only (shard.ts), and the instructor's report (HTML, CSV).
import * as fs from 'node:fs';
import { parseArgs } from 'node:util';
import { countJsonlLines, readJsonl } from '../data/jsonl';
import { flagsFromCommand } from '../oracle/compileFlags';
import { errorClass } from '../oracle/errorClass';
import { numberedTests, type TestCase } from '../oracle/testRunner';
import { RepairEngine } from '../repair/engine';
import { hintsFor } from '../repair/hints';
import type { ModelSource } from '../repair/modelSource';
import { BatchProgress } from './batchProgress';
import { interrupted, interruptStatus } from './interrupt';
import { passingByProblem, peersFor } from './batchPeers';
import { NO_COMPILE_ERROR, NOT_COMPILED, ReportEntry } from './reportEntry';
import { renderCsv } from './reportCsv';
import { renderHtmlReport } from './reportHtml';
import { parseShard, shardRange } from './shard';

export interface BatchInput {
  id: string;
  source: string;
  tests?: { input: string; output: string }[];
  compile_flags?: string | string[];
  /** The assignment: lines of the same problem whose source passes all its tests guide the others. */
  problem?: string;
  /** Correct programs for the assignment (e.g. the instructor's reference). */
  references?: string[];
}

export interface BatchOutput {
  id: string;
  status: 'repaired' | 'unchanged' | 'failed' | 'error';
  repaired: string | null;
  edits: { start: number; end: number; newText: string; explanation: string }[];
  compiles: boolean;
  tests_passed: number | null;
  tests_total: number | null;
  ms: number;
  forward_passes: number;
  /** With --hints: where changes are needed and of what kind, in words (then `repaired` is null, `edits` empty). */
  hints?: string[];
  error?: string;
}

/** Checks one parsed line; returns the problem in words, or undefined when it is usable. */
export function validateInput(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'a line must be a JSON object';
  const v = value as Record<string, unknown>;
  if (typeof v.source !== 'string') return '"source" must be a string';
  if (v.id !== undefined && typeof v.id !== 'string' && typeof v.id !== 'number') return '"id" must be a string';
  if (v.tests !== undefined) {
    if (!Array.isArray(v.tests)) return '"tests" must be an array';
    if (!v.tests.every((t) => typeof t === 'object' && t !== null && typeof t.output === 'string' && (t.input === undefined || typeof t.input === 'string'))) {
      return 'each test needs a string "output" (and optionally a string "input")';
    }
  }
  if (v.problem !== undefined && typeof v.problem !== 'string') return '"problem" must be a string';
  if (v.references !== undefined && !(Array.isArray(v.references) && v.references.every((r) => typeof r === 'string'))) {
    return '"references" must be an array of strings (C sources)';
  }
  if (v.compile_flags !== undefined && typeof v.compile_flags !== 'string' && !(Array.isArray(v.compile_flags) && v.compile_flags.every((f) => typeof f === 'string'))) {
    return '"compile_flags" must be a string or an array of strings';
  }
  return undefined;
}

const errorLine = (id: string, error: string): BatchOutput => ({
  id, status: 'error', repaired: null, edits: [], compiles: false, tests_passed: null, tests_total: null, ms: 0, forward_passes: 0, error,
});

/** Repairs one submission: its output line, with the class of its first compile error for the report. */
export async function repairOne(
  input: BatchInput,
  model: ModelSource | undefined,
  timeoutMs: number,
  onlyModel = false,
  peers: readonly string[] = [],
  hints = false,
): Promise<ReportEntry> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const tests: TestCase[] | undefined = input.tests && numberedTests(input.tests);
  try {
    const engine = new RepairEngine({
      compiler: { family: 'gcc', args: flagsFromCommand(input.compile_flags) },
      tests,
      model,
      onlyModel,
      references: [...(input.references ?? []), ...peers],
      signal: AbortSignal.any([controller.signal, interrupted]),
    });
    const r = await engine.repair(input.source);
    const timedOut = controller.signal.aborted;
    const output: BatchOutput = {
      id: input.id,
      status: timedOut ? 'failed' : r.status,
      repaired: hints || r.repaired === r.original ? null : r.repaired,
      edits: hints ? [] : r.edits.map((e) => ({ start: e.start, end: e.end, newText: e.newText, explanation: e.explanation })),
      ...(hints ? { hints: hintsFor(r.original, r.edits).map((h) => h.message) } : {}),
      compiles: r.after.errorCount === 0,
      tests_passed: tests ? (r.testsAfter?.passed ?? 0) : null,
      tests_total: tests ? tests.length : null,
      ms: r.ms,
      forward_passes: r.forwardPasses,
      ...(timedOut ? { error: `timed out after ${timeoutMs / 1000} s` } : {}),
    };
    return { output, source: input.source, errorClass: errorClass(r.before) ?? NO_COMPILE_ERROR };
  } catch (e) {
    return { output: errorLine(input.id, (e as Error).message), source: input.source, errorClass: NOT_COMPILED };
  } finally {
    clearTimeout(timer);
  }
}

export const BATCH_USAGE = 'usage: c-repair batch --in IN.jsonl[.gz] --out OUT.jsonl [--jobs N] [--timeout S] [--no-model | --only-model]\n' +
  '                      [--shard K/N | --shard auto/N] [--report REPORT.html] [--csv REPORT.csv] [--hints]';

export async function batchCommand(argv: string[], loadModel: () => Promise<ModelSource | undefined>): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      in: { type: 'string' },
      out: { type: 'string' },
      jobs: { type: 'string', default: '2' },
      timeout: { type: 'string', default: '60' },
      'no-model': { type: 'boolean', default: false },
      'only-model': { type: 'boolean', default: false },
      shard: { type: 'string' },
      report: { type: 'string' },
      csv: { type: 'string' },
      hints: { type: 'boolean', default: false },
    },
  });
  const jobs = Number(values.jobs);
  const timeoutS = Number(values.timeout);
  if (!values.in || !values.out || !(jobs >= 1) || !(timeoutS > 0) || (values['no-model'] && values['only-model'])) {
    console.error(BATCH_USAGE);
    return 2;
  }
  if (!fs.existsSync(values.in)) {
    console.error(`c-repair: no such file ${values.in}`);
    return 2;
  }
  const shard = values.shard === undefined ? undefined : parseShard(values.shard);
  if (typeof shard === 'string') {
    console.error(`c-repair: ${shard}`);
    return 2;
  }
  const model = values['no-model'] ? undefined : await loadModel();
  if (values['only-model'] && !model) {
    console.error('c-repair: --only-model needs the repair model, and it could not be loaded');
    return 2;
  }
  // A first pass over the whole input (every shard sees the same) finds the passing submissions of
  // each problem: they guide the others' repairs.
  const passing = await passingByProblem(values.in, jobs);
  const total = shard ? await countJsonlLines(values.in) : 0;
  const range = shard ? shardRange(total, shard) : { start: 0, end: Infinity };
  const wantReport = values.report !== undefined || values.csv !== undefined;
  const entries: ReportEntry[] = [];
  const out = fs.createWriteStream(values.out);
  const progress = new BatchProgress(process.stderr);
  const running = new Set<Promise<void>>();
  // Lines are written in input order (so that shards concatenate to the whole); a result that is
  // ready early waits here for those before it.
  const ready = new Map<number, ReportEntry>();
  let nextToWrite = 0;
  const finish = (seq: number, entry: ReportEntry) => {
    if (interrupted.aborted) return; // cut short, not failed: left out of the output
    progress.record(entry.output);
    ready.set(seq, entry);
    for (let e = ready.get(nextToWrite); e; e = ready.get(nextToWrite)) {
      ready.delete(nextToWrite++);
      out.write(`${JSON.stringify(e.output)}\n`);
      if (wantReport) entries.push(e);
    }
  };
  let index = -1;
  for await (const line of readJsonl(values.in)) {
    if (interrupted.aborted) break;
    index++;
    if (index < range.start) continue;
    if (index >= range.end) break;
    const seq = index - range.start;
    const fallbackId = `line-${line.lineNumber}`;
    if ('error' in line) {
      finish(seq, { output: errorLine(fallbackId, `line ${line.lineNumber}: not JSON: ${line.error}`), errorClass: NOT_COMPILED });
      continue;
    }
    const problem = validateInput(line.value);
    if (problem) {
      const id = (line.value as { id?: unknown } | null)?.id;
      finish(seq, { output: errorLine(typeof id === 'string' ? id : fallbackId, `line ${line.lineNumber}: ${problem}`), errorClass: NOT_COMPILED });
      continue;
    }
    const input = line.value as BatchInput;
    const peers = input.problem ? peersFor(input.source, passing.get(input.problem) ?? []) : [];
    const task = repairOne({ ...input, id: String(input.id ?? fallbackId) }, model, timeoutS * 1000, values['only-model'], peers, values.hints).then((e) => finish(seq, e));
    running.add(task);
    void task.finally(() => running.delete(task));
    if (running.size >= jobs) await Promise.race(running);
  }
  await Promise.all(running);
  await new Promise<void>((resolve) => out.end(resolve));
  progress.finish();
  if (interrupted.aborted) {
    console.error(`c-repair: interrupted; ${values.out} holds the first ${nextToWrite} results, in input order.`);
    return interruptStatus;
  }
  const what = shard ? `${values.in}, shard ${shard.k} of ${shard.n} (${range.end - range.start} of its ${total} lines)` : values.in;
  if (values.report) fs.writeFileSync(values.report, renderHtmlReport(entries, { input: what, generated: new Date() }));
  if (values.csv) fs.writeFileSync(values.csv, renderCsv(entries));
  return 0;
}
