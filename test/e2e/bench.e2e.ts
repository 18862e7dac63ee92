// Benchmark (not a timed test): from an edit of a broken file until its repair is available as a
// code action, in a real VS Code. The server waits for the analysis of the current version before
// answering, so one code-action request right after the edit measures the whole path: debounce,
// compile, repair search and verification, and the LSP round trips. Median over EDITS edits.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { assert, extensionApi, log, openC, RESULTS_DIR, runAll, test, waitFor, repairErrors } from './harness';

const EDITS = 20;

/** Makes EDITS edits and measures each one until the repair is offered; returns the samples in ms. */
async function measure(editor: vscode.TextEditor): Promise<number[]> {
  const uri = editor.document.uri;
  const samples: number[] = [];
  for (let i = 0; i < EDITS; i++) {
    // An edit like a keystroke in the comment on line 3: the file stays broken, its text new.
    const start = performance.now();
    const ok = await editor.edit((b) => b.insert(new vscode.Position(2, 2), String(i % 10)));
    assert(ok, 'the edit failed');
    const version = editor.document.version;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider', uri, new vscode.Range(8, 0, 9, 0), vscode.CodeActionKind.QuickFix.value,
    );
    const ms = performance.now() - start;
    assert(editor.document.version === version, 'the document changed while measuring');
    assert(actions.some((a) => a.title.startsWith('Repair: insert `;`')), `edit ${i}: no repair offered: ${actions.map((a) => a.title).join(', ')}`);
    samples.push(ms);
    log(`edit ${i}: ${ms.toFixed(0)} ms`);
  }
  return samples;
}

function summary(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const n = sorted.length;
  return {
    medianMs: Math.round((sorted[Math.floor((n - 1) / 2)] + sorted[Math.ceil((n - 1) / 2)]) / 2),
    minMs: Math.round(sorted[0]),
    maxMs: Math.round(sorted[n - 1]),
    samplesMs: samples.map((s) => Math.round(s)),
  };
}

test(`edit → repair code action available (median of ${EDITS} edits)`, async () => {
  const editor = await openC('bench.c');
  await extensionApi();
  await waitFor('the first analysis', () => repairErrors(editor.document.uri).length > 0, 30_000);
  const config = vscode.workspace.getConfiguration('c-repair');
  const debounceMs = config.get<number>('debounceMs');
  // As shipped (the debounce waits for typing to pause), then without it: the engine's own cost.
  const shipped = summary(await measure(editor));
  let noDebounce;
  try {
    await config.update('debounceMs', 0, vscode.ConfigurationTarget.Workspace);
    await waitFor('the server to take the setting', () => repairErrors(editor.document.uri).length > 0);
    noDebounce = summary(await measure(editor));
  } finally {
    await config.update('debounceMs', undefined, vscode.ConfigurationTarget.Workspace);
  }
  const report = {
    what: 'edit of a broken file -> its repair code action is available (real VS Code, real server, gcc)',
    edits: EDITS,
    [`debounceMs=${debounceMs}`]: shipped,
    'debounceMs=0': noDebounce,
  };
  fs.writeFileSync(path.join(RESULTS_DIR, 'bench.json'), JSON.stringify(report, null, 2));
}, 180_000);

export function run(): Promise<void> {
  return runAll('bench');
}
