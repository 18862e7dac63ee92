// Inline diff: the repairs the server proposes for a file, shown in place before the student accepts
// them. Deleted text is struck through on a red background, inserted text follows in green, and a
// CodeLens above the line offers "Apply repair" and "Dismiss". The server chooses the proposals for
// the whole document in one request (the preferred quick fix of each diagnostic, none overlapping:
// what the lightbulb would apply); this file only draws them and remembers what was dismissed.
import * as vscode from 'vscode';
import { LanguageClient, State } from 'vscode-languageclient/node';
import { DIAGNOSTIC_SOURCE, INLINE_PROPOSALS_REQUEST, InlineProposalsParams, InlineProposalsResult } from '../../server/src/protocol';

const SETTING = 'c-repair.inlineDiff';
const APPLY_COMMAND = 'c-repair.inlineDiff.apply';
const DISMISS_COMMAND = 'c-repair.inlineDiff.dismiss';

export interface InlineProposal {
  /** The quick fix's title, e.g. "Repair: insert `;` on line 9". */
  title: string;
  /** The edits this quick fix makes to the file. */
  edits: vscode.TextEdit[];
  /** The whole quick fix, applied as the lightbulb would apply it. */
  action: vscode.CodeAction;
}

export interface InlineDiff extends vscode.Disposable {
  /** The proposals shown for a document now (after the last refresh). */
  proposals(uri: vscode.Uri): readonly InlineProposal[];
  /** Fires after the proposals of a document were recomputed. */
  readonly onDidRefresh: vscode.Event<vscode.Uri>;
}

const isRepairDiagnostic = (d: vscode.Diagnostic) => d.source === DIAGNOSTIC_SOURCE;
const proposalKey = (p: InlineProposal) =>
  `${p.title}|${p.edits.map((e) => `${e.range.start.line}:${e.range.start.character}-${e.range.end.line}:${e.range.end.character}=${e.newText}`).join(',')}`;

/** Whether the editor is the left side of a diff against a proposed repair ("Repair assignment"). */
const inProposedDiff = (editor: vscode.TextEditor) =>
  vscode.window.visibleTextEditors.some(
    (other) =>
      other.document.uri.scheme === 'c-repair-proposed' &&
      other.document.uri.query === editor.document.uri.toString() &&
      other.viewColumn === editor.viewColumn,
  );

/** One line of inserted text as it can be shown inside a line (decorations cannot break lines). */
const visibleInsertion = (text: string) => text.replace(/\r?\n/g, '⏎').replace(/\t/g, '  ');

