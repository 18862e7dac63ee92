// `c-repair batch`: repairs many submissions from a JSONL file, several at a time, and writes one
// result line per input line. A malformed line becomes an error line; the batch goes on.
import * as fs from 'node:fs';
import { parseArgs } from 'node:util';
import { readJsonl } from '../data/jsonl';
import { flagsFromCommand } from '../oracle/compileFlags';
import type { TestCase } from '../oracle/testRunner';
import { RepairEngine } from '../repair/engine';
import type { ModelSource } from '../repair/modelSource';
import { BatchProgress } from './batchProgress';
import { passingByProblem, peersFor } from './batchPeers';

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

export async function repairOne(input: BatchInput, model: ModelSource | undefined, timeoutMs: number, onlyModel = false, peers: readonly string[] = []): Promise<BatchOutput> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const tests: TestCase[] | undefined = input.tests?.map((t, i) => ({ name: String(i + 1), input: t.input ?? '', output: t.output }));
  try {
    const engine = new RepairEngine({
      compiler: { family: 'gcc', args: flagsFromCommand(input.compile_flags) },
      tests,
      model,
      onlyModel,
      references: [...(input.references ?? []), ...peers],
      signal: controller.signal,
    });
    const r = await engine.repair(input.source);
    const timedOut = controller.signal.aborted;
    return {
      id: input.id,
      status: timedOut ? 'failed' : r.status,
      repaired: r.repaired === r.original ? null : r.repaired,
      edits: r.edits.map((e) => ({ start: e.start, end: e.end, newText: e.newText, explanation: e.explanation })),
      compiles: r.after.errorCount === 0,
      tests_passed: tests ? (r.testsAfter?.passed ?? 0) : null,
      tests_total: tests ? tests.length : null,
      ms: r.ms,
      forward_passes: r.forwardPasses,
      ...(timedOut ? { error: `timed out after ${timeoutMs / 1000} s` } : {}),
    };
  } catch (e) {
    return errorLine(input.id, (e as Error).message);
  } finally {
    clearTimeout(timer);
  }
}

export const BATCH_USAGE = 'usage: c-repair batch --in IN.jsonl[.gz] --out OUT.jsonl [--jobs N] [--timeout S] [--no-model | --only-model]';

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
  const model = values['no-model'] ? undefined : await loadModel();
  if (values['only-model'] && !model) {
    console.error('c-repair: --only-model needs the repair model, and it could not be loaded');
    return 2;
  }
  // A first pass finds the passing submissions of each problem: they guide the others' repairs.
  const passing = await passingByProblem(values.in, jobs);
  const out = fs.createWriteStream(values.out);
  const progress = new BatchProgress(process.stderr);
  const running = new Set<Promise<void>>();
  const write = (o: BatchOutput) => {
    out.write(`${JSON.stringify(o)}\n`);
    progress.record(o);
  };
  for await (const line of readJsonl(values.in)) {
    const fallbackId = `line-${line.lineNumber}`;
    if ('error' in line) {
      write(errorLine(fallbackId, `line ${line.lineNumber}: not JSON: ${line.error}`));
      continue;
    }
    const problem = validateInput(line.value);
    if (problem) {
      const id = (line.value as { id?: unknown } | null)?.id;
      write(errorLine(typeof id === 'string' ? id : fallbackId, `line ${line.lineNumber}: ${problem}`));
      continue;
    }
    const input = line.value as BatchInput;
    const peers = input.problem ? peersFor(input.source, passing.get(input.problem) ?? []) : [];
    const task = repairOne({ ...input, id: String(input.id ?? fallbackId) }, model, timeoutS * 1000, values['only-model'], peers).then(write);
    running.add(task);
    void task.finally(() => running.delete(task));
    if (running.size >= jobs) await Promise.race(running);
  }
  await Promise.all(running);
  await new Promise<void>((resolve) => out.end(resolve));
  progress.finish();
  return 0;
}
