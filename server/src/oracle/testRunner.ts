// The test oracle: compiles a program into a private temporary folder and runs it on each test
// case inside the sandbox, comparing output as the courses do.
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { CompilerOptions } from './compiler';
import { blockLines, coverageBuildArgs, coveredLines } from './coverage';
import { RunResult, runProcess } from './process';
import { ProgramStatus, sandboxPlan, SandboxLimits } from './sandbox';

export interface TestCase {
  name: string;
  input: string;
  output: string;
}

export type TestStatus = 'passed' | 'wrong-output' | 'timeout' | 'crashed' | 'output-limit';

export interface TestResult {
  name: string;
  status: TestStatus;
  passed: boolean;
  input: string;
  expected: string;
  /** What the program printed (capped). */
  actual: string;
  exitCode: number | null;
  /** The signal number that killed the program, if one did. */
  signal: number | null;
  ms: number;
  /** With `coverage`: the source lines whose code ran (undefined when the run did not exit normally). */
  lines?: number[];
}

export interface TestReport {
  compiled: boolean;
  /** The compiler's messages when the program did not build. */
  compileOutput: string;
  results: TestResult[];
  passed: number;
  total: number;
  /** The containment that applied, in words. */
  enforced: string[];
}

export interface TestRunOptions {
  compiler: CompilerOptions;
  wallMs?: number;
  limits?: Partial<SandboxLimits>;
  outputBytes?: number;
  signal?: AbortSignal;
  /** Build with line coverage (coverage.ts) and report each run's covered lines. */
  coverage?: boolean;
  /** The first this many tests must pass: the run stops at the first of them that fails (a candidate judged on its target test first). */
  requiredFirst?: number;
}

/** Tests as datasets and batch lines give them (no names, input optional), named 1, 2, ... in order. */
export function numberedTests(tests: readonly { input?: string; output: string }[]): TestCase[] {
  return tests.map((t, i) => ({ name: String(i + 1), input: t.input ?? '', output: t.output }));
}

export const DEFAULT_LIMITS: SandboxLimits = {
  cpuSeconds: 2,
  memoryBytes: 512 * 2 ** 20,
  fileSizeBytes: 1024 * 1024,
  processes: 32,
};

/** Output as the courses compare it: each line without trailing whitespace, no trailing blank lines. */
export const normalizeOutput = (s: string) => s.replace(/\r\n?/g, '\n').split('\n').map((l) => l.trimEnd()).join('\n').replace(/\n+$/, '');

/** Output matches when each line is equal after trailing whitespace, and trailing blank lines, are dropped. */
export function outputsMatch(actual: string, expected: string): boolean {
  return normalizeOutput(actual) === normalizeOutput(expected);
}

export async function runTests(source: string, tests: readonly TestCase[], options: TestRunOptions): Promise<TestReport> {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'c-repair-run-'));
  try {
    // The folder must be enterable by the sandbox user, but writable only by us.
    await fs.chmod(dir, 0o711);
    const file = path.join(dir, 'main.c');
    const binary = path.join(dir, 'prog');
    await fs.writeFile(file, Buffer.from(source, options.compiler.encoding ?? 'utf8'));
    const compiler = options.compiler.path || options.compiler.family;
    const coverageArgs = options.coverage ? await coverageBuildArgs(compiler, dir, options.signal) : undefined;
    const build = await runProcess(
      compiler,
      [...(options.compiler.args ?? []), ...(coverageArgs ?? []), '-o', binary, file, '-lm'],
      // The compiler's temporary files go in the run's folder: removed with it even when the compiler is killed.
      { cwd: dir, timeoutMs: 20_000, maxOutputBytes: 256 * 1024, env: { ...process.env, LC_ALL: 'C', TMPDIR: dir }, signal: options.signal },
    );
    const plan = sandboxPlan(binary, limits);
    if (build.spawnError) throw new Error(`The C compiler '${options.compiler.path || options.compiler.family}' could not be run: ${build.spawnError}`);
    if (build.exitCode !== 0) {
      return { compiled: false, compileOutput: build.stderr, results: [], passed: 0, total: tests.length, enforced: plan.enforced };
    }
    await fs.chmod(binary, 0o755);
    const blocks = coverageArgs ? await blockLines(binary, file, options.signal) : undefined;
    const results: TestResult[] = [];
    for (const test of tests) {
      if (options.signal?.aborted) break;
      const run = await runProcess(plan.command, plan.args, {
        cwd: dir,
        input: test.input,
        timeoutMs: options.wallMs ?? 5000,
        maxOutputBytes: options.outputBytes ?? 1024 * 1024,
        env: { PATH: '/usr/bin:/bin', LC_ALL: 'C' },
        signal: options.signal,
      });
      const programStatus = plan.statusOf(run);
      const status = classify(run, programStatus, test.output);
      results.push({
        name: test.name,
        status,
        passed: status === 'passed',
        input: test.input,
        expected: test.output,
        actual: run.stdout.slice(0, 4096),
        exitCode: programStatus.exitCode,
        signal: programStatus.signal,
        ms: run.ms,
        lines: blocks && coveredLines(blocks, run.stderr),
      });
      if (status !== 'passed' && results.length <= (options.requiredFirst ?? 0)) break;
    }
    // A run cut short by `requiredFirst` counts the tests it skipped as not passed.
    const passed = results.filter((r) => r.passed).length;
    return { compiled: true, compileOutput: build.stderr, results, passed, total: tests.length, enforced: plan.enforced };
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

const SIGKILL = 9;
const SIGXCPU = 24;

function classify(run: RunResult, status: ProgramStatus, expected: string): TestStatus {
  if (run.timedOut || status.signal === SIGXCPU || status.signal === SIGKILL) return 'timeout';
  if (run.outputTruncated) return 'output-limit';
  if (outputsMatch(run.stdout, expected)) return 'passed'; // the exit status is ignored, as the courses do
  return status.signal !== null ? 'crashed' : 'wrong-output';
}
