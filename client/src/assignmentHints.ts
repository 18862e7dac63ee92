// Repair assignment with hint-only feedback (c-repair.feedback `hint`): where changes are needed and
// of what kind, in words; the lines are highlighted while the student reads. The server sends no
// repaired text and no edits in this mode, so there is nothing to diff or apply.
import * as vscode from 'vscode';
import type { RepairResult } from './repairCommand';

const OK = 'OK';

/** The notification's text: how many changes, what they would do, the hints, where the tests point. */
export function hintMessage(r: RepairResult, fault: string | undefined): string {
  const hints = r.hints ?? [];
  const parts = [`c-repair hints: ${hints.length} change${hints.length === 1 ? '' : 's'} needed (errors ${r.errorsBefore} → ${r.errorsAfter} with them`];
  if (r.testsTotal) parts[0] += `, tests passed ${r.testsPassedBefore ?? 0}/${r.testsTotal} → ${r.testsPassedAfter ?? 0}/${r.testsTotal}`;
  parts[0] += ').';
  parts.push(...hints.map((h) => h.message));
  if (fault) parts.push(`${fault[0].toUpperCase()}${fault.slice(1)}.`);
  return parts.join(' ');
}

/** Shows the hints until the student closes the notification. */
export async function showAssignmentHints(editor: vscode.TextEditor, r: RepairResult, fault: string | undefined): Promise<void> {
  const hints = r.hints ?? [];
  const decoration = vscode.window.createTextEditorDecorationType({
    isWholeLine: true,
    backgroundColor: new vscode.ThemeColor('editor.wordHighlightStrongBackground'),
    overviewRulerColor: new vscode.ThemeColor('editorOverviewRuler.infoForeground'),
    overviewRulerLane: vscode.OverviewRulerLane.Left,
  });
  editor.setDecorations(decoration, hints.map((h) => ({ range: new vscode.Range(h.line - 1, 0, h.line - 1, 0), hoverMessage: `c-repair hint: ${h.message}` })));
  if (hints.length > 0) editor.revealRange(new vscode.Range(hints[0].line - 1, 0, hints[0].line - 1, 0), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  try {
    await vscode.window.showInformationMessage(hintMessage(r, fault), OK);
  } finally {
    decoration.dispose();
  }
}
