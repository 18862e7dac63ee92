// The test oracle: compiles a program into a private temporary folder and runs it on each test
// case inside the sandbox, comparing output as the courses do.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { CompilerOptions } from './compiler';
import { BlockLines, blockLines, coverageBuildArgs, coveredLines } from './coverage';
import { compilerEnv, RunResult, runProcess } from './process';
import { ProgramStatus, SandboxLimits, SandboxPlan, sandboxPlan } from './sandbox';
import { TestSandboxes } from './testSandboxes';

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
  /** With `keepStderr`: what the program wrote on stderr (capped like its output). */
  stderr?: string;
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
  /** Report what each run wrote on stderr (an instrumented program's own reports: valueProbes.ts). */
  keepStderr?: boolean;
  /** The first this many tests must pass: the run stops at the first of them that fails (a candidate judged on its target test first). */
  requiredFirst?: number;
  /** Sandboxes kept up across runs (a repair's); without them the run starts and ends its own. */
  sandboxes?: TestSandboxes;
  /**
   * Tests run at once, each in a driver session of its own (default 1). The report is the one a run
   * of one test at a time gives: a test that ran past the first required failure is dropped.
   */
  concurrency?: number;
  /**
   * Once this many tests have run out of time, the tests started after them get these shorter
   * limits: a program that loops on every test pays the full limits on a few, not on all.
   */
  afterTimeouts?: { count: number; wallMs: number; cpuSeconds: number };
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
  const own = options.sandboxes ? undefined : new TestSandboxes();
  const sandboxes = options.sandboxes ?? own!;
  const folders = await sandboxes.folders();
  const dir = await fs.mkdtemp(path.join(folders.builds, 'build-'));
  const runDir = await fs.mkdtemp(path.join(folders.runs, 'run-'));
  try {
    // The program's folder must be enterable by the sandbox user, but writable only by us.
    await fs.chmod(runDir, 0o711);
    const file = path.join(dir, 'main.c');
    const binary = path.join(runDir, 'prog');
    await fs.writeFile(file, Buffer.from(source, options.compiler.encoding ?? 'utf8'));
    const compiler = options.compiler.path || options.compiler.family;
    const coverageArgs = options.coverage ? await coverageBuildArgs(compiler, dir, options.signal) : undefined;
    const build = await runProcess(
      compiler,
      [...(options.compiler.args ?? []), ...(coverageArgs ?? []), '-o', binary, file, '-lm'],
      { cwd: dir, timeoutMs: 20_000, maxOutputBytes: 256 * 1024, env: compilerEnv(dir), signal: options.signal },
    );
    const plan = sandboxPlan(binary, limits);
    if (build.spawnError) throw new Error(`The C compiler '${options.compiler.path || options.compiler.family}' could not be run: ${build.spawnError}`);
    if (build.exitCode !== 0) {
      return { compiled: false, compileOutput: build.stderr, results: [], passed: 0, total: tests.length, enforced: plan.enforced };
    }
    await fs.chmod(binary, 0o755);
    const blocks = coverageArgs ? await blockLines(binary, file, options.signal) : undefined;
    const full: RunLimits = { plan, limits, wallMs: options.wallMs ?? 5000 };
    const after = options.afterTimeouts;
    let short: RunLimits | undefined;
    const run: TestRun = {
      dir: runDir, binary, tests, options, blocks, outputBytes: options.outputBytes ?? 1024 * 1024, timeouts: 0,
      limitsNow: () => (after && run.timeouts >= after.count ? (short ??= shorter(binary, full, after)) : full),
    };
    const results: TestResult[] = [];
    if (plan.contained) await runInSession(run, sandboxes, compiler, results);
    // One sandbox per test: where the driver is unavailable, and for the tests it did not report (its session ended).
    if (!options.signal?.aborted && !stoppedEarly(results, options)) await runOneByOne(run, results);
    // A run cut short by `requiredFirst` counts the tests it skipped as not passed.
    const passed = results.filter((r) => r.passed).length;
    return { compiled: true, compileOutput: build.stderr, results, passed, total: tests.length, enforced: plan.enforced };
  } finally {
    await Promise.all([fs.rm(dir, { recursive: true, force: true }), fs.rm(runDir, { recursive: true, force: true })]);
    await own?.dispose();
  }
}

/** A test's limits: rlimits, wall-clock limit, and the one-test sandbox that sets them. */
interface RunLimits {
  plan: SandboxPlan;
  limits: SandboxLimits;
  wallMs: number;
}

