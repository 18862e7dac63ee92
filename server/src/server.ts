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
import { CompilerUnavailableError, TemporaryFolderError } from './oracle/compiler';
import { Analysis, analyze, AnalysisScheduler } from './features/analysis';
import { codeActionsFor } from './features/codeActions';
import { toLspDiagnostics } from './features/diagnostics';
import { hoverFor } from './features/hover';
import { ModelHost } from './model/modelHost';
import { repairDocumentCommand } from './features/repairCommand';
import { REPAIR_DOCUMENT_COMMAND, STATUS_NOTIFICATION, StatusParams } from './protocol';
import { compilerOptions, normalizeSettings, Settings } from './settings';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const analyses = new Map<string, Analysis>();
const reportedFailures = new Set<string>();
let canPullConfiguration = false;
let initialSettings: Settings = normalizeSettings(undefined);
const settingsCache = new Map<string, Promise<Settings>>();

function settingsFor(uri: string): Promise<Settings> {
  if (!canPullConfiguration) return Promise.resolve(initialSettings);
  let cached = settingsCache.get(uri);
  if (!cached) {
    cached = connection.workspace
      .getConfiguration({ scopeUri: uri, section: 'c-repair' })
      .then(normalizeSettings, () => initialSettings);
    settingsCache.set(uri, cached);
  }
  return cached;
}

const scheduler = new AnalysisScheduler(analyze, (analysis) => {
  const doc = documents.get(analysis.uri);
  if (!doc || doc.version !== analysis.version) return; // stale: a newer version is on its way
  analyses.set(analysis.uri, analysis);
  void connection.sendDiagnostics({ uri: analysis.uri, version: analysis.version, diagnostics: toLspDiagnostics(analysis) });
  const outcome = analysis.outcome;
  if (outcome.kind === 'failed') {
    connection.console.error(outcome.message);
    // Say it once, not on every keystroke; the diagnostic stays on the file.
    const environmental = outcome.error instanceof CompilerUnavailableError || outcome.error instanceof TemporaryFolderError;
    if (environmental && !reportedFailures.has(outcome.message)) {
      reportedFailures.add(outcome.message);
      void connection.sendNotification(ShowMessageNotification.type, {
        type: MessageType.Error,
        message: outcome.error instanceof CompilerUnavailableError ? `${outcome.message}. Set c-repair.compiler or c-repair.compilerPath.` : outcome.message,
      });
    }
  } else if (outcome.kind === 'compiled') {
    reportedFailures.clear();
    sendStatus({ lastRepairMs: outcome.ms });
    connection.console.log(
      `${analysis.uri} v${analysis.version}: ${outcome.result.errorCount} errors, ${outcome.result.warningCount} warnings, ` +
        `${outcome.repairs.length} verified repairs (${outcome.result.ms} ms compile)`,
    );
  }
});

let status: StatusParams = { model: 'absent', active: true };
const modelHost = new ModelHost(
  (change) => sendStatus(change),
  (line) => connection.console.log(line),
);
function sendStatus(change: Partial<StatusParams>): void {
  status = { ...status, ...change };
  void connection.sendNotification(STATUS_NOTIFICATION, status);
}

async function scheduleAnalysis(doc: TextDocument, immediate: boolean): Promise<void> {
  const settings = await settingsFor(doc.uri);
  scheduler.schedule(
    {
      uri: doc.uri,
      version: doc.version,
      text: doc.getText(),
      compiler: compilerOptions(settings),
      maxFileSizeKB: settings.maxFileSizeKB,
      model: await modelHost.ifLoaded(),
    },
    immediate ? 0 : settings.debounceMs,
  );
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
  canPullConfiguration = params.capabilities.workspace?.configuration === true;
  initialSettings = normalizeSettings((params.initializationOptions as { settings?: unknown } | undefined)?.settings);
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
      hoverProvider: true,
      executeCommandProvider: { commands: [REPAIR_DOCUMENT_COMMAND] },
    },
    serverInfo: { name: 'c-repair', version: '0.1.0' },
  };
});

connection.onInitialized(() => {
  if (canPullConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, undefined);
  sendStatus({});
  void globalSettings().then((settings) => modelHost.configure(settings));
});

/** Settings that are not per file (the model's): the workspace's, or those given at start. */
function globalSettings(): Promise<Settings> {
  if (!canPullConfiguration) return Promise.resolve(initialSettings);
  return connection.workspace.getConfiguration('c-repair').then(normalizeSettings, () => initialSettings);
}

connection.onDidChangeConfiguration((change) => {
  settingsCache.clear();
  const pushed = (change.settings as { 'c-repair'?: unknown } | undefined)?.['c-repair'];
  if (pushed !== undefined) initialSettings = normalizeSettings(pushed);
  void globalSettings().then((settings) => modelHost.configure(settings));
  for (const doc of documents.all()) void scheduleAnalysis(doc, true);
});

documents.onDidOpen((e) => void scheduleAnalysis(e.document, true));
documents.onDidChangeContent((e) => void scheduleAnalysis(e.document, false));
documents.onDidSave((e) => void scheduleAnalysis(e.document, true));
documents.onDidClose((e) => {
  scheduler.forget(e.document.uri);
  analyses.delete(e.document.uri);
  settingsCache.delete(e.document.uri);
  void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
});

connection.onCodeAction(async (params) => {
  const analysis = await currentAnalysis(params.textDocument.uri);
  return analysis ? codeActionsFor(analysis, params) : [];
});

connection.onHover(async (params) => {
  const analysis = await currentAnalysis(params.textDocument.uri);
  return analysis ? hoverFor(analysis, params.position) : null;
});

connection.onExecuteCommand(async (params, token) => {
  if (params.command !== REPAIR_DOCUMENT_COMMAND) return null;
  const uri = String(params.arguments?.[0] ?? '');
  const doc = documents.get(uri);
  if (!doc) return { error: `c-repair: ${uri} is not open.` };
  return repairDocumentCommand(doc, await settingsFor(uri), await modelHost.whenLoaded(), token);
});

// Nothing a request does may take the server down: log and answer with an error instead.
process.on('uncaughtException', (e) => connection.console.error(`c-repair server error: ${e.stack ?? e}`));
process.on('unhandledRejection', (e) => connection.console.error(`c-repair server error: ${String(e)}`));

documents.listen(connection);
connection.listen();
