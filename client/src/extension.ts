// The thin client: starts the c-repair language server and registers the editor features, one file
// each (status bar, language status, inline diff, Repair assignment); the server owns all the logic.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, State, TransportKind } from 'vscode-languageclient/node';
import { STATUS_NOTIFICATION, StatusParams } from '../../server/src/protocol';
import { InlineDiff, registerInlineDiff } from './inlineDiff';
import { LanguageStatus, registerLanguageStatus } from './languageStatus';
import { ProposedRepairContent } from './proposedContent';
import { registerRepairAssignment } from './repairCommand';
import { restartingErrorHandler } from './serverRestarts';
import { registerStatusBar, StatusBar } from './statusBar';

let client: LanguageClient | undefined;

/** What activate() returns: read-only views of what the editor shows, for the end-to-end tests. */
export interface CRepairApi {
  /** The status bar item's text, as a person reads it. */
  statusText(): string;
  /** The language status items of C files (model and compiler), as a person reads them. */
  readonly languageStatus: Pick<LanguageStatus, 'model' | 'compiler'>;
  readonly inlineDiff: Pick<InlineDiff, 'proposals' | 'onDidRefresh'>;
}

export async function activate(context: vscode.ExtensionContext): Promise<CRepairApi> {
  const output = vscode.window.createOutputChannel('c-repair', { log: true });
  context.subscriptions.push(output);
  const proposed = new ProposedRepairContent();
  context.subscriptions.push(vscode.workspace.registerTextDocumentContentProvider(ProposedRepairContent.scheme, proposed));
  context.subscriptions.push(registerRepairAssignment(() => client, proposed));
  const statusBar = registerStatusBar(output);
  context.subscriptions.push(statusBar);
  const languageStatus = registerLanguageStatus();
  context.subscriptions.push(languageStatus);
  const inlineDiff = registerInlineDiff(() => client);
  context.subscriptions.push(inlineDiff);
  const api: CRepairApi = { statusText: () => statusBar.text, languageStatus, inlineDiff };

  if (!vscode.workspace.isTrusted) {
    // Compiling runs programs named by settings: never in a workspace the user has not trusted.
    output.info('Workspace not trusted: c-repair compiles and runs nothing until it is.');
    statusBar.showUntrusted();
    languageStatus.showInactive('the workspace is not trusted');
    void vscode.window.showInformationMessage('c-repair is off in this untrusted workspace: it compiles and runs nothing until you trust it.');
    context.subscriptions.push(vscode.workspace.onDidGrantWorkspaceTrust(() => void startClient(context, output, statusBar, languageStatus)));
    return api;
  }
  await startClient(context, output, statusBar, languageStatus);
  return api;
}

async function startClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel, statusBar: StatusBar, languageStatus: LanguageStatus): Promise<void> {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'c' },
      { scheme: 'untitled', language: 'c' },
    ],
    // Settings: the server pulls them (workspace/configuration, per file) and registers for change
    // notifications itself; nothing is pushed from here.
    outputChannel: output,
    errorHandler: restartingErrorHandler(),
  };
  client = new LanguageClient('c-repair', 'c-repair', serverOptions, clientOptions);
  context.subscriptions.push(client);
  // One handler per notification method: both views follow it.
  context.subscriptions.push(
    client.onNotification(STATUS_NOTIFICATION, (s: StatusParams) => {
      statusBar.update(s);
      languageStatus.update(s);
    }),
  );
  const stopped = (reason: string) => {
    statusBar.showStopped(reason);
    languageStatus.showInactive(`the c-repair server is not running: ${reason}`);
  };
  context.subscriptions.push(
    client.onDidChangeState((e) => {
      if (e.newState === State.Stopped) stopped('it stopped; see the c-repair log');
    }),
  );
  try {
    await client.start();
  } catch (e) {
    stopped(e instanceof Error ? e.message : String(e));
    throw e;
  }
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
