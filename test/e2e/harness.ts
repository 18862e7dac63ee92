// A small test harness that runs inside VS Code's extension host. The extension host exits 0 even
// when a test throws, so the outcome goes to a results file that scripts/e2e/run.mjs reads (and
// fails on when it is missing). "Moments" hand over to run.mjs, which drives the browser: it
// screenshots what a person sees, checks the page's text and can click or press keys for them.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CRepairApi } from '../../client/src/extension';

export const RESULTS_DIR = process.env.C_REPAIR_E2E_RESULTS ?? '';
const MOMENTS_DIR = path.join(RESULTS_DIR, 'moments');

interface TestCase {
  name: string;
  fn: () => Promise<void>;
  timeoutMs: number;
}
interface TestResult {
  name: string;
  ok: boolean;
  ms: number;
  error?: string;
}

const tests: TestCase[] = [];

export function test(name: string, fn: () => Promise<void>, timeoutMs = 60_000): void {
  tests.push({ name, fn, timeoutMs });
}

export function log(message: string): void {
  if (!RESULTS_DIR) return void console.log(message);
  fs.appendFileSync(path.join(RESULTS_DIR, 'tests.log'), `${new Date().toISOString()} ${message}\n`);
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `probe` until it returns a value other than undefined/false, or fails saying what it waited for. */
export async function waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? ` (last error: ${lastError})` : ''}`);
    await sleep(100);
  }
}

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

/** What run.mjs checks on the page: some element matching `selector` whose text contains `text`. */
export interface PageCheck {
  selector: string;
  text?: string;
  /** True: the check passes when no such element is there. */
  absent?: boolean;
}
/** What run.mjs does after the screenshot, in order. */
export type PageAction = { click: string } | { clickText: { selector: string; text: string } } | { press: string };

export interface MomentResult {
  ok: boolean;
  failures: string[];
  screenshot?: string;
}

/**
 * Asks run.mjs to look at the page now: checks (retried until they hold or time out), a
 * screenshot named after the moment, then actions. Fails the test if a check fails.
 */
export async function moment(name: string, checks: PageCheck[] = [], actions: PageAction[] = [], timeoutMs = 30_000): Promise<MomentResult> {
  assert(RESULTS_DIR, 'C_REPAIR_E2E_RESULTS is not set: run the tests through scripts/e2e/run.mjs');
  fs.mkdirSync(MOMENTS_DIR, { recursive: true });
  const done = path.join(MOMENTS_DIR, `${name}.done.json`);
  fs.rmSync(done, { force: true });
  fs.writeFileSync(path.join(MOMENTS_DIR, `${name}.request.tmp`), JSON.stringify({ name, checks, actions }));
  fs.renameSync(path.join(MOMENTS_DIR, `${name}.request.tmp`), path.join(MOMENTS_DIR, `${name}.request.json`));
  const result = await waitFor(`the browser driver to handle moment ${name}`, () => fs.existsSync(done) && (JSON.parse(fs.readFileSync(done, 'utf8')) as MomentResult), timeoutMs);
  if (!result.ok) throw new Error(`moment ${name}: ${result.failures.join('; ')}`);
  return result;
}

/** The c-repair extension, activated, and the API it returns for tests. */
export async function extensionApi(): Promise<{ extension: vscode.Extension<CRepairApi>; api: CRepairApi }> {
  const extension = vscode.extensions.getExtension<CRepairApi>('c-repair.c-repair');
  assert(extension, 'the c-repair extension is not installed');
  const api = await extension.activate();
  return { extension, api };
}

export function workspaceFile(relative: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert(folder, 'no workspace folder is open');
  return vscode.Uri.joinPath(folder.uri, relative);
}

export async function openC(relative: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(workspaceFile(relative));
  return vscode.window.showTextDocument(doc, { preview: false });
}

export const repairDiagnostics = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'c-repair');
export const repairErrors = (uri: vscode.Uri) => repairDiagnostics(uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error);

/** Runs the registered tests in order and writes results.json; never throws. */
export async function runAll(suite: string): Promise<void> {
  if (!RESULTS_DIR) throw new Error('C_REPAIR_E2E_RESULTS is not set: run the tests through scripts/e2e/run.mjs');
  const results: TestResult[] = [];
  const started = Date.now();
  for (const t of tests) {
    const t0 = Date.now();
    log(`start: ${t.name}`);
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        t.fn(),
        new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`test timed out after ${t.timeoutMs} ms`)), t.timeoutMs))),
      ]);
      results.push({ name: t.name, ok: true, ms: Date.now() - t0 });
      log(`pass: ${t.name} (${Date.now() - t0} ms)`);
    } catch (e) {
      const error = e instanceof Error ? (e.stack ?? e.message) : String(e);
      results.push({ name: t.name, ok: false, ms: Date.now() - t0, error });
      log(`FAIL: ${t.name}: ${error}`);
    } finally {
      clearTimeout(timer);
    }
    // Leave no dialog or menu open for the next test.
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen').then(undefined, () => undefined);
  }
  const file = path.join(RESULTS_DIR, 'results.json');
  fs.writeFileSync(`${file}.tmp`, JSON.stringify({ suite, ms: Date.now() - started, tests: results }, null, 2));
  fs.renameSync(`${file}.tmp`, file);
}
