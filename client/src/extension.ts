// The thin client: starts the c-repair language server and registers the editor features.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { ProposedRepairContent } from './proposedContent';
import { registerRepairAssignment } from './repairCommand';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('c-repair', { log: true });
  context.subscriptions.push(output);
  const proposed = new ProposedRepairContent();
  context.subscriptions.push(vscode.workspace.registerTextDocumentContentProvider(ProposedRepairContent.scheme, proposed));
  context.subscriptions.push(registerRepairAssignment(() => client, proposed));

  if (!vscode.workspace.isTrusted) {
    // Compiling runs programs named by settings: never in a workspace the user has not trusted.
    output.info('Workspace not trusted: c-repair compiles and runs nothing until it is.');
    void vscode.window.showInformationMessage('c-repair is off in this untrusted workspace: it compiles and runs nothing until you trust it.');
    context.subscriptions.push(vscode.workspace.onDidGrantWorkspaceTrust(() => void startClient(context, output)));
    return;
  }
  await startClient(context, output);
}

async function startClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): Promise<void> {
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
    synchronize: { configurationSection: 'c-repair' },
    outputChannel: output,
  };
  client = new LanguageClient('c-repair', 'c-repair', serverOptions, clientOptions);
  context.subscriptions.push(client);
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
