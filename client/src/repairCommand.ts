// "Repair assignment": asks the server for a whole-file repair (judged by the compiler and the
// assignment's tests), shows it in VS Code's diff view, and applies all of it, or the edits the
// student picks, only when the student says so. With hint-only feedback: the hints instead.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { REPAIR_DOCUMENT_COMMAND, RepairDocumentResult } from '../../server/src/protocol';
import { showAssignmentHints } from './assignmentHints';
import { ProposedRepairContent } from './proposedContent';

/** A whole-file repair, as the server proposes it. */
export type RepairResult = Exclude<RepairDocumentResult, { error: string }>;
type LspRange = RepairResult['edits'][number]['range'];

const APPLY_ALL = 'Apply all';
const APPLY_SELECTED = 'Apply selected…';
const DISMISS = 'Dismiss';

/** Fault lines shown: the most suspicious few (a long list points nowhere). */
const FAULT_LINES_SHOWN = 3;

/** "the failing tests point at lines 11, 12": where the tests' coverage localizes the fault. */
export function faultSummary(r: RepairResult): string | undefined {
  const top = r.faultLines.slice(0, FAULT_LINES_SHOWN).map((f) => f.line);
  return top.length ? `the failing tests point at line${top.length > 1 ? 's' : ''} ${top.join(', ')}` : undefined;
}

/** The one-line summary a student reads: what changes, and what the compiler and tests say. */
export function summarize(r: RepairResult): string {
  const parts = [`c-repair proposes ${r.edits.length} edit${r.edits.length === 1 ? '' : 's'}: errors ${r.errorsBefore} → ${r.errorsAfter}`];
  if (r.testsTotal) {
    const before = r.testsPassedBefore ?? 0;
    const after = r.testsPassedAfter ?? 0;
    parts.push(`tests passed ${before}/${r.testsTotal} → ${after}/${r.testsTotal}`);
  }
  const fault = faultSummary(r);
  if (fault) parts.push(fault);
  return `${parts.join('; ')}.`;
}

/** Highlights the lines the failing tests point at while the student decides; returns the undo. */
function showFaultLines(editor: vscode.TextEditor, r: RepairResult): () => void {
  const top = r.faultLines.slice(0, FAULT_LINES_SHOWN);
  if (top.length === 0) return () => undefined;
  const decoration = vscode.window.createTextEditorDecorationType({
    isWholeLine: true,
    backgroundColor: new vscode.ThemeColor('editor.rangeHighlightBackground'),
    overviewRulerColor: new vscode.ThemeColor('editorOverviewRuler.warningForeground'),
    overviewRulerLane: vscode.OverviewRulerLane.Left,
  });
  editor.setDecorations(decoration, top.map((f) => ({
    range: new vscode.Range(f.line - 1, 0, f.line - 1, 0),
    hoverMessage: `c-repair: the failing tests run this line more than the passing ones (suspiciousness ${f.score.toFixed(2)})`,
  })));
  return () => decoration.dispose();
}

const toRange = (r: LspRange) => new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);

export function registerRepairAssignment(getClient: () => LanguageClient | undefined, proposed: ProposedRepairContent): vscode.Disposable {
  return vscode.commands.registerCommand('c-repair.repairAssignment', async () => {
    const editor = vscode.window.activeTextEditor;
    const client = getClient();
    if (!editor || editor.document.languageId !== 'c') {
      void vscode.window.showWarningMessage('c-repair: open a C file to repair.');
      return;
    }
    if (!client) {
      void vscode.window.showWarningMessage('c-repair is not running (is the workspace trusted?).');
      return;
    }
    const doc = editor.document;
    let cancelled = false;
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'c-repair: repairing (compiler and tests)…', cancellable: true },
      (_progress, token) => {
        token.onCancellationRequested(() => (cancelled = true));
        return client.sendRequest<RepairDocumentResult | null>(
          'workspace/executeCommand',
          { command: REPAIR_DOCUMENT_COMMAND, arguments: [doc.uri.toString()] },
          token,
        );
      },
    ).then(
      (r) => r,
      (e: unknown) => ({ error: e instanceof Error ? e.message : String(e) }),
    );
    if (!result || cancelled) return; // the student cancelled: nothing to say
    if ('error' in result) {
      void vscode.window.showWarningMessage(result.error);
      return;
    }
    if (result.hints && result.hints.length > 0) {
      // Hint-only feedback: where and what kind of change, no diff and nothing to apply.
      const hideFaultLines = showFaultLines(editor, result);
      await showAssignmentHints(editor, result, faultSummary(result)).finally(hideFaultLines);
      return;
    }
    if (result.edits.length === 0 || result.repaired === null) {
      const fault = faultSummary(result);
      const tests = result.testsTotal ? ` Tests passed: ${result.testsPassedBefore ?? 0}/${result.testsTotal}${fault ? `; ${fault}` : ''}.` : '';
      void vscode.window.showInformationMessage(
        result.status === 'unchanged' ? `c-repair: nothing to repair: the file compiles${result.testsTotal ? ' and passes its tests' : ''}.` : `c-repair: no verified repair found.${tests}`,
      );
      return;
    }
    const right = proposed.propose(doc.uri, result.repaired);
    const hideFaultLines = showFaultLines(editor, result);
    await vscode.commands.executeCommand('vscode.diff', doc.uri, right, `${vscode.workspace.asRelativePath(doc.uri)} ↔ proposed repair`);
    const choice = await Promise.resolve(vscode.window.showInformationMessage(summarize(result), APPLY_ALL, APPLY_SELECTED, DISMISS)).finally(hideFaultLines);
    let chosen = result.edits;
    if (choice === APPLY_SELECTED) {
      const picked = await vscode.window.showQuickPick(
        result.edits.map((e) => ({ label: e.explanation, description: `line ${e.range.start.line + 1}`, picked: true, edit: e })),
        { canPickMany: true, title: 'c-repair: edits to apply', placeHolder: 'All edits are checked; uncheck the ones to leave out, then press Enter (Apply selected)' },
      );
      if (!picked || picked.length === 0) return;
      chosen = picked.map((p) => p.edit);
    } else if (choice !== APPLY_ALL) {
      return;
    }
    if (doc.version !== result.version) {
      void vscode.window.showWarningMessage('c-repair: the file changed since the repair was computed; run it again.');
      return;
    }
    const edit = new vscode.WorkspaceEdit();
    for (const e of chosen) edit.replace(doc.uri, toRange(e.range), e.newText);
    if (!(await vscode.workspace.applyEdit(edit))) {
      void vscode.window.showWarningMessage('c-repair: the repair could not be applied.');
      return;
    }
    if (chosen.length < result.edits.length) {
      // Only the whole repair was verified; a subset may still fail to compile or pass the tests.
      void vscode.window.showInformationMessage(`c-repair applied ${chosen.length} of ${result.edits.length} edits; only the full repair was verified.`);
    }
  });
}
