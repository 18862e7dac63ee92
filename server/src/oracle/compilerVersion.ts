// Which compiler judges the programs, and its version: `<compiler> --version` once per setting, for
// the editor's language status. A compiler that cannot be run says why (`not found`).
import type { CompilerStatus } from '../protocol';
import type { CompilerOptions } from './compiler';
import { runProcess } from './process';

/** `gcc (Debian 12.2.0-14) 12.2.0` -> 12.2.0; `Debian clang version 14.0.6` -> 14.0.6. */
export function versionOf(firstLine: string): string | undefined {
  return /\bversion\s+(\d[\w.+-]*)/.exec(firstLine)?.[1] ?? /(\d+\.\d+(?:\.\d+)?)\s*$/.exec(firstLine)?.[1];
}

export async function compilerStatus(options: CompilerOptions): Promise<CompilerStatus> {
  const executable = options.path || options.family;
  const base = { family: options.family, executable };
  const run = await runProcess(executable, ['--version'], { timeoutMs: 5000, maxOutputBytes: 64 * 1024, env: { ...process.env, LC_ALL: 'C', LANG: 'C' } });
  if (run.spawnError) return { ...base, problem: run.spawnError };
  if (run.timedOut) return { ...base, problem: 'it did not answer --version within 5 s' };
  if (run.exitCode !== 0) return { ...base, problem: run.signal ? `it crashed (${run.signal})` : `--version exited with ${run.exitCode}` };
  const firstLine = run.stdout.split('\n').find((l) => l.trim() !== '') ?? '';
  return { ...base, version: versionOf(firstLine) };
}