export function registerInlineDiff(getClient: () => LanguageClient | undefined): InlineDiff {
  const deleted = vscode.window.createTextEditorDecorationType({
    backgroundColor: new vscode.ThemeColor('diffEditor.removedTextBackground'),
    textDecoration: 'line-through',
    overviewRulerColor: new vscode.ThemeColor('editorOverviewRuler.deletedForeground'),
    overviewRulerLane: vscode.OverviewRulerLane.Left,
  });
  const inserted = vscode.window.createTextEditorDecorationType({
    after: {
      backgroundColor: new vscode.ThemeColor('diffEditor.insertedTextBackground'),
      color: new vscode.ThemeColor('gitDecoration.addedResourceForeground'),
      fontWeight: 'bold',
    },
    overviewRulerColor: new vscode.ThemeColor('editorOverviewRuler.addedForeground'),
    overviewRulerLane: vscode.OverviewRulerLane.Left,
  });

  const shown = new Map<string, InlineProposal[]>(); // by document URI
  const dismissed = new Map<string, Set<string>>(); // by document URI, until the text changes
  const generation = new Map<string, number>(); // drops answers to older refreshes
  const refreshed = new vscode.EventEmitter<vscode.Uri>();
  const lensesChanged = new vscode.EventEmitter<void>();
  const enabled = () => vscode.workspace.getConfiguration().get<boolean>(SETTING, true);

  const render = (uri: vscode.Uri) => {
    const proposals = shown.get(uri.toString()) ?? [];
    for (const editor of vscode.window.visibleTextEditors) {
      if (editor.document.uri.toString() !== uri.toString()) continue;
      if (inProposedDiff(editor)) {
        // The diff view of "Repair assignment" already shows the changes: do not draw them twice.
        editor.setDecorations(deleted, []);
        editor.setDecorations(inserted, []);
        continue;
      }
      const dels: vscode.DecorationOptions[] = [];
      const ins: vscode.DecorationOptions[] = [];
      for (const p of proposals) {
        for (const e of p.edits) {
          if (!e.range.isEmpty) dels.push({ range: e.range, hoverMessage: p.title });
          if (e.newText) {
            ins.push({
              range: new vscode.Range(e.range.end, e.range.end),
              hoverMessage: p.title,
              renderOptions: { after: { contentText: visibleInsertion(e.newText) } },
            });
          }
        }
      }
      editor.setDecorations(deleted, dels);
      editor.setDecorations(inserted, ins);
    }
    lensesChanged.fire();
  };

  const refresh = async (doc: vscode.TextDocument) => {
    const uri = doc.uri;
    const key = uri.toString();
    const mine = (generation.get(key) ?? 0) + 1;
    generation.set(key, mine);
    const proposals: InlineProposal[] = [];
    const client = getClient();
    // One request per document, and none for a file without c-repair diagnostics.
    if (enabled() && doc.languageId === 'c' && client?.state === State.Running && vscode.languages.getDiagnostics(uri).some(isRepairDiagnostic)) {
      const version = doc.version;
      const params: InlineProposalsParams = { textDocument: { uri: client.code2ProtocolConverter.asUri(uri) } };
      const answer = await client.sendRequest<InlineProposalsResult>(INLINE_PROPOSALS_REQUEST, params);
      // The text changed while we asked: a newer refresh is coming, keep nothing from this one.
      if (doc.version !== version || (answer && answer.version !== version)) return;
      for (const action of await Promise.all((answer?.proposals ?? []).map((a) => client.protocol2CodeConverter.asCodeAction(a)))) {
        const edits = action.edit?.get(uri) ?? [];
        if (edits.length === 0) continue;
        const p: InlineProposal = { title: action.title, edits, action };
        if (!dismissed.get(key)?.has(proposalKey(p))) proposals.push(p);
      }
    }
    if (generation.get(key) !== mine) return;
    shown.set(key, proposals);
    render(uri);
    refreshed.fire(uri);
  };

  // Diagnostics arrive in bursts; wait a little so that each burst costs one round of requests.
  const pending = new Map<string, NodeJS.Timeout>();
  const schedule = (doc: vscode.TextDocument, delayMs = 50) => {
    const key = doc.uri.toString();
    clearTimeout(pending.get(key));
    pending.set(key, setTimeout(() => {
      pending.delete(key);
      refresh(doc).catch((e) => console.error(`c-repair inline diff: ${e}`));
    }, delayMs));
  };
  const scheduleVisible = () => {
    for (const editor of vscode.window.visibleTextEditors) if (editor.document.languageId === 'c') schedule(editor.document);
  };

  const lenses: vscode.CodeLensProvider = {
    onDidChangeCodeLenses: lensesChanged.event,
    provideCodeLenses(doc) {
      const proposals = shown.get(doc.uri.toString()) ?? [];
      return proposals.flatMap((p, index) => {
        const at = new vscode.Range(p.edits[0].range.start, p.edits[0].range.start);
        const args = [doc.uri.toString(), index, doc.version];
        return [
          new vscode.CodeLens(at, { title: `$(lightbulb) c-repair: Apply repair (${p.title.replace(/^Repair: /, '')})`, command: APPLY_COMMAND, arguments: args }),
          new vscode.CodeLens(at, { title: 'Dismiss', command: DISMISS_COMMAND, arguments: args }),
        ];
      });
    },
  };

  const disposables: vscode.Disposable[] = [
    deleted,
    inserted,
    refreshed,
    lensesChanged,
    vscode.languages.registerCodeLensProvider({ language: 'c' }, lenses),
    vscode.languages.onDidChangeDiagnostics((e) => {
      for (const uri of e.uris) {
        const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
        if (doc?.languageId === 'c') schedule(doc);
      }
    }),
    vscode.window.onDidChangeVisibleTextEditors(() => {
      for (const uri of shown.keys()) render(vscode.Uri.parse(uri));
    }),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.contentChanges.length === 0) return;
      // Proposals were computed for the old text: hide them until the server has answered again.
      const key = e.document.uri.toString();
      dismissed.delete(key);
      if ((shown.get(key) ?? []).length > 0) {
        shown.set(key, []);
        render(e.document.uri);
      }
    }),
    vscode.workspace.onDidCloseTextDocument((d) => {
      shown.delete(d.uri.toString());
      dismissed.delete(d.uri.toString());
      generation.delete(d.uri.toString());
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(SETTING) || e.affectsConfiguration('c-repair.feedback')) scheduleVisible();
    }),
    vscode.commands.registerCommand(APPLY_COMMAND, async (uri: string, index: number, version: number) => {
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
      const p = shown.get(uri)?.[index];
      if (!doc || !p || doc.version !== version) {
        void vscode.window.showWarningMessage('c-repair: the file changed since this repair was proposed.');
        return;
      }
      if (!(await vscode.workspace.applyEdit(p.action.edit!))) {
        void vscode.window.showWarningMessage('c-repair: the repair could not be applied (the file changed?).');
        return;
      }
      if (p.action.command) await vscode.commands.executeCommand(p.action.command.command, ...(p.action.command.arguments ?? []));
    }),
    vscode.commands.registerCommand(DISMISS_COMMAND, (uri: string, index: number) => {
      const p = shown.get(uri)?.[index];
      if (!p) return;
      const set = dismissed.get(uri) ?? new Set<string>();
      set.add(proposalKey(p));
      dismissed.set(uri, set);
      shown.set(uri, (shown.get(uri) ?? []).filter((q) => q !== p));
      render(vscode.Uri.parse(uri));
      refreshed.fire(vscode.Uri.parse(uri));
    }),
  ];
  scheduleVisible();

  return {
    proposals: (uri) => shown.get(uri.toString()) ?? [],
    onDidRefresh: refreshed.event,
    dispose() {
      for (const t of pending.values()) clearTimeout(t);
      for (const d of disposables) d.dispose();
    },
  };
}
