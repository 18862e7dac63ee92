// Fix all (`source.fixAll.c-repair`, e.g. on save): every verified compile repair of the file as one
// edit set, for the version of the document it was computed from. Compile repair only: the student's
// program is never run. The budget (c-repair.fixAllTimeoutMs) ends the search like a cancel; the
// rounds verified by then (each recompiled and judged progress) are applied, the rest is left.
import { CancellationToken, CodeAction, CodeActionKind } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { checkRepairable } from '../c/sourceText';
import { RepairEngine } from '../repair/engine';
import type { ModelSource } from '../repair/modelSource';
import { compilerOptions, Settings } from '../settings';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.c-repair`;

/**
 * Whether a code action of `kind` answers a request for the kinds `only` (LSP kinds are
 * hierarchical: `source` asks for `source.fixAll.c-repair` too). Without `only`, `byDefault`.
 */
export function kindRequested(only: readonly string[] | undefined, kind: string, byDefault: boolean): boolean {
  if (!only || only.length === 0) return byDefault;
  return only.some((k) => kind === k || kind.startsWith(`${k}.`));
}

export async function fixAllAction(
  live: TextDocument,
  settings: Settings,
  model: ModelSource | undefined,
  token: CancellationToken,
): Promise<CodeAction | undefined> {
  // A snapshot: the open document changes in place while the repair runs.
  const doc = TextDocument.create(live.uri, live.languageId, live.version, live.getText());
  const text = doc.getText();
  const version = doc.version;
  if (checkRepairable(text, Buffer.byteLength(text, 'utf8'), settings.maxFileSizeKB, 'this file', 'setting c-repair.maxFileSizeKB')) return undefined;
  const controller = new AbortController();
  const subscription = token.onCancellationRequested(() => controller.abort());
  try {
    const signal = AbortSignal.any([controller.signal, AbortSignal.timeout(settings.fixAllTimeoutMs)]);
    // No tests: the compiler is the only judge, and nothing of the student's runs.
    const r = await new RepairEngine({ compiler: compilerOptions(settings), model, signal }).repair(text);
    if (controller.signal.aborted || r.edits.length === 0) return undefined;
    const n = r.edits.length;
    return {
      title: `c-repair: fix all (${n} edit${n === 1 ? '' : 's'}, errors ${r.before.errorCount} → ${r.after.errorCount})`,
      kind: FIX_ALL_KIND,
      edit: {
        documentChanges: [
          {
            // The version guards against applying edits computed for older text.
            textDocument: { uri: doc.uri, version },
            edits: r.edits.map((e) => ({ range: { start: doc.positionAt(e.start), end: doc.positionAt(e.end) }, newText: e.newText })),
          },
        ],
      },
    };
  } catch {
    return undefined; // a compiler that cannot run: the diagnostics already say so
  } finally {
    subscription.dispose();
  }
}
