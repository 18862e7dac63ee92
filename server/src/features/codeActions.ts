// Quick fixes: each verified repair becomes a code action whose edit is the minimal text edit; an
// error without one gets a disabled action that says so (when the client can show it).
import { CodeAction, CodeActionKind, CodeActionParams, DiagnosticSeverity, Range } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Repair } from '../repair/repair';
import type { Analysis } from './analysis';
import { diagnosticKey, DiagnosticSupport, FULL_SUPPORT, toLspDiagnostics } from './diagnostics';

export const NO_REPAIR_REASON = 'no repair found that compiles';

export const overlaps = (a: Range, b: Range) =>
  !(a.end.line < b.start.line || (a.end.line === b.start.line && a.end.character < b.start.character) ||
    b.end.line < a.start.line || (b.end.line === a.start.line && b.end.character < a.start.character));

export function repairToCodeAction(analysis: Analysis, repair: Repair, preferred: boolean, support: DiagnosticSupport = FULL_SUPPORT): CodeAction {
  const doc = TextDocument.create(analysis.uri, 'c', analysis.version, analysis.text);
  const diagnostic = toLspDiagnostics(analysis, analysis.feedback, support).find(
    (d) => (d.data as { key?: string } | undefined)?.key === diagnosticKey(repair.diagnostic),
  );
  return {
    title: `Repair: ${repair.title}`,
    kind: CodeActionKind.QuickFix,
    isPreferred: preferred,
    diagnostics: diagnostic ? [diagnostic] : [],
    edit: {
      documentChanges: [
        {
          // The version guards against applying a repair computed for older text.
          textDocument: { uri: analysis.uri, version: analysis.version },
          edits: repair.edits.map((e) => ({
            range: { start: doc.positionAt(e.start), end: doc.positionAt(e.end) },
            newText: e.newText,
          })),
        },
      ],
    },
  };
}

export interface CodeActionSupport extends DiagnosticSupport {
  /** The client shows disabled actions with their reason (codeAction.disabledSupport). */
  disabled: boolean;
}

/**
 * The verified repairs whose diagnostic touches the requested range, best first; then, when the
 * client shows disabled actions, one for each error there that has no verified repair.
 */
export function codeActionsFor(analysis: Analysis, params: Pick<CodeActionParams, 'range'>, support: CodeActionSupport = { ...FULL_SUPPORT, disabled: false }): CodeAction[] {
  if (analysis.outcome.kind !== 'compiled') return [];
  const doc = TextDocument.create(analysis.uri, 'c', analysis.version, analysis.text);
  const actions: CodeAction[] = [];
  for (const repair of analysis.outcome.repairs) {
    const d = repair.diagnostic;
    const range = { start: doc.positionAt(d.start), end: doc.positionAt(Math.max(d.end, d.start + 1)) };
    if (!overlaps(range, params.range)) continue;
    actions.push(repairToCodeAction(analysis, repair, actions.length === 0, support));
  }
  if (!support.disabled) return actions;
  // An error after another one is often fixed by that one's repair: say where it is offered.
  const other = analysis.outcome.repairs.find((r) => r.diagnostic.severity === 'error');
  const reason = other ? `${NO_REPAIR_REASON} (the repair offered on line ${doc.positionAt(other.diagnostic.start).line + 1} may fix this error too)` : NO_REPAIR_REASON;
  for (const d of toLspDiagnostics(analysis, analysis.feedback, support)) {
    const repairable = (d.data as { repairable?: boolean } | undefined)?.repairable;
    if (d.severity !== DiagnosticSeverity.Error || repairable || !overlaps(d.range, params.range)) continue;
    actions.push({ title: `Repair: none for the error on line ${d.range.start.line + 1}`, kind: CodeActionKind.QuickFix, diagnostics: [d], disabled: { reason } });
  }
  return actions;
}
