// The c-repair language server: LSP wiring only. The logic lives in c/, oracle/, repair/ and features/.
import {
  CodeActionKind,
  createConnection,
  DidChangeConfigurationNotification,
  MessageType,
  ProposedFeatures,
  ShowMessageNotification,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Analysis, analyze, AnalysisScheduler } from './features/analysis';
import { CodeActionSupport, codeActionsFor } from './features/codeActions';
import { toLspDiagnostics } from './features/diagnostics';
import { FIX_ALL_KIND, fixAllAction, kindRequested } from './features/fixAll';
import { hoverFor } from './features/hover';
import { inlineProposals } from './features/inlineProposals';
import { ModelHost } from './model/modelHost';
import { repairDocumentCommand } from './features/repairCommand';
import { StatusReporter } from './features/status';
import { compilerStatus } from './oracle/compilerVersion';
import { INLINE_PROPOSALS_REQUEST, InlineProposalsParams, InlineProposalsResult, REPAIR_DOCUMENT_COMMAND, STATUS_NOTIFICATION } from './protocol';
import { compilerOptions, SettingsSource } from './settings';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const analyses = new Map<string, Analysis>();
const settings = new SettingsSource((scopeUri) => connection.workspace.getConfiguration({ scopeUri, section: 'c-repair' }));
const status = new StatusReporter(
  (params) => void connection.sendNotification(STATUS_NOTIFICATION, params),
  (message) => void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Error, message }),
  () => void checkCompiler(),
);
/** What the client shows of diagnostics and code actions (from its capabilities at initialize). */
let support: CodeActionSupport = { relatedInformation: false, codeDescription: false, disabled: false };

/** The compiler in the settings and its version, for the language status. */
async function checkCompiler(): Promise<void> {
  status.update({ compiler: await compilerStatus(compilerOptions(await settings.global())) });
}
const modelHost = new ModelHost(
  (change) => status.update(change),
  (line) => connection.console.log(line),
);

/** Documents with diagnostics published, to clear when c-repair.feedback turns `off`. */
const published = new Set<string>();

const scheduler = new AnalysisScheduler(analyze, (analysis) => {
  const doc = documents.get(analysis.uri);
  if (!doc || doc.version !== analysis.version) return; // stale: a newer version is on its way
  analyses.set(analysis.uri, analysis);
  published.add(analysis.uri);
  void connection.sendDiagnostics({ uri: analysis.uri, version: analysis.version, diagnostics: toLspDiagnostics(analysis, analysis.feedback, support) });
  const outcome = analysis.outcome;
  status.analysed(outcome);
  if (outcome.kind === 'failed') connection.console.error(outcome.message);
  if (outcome.kind === 'compiled') {
    connection.console.log(
      `${analysis.uri} v${analysis.version}: ${outcome.result.errorCount} errors, ${outcome.result.warningCount} warnings, ` +
        `${outcome.repairs.length} verified repairs (${outcome.result.ms} ms compile)`,
    );
  }
});

function scheduleAnalysis(doc: TextDocument, immediate: boolean): void {
  const { uri, version } = doc;
  const text = doc.getText();
  scheduler.schedule(uri, async () => {
    const current = await settings.forDocument(uri);
    if (current.feedback === 'off') {
      // Off for this workspace: compile nothing, publish nothing (and take back what was published).
      analyses.delete(uri);
      if (published.delete(uri)) void connection.sendDiagnostics({ uri, diagnostics: [] });
      return undefined;
    }
    const request = {
      uri,
      feedback: current.feedback,
      version,
      text,
      compiler: compilerOptions(current),
      maxFileSizeKB: current.maxFileSizeKB,
      model: await modelHost.ifLoaded(),
    };
    return { request, delayMs: immediate ? 0 : current.debounceMs };
  });
}

/** The analysis of the document's current version, waiting for it if it is still running. */
async function currentAnalysis(uri: string): Promise<Analysis | undefined> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const doc = documents.get(uri);
    if (!doc) return undefined;
    const known = analyses.get(uri);
    if (known && known.version === doc.version) return known;
    const done = await scheduler.whenDone(uri);
    if (done && done.version === documents.get(uri)?.version) return done;
  }
  return undefined;
}

