// Quick fixes: each verified repair becomes a code action whose edit is the minimal text edit.
import { CodeAction, CodeActionKind, CodeActionParams, Range } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Repair } from '../repair/repair';
import type { Analysis } from './analysis';
import { diagnosticKey, toLspDiagnostics } from './diagnostics';

const overlaps = (a: Range, b: Range) =>
  !(a.end.line < b.start.line || (a.end.line === b.start.line && a.end.character < b.start.character) ||
    b.end.line < a.start.line || (b.end.line === a.start.line && b.end.character < a.start.character));

export function repairToCodeAction(analysis: Analysis, repair: Repair, preferred: boolean): CodeAction {
  const doc = TextDocument.create(analysis.uri, 'c', analysis.version, analysis.text);
  const diagnostic = toLspDiagnostics(analysis).find(
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

/** The verified repairs whose diagnostic touches the requested range, best first. */
export function codeActionsFor(analysis: Analysis, params: CodeActionParams): CodeAction[] {
  if (analysis.outcome.kind !== 'compiled') return [];
  const doc = TextDocument.create(analysis.uri, 'c', analysis.version, analysis.text);
  const actions: CodeAction[] = [];
  for (const repair of analysis.outcome.repairs) {
    const d = repair.diagnostic;
    const range = { start: doc.positionAt(d.start), end: doc.positionAt(Math.max(d.end, d.start + 1)) };
    if (!overlaps(range, params.range)) continue;
    actions.push(repairToCodeAction(analysis, repair, actions.length === 0));
  }
  return actions;
}