/** `full` cut down to `to`'s CPU and wall-clock limits. */
function shorter(binary: string, full: RunLimits, to: { wallMs: number; cpuSeconds: number }): RunLimits {
  const limits = { ...full.limits, cpuSeconds: Math.min(full.limits.cpuSeconds, to.cpuSeconds) };
  return { plan: sandboxPlan(binary, limits), limits, wallMs: Math.min(full.wallMs, to.wallMs) };
}

interface TestRun {
  /** The program's folder, which its sandbox sees: the test inputs go there too. */
  dir: string;
  binary: string;
  tests: readonly TestCase[];
  options: TestRunOptions;
  blocks?: BlockLines;
  /** Each test's output cap (stdout and stderr each). */
  outputBytes: number;
  /** Tests that ran out of time so far. */
  timeouts: number;
  /** The limits of a test started now (`afterTimeouts`). */
  limitsNow: () => RunLimits;
}

/** The run stops at the first of the `requiredFirst` tests that fails. */
const stoppedEarly = (results: readonly TestResult[], options: TestRunOptions) =>
  results.some((r, i) => !r.passed && i < (options.requiredFirst ?? 0));

/** A test's result, counted in the run's timeouts (`afterTimeouts`). */
function resultOf(run: TestRun, test: TestCase, outcome: Outcome): TestResult {
  const status = classify(outcome, test.output);
  if (status === 'timeout') run.timeouts++;
  return {
    name: test.name, status, passed: status === 'passed', input: test.input, expected: test.output,
    actual: outcome.stdout.slice(0, 4096), exitCode: outcome.exitCode, signal: outcome.signal, ms: outcome.ms,
    lines: run.blocks && coveredLines(run.blocks, outcome.stderr),
    ...(run.options.keepStderr ? { stderr: outcome.stderr } : {}),
  };
}

/**
 * The tests through driver sessions, `concurrency` at once, one request each, until the first required
 * test that fails; `results` gets the tests that ran, in order, up to the first that did not.
 */
async function runInSession(run: TestRun, sandboxes: TestSandboxes, compiler: string, results: TestResult[]): Promise<void> {
  const { dir, binary, tests, options, outputBytes } = run;
  const inputs = path.join(dir, 'inputs');
  await fs.mkdir(inputs);
  await fs.chmod(inputs, 0o755); // readable by the sandbox user whatever the umask
  const ran: (TestResult | undefined)[] = [];
  let next = 0;
  let stop = false;
  const worker = async () => {
    const session = await sandboxes.acquire(compiler);
    if (!session) return;
    try {
      while (!stop && next < tests.length) {
        const i = next++;
        const inputFile = path.join(inputs, String(i + 1));
        await fs.writeFile(inputFile, tests[i].input);
        await fs.chmod(inputFile, 0o644);
        const { wallMs, limits } = run.limitsNow();
        const report = await session.run({ program: binary, inputFile, wallMs, outputBytes, limits }, options.signal);
        if (!report) return; // the session ended: the tests it did not report run one by one
        ran[i] = resultOf(run, tests[i], report);
        if (!ran[i]!.passed && i < (options.requiredFirst ?? 0)) stop = true;
      }
    } finally {
      sandboxes.release(session);
    }
  };
  const width = Math.max(1, Math.min(options.concurrency ?? 1, tests.length));
  await Promise.all(Array.from({ length: width }, worker));
  for (const result of ran) {
    if (!result) break;
    results.push(result);
    if (stoppedEarly(results, options)) break;
  }
}

/** The tests not run yet, each in a sandbox of its own. */
async function runOneByOne(run: TestRun, results: TestResult[]): Promise<void> {
  const { dir, tests, options } = run;
  for (const test of tests.slice(results.length)) {
    if (options.signal?.aborted) break;
    const { plan, wallMs } = run.limitsNow();
    const ran = await runProcess(plan.command, plan.args, {
      cwd: dir,
      input: test.input,
      timeoutMs: wallMs,
      maxOutputBytes: run.outputBytes,
      env: { PATH: '/usr/bin:/bin', LC_ALL: 'C' },
      signal: options.signal,
    });
    results.push(resultOf(run, test, { ...ran, ...plan.statusOf(ran) }));
    if (stoppedEarly(results, options)) break;
  }
}

/** How a program's run ended, from either runner. */
type Outcome = Pick<RunResult, 'timedOut' | 'outputTruncated' | 'stdout' | 'stderr' | 'ms'> & ProgramStatus;

const SIGKILL = 9;
const SIGXCPU = 24;

function classify(run: Outcome, expected: string): TestStatus {
  if (run.timedOut || run.signal === SIGXCPU || run.signal === SIGKILL) return 'timeout';
  if (run.outputTruncated) return 'output-limit';
  if (outputsMatch(run.stdout, expected)) return 'passed'; // the exit status is ignored, as the courses do
  return run.signal !== null ? 'crashed' : 'wrong-output';
}
