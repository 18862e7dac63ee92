// Repairs from the compiler's own fix-its, each checked by recompiling: per diagnostic for the
// lightbulb, and iterated over the whole file for the CLI.
import { compile, CompileResult, CompilerDiagnostic, CompilerOptions } from '../oracle/compiler';
import { isImprovement } from '../oracle/judge';
import { applyEdits, editsOverlap, minimalEdits } from './edits';
import { explainEdit, summarizeEdits } from './explain';
import type { ExplainedEdit, Repair } from './repair';

/** At most this many fix-its are verified per analysis: each costs one compile. */
const MAX_VERIFIED_FIXITS = 8;

/** One verified repair for each diagnostic whose fix-its make the program better. */
export async function fixitRepairs(
  text: string,
  before: CompileResult,
  options: CompilerOptions,
  signal?: AbortSignal,
): Promise<Repair[]> {
  const repairs: Repair[] = [];
  const withFixits = before.diagnostics.filter((d) => d.fixits.length > 0 && !editsOverlap(d.fixits));
  for (const diagnostic of withFixits.slice(0, MAX_VERIFIED_FIXITS)) {
    if (signal?.aborted) break;
    const after = await compile(applyEdits(text, diagnostic.fixits), options, signal);
    if (!isImprovement(before, after)) continue;
    const edits: ExplainedEdit[] = diagnostic.fixits.map((e) => ({ ...e, explanation: explainEdit(text, e, diagnostic) }));
    repairs.push({ title: summarizeEdits(text, edits), source: 'compiler-fixit', edits, diagnostic, after });
  }
  return repairs;
}

export interface WholeFileRepair {
  original: string;
  repaired: string;
  /** Minimal edits from the original to the repaired text, each explained. */
  edits: ExplainedEdit[];
  before: CompileResult;
  after: CompileResult;
  rounds: number;
}

/**
 * Applies verified fix-its round after round until the compiler has nothing to say, nothing improves, or the
 * round limit is reached (gcc stops reporting inside a statement after a parse error, so one
 * round's fix can reveal the next error).
 */
export async function repairWithFixits(
  original: string,
  options: CompilerOptions,
  maxRounds = 5,
  signal?: AbortSignal,
): Promise<WholeFileRepair> {
  const before = await compile(original, options, signal);
  let text = original;
  let current = before;
  const reasons: { offsetHint: number; diagnostic: CompilerDiagnostic }[] = [];
  let rounds = 0;
  while (rounds < maxRounds && hasDiagnostics(current) && !signal?.aborted) {
    const [best] = await fixitRepairs(text, current, options, signal);
    if (!best) break;
    rounds++;
    reasons.push({ offsetHint: best.edits[0].start, diagnostic: best.diagnostic });
    text = applyEdits(text, best.edits);
    current = best.after;
  }
  const edits = minimalEdits(original, text).map((e) => {
    // Explain each final edit by the diagnostic whose fix-it was applied nearest to it.
    const reason = reasons.reduce((a, b) => (Math.abs(b.offsetHint - e.start) < Math.abs(a.offsetHint - e.start) ? b : a));
    return { ...e, explanation: explainEdit(original, e, reason.diagnostic) };
  });
  return { original, repaired: text, edits, before, after: current, rounds };
}

const hasDiagnostics = (r: CompileResult) => r.errorCount + r.warningCount > 0;
