// The test driver (testDriverSource.ts): built once per process and compiler, and a session with
// it: one sandbox that runs a test per request. Where it cannot be built (no room in the temporary
// folder, a compiler that refuses it) or its session ends, the test runner starts one sandbox per
// test instead.
import { ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { compilerEnv, runProcess } from './process';
import type { SandboxLimits, SandboxPlan } from './sandbox';
import { TEST_DRIVER_SOURCE } from './testDriverSource';

const built = new Map<string, Promise<string | undefined>>();

/** The driver's executable, built by `compiler` on first use; undefined where it cannot be built. */
export function testDriver(compiler: string): Promise<string | undefined> {
  let executable = built.get(compiler);
  if (!executable) {
    executable = build(compiler);
    built.set(compiler, executable);
  }
  return executable;
}

async function build(compiler: string): Promise<string | undefined> {
  let dir: string;
  try {
    dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'c-repair-driver-'));
  } catch {
    return undefined;
  }
  // It lives as long as this process: removed when the process exits.
  process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  const source = path.join(dir, 'driver.c');
  const executable = path.join(dir, 'driver');
  try {
    await fs.promises.chmod(dir, 0o711); // enterable by the sandbox user, writable only by us
    await fs.promises.writeFile(source, TEST_DRIVER_SOURCE);
    const r = await runProcess(compiler, ['-O1', '-o', executable, source], {
      cwd: dir, timeoutMs: 20_000, maxOutputBytes: 64 * 1024, env: compilerEnv(dir),
    });
    if (r.exitCode !== 0) throw new Error(r.stderr);
    await fs.promises.chmod(executable, 0o755);
    return executable;
  } catch {
    await fs.promises.rm(dir, { recursive: true, force: true });
    return undefined;
  }
}

/** One test's run as the driver reports it. */
export interface DriverRun {
  exitCode: number | null;
  signal: number | null;
  ms: number;
  timedOut: boolean;
  outputTruncated: boolean;
  stdout: string;
  stderr: string;
}

/** Reads the driver's reports as they arrive: a header line, then the run's stdout and stderr bytes. */
class DriverReports {
  private pending = Buffer.alloc(0);

  /** The runs completed by this chunk. */
  push(chunk: Buffer): DriverRun[] {
    this.pending = Buffer.concat([this.pending, chunk]);
    const runs: DriverRun[] = [];
    for (;;) {
      const end = this.pending.indexOf(10);
      if (end < 0) break;
      const [kind, value, ms, timedOut, truncated, outBytes, errBytes] = this.pending.subarray(0, end).toString('latin1').split(' ');
      const bodyStart = end + 1;
      const outEnd = bodyStart + Number(outBytes);
      const errEnd = outEnd + Number(errBytes);
      if (this.pending.length < errEnd) break;
      runs.push({
        exitCode: kind === 'exit' ? Number(value) : null,
        signal: kind === 'signal' ? Number(value) : null,
        ms: Number(ms),
        timedOut: timedOut === '1',
        outputTruncated: truncated === '1',
        stdout: this.pending.subarray(bodyStart, outEnd).toString('utf8'),
        stderr: this.pending.subarray(outEnd, errEnd).toString('utf8'),
      });
      this.pending = this.pending.subarray(errEnd);
    }
    return runs;
  }
}

/** What one test run asks of the driver. */
export interface DriverRequest {
  program: string;
  inputFile: string;
  wallMs: number;
  outputBytes: number;
  limits: SandboxLimits;
}

/**
 * The driver running in its sandbox (`plan`), one request at a time. A session that ends (a program
 * killed its driver, a run overran its backstop, an abort) answers undefined from then on.
 */
export class DriverSession {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly reports = new DriverReports();
  private answer: ((run: DriverRun | undefined) => void) | undefined;
  private ended = false;

  /** `plan`: the driver's executable in its sandbox. */
  constructor(plan: SandboxPlan) {
    this.child = spawn(plan.command, plan.args, { detached: true, stdio: 'pipe', env: { PATH: '/usr/bin:/bin', LC_ALL: 'C' } });
    this.child.stdout.on('data', (chunk: Buffer) => {
      for (const run of this.reports.push(chunk)) this.settle(run);
    });
    this.child.stderr.resume();
    this.child.stdin.on('error', () => this.end());
    this.child.on('error', () => this.end());
    this.child.on('close', () => this.end());
  }

  get alive(): boolean {
    return !this.ended;
  }

  run(request: DriverRequest, signal?: AbortSignal): Promise<DriverRun | undefined> {
    if (this.ended || this.answer || signal?.aborted) return Promise.resolve(undefined);
    const paths = [request.program, request.inputFile];
    if (paths.some((p) => p.includes('\n'))) return Promise.resolve(undefined);
    const { cpuSeconds, memoryBytes, fileSizeBytes, processes } = request.limits;
    return new Promise((resolve) => {
      // The driver stops the program at its wall time: this backstop only ends a driver that hangs.
      const backstop = setTimeout(() => this.end(), request.wallMs + 5000);
      const onAbort = () => this.end();
      signal?.addEventListener('abort', onAbort, { once: true });
      this.answer = (run) => {
        clearTimeout(backstop);
        signal?.removeEventListener('abort', onAbort);
        this.answer = undefined;
        resolve(run);
      };
      this.child.stdin.write(`${request.wallMs} ${request.outputBytes} ${cpuSeconds} ${memoryBytes} ${fileSizeBytes} ${processes}\n${paths.join('\n')}\n`);
    });
  }

  /** Ends the session: the sandbox and everything in it are killed. */
  end(): void {
    if (!this.ended) {
      this.ended = true;
      try {
        process.kill(-this.child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    this.settle(undefined);
  }

  private settle(run: DriverRun | undefined): void {
    this.answer?.(run);
  }
}
