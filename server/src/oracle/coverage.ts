// Line coverage of a test run, for fault localization, without changing the sandbox: the program is
// built with gcc's `-fsanitize-coverage=trace-pc` (every basic block calls a hook) and linked with a
// small hook that remembers each block's address and prints them to stderr when the program exits.
// `objdump -d -l` on the (position-dependent) binary says which source lines each block holds.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { compilerEnv, runProcess } from './process';

const PC_MARKER = '__c_repair_pc=';

/** The hook, compiled apart (not instrumented itself, and free of the student's warning flags). */
const HOOK_SOURCE = `#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#define CAP 16384
static void *seen[CAP];
static int registered;
static void dump(void) {
  int i;
  for (i = 0; i < CAP; i++) if (seen[i]) fprintf(stderr, "\\n${PC_MARKER}%p\\n", seen[i]);
}
/* A crash or the CPU limit (a loop) ends the run: its coverage is printed before it dies. */
static void dump_and_die(int sig) {
  dump();
  signal(sig, SIG_DFL);
  raise(sig);
}
void __sanitizer_cov_trace_pc(void) {
  void *pc = __builtin_return_address(0);
  unsigned long h = ((unsigned long)pc >> 1) % CAP;
  while (seen[h] && seen[h] != pc) h = (h + 1) % CAP;
  if (!seen[h]) {
    seen[h] = pc;
    if (!registered) {
      registered = 1;
      atexit(dump);
      signal(SIGSEGV, dump_and_die);
      signal(SIGFPE, dump_and_die);
      signal(SIGABRT, dump_and_die);
      signal(SIGBUS, dump_and_die);
      signal(SIGXCPU, dump_and_die);
    }
  }
}
`;

/** Compiles the hook in `dir`; returns the extra compile arguments of an instrumented build. */
export async function coverageBuildArgs(compiler: string, dir: string, signal?: AbortSignal): Promise<string[] | undefined> {
  const hook = path.join(dir, 'coverage_hook.c');
  const object = path.join(dir, 'coverage_hook.o');
  await fs.writeFile(hook, HOOK_SOURCE);
  const built = await runProcess(compiler, ['-c', '-O1', hook, '-o', object], { cwd: dir, timeoutMs: 20_000, maxOutputBytes: 64 * 1024, env: compilerEnv(dir), signal });
  if (built.exitCode !== 0) return undefined;
  return ['-g', '-O0', '-no-pie', '-fsanitize-coverage=trace-pc', object];
}

/** Each basic block (by the address its hook returns to) and the source lines its instructions carry. */
export type BlockLines = Map<number, number[]>;

/**
 * The binary's blocks, from `objdump -d -l`: a block runs from the instruction after a hook call to
 * the next hook call, and covers every line of `sourceFile` its instructions are annotated with.
 */
export async function blockLines(binary: string, sourceFile: string, signal?: AbortSignal): Promise<BlockLines | undefined> {
  const dump = await runProcess('objdump', ['-d', '-l', '--no-show-raw-insn', binary], {
    cwd: path.dirname(binary), timeoutMs: 20_000, maxOutputBytes: 16 * 1024 * 1024, signal,
  });
  if (dump.exitCode !== 0) return undefined;
  const blocks: BlockLines = new Map();
  const source = path.basename(sourceFile);
  let line: number | undefined;
  let block: number | undefined;
  let afterHook = false;
  for (const text of dump.stdout.split('\n')) {
    const where = /^(\/\S+):(\d+)/.exec(text);
    if (where) {
      line = path.basename(where[1]) === source ? Number(where[2]) : undefined;
      continue;
    }
    if (/^[0-9a-f]+ <.*>:$/.test(text)) {
      block = undefined; // a new function
      continue;
    }
    const instruction = /^\s+([0-9a-f]+):\s+(.*)$/.exec(text);
    if (!instruction) continue;
    if (/^call\s.*<__sanitizer_cov_trace_pc>/.test(instruction[2])) {
      afterHook = true; // the call opens the next block, whose line annotation it already carries
      continue;
    }
    if (afterHook) {
      block = parseInt(instruction[1], 16);
      blocks.set(block, []);
      afterHook = false;
    }
    if (block !== undefined && line !== undefined && !blocks.get(block)!.includes(line)) blocks.get(block)!.push(line);
  }
  return blocks;
}

/** The lines whose blocks ran, from the hook's output on stderr; undefined when it printed none (the run was killed outright). */
export function coveredLines(blocks: BlockLines, stderr: string): number[] | undefined {
  const pcs = stderr.split('\n').filter((l) => l.startsWith(PC_MARKER)).map((l) => parseInt(l.slice(PC_MARKER.length), 16));
  if (pcs.length === 0) return undefined;
  const lines = new Set<number>();
  for (const pc of pcs) for (const line of blocks.get(pc) ?? []) lines.add(line);
  return [...lines].sort((a, b) => a - b);
}
