// Finds an assignment's tests by folder convention, next to the C file:
//   tests/<stem>/NAME.in + NAME.out   (a folder per assignment, e.g. tests/sum/1.in for sum.c)
//   tests/NAME.in + NAME.out          (one assignment per folder)
// NAME.out is required; a missing NAME.in means empty input. An explicit folder can be given too.
// The same folder may hold the instructor's correct programs, reference*.c, which guide logic repair
// (referenceRepair.ts); with `c-repair.feedback` set to `hint` a student sees no code from them.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { TestCase } from './testRunner';

/** The tests in one folder: every NAME.out with its NAME.in, sorted by name (numbers numerically). */
export function readTestFolder(dir: string): TestCase[] {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.out'))
    .map((f) => f.slice(0, -4))
    .sort((a, b) => a.localeCompare(b, undefined, { numeric: true }))
    .map((name) => {
      const input = path.join(dir, `${name}.in`);
      return {
        name,
        input: fs.existsSync(input) ? fs.readFileSync(input, 'utf8') : '',
        output: fs.readFileSync(path.join(dir, `${name}.out`), 'utf8'),
      };
    });
}

/** The correct programs in a tests folder: every reference*.c, sorted by name. */
export function readReferences(dir: string): string[] {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => /^reference.*\.c$/.test(f))
    .sort()
    .map((f) => fs.readFileSync(path.join(dir, f), 'utf8'));
}

export interface Assignment {
  dir: string;
  tests: TestCase[];
  references: string[];
}

/** The tests (and references) for `cFile` by the convention above, or undefined when there are none. */
export function discoverTests(cFile: string): Assignment | undefined {
  const base = path.dirname(cFile);
  const stem = path.basename(cFile).replace(/\.[^.]*$/, '');
  for (const dir of [path.join(base, 'tests', stem), path.join(base, 'tests')]) {
    const tests = readTestFolder(dir);
    if (tests.length > 0) return { dir, tests, references: readReferences(dir) };
  }
  return undefined;
}
