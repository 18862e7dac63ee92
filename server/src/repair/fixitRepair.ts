// Repairs from the compiler's own fix-its, each checked by recompiling (the lightbulb's quick fixes
// and the engine's warning fixes).
import { compile, CompileResult, CompilerOptions, Severity } from '../oracle/compiler';
import { isProgress, verdictOf } from '../oracle/judge';
import { applyEdits, editsOverlap } from './edits';
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
  /** Only the fix-its of diagnostics of this severity (the compile round wants those of errors). */
  severity?: Severity,
): Promise<Repair[]> {
  const repairs: Repair[] = [];
  const verdictBefore = verdictOf(text, before);
  const withFixits = before.diagnostics.filter((d) => d.fixits.length > 0 && !editsOverlap(d.fixits) && (!severity || d.severity === severity));
  for (const diagnostic of withFixits.slice(0, MAX_VERIFIED_FIXITS)) {
    if (signal?.aborted) break;
    const candidate = applyEdits(text, diagnostic.fixits);
    const after = await compile(candidate, options, signal);
    if (!isProgress('compile', verdictBefore, verdictOf(candidate, after))) continue;
    const edits: ExplainedEdit[] = diagnostic.fixits.map((e) => ({ ...e, explanation: explainEdit(text, e, diagnostic) }));
    repairs.push({ title: summarizeEdits(text, edits), source: 'compiler-fixit', edits, diagnostic, after });
  }
  return repairs;
}
