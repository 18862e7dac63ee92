// The language status items of C files (the `{}` next to the language in the status bar): the
// repair model (loading, ready on cpu/cuda, failed and why, absent) and the compiler that judges the
// programs (which one, its version, or why it cannot be run). A missing compiler is an Error, a
// failed model a Warning: VS Code then turns the `{}` into that severity's icon.
import * as vscode from 'vscode';
import type { StatusParams } from '../../server/src/protocol';

const SHOW_OUTPUT_COMMAND = 'c-repair.showOutput';

/** What an item shows, as a person reads it (for the end-to-end tests too). */
export interface LanguageStatusView {
  text: string;
  detail: string;
  severity: vscode.LanguageStatusSeverity;
  busy: boolean;
}

export interface LanguageStatus extends vscode.Disposable {
  update(status: StatusParams): void;
  /** The server is not running, or the workspace is untrusted: nothing is compiled. */
  showInactive(why: string): void;
  readonly model: LanguageStatusView;
  readonly compiler: LanguageStatusView;
}

const { Information, Warning, Error: Err } = vscode.LanguageStatusSeverity;

export function describeModel(s: StatusParams): LanguageStatusView {
  const where = s.provider ? ` (${s.provider})` : '';
  switch (s.model) {
    case 'loading':
      return { text: `Repair model: loading${where}`, detail: 'quick fixes work meanwhile', severity: Information, busy: true };
    case 'ready':
      return { text: `Repair model: ready${where}`, detail: s.reason ?? 'proposals are recompiled before they are offered', severity: Information, busy: false };
    case 'failed':
      return { text: 'Repair model: failed', detail: `${s.reason ?? 'no reason given'}; fix-its and the edit search still work`, severity: Warning, busy: false };
    case 'absent':
    default:
      return { text: 'Repair model: none', detail: s.reason ?? 'fix-its and the edit search only', severity: Information, busy: false };
  }
}

export function describeCompiler(s: StatusParams): LanguageStatusView {
  const c = s.compiler;
  if (!c) return { text: 'Compiler: checking…', detail: '', severity: Information, busy: true };
  if (c.problem) {
    return { text: `Compiler: ${c.executable} not usable`, detail: `${c.problem}; set c-repair.compilerPath`, severity: Err, busy: false };
  }
  const name = c.executable === c.family ? c.family : `${c.family} (${c.executable})`;
  return { text: `Compiler: ${name} ${c.version ?? '(version unknown)'}`, detail: 'judges every repair', severity: Information, busy: false };
}

export function registerLanguageStatus(): LanguageStatus {
  const selector: vscode.DocumentSelector = { language: 'c' };
  const modelItem = vscode.languages.createLanguageStatusItem('c-repair.model', selector);
  modelItem.name = 'c-repair repair model';
  modelItem.command = { title: 'Show log', command: SHOW_OUTPUT_COMMAND };
  const compilerItem = vscode.languages.createLanguageStatusItem('c-repair.compiler', selector);
  compilerItem.name = 'c-repair compiler';
  compilerItem.command = { title: 'Settings', command: 'workbench.action.openSettings', arguments: ['c-repair.compiler'] };

  let model: LanguageStatusView = { text: 'Repair model: starting…', detail: '', severity: Information, busy: true };
  let compiler: LanguageStatusView = { text: 'Compiler: checking…', detail: '', severity: Information, busy: true };
  const show = () => {
    for (const [item, view] of [[modelItem, model], [compilerItem, compiler]] as const) {
      item.text = view.text;
      item.detail = view.detail;
      item.severity = view.severity;
      item.busy = view.busy;
    }
  };
  show();

  return {
    get model() {
      return model;
    },
    get compiler() {
      return compiler;
    },
    update(status) {
      if (!status.active) return this.showInactive('the workspace is not trusted');
      model = describeModel(status);
      compiler = describeCompiler(status);
      show();
    },
    showInactive(why) {
      model = { text: 'Repair model: off', detail: why, severity: Information, busy: false };
      compiler = { text: 'Compiler: off', detail: `${why}: nothing is compiled`, severity: Information, busy: false };
      show();
    },
    dispose() {
      modelItem.dispose();
      compilerItem.dispose();
    },
  };
}
