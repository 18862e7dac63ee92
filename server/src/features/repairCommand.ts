// "Repair assignment": whole-file iterative repair of an open document against its tests, returned
// (not applied) so that the client can show it as a diff and let the student decide.
import { CancellationToken } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { checkRepairable } from '../c/sourceText';
import { fileURLToPath } from 'node:url';
import { discoverTests } from '../oracle/testDiscovery';
import { RepairEngine } from '../repair/engine';
import { hintsFor } from '../repair/hints';
import type { ModelSource } from '../repair/modelSource';
import { compilerOptions, Settings } from '../settings';

import type { RepairDocumentResult } from '../protocol';

export async function repairDocumentCommand(
  live: TextDocument,
  settings: Settings,
  model: ModelSource | undefined,
  token: CancellationToken,
): Promise<RepairDocumentResult> {
  if (settings.feedback === 'off') return { error: 'c-repair is off in this workspace (setting c-repair.feedback).' };
  // A snapshot: the open document changes in place while the repair runs, and the edits' ranges and
  // version must be those of the text that was repaired.
  const doc = TextDocument.create(live.uri, live.languageId, live.version, live.getText());
  const text = doc.getText();
  const refused = checkRepairable(text, Buffer.byteLength(text, 'utf8'), settings.maxFileSizeKB, 'this file', 'setting c-repair.maxFileSizeKB');
  if (refused) return { error: refused.message };
  const controller = new AbortController();
  const subscription = token.onCancellationRequested(() => controller.abort());
  try {
    // The assignment's tests, found next to the file (tests/<stem>/ or tests/), judge logic repairs;
    // reference*.c there guide them.
    const assignment = doc.uri.startsWith('file:') ? discoverTests(fileURLToPath(doc.uri)) : undefined;
    const tests = assignment?.tests;
    // The budget ends the search like a cancel, but what was verified by then is still proposed.
    const budget = AbortSignal.timeout(settings.repairTimeoutSeconds * 1000);
    const signal = AbortSignal.any([controller.signal, budget]);
    const engine = new RepairEngine({ compiler: compilerOptions(settings), tests, references: assignment?.references, model, signal });
    const r = await engine.repair(text);
    if (controller.signal.aborted) return { error: 'c-repair: repair cancelled.' };
    // Hint mode: the repaired text and the edits never leave the server, only words about them.
    const hint = settings.feedback === 'hint';
    return {
      uri: doc.uri,
      version: doc.version,
      repaired: hint ? null : r.repaired,
      ...(hint ? { hints: hintsFor(text, r.edits) } : {}),
      edits: hint ? [] : r.edits.map((e) => ({
        range: { start: doc.positionAt(e.start), end: doc.positionAt(e.end) },
        newText: e.newText,
        explanation: e.explanation,
      })),
      errorsBefore: r.before.errorCount,
      errorsAfter: r.after.errorCount,
      testsPassedBefore: r.testsBefore?.passed ?? null,
      testsPassedAfter: r.testsAfter?.passed ?? null,
      testsTotal: tests?.length ?? null,
      faultLines: r.faultLines ?? [],
      status: r.status,
    };
  } catch (e) {
    return { error: (e as Error).message };
  } finally {
    subscription.dispose();
  }
}
