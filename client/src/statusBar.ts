// The status bar item: what the repair model is doing (loading, ready, failed and why, absent), where
// it runs, and how long the last repair took, as the server reports it; a click opens the log.
import * as vscode from 'vscode';
import type { StatusParams } from '../../server/src/protocol';

const SHOW_OUTPUT_COMMAND = 'c-repair.showOutput';

export interface StatusBar extends vscode.Disposable {
  /** The workspace is untrusted: nothing runs until it is. */
  showUntrusted(): void;
  /** Shows the server's `c-repair/status` notification. */
  update(status: StatusParams): void;
  /** The server is not running (it stopped or could not start). */
  showStopped(reason: string): void;
  /** What the item says now (for tests and bug reports: the text a person reads). */
  readonly text: string;
}

/** The item's text and tooltip for a status; pure, so that the wording is easy to review. */
export function describeStatus(s: StatusParams): { text: string; tooltip: string; error: boolean } {
  if (!s.active) return { text: 'c-repair: off (untrusted)', tooltip: 'The workspace is not trusted: c-repair compiles and runs nothing.', error: false };
  const where = s.provider ? ` · ${s.provider}` : '';
  const last = s.lastAnalysisMs !== undefined ? ` · ${Math.round(s.lastAnalysisMs)} ms` : '';
  const lastTip = s.lastAnalysisMs !== undefined ? `\nLast analysis (compile and verified quick fixes): ${Math.round(s.lastAnalysisMs)} ms.` : '';
  switch (s.model) {
    case 'loading':
      return { text: `$(sync~spin) c-repair: loading model${where}`, tooltip: `Loading the repair model${where}…${lastTip}`, error: false };
    case 'ready':
      return {
        text: `$(check) c-repair: ready${where}${last}`,
        tooltip: `Repair model ready on ${s.provider ?? 'an unknown provider'}.${s.reason ? `\n${s.reason}` : ''}${lastTip}`,
        error: false,
      };
    case 'failed':
      return {
        text: `$(error) c-repair: model failed${last}`,
        tooltip: `The repair model failed: ${s.reason ?? 'no reason given'}.\nCompiler fix-its and edit search still work.${lastTip}`,
        error: true,
      };
    case 'absent':
    default:
      return {
        text: `$(tools) c-repair: no model${last}`,
        tooltip: `No repair model: c-repair repairs with the compiler's fix-its and edit search only.${s.reason ? `\n${s.reason}` : ''}${lastTip}`,
        error: false,
      };
  }
}

export function registerStatusBar(output: vscode.OutputChannel): StatusBar {
  const item = vscode.window.createStatusBarItem('c-repair.status', vscode.StatusBarAlignment.Right, 100);
  item.name = 'c-repair';
  item.command = SHOW_OUTPUT_COMMAND;
  const show = (text: string, tooltip: string, error: boolean) => {
    item.text = text;
    item.tooltip = `${tooltip}\n\nClick to open the c-repair log.`;
    item.backgroundColor = error ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    item.show();
  };
  show('$(sync~spin) c-repair: starting', 'Starting the c-repair language server…', false);
  const command = vscode.commands.registerCommand(SHOW_OUTPUT_COMMAND, () => output.show(true));

  return {
    get text() {
      return item.text;
    },
    showUntrusted() {
      const d = describeStatus({ model: 'absent', active: false });
      show(d.text, d.tooltip, d.error);
    },
    showStopped(reason: string) {
      show('$(error) c-repair: stopped', `The c-repair language server is not running: ${reason}`, true);
    },
    update(status: StatusParams) {
      const d = describeStatus(status);
      show(d.text, d.tooltip, d.error);
    },
    dispose() {
      item.dispose();
      command.dispose();
    },
  };
}
