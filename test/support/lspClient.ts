// A real LSP client over stdio for tests: starts the built server (dist/server.js) as a child
// process and speaks JSON-RPC to it, like an editor does.
import { ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import {
  ClientCapabilities,
  CodeAction,
  createProtocolConnection,
  Diagnostic,
  InitializeRequest,
  InitializeResult,
  Range,
  ProtocolConnection,
  PublishDiagnosticsParams,
  StreamMessageReader,
  StreamMessageWriter,
  TextDocumentEdit,
  TextEdit,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { STATUS_NOTIFICATION, StatusParams } from '../../server/src/protocol';
import { REPO_ROOT } from './sharedData';

export const SERVER_JS = path.join(REPO_ROOT, 'dist', 'server.js');

/** The text after applying a code action's edit to `text`, the document at `version`. */
export function applyCodeAction(uri: string, text: string, version: number, action: CodeAction): string {
  const change = action.edit!.documentChanges![0] as TextDocumentEdit;
  return TextDocument.applyEdits(TextDocument.create(uri, 'c', version, text), change.edits as TextEdit[]);
}

export class TestLspClient {
  readonly connection: ProtocolConnection;
  readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  readonly messages: { type: number; message: string }[] = [];
  /** Every c-repair/status notification, in order. */
  readonly statuses: StatusParams[] = [];
  /** The server's answer to initialize (its capabilities). */
  initializeResult: InitializeResult | undefined;
  private readonly waiters: (() => void)[] = [];

  private constructor(readonly child: ChildProcess) {
    this.connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    this.connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.diagnostics.set(p.uri, p);
      this.notify();
    });
    this.connection.onNotification('window/showMessage', (p: { type: number; message: string }) => {
      this.messages.push(p);
      this.notify();
    });
    this.connection.onNotification(STATUS_NOTIFICATION, (p: StatusParams) => {
      this.statuses.push(p);
      this.notify();
    });
    this.connection.onNotification('window/logMessage', () => undefined);
    this.connection.listen();
  }

  /**
   * Starts the server; `wrap` runs it inside another command (e.g. a namespace with a full disk),
   * `serverJs` runs another copy of the bundle (e.g. one beside a broken node_modules),
   * `textDocument` replaces the client's text document capabilities (diagnostics with versions),
   * `pullSettings` makes the server ask for the settings per document (workspace/configuration),
   * as VS Code does, instead of taking them from initializationOptions.
   */
  static async start(
    settings: Record<string, unknown> = {},
    options: { wrap?: string[]; serverJs?: string; textDocument?: ClientCapabilities['textDocument']; pullSettings?: boolean } = {},
  ): Promise<TestLspClient> {
    const argv = [...(options.wrap ?? []), process.execPath, options.serverJs ?? SERVER_JS, '--stdio'];
    const child = spawn(argv[0], argv.slice(1), { stdio: ['pipe', 'pipe', 'inherit'] });
    const client = new TestLspClient(child);
    const section = { debounceMs: 50, ...settings };
    if (options.pullSettings) {
      client.connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => section));
      client.connection.onRequest('client/registerCapability', () => null);
    }
    client.initializeResult = await client.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      capabilities: {
        textDocument: options.textDocument ?? { publishDiagnostics: { versionSupport: true } },
        ...(options.pullSettings ? { workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } } } : {}),
      },
      initializationOptions: { settings: section },
    });
    await client.connection.sendNotification('initialized', {});
    return client;
  }

  private notify() {
    for (const w of this.waiters.splice(0)) w();
  }

  /** Resolves when `predicate` holds, re-checked on every notification; rejects after `timeoutMs`. */
  async waitFor<T>(predicate: () => T | undefined | false, what: string, timeoutMs = 20000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = predicate();
      if (value) return value;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 500));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** The diagnostics published for exactly this version of the document. */
  diagnosticsFor(uri: string, version: number, timeoutMs?: number): Promise<Diagnostic[]> {
    return this.waitFor(
      () => {
        const p = this.diagnostics.get(uri);
        return p && p.version === version ? p.diagnostics : undefined;
      },
      `diagnostics of ${uri} v${version}`,
      timeoutMs,
    );
  }

  /** The code actions the server offers for one diagnostic, as an editor asks for its quick fixes. */
  async codeActions(uri: string, diagnostic: Diagnostic): Promise<CodeAction[]> {
    return this.codeActionsIn(uri, diagnostic.range, [diagnostic]);
  }

  /** The code actions for a range, of the kinds `only` when given (as an editor asks on save). */
  async codeActionsIn(uri: string, range: Range, diagnostics: Diagnostic[] = [], only?: string[]): Promise<CodeAction[]> {
    return (await this.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range,
      context: { diagnostics, ...(only ? { only } : {}) },
    })) as CodeAction[];
  }

  /** New settings for the server's `c-repair` section, pushed as an editor without pulling does. */
  configure(settings: Record<string, unknown>): void {
    void this.connection.sendNotification('workspace/didChangeConfiguration', { settings: { 'c-repair': { debounceMs: 50, ...settings } } });
  }

  open(uri: string, text: string, version = 1): void {
    void this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'c', version, text } });
  }

  close(uri: string): void {
    void this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  replace(uri: string, text: string, version: number): void {
    void this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ text }],
    });
  }

  async stop(): Promise<void> {
    // A server that does not answer within the bound is killed all the same: a test run must end.
    const bound = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), bound(10_000)]);
      await Promise.race([this.connection.sendNotification('exit'), bound(2_000)]);
    } catch {
      // the server may already be gone
    }
    const exited = this.child.exitCode !== null || this.child.signalCode !== null
      ? Promise.resolve()
      : new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill();
    await Promise.race([exited, bound(5_000)]);
    this.connection.dispose();
    // The pipes go too, so that nothing of this server keeps the test's process alive.
    for (const stream of [this.child.stdin, this.child.stdout]) stream?.destroy();
  }
}