connection.onInitialize((params) => {
  settings.initialize(
    params.capabilities.workspace?.configuration === true,
    (params.initializationOptions as { settings?: unknown } | undefined)?.settings,
  );
  const text = params.capabilities.textDocument;
  support = {
    relatedInformation: text?.publishDiagnostics?.relatedInformation === true,
    codeDescription: text?.publishDiagnostics?.codeDescriptionSupport === true,
    disabled: text?.codeAction?.disabledSupport === true,
  };
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
      hoverProvider: true,
      executeCommandProvider: { commands: [REPAIR_DOCUMENT_COMMAND] },
    },
    serverInfo: { name: 'c-repair', version: '0.1.0' },
  };
});

connection.onInitialized(() => {
  if (settings.pulled) void connection.client.register(DidChangeConfigurationNotification.type, undefined);
  status.update({});
  void settings.global().then((s) => modelHost.configure(s));
  void checkCompiler();
});

connection.onDidChangeConfiguration((change) => {
  settings.changed((change.settings as { 'c-repair'?: unknown } | null | undefined)?.['c-repair']);
  void settings.global().then((s) => modelHost.configure(s));
  void checkCompiler();
  for (const doc of documents.all()) scheduleAnalysis(doc, true);
});

documents.onDidOpen((e) => scheduleAnalysis(e.document, true));
documents.onDidChangeContent((e) => scheduleAnalysis(e.document, false));
documents.onDidSave((e) => scheduleAnalysis(e.document, true));
documents.onDidClose((e) => {
  scheduler.forget(e.document.uri);
  analyses.delete(e.document.uri);
  settings.forget(e.document.uri);
  published.delete(e.document.uri);
  void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
});

connection.onCodeAction(async (params, token) => {
  const uri = params.textDocument.uri;
  const current = await settings.forDocument(uri);
  // Hint-only feedback offers no edit at all, and `off` nothing.
  if (current.feedback !== 'repair') return [];
  const only = params.context.only;
  const actions = [];
  if (kindRequested(only, CodeActionKind.QuickFix, true)) {
    const analysis = await currentAnalysis(uri);
    if (analysis) actions.push(...codeActionsFor(analysis, params, support));
  }
  // Fix all repairs the whole file (seconds): only when asked for by kind, e.g. on save.
  const doc = documents.get(uri);
  if (doc && kindRequested(only, FIX_ALL_KIND, false)) {
    const fix = await fixAllAction(doc, current, await modelHost.ifLoaded(), token);
    if (fix) actions.push(fix);
  }
  return actions;
});

// The inline diff asks once per document; the server chooses what it shows.
connection.onRequest(INLINE_PROPOSALS_REQUEST, async (params: InlineProposalsParams): Promise<InlineProposalsResult> => {
  const uri = params.textDocument.uri;
  // Hint-only feedback shows no edit (and `off` has no analysis).
  const repairing = (await settings.forDocument(uri)).feedback === 'repair';
  const analysis = await currentAnalysis(uri);
  return analysis ? { version: analysis.version, proposals: repairing ? inlineProposals(analysis, support) : [] } : null;
});

connection.onHover(async (params) => {
  const analysis = await currentAnalysis(params.textDocument.uri);
  return analysis ? hoverFor(analysis, params.position, analysis.feedback) : null;
});

connection.onExecuteCommand(async (params, token) => {
  if (params.command !== REPAIR_DOCUMENT_COMMAND) return null;
  const uri = String(params.arguments?.[0] ?? '');
  const doc = documents.get(uri);
  if (!doc) return { error: `c-repair: ${uri} is not open.` };
  return repairDocumentCommand(doc, await settings.forDocument(uri), await modelHost.whenLoaded(), token);
});

// Nothing a request does may take the server down: log and answer with an error instead.
process.on('uncaughtException', (e) => connection.console.error(`c-repair server error: ${e.stack ?? e}`));
process.on('unhandledRejection', (e) => connection.console.error(`c-repair server error: ${String(e)}`));

documents.listen(connection);
connection.listen();
