// gcc as the training pipeline's compiler oracle: diagnostics of a text (JSON, C locale), and
// building + running a program on tests. The server has its own oracle; this one is for training.
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { PromptDiagnostic, RepairProblem } from '../server/src/model/prompt';
import type { TestCase } from './sources';

/** Plain gcc plus the one check that clang (TRACER's course compiler) and gcc >= 14 make an error. */
export const DEFAULT_FLAGS = ['-std=gnu11', '-Werror=implicit-function-declaration'];
/** C-Pack's course flags (its `compile` verdict), without linking. */
export const CPACK_FLAGS = ['-Wall', '-Wextra', '-Werror', '-ansi', '-pedantic'];

const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'c-repair-train-'));
let counter = 0;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

function run(file: string, args: string[], options: { input?: string; timeoutMs?: number } = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(
      file,
      args,
      { env: { ...process.env, LC_ALL: 'C' }, timeout: options.timeoutMs ?? 10000, maxBuffer: 8 << 20, encoding: 'utf8' },
      (error, stdout, stderr) => {
        const timedOut = !!error && (error as NodeJS.ErrnoException & { killed?: boolean }).killed === true;
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr, timedOut });
      },
    );
    child.stdin?.on('error', () => undefined); // a program that exits early closes its stdin
    child.stdin?.end(options.input ?? '');
  });
}

/** gcc's diagnostics for `text`, top-level ones in order; the line is gcc's (1-based). */
export async function gccDiagnostics(text: string, flags: string[] = DEFAULT_FLAGS): Promise<PromptDiagnostic[]> {
  const file = path.join(workDir, `d${counter++}.c`);
  fs.writeFileSync(file, text);
  const result = await run('gcc', ['-fsyntax-only', '-fdiagnostics-format=json', ...flags, file]);
  fs.rmSync(file, { force: true });
  const json = result.stderr.split('\n').find((l) => l.startsWith('['));
  if (!json) return [];
  type GccDiag = { kind: string; message: string; locations?: { caret?: { line?: number } }[] };
  return (JSON.parse(json) as GccDiag[]).map((d) => ({
    line: d.locations?.[0]?.caret?.line ?? 1,
    message: d.message,
    severity: d.kind,
  }));
}

export const hasError = (diagnostics: PromptDiagnostic[]) => diagnostics.some((d) => d.severity.includes('error'));

/** Compiles `text` to an executable; returns its path, or undefined if gcc rejects it. */
export async function buildExecutable(text: string): Promise<string | undefined> {
  const base = path.join(workDir, `p${counter++}`);
  fs.writeFileSync(`${base}.c`, text);
  const result = await run('gcc', ['-std=gnu99', '-w', '-O0', '-o', base, `${base}.c`, '-lm'], { timeoutMs: 20000 });
  fs.rmSync(`${base}.c`, { force: true });
  return result.code === 0 ? base : undefined;
}

/** Runs an executable on one input (2 s limit, as the datasets were checked). */
export async function runExecutable(exe: string, input: string): Promise<{ stdout: string; ok: boolean }> {
  const result = await run(exe, [], { input, timeoutMs: 2000 });
  return { stdout: result.stdout, ok: !result.timedOut };
}

/** The datasets' comparison: trailing whitespace per line and trailing blank lines ignored. */
export function sameOutput(actual: string, expected: string): boolean {
  const norm = (s: string) => s.replace(/\r\n?/g, '\n').split('\n').map((l) => l.trimEnd()).join('\n').replace(/\n+$/, '');
  return norm(actual) === norm(expected);
}

export function removeExecutable(exe: string): void {
  fs.rmSync(exe, { force: true });
}

/**
 * How a program does on its tests: whether it builds, and the first test it fails (with its actual
 * output, as the model's header shows it); no failure: it passes them all.
 */
export async function testOutcome(text: string, tests: readonly TestCase[]): Promise<{ built: boolean; failure?: RepairProblem }> {
  const exe = await buildExecutable(text);
  if (!exe) return { built: false };
  try {
    for (const test of tests) {
      const run = await runExecutable(exe, test.input);
      if (!run.ok || !sameOutput(run.stdout, test.output)) {
        return { built: true, failure: { input: test.input, expected: test.output, actual: run.ok ? run.stdout : '' } };
      }
    }
    return { built: true };
  } finally {
    removeExecutable(exe);
  }
}

/** Runs `task` over `items` with at most `limit` in flight (the machine has 2 cores). */
export async function mapLimit<T, R>(items: T[], limit: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await task(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
