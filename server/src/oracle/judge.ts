// The compiler as judge (DeepFix, RLAssist): a change is progress only when errors fall, or when
// errors stay equal and warnings fall. A change that adds errors is never accepted.
import type { CompileResult } from './compiler';

export function isImprovement(before: CompileResult, after: CompileResult): boolean {
  if (after.errorCount !== before.errorCount) return after.errorCount < before.errorCount;
  return after.warningCount < before.warningCount;
}

export function isClean(result: CompileResult): boolean {
  return result.errorCount === 0;
}
