// Per-document analysis: compile the current text (debounced), then find verified repairs. A newer
// version of a document cancels the older version's work; results for stale versions are dropped.
import { checkRepairable, type NotRepairable } from '../c/sourceText';
import { compile, CompileResult, CompilerOptions } from '../oracle/compiler';
import { RepairEngine } from '../repair/engine';
import type { ModelSource } from '../repair/modelSource';
import type { Repair } from '../repair/repair';
import type { Feedback } from '../settings';

export type AnalysisOutcome =
  | { kind: 'compiled'; result: CompileResult; repairs: Repair[]; /** compile + verification time */ ms: number }
  | ({ kind: 'skipped' } & NotRepairable)
  | { kind: 'failed'; message: string; error: Error };

export interface Analysis {
  uri: string;
  version: number;
  text: string;
  /** How its results are shown: repairs, or hints only (c-repair.feedback). */
  feedback: Feedback;
  outcome: AnalysisOutcome;
}

export interface AnalysisRequest {
  uri: string;
  version: number;
  text: string;
  feedback: Feedback;
  compiler: CompilerOptions;
  maxFileSizeKB: number;
  model?: ModelSource;
}

export async function analyze(request: AnalysisRequest, signal: AbortSignal): Promise<Analysis> {
  const { uri, version, text } = request;
  const done = (outcome: AnalysisOutcome): Analysis => ({ uri, version, text, feedback: request.feedback, outcome });
  const refused = checkRepairable(text, Buffer.byteLength(text, 'utf8'), request.maxFileSizeKB, 'this file', 'setting c-repair.maxFileSizeKB');
  if (refused) return done({ kind: 'skipped', ...refused });
  try {
    const started = Date.now();
    const result = await compile(text, request.compiler, signal);
    const engine = new RepairEngine({ compiler: request.compiler, model: request.model, signal });
    const repairs = signal.aborted ? [] : await engine.quickFixes(text, result);
    return done({ kind: 'compiled', result, repairs, ms: Date.now() - started });
  } catch (e) {
    return done({ kind: 'failed', message: (e as Error).message, error: e as Error });
  }
}

/** What an analysis needs before it can be scheduled: its request and how long to wait for more edits. */
export interface PreparedAnalysis {
  request: AnalysisRequest;
  delayMs: number;
}

/** An analysis asked for and not done: its debounce timer, once its settings are read. */
interface Pending {
  timer?: NodeJS.Timeout;
  controller: AbortController;
}

/**
 * Runs one analysis at a time per document, debounced; the newest version always wins. An analysis
 * counts as scheduled from the moment it is asked for, before its settings are known (`prepare`),
 * so a request that arrives meanwhile (a quick fix asked for as the file opens) waits for it
 * instead of finding nothing.
 */
export class AnalysisScheduler {
  private readonly pending = new Map<string, Pending>();
  private readonly latest = new Map<string, Promise<Analysis | undefined>>();

  constructor(
    private readonly run: (request: AnalysisRequest, signal: AbortSignal) => Promise<Analysis>,
    private readonly onDone: (analysis: Analysis) => void,
  ) {}

  /** `prepare` gives the request, or undefined when there is nothing to analyse (feedback off). */
  schedule(uri: string, prepare: () => Promise<PreparedAnalysis | undefined>): void {
    this.cancel(uri);
    const controller = new AbortController();
    const entry: Pending = { controller };
    let resolveLatest!: (a: Analysis | undefined) => void;
    this.latest.set(uri, new Promise((r) => (resolveLatest = r)));
    this.pending.set(uri, entry);
    controller.signal.addEventListener('abort', () => resolveLatest(undefined), { once: true });
    const finish = (analysis: Analysis | undefined) => {
      if (this.pending.get(uri) === entry) this.pending.delete(uri);
      if (analysis) this.onDone(analysis);
      resolveLatest(analysis);
    };
    prepare().then(
      (prepared) => {
        if (controller.signal.aborted) return;
        if (!prepared) return finish(undefined);
        entry.timer = setTimeout(async () => {
          const analysis = await this.run(prepared.request, controller.signal);
          if (!controller.signal.aborted) finish(analysis);
        }, prepared.delayMs);
      },
      () => finish(undefined),
    );
  }

  /** The analysis of the newest scheduled version, once it is done (undefined if superseded). */
  whenDone(uri: string): Promise<Analysis | undefined> {
    return this.latest.get(uri) ?? Promise.resolve(undefined);
  }

  cancel(uri: string): void {
    const p = this.pending.get(uri);
    if (!p) return;
    clearTimeout(p.timer);
    p.controller.abort();
    this.pending.delete(uri);
  }

  forget(uri: string): void {
    this.cancel(uri);
    this.latest.delete(uri);
  }
}
