// A fast compiler to screen logic candidates on the tests: tcc builds a small program in a few
// milliseconds where gcc takes a few hundred. Only a candidate that passes more tests with tcc is
// judged again with the user's own compiler, flags and every test, so tcc never decides a repair by
// itself (and it screens only where it gives the program's tests the user's compiler's verdicts).
import { spawnSync } from 'node:child_process';
import type { CompilerOptions } from './compiler';

let tcc: boolean | undefined;

/** tcc, when it is installed here (probed once). */
export function screeningCompiler(): CompilerOptions | undefined {
  tcc ??= spawnSync('tcc', ['-v'], { stdio: 'ignore', timeout: 5000 }).status === 0;
  // No flags: tcc knows few of gcc's, and the user's flags are applied by the judge that follows.
  return tcc ? { family: 'gcc', path: 'tcc', args: [] } : undefined;
}
