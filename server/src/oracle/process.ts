// Runs a child process with a wall-clock timeout, an output cap and cancellation. The child gets
// its own process group so that everything it started is killed with it.
import { spawn } from 'node:child_process';

export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  input?: string | Buffer;
  timeoutMs: number;
  /** Output beyond this many bytes (stdout and stderr each) is dropped and the child killed. */
  maxOutputBytes: number;
  signal?: AbortSignal;
}

export interface RunResult {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  outputTruncated: boolean;
  cancelled: boolean;
  /** Set when the executable could not be started at all (e.g. ENOENT). */
  spawnError?: string;
  ms: number;
}

/**
 * The environment of a compiler run: messages in the C locale, and its temporary files in `tmpDir`
 * (ours), so that they go with that folder even when the compiler is killed.
 */
export function compilerEnv(tmpDir: string): NodeJS.ProcessEnv {
  return { ...process.env, LC_ALL: 'C', LANG: 'C', TMPDIR: tmpDir };
}

export function runProcess(executable: string, args: readonly string[], options: RunOptions): Promise<RunResult> {
  const started = Date.now();
  return new Promise((resolve) => {
    const result: RunResult = {
      exitCode: null, signal: null, stdout: '', stderr: '', timedOut: false, outputTruncated: false,
      cancelled: false, ms: 0,
    };
    if (options.signal?.aborted) {
      resolve({ ...result, cancelled: true });
      return;
    }
    const child = spawn(executable, args, {
      cwd: options.cwd,
      env: options.env,
      detached: true, // a new process group: kill(-pid) reaches grandchildren too
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const chunks = { stdout: [] as Buffer[], stderr: [] as Buffer[] };
    const sizes = { stdout: 0, stderr: 0 };
    let settled = false;

    const killGroup = () => {
      if (child.pid === undefined) return;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    };
    const timer = setTimeout(() => {
      result.timedOut = true;
      killGroup();
    }, options.timeoutMs);
    const onAbort = () => {
      result.cancelled = true;
      killGroup();
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });

    const collect = (stream: 'stdout' | 'stderr') => (data: Buffer) => {
      const room = options.maxOutputBytes - sizes[stream];
      if (data.length > room) {
        result.outputTruncated = true;
        killGroup();
      }
      if (room <= 0) return;
      const part = data.subarray(0, room);
      chunks[stream].push(part);
      sizes[stream] += part.length;
    };
    child.stdout.on('data', collect('stdout'));
    child.stderr.on('data', collect('stderr'));
    child.stdin.on('error', () => undefined); // the child may exit without reading its input

    const finish = () => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      killGroup(); // leave nothing behind, even if the child exited first
      result.stdout = Buffer.concat(chunks.stdout).toString('utf8');
      result.stderr = Buffer.concat(chunks.stderr).toString('utf8');
      result.ms = Date.now() - started;
      resolve(result);
    };
    child.on('error', (err) => {
      result.spawnError = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'not found' : err.message;
      finish();
    });
    child.on('close', (code, sig) => {
      result.exitCode = code;
      result.signal = sig;
      finish();
    });
    child.stdin.end(options.input ?? '');
  });
}
