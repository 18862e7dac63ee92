// Read-only documents holding proposed repaired programs, so VS Code's diff view can show them.
import * as vscode from 'vscode';

export class ProposedRepairContent implements vscode.TextDocumentContentProvider {
  static readonly scheme = 'c-repair-proposed';
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  /** Stores a proposal for `source` and returns the URI that shows it. */
  propose(source: vscode.Uri, text: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: ProposedRepairContent.scheme, path: source.path, query: source.toString() });
    this.texts.set(uri.toString(), text);
    this.changed.fire(uri);
    return uri;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }
}
