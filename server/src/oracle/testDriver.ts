// The test driver (testDriverSource.ts): built once per process and compiler, and the reader of its
// reports. Where it cannot be built (no room in the temporary folder, a compiler that refuses it),
// the test runner starts one sandbox per test instead.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { compilerEnv, runProcess } from './process';
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
  /** The test's index in the driver's arguments, from 0. */
  index: number;
  exitCode: number | null;
  signal: number | null;
  ms: number;
  timedOut: boolean;
  outputTruncated: boolean;
  stdout: string;
  stderr: string;
}

/** Reads the driver's reports as they arrive: a header line, then the run's stdout and stderr bytes. */
export class DriverReports {
  private pending = Buffer.alloc(0);

  /** The runs completed by this chunk. */
  push(chunk: Buffer): DriverRun[] {
    this.pending = Buffer.concat([this.pending, chunk]);
    const runs: DriverRun[] = [];
    for (;;) {
      const end = this.pending.indexOf(10);
      if (end < 0) break;
      const [index, kind, value, ms, timedOut, truncated, outBytes, errBytes] = this.pending.subarray(0, end).toString('latin1').split(' ');
      const bodyStart = end + 1;
      const outEnd = bodyStart + Number(outBytes);
      const errEnd = outEnd + Number(errBytes);
      if (this.pending.length < errEnd) break;
      runs.push({
        index: Number(index) - 1,
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
