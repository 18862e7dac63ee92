// The inline diff's proposals for a whole document in one answer: for each diagnostic, the quick fix
// the lightbulb prefers for it (so what is shown is what the lightbulb would apply), the same fix
// once, and none that overlaps one kept before it (they would draw on top of each other).
import { CodeAction, Range, TextDocumentEdit } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analysis } from './analysis';
import { codeActionsFor } from './codeActions';
import { DiagnosticSupport, toLspDiagnostics } from './diagnostics';

/** Inline proposals are for reading; past this many diagnostics a file asks for Repair assignment. */
export const MAX_INLINE_DIAGNOSTICS = 20;

const editsOf = (action: CodeAction) => (action.edit?.documentChanges?.[0] as TextDocumentEdit | undefined)?.edits ?? [];

export function inlineProposals(analysis: Analysis, support: DiagnosticSupport): CodeAction[] {
  if (analysis.outcome.kind !== 'compiled' || analysis.feedback !== 'repair') return [];
  const doc = TextDocument.create(analysis.uri, 'c', analysis.version, analysis.text);
  const span = (r: Range) => [doc.offsetAt(r.start), doc.offsetAt(r.end)] as const;
  // Two edits clash when they share text, or are the same insertion point.
  const clash = (a: Range, b: Range) => {
    const [as, ae] = span(a);
    const [bs, be] = span(b);
    return Math.max(as, bs) < Math.min(ae, be) || (as === bs && ae === be);
  };
  const kept: CodeAction[] = [];
  const seen = new Set<string>();
  for (const d of toLspDiagnostics(analysis, analysis.feedback, support).slice(0, MAX_INLINE_DIAGNOSTICS)) {
    const best = codeActionsFor(analysis, { range: d.range }, { ...support, disabled: false })[0];
    const edits = best ? editsOf(best) : [];
    if (edits.length === 0) continue;
    const key = `${best.title}|${JSON.stringify(edits)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (kept.some((k) => editsOf(k).some((a) => edits.some((b) => clash(a.range, b.range))))) continue;
    kept.push(best);
  }
  return kept;
}
