// "Repair assignment": whole-file iterative repair of an open document, returned (not applied) so
// that the client can show it as a diff and let the student decide.
import { CancellationToken, Range } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { looksBinary } from '../c/sourceText';
import { repairWithFixits } from '../repair/fixitRepair';
import { compilerOptions, Settings } from '../settings';

export const REPAIR_DOCUMENT_COMMAND = 'c-repair.repairDocument';

export type RepairDocumentResult =
  | {
      uri: string;
      version: number;
      repaired: string;
      edits: { range: Range; newText: string; explanation: string }[];
      errorsBefore: number;
      errorsAfter: number;
    }
  | { error: string };

export async function repairDocumentCommand(
  doc: TextDocument,
  settings: Settings,
  token: CancellationToken,
): Promise<RepairDocumentResult> {
  const text = doc.getText();
  if (Buffer.byteLength(text, 'utf8') > settings.maxFileSizeKB * 1024) {
    return { error: `c-repair: the file is over the ${settings.maxFileSizeKB} KB limit (c-repair.maxFileSizeKB).` };
  }
  if (looksBinary(text)) return { error: 'c-repair: the file looks binary, not C source.' };
  const controller = new AbortController();
  const subscription = token.onCancellationRequested(() => controller.abort());
  try {
    const r = await repairWithFixits(text, compilerOptions(settings), 5, controller.signal);
    if (controller.signal.aborted) return { error: 'c-repair: repair cancelled.' };
    return {
      uri: doc.uri,
      version: doc.version,
      repaired: r.repaired,
      edits: r.edits.map((e) => ({
        range: { start: doc.positionAt(e.start), end: doc.positionAt(e.end) },
        newText: e.newText,
        explanation: e.explanation,
      })),
      errorsBefore: r.before.errorCount,
      errorsAfter: r.after.errorCount,
    };
  } catch (e) {
    return { error: (e as Error).message };
  } finally {
    subscription.dispose();
  }
}
