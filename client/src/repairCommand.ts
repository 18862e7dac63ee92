// "Repair assignment": asks the server for a whole-file repair, shows it in VS Code's diff view and
// applies it only when the student says so.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ProposedRepairContent } from './proposedContent';

interface RepairResult {
  uri: string;
  version: number;
  repaired: string;
  edits: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string; explanation: string }[];
  errorsBefore: number;
  errorsAfter: number;
}

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
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'c-repair: repairing…', cancellable: true },
      (_progress, token) =>
        client.sendRequest<RepairResult | { error: string }>(
          'workspace/executeCommand',
          { command: 'c-repair.repairDocument', arguments: [doc.uri.toString()] },
          token,
        ),
    );
    if ('error' in result) {
      void vscode.window.showWarningMessage(result.error);
      return;
    }
    if (result.edits.length === 0) {
      void vscode.window.showInformationMessage(
        result.errorsBefore === 0 ? 'c-repair: the file already compiles.' : 'c-repair: no verified repair found.',
      );
      return;
    }
    const right = proposed.propose(doc.uri, result.repaired);
    await vscode.commands.executeCommand('vscode.diff', doc.uri, right, `${vscode.workspace.asRelativePath(doc.uri)} ↔ proposed repair`);
    const choice = await vscode.window.showInformationMessage(
      `c-repair proposes ${result.edits.length} edit(s): errors ${result.errorsBefore} → ${result.errorsAfter}.`,
      { detail: result.edits.map((e) => e.explanation).join('\n') },
      'Apply all',
      'Dismiss',
    );
    if (choice !== 'Apply all') return;
    if (doc.version !== result.version) {
      void vscode.window.showWarningMessage('c-repair: the file changed since the repair was computed; run it again.');
      return;
    }
    const edit = new vscode.WorkspaceEdit();
    for (const e of result.edits) {
      edit.replace(doc.uri, new vscode.Range(e.range.start.line, e.range.start.character, e.range.end.line, e.range.end.character), e.newText);
    }
    await vscode.workspace.applyEdit(edit);
  });
}
