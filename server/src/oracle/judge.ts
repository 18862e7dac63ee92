// The compiler as judge (DeepFix, RLAssist), made robust to gcc's cascades. A change is never
// progress when the parser fits less of the text, or when gcc finds an error earlier than before
// (a change that makes gcc give up sooner reports fewer errors). Otherwise it is progress when errors
// fall; or when they do not grow and the first error moves later (the part before it now
// compiles); or when they do not grow and the parser fits more of the text; or, errors equal, when
// warnings fall. Cycles and endless "moving on" are stopped by the engine (texts already visited,
// a bound on the repair's size).
import type { CompileResult } from './compiler';

/** A text's verdict: the compiler's, and how much of it the parser could not fit to C. */
export interface CompileVerdict {
  compiled: CompileResult;
  /** How much of the text the parser could not fit (c/parser syntaxDamage). */
  syntaxDamage: number;
  /** The text's length: an edit that adds text moves every later error on without progress. */
  length: number;
}

/** Offset of the first error (Infinity when none). */
export function firstErrorOffset(result: CompileResult): number {
  return result.diagnostics.find((d) => d.severity === 'error')?.start ?? Infinity;
}

/** Where `after`'s first error stands in `before`'s text, at the earliest (text added before it is discounted). */
export function firstErrorProgress(before: CompileVerdict, after: CompileVerdict): number {
  return firstErrorOffset(after.compiled) - Math.max(0, after.length - before.length);
}

export function isCompileProgress(before: CompileVerdict, after: CompileVerdict): boolean {
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

/** A fix-it's check: errors fall, or stay equal while warnings fall. */
export function isImprovement(before: CompileResult, after: CompileResult): boolean {
  if (after.errorCount !== before.errorCount) return after.errorCount < before.errorCount;
  return after.warningCount < before.warningCount;
}
