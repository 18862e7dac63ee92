// Runs the real `c-repair batch` (bin/c-repair.js, real gcc) on a few small real programs.
import { spawnSync, SpawnSyncReturns } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BatchOutput } from '../../server/src/cli/batch';
import { fixture } from './fixtures';
import { REPO_ROOT } from './sharedData';
import { scratchFolder } from './scratch';

const CLI = path.join(REPO_ROOT, 'bin', 'c-repair.js');

export function runCli(args: string[], env: NodeJS.ProcessEnv = process.env): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 120000, env });
}

/** Input lines of every kind: repaired, unchanged, failed tests, markup in the source, malformed. */
export const SMALL_BATCH: string[] = [
  JSON.stringify({ id: 'missing_semicolon', source: fixture('missing_semicolon.c') }),
  JSON.stringify({ id: 'clean', source: 'int main(void) { return 0; }\n' }),
  JSON.stringify({ id: 'several_errors', source: fixture('several_errors.c') }),
  '{not json',
  JSON.stringify({ id: 'markup <b>bold</b></script>', source: '/* </script><b>x</b> */\nint main(void) { int a = 1 return a; }\n' }),
  // Prints character by character: no string literal or small edit gives the expected word.
  JSON.stringify({ id: 'wrong_output', source: '#include <stdio.h>\nint main(void) { putchar(\'h\'); putchar(\'i\'); putchar(\'\\n\'); return 0; }\n', tests: [{ input: '', output: 'bye' }] }),
  JSON.stringify({ id: 'undeclared', source: '#include <stdio.h>\nint main(void) { printf("%d\\n", x); return 0; }\n' }),
];

/** A fresh folder holding in.jsonl with these lines. */
export function batchInput(lines: string[]): { dir: string; input: string } {
  const dir = scratchFolder('c-repair-batch-');
  const input = path.join(dir, 'in.jsonl');
  fs.writeFileSync(input, lines.join('\n') + '\n');
  return { dir, input };
}

export const readOutput = (file: string): BatchOutput[] =>
  fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as BatchOutput);
