// What the repair engine calls: a program and its problem (compiler diagnostics or a failing
// test) in, the model's candidate repaired programs out, as whole-program model tokens with their
// scores. Turning tokens back into C text is the engine's job; the abstraction and pools used are
// returned for it.
import { abstractProgram, AbstractProgram, Pools } from '../c/abstraction';
import { VOCABULARY } from '../c/vocabulary';
import { KvCache } from './kvCache';
import { nBestDecode } from './nBest';
import { cutWindow, firstProblemLine, fitsPositions, ProgramWindow, spliceWindow } from './programWindow';
import { buildPrompt, headerDiagnostics, RepairProblem } from './prompt';
import { ModelLoadError, ModelSession, ModelSessionOptions, ModelStatus } from './session';

/** Output room beyond the program's own length (a repair may add tokens). */
export const EXTRA_OUTPUT_TOKENS = 64;

export interface ProposeOptions {
  /** How many distinct candidates to look for (1: greedy decoding only). */
  n?: number;
  signal?: AbortSignal;
  /** Most drafted tokens per forward pass (see speculativeDecoder). */
  maxDraft?: number;
}

export interface ModelOutput {
  /** The whole repaired program's model tokens (no <eos>), under `ModelAnswer.pools`. */
  tokens: string[];
  /** Sum of log-probabilities of the (windowed) output and its <eos>; higher is better. */
  score: number;
  /** Greedy decoding's output. */
  greedy: boolean;
}

/**
 * ok: candidates found; no-candidate: the model never ended a program (<eos>) within its room;
 * too-long: the program does not fit the model, not even a window of it (nothing was truncated);
 * cancelled: the signal fired (candidates found before it are kept).
 */
export type ModelAnswerStatus = 'ok' | 'no-candidate' | 'too-long' | 'cancelled';

export interface ModelAnswer {
  status: ModelAnswerStatus;
  message?: string;
  /** Best score first. */
  candidates: ModelOutput[];
  /** The input program's abstraction: candidates are token sequences to align with its modelTokens. */
  program: AbstractProgram;
  /** The program's pools, extended by names only the compiler's messages mention. */
  pools: Pools;
  /** The prompt the model saw. */
  prompt: string[];
  /** Set when only these lines were given to the model (a long program). */
  window?: { firstLine: number; lastLine: number };
  forwardPasses: number;
  ms: number;
}

export class RepairModel {
  /** One cache reused across requests: 8 MB that need not be allocated per lightbulb. */
  private spareCache: KvCache | undefined;

  private constructor(readonly session: ModelSession) {}

  /** Loads and checks the model; throws ModelLoadError. */
  static async load(options: ModelSessionOptions): Promise<RepairModel> {
    return new RepairModel(await ModelSession.load(options));
  }

  /** Never throws: without a usable model, `model` is undefined and `status` says why. */
  static async tryLoad(options: ModelSessionOptions): Promise<{ model?: RepairModel; status: ModelStatus }> {
    try {
      const model = await RepairModel.load(options);
      return { model, status: model.status };
    } catch (e) {
      const problem = e instanceof ModelLoadError ? e.problem : 'runtime';
      const message = `repair model unavailable: ${e instanceof Error ? e.message : String(e)}`;
      return { status: { ok: false, message, requestedProvider: options.executionProvider ?? 'auto', problem } };
    }
  }

  get status(): ModelStatus {
    return this.session.status;
  }

  async propose(text: string, problem: RepairProblem, options: ProposeOptions = {}): Promise<ModelAnswer> {
    const started = performance.now();
    const program = abstractProgram(text);
    const maxPositions = this.session.maxPositions;
    const fits = fitsPositions(maxPositions);

    let window: ProgramWindow | undefined;
    let modelInput = program;
    let modelProblem = problem;
    if (!fits(program, problem)) {
      const cut = cutWindow(program, problem, fits);
      if (!cut) {
        const prompt = buildPrompt(program, problem);
        return {
          status: 'too-long',
          message: `the program (${program.modelTokens.length} model tokens) is too long for the repair model (${maxPositions} positions)` +
            (firstProblemLine(problem) === undefined ? ' and the problem names no line to repair around' : ''),
          candidates: [],
          program,
          pools: prompt.pools,
          prompt: prompt.tokens,
          forwardPasses: 0,
          ms: performance.now() - started,
        };
      }
      ({ window, program: modelInput, problem: modelProblem } = cut);
    }

    const prompt = buildPrompt(modelInput, modelProblem);
    const promptIds = prompt.tokens.map((t) => VOCABULARY.id(t));
    const programEnd = promptIds.length - 1; // the program sits just before <fix>
    const sourceIds = promptIds.slice(programEnd - modelInput.modelTokens.length, programEnd);
    const cache = this.spareCache ?? this.session.newCache();
    this.spareCache = undefined;
    try {
      const result = await nBestDecode(this.session, promptIds, sourceIds, Math.max(1, options.n ?? 1), {
        maxNewTokens: modelInput.modelTokens.length + EXTRA_OUTPUT_TOKENS,
        signal: options.signal,
        maxDraft: options.maxDraft,
        hotLines: hotLines(modelProblem),
      }, cache);
      const candidates = result.outputs.map((o) => {
        const tokens = o.ids.map((id) => VOCABULARY.token(id));
        return { tokens: window ? spliceWindow(program, window, tokens) : tokens, score: o.score, greedy: o.greedy };
      });
      const status: ModelAnswerStatus = result.status === 'cancelled' ? 'cancelled' : candidates.length ? 'ok' : 'no-candidate';
      return {
        status,
        message: status === 'no-candidate' ? 'the model did not finish a repaired program within its output room' : undefined,
        candidates,
        program,
        pools: prompt.pools,
        prompt: prompt.tokens,
        window: window && { firstLine: window.firstLine, lastLine: window.lastLine },
        forwardPasses: result.forwardPasses,
        ms: performance.now() - started,
      };
    } finally {
      this.spareCache = cache;
    }
  }

  async dispose(): Promise<void> {
    await this.session.release();
  }
}

/**
 * Lines where the repair probably edits: each reported line and the one before it (a missing
 * `;` is reported on the next line). The decoder keeps its drafts short there.
 */
export function hotLines(problem: RepairProblem): number[] {
  return [...new Set(headerDiagnostics(problem).flatMap((d) => [d.line - 1, d.line]))];
}
