// The compiler as judge (DeepFix, RLAssist), made robust to gcc's cascades. A change is never
// progress when the parser fits less of the text, or when gcc finds an error earlier than before
// (a change that makes gcc give up sooner reports fewer errors). Otherwise it is progress when errors
// fall; or when they do not grow and the first error moves later (the part before it now
// compiles); or when they do not grow and the parser fits more of the text; or, errors equal, when
// warnings fall. Cycles and endless "moving on" are stopped by the engine (texts already visited,
// a bound on the repair's size).
import { syntaxDamage, syntaxErrors } from '../c/parser';
import type { CompileResult } from './compiler';

/** A text's verdict: the compiler's, how much of it the parser could not fit to C, and its tests. */
export interface Verdict {
  compiled: CompileResult;
  /** How much of the text the parser could not fit (c/parser syntaxDamage). */
  syntaxDamage: number;
  /** The text's length: an edit that adds text moves every later error on without progress. */
  length: number;
  tests?: { passed: number; total: number };
}

/** The verdict on `text` without tests: its compile result and how much of it the parser fits. */
export function verdictOf(text: string, compiled: CompileResult): Verdict {
  return { compiled, syntaxDamage: syntaxDamage(syntaxErrors(text)), length: text.length };
}

/** What a round must achieve: compile ('compile'), or pass more of the tests ('tests'). */
export type Criterion = 'compile' | 'tests';

/** The one judge of every candidate: is `after` progress over `before` for the criterion? */
export function isProgress(criterion: Criterion, before: Verdict, after: Verdict): boolean {
  if (criterion === 'tests') return after.compiled.errorCount === 0 && (after.tests?.passed ?? 0) > (before.tests?.passed ?? 0);
  return isCompileProgress(before, after);
}

/** Offset of the first error (Infinity when none). */
export function firstErrorOffset(result: CompileResult): number {
  return result.diagnostics.find((d) => d.severity === 'error')?.start ?? Infinity;
}

/** Where `after`'s first error stands in `before`'s text, at the earliest (text added before it is discounted). */
export function firstErrorProgress(before: Verdict, after: Verdict): number {
  return firstErrorOffset(after.compiled) - Math.max(0, after.length - before.length);
}

function isCompileProgress(before: Verdict, after: Verdict): boolean {
  const b = before.compiled;
  const a = after.compiled;
  // The parser is a second judge: a change that breaks more of the structure is no repair, even
  // when gcc, confused earlier, reports fewer errors (`int main ; ) {` "fixes" a missing brace).
  if (after.syntaxDamage > before.syntaxDamage) return false;
  // Nothing new before the first error: a change that makes gcc stop earlier is no repair either.
  if (firstErrorOffset(a) + Math.max(0, before.length - after.length) < firstErrorOffset(b)) return false;
  if (a.errorCount < b.errorCount) return true;
  if (a.errorCount > b.errorCount) return false;
  if (firstErrorProgress(before, after) > firstErrorOffset(b)) return true;
  if (firstErrorOffset(a) < firstErrorOffset(b)) return false;
  return after.syntaxDamage < before.syntaxDamage || a.warningCount < b.warningCount;
}
