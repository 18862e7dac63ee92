// Spectrum-based fault localization: lines run by failing tests more than by passing ones are the
// likely place of a logic bug. Ochiai's formula, the best of the classic ones on real faults.
import { lineOf, type SyntaxNode } from '../c/parser';
import type { TestReport } from '../oracle/testRunner';

/** Suspiciousness in (0, 1] of each 1-based line that a failing test ran; lines absent score 0. */
export type Suspicion = ReadonlyMap<number, number>;

/**
 * Ochiai: failed(l) / sqrt(allFailed * (failed(l) + passed(l))), over the runs whose coverage is
 * known. Undefined when no failing run has coverage (nothing to point at).
 */
export function ochiai(report: TestReport): Suspicion | undefined {
  const runs = report.results.filter((r) => r.lines !== undefined);
  const allFailed = runs.filter((r) => !r.passed).length;
  if (allFailed === 0) return undefined;
  const failed = new Map<number, number>();
  const passed = new Map<number, number>();
  for (const run of runs) {
    const counts = run.passed ? passed : failed;
    for (const line of run.lines!) counts.set(line, (counts.get(line) ?? 0) + 1);
  }
  const scores = new Map<number, number>();
  for (const [line, f] of failed) scores.set(line, f / Math.sqrt(allFailed * (f + (passed.get(line) ?? 0))));
  return scores;
}

/**
 * The line of each `if`'s condition at least as suspicious as the most suspicious line of its
 * branches: a wrong decision runs the wrong branch, whose lines the failing tests alone run, while
 * the condition itself runs in every test and scores low (`a + c < b` where `<=` was meant sends a
 * flat triangle down the "obtuse" branch). For ranking edits; which lines ran is unchanged.
 */
export function blameDecisions(root: SyntaxNode, suspicion: Suspicion): Suspicion {
  const blamed = new Map(suspicion);
  // Innermost first, so that an `else if` chain passes its branches' blame up to the first `if`.
  for (const decision of root.descendantsOfType('if_statement').reverse()) {
    const line = lineOf(decision);
    const own = suspicion.get(line) ?? 0;
    if (own === 0) continue;
    let most = 0;
    for (const branch of [decision.childForFieldName('consequence'), decision.childForFieldName('alternative')]) {
      for (let l = branch ? branch.startPosition.row + 1 : 0; branch && l <= branch.endPosition.row + 1; l++) most = Math.max(most, blamed.get(l) ?? 0);
    }
    if (most > own) blamed.set(line, most);
  }
  return blamed;
}

/** The lines with their scores in order of suspicion (most first; ties by line), for the editor and the CLI. */
export function rankedLines(suspicion: Suspicion): { line: number; score: number }[] {
  return [...suspicion.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]).map(([line, score]) => ({ line, score }));
}

/** Every line of `text` equally suspicious: where the tests gave no coverage. */
export const everyLineSuspect = (text: string): Suspicion => new Map(text.split('\n').map((_, i) => [i + 1, 1]));

/** A line some failing test ran (the edit search leaves the others alone). */
export const isSuspicious = (suspicion: Suspicion, line: number) => (suspicion.get(line) ?? 0) > 0;

/** A line's suspicion in steps of 0.1, so that near-equal lines rank alike (0 without a localization). */
export const suspicionStep = (suspicion: Suspicion | undefined, line: number) => (suspicion ? Math.round((suspicion.get(line) ?? 0) * 10) : 0);
