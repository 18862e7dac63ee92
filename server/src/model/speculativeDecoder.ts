// Copy-speculative decoding (FastFixer; prompt lookup): draft the next tokens by copying the buggy
// program (the copy aligner's continuation), verify the whole draft in one forward pass (each
// drafted token with the hint the aligner gives after the draft before it, as greedy decoding
// would), keep the longest prefix greedy decoding agrees with plus the model's own token after it,
// and roll the rejected rows back by a change of the cache's length. Every kept token is the
// argmax of its row, so the output is greedy decoding's (same tie rule, same stopping rule), in a
// fraction of the forward passes. Bit for bit, near-ties included, when the model gives a token
// the same logits fed alone or inside a draft (a batch-invariant export; decoder.test.ts checks
// the shipped model for it).
import { VOCABULARY } from '../c/vocabulary';
import { AlignState, CopyAligner, NO_HINT, START } from './copyAligner';
import { checkPrompt, DecodeOptions, DecodeResult, DecodeStatus, outputLimit } from './decoding';
import { KvCache } from './kvCache';
import { RowSummary, summarizeRow } from './logits';
import type { ModelSession } from './session';

export interface SpeculativeOptions extends DecodeOptions {
  /**
   * Most drafted tokens per pass. On one CPU thread a pass costs ~1 ms plus ~0.1 ms per token
   * (measured, 3.8M-parameter int7 model, 300 cached positions), so a long draft that holds saves
   * whole passes and one that breaks early wastes ~0.1 ms a token; a strong draft that breaks
   * halves the next one.
   */
  maxDraft?: number;
  /** Draft length after rejections never drops below this. */
  minDraft?: number;
  /** Cap for drafts whose anchor is a guess (not the exact continuation of the copy). */
  weakDraft?: number;
  /** Cap for drafts anchored on a hot line (they end with that line anyway). */
  hotDraft?: number;
  /**
   * Source lines where edits are expected (the compiler's error lines): a draft ends with the first
   * hot line it enters, so little is drafted past the likely edit.
   */
  hotLines?: readonly number[];
  /** Observer of every verify pass (benchmarks and tuning). */
  onPass?: (pass: PassTrace) => void;
}

export interface PassTrace {
  /** Output length before the pass, tokens drafted, drafted tokens accepted. */
  position: number;
  drafted: number;
  accepted: number;
  strong: boolean;
  hot: boolean;
}

export const DEFAULT_MAX_DRAFT = 128;
export const DEFAULT_MIN_DRAFT = 4;
export const DEFAULT_WEAK_DRAFT = 16;
export const DEFAULT_HOT_DRAFT = 32;

/** What the model thought at one output position: enough to branch there for N-best. */
export interface PositionInfo {
  logProb: number;
  second: number;
  secondLogProb: number;
  margin: number;
}

export interface SpeculativeResult extends DecodeResult {
  positions: PositionInfo[];
  draftedTokens: number;
  acceptedTokens: number;
}

const info = (row: RowSummary): PositionInfo => ({
  logProb: row.bestLogProb,
  second: row.second,
  secondLogProb: row.secondLogProb,
  margin: row.margin,
});

/**
 * One prompt's decoder. decode() is greedy decoding's output; branch() continues from a prefix of
 * an earlier output with a forced token (the N-best alternatives), reusing the cached prefix.
 */
export class SpeculativeDecoder {
  private readonly eos = VOCABULARY.id('<eos>');
  private readonly aligner: CopyAligner;
  private readonly limit: number;
  /** Output tokens whose rows the cache holds after the prompt's. */
  private fed: readonly number[] = [];
  private decoded = false;

  /** `source`: the buggy program's token ids, exactly as they appear in the prompt. */
  constructor(
    private readonly model: ModelSession,
    private readonly prompt: readonly number[],
    source: readonly number[],
    private readonly options: SpeculativeOptions,
    private readonly cache: KvCache = model.newCache(),
  ) {
    checkPrompt(prompt.length, model.maxPositions);
    this.limit = outputLimit(prompt.length, options.maxNewTokens, model.maxPositions);
    this.aligner = new CopyAligner([...source, this.eos], VOCABULARY, options.hotLines);
  }

  /**
   * Greedy decoding's output. The first pass is the prompt's prefill with the program's opening
   * lines already drafted behind it: one pass fewer, and a bigger, cheaper-per-token batch.
   */
  async decode(): Promise<SpeculativeResult> {
    const started = performance.now();
    this.cache.truncate(0);
    this.fed = [];
    this.decoded = true;
    return this.run([], [], [START], this.prompt, 0, started);
  }

  /** `from`'s first `position` tokens, then `token` instead of from.ids[position], then greedy. */
  async branch(from: SpeculativeResult, position: number, token: number, tokenInfo: PositionInfo): Promise<SpeculativeResult> {
    const started = performance.now();
    if (!this.decoded) throw new Error('branch() needs a decode() first');
    if (position > from.ids.length) throw new RangeError(`no position ${position} in an output of ${from.ids.length}`);
    const ids = from.ids.slice(0, position);
    const positions = from.positions.slice(0, position);
    const result = (status: DecodeStatus, logProb: number) => this.result(ids, positions, logProb, status, 0, 0, 0, started);
    if (token === this.eos) return result('eos', positions.reduce((s, p) => s + p.logProb, 0) + tokenInfo.logProb);
    if (ids.length === this.limit) return result('length', 0);
    // Keep the cached rows both outputs share; the rest of the prefix rides along in the next pass.
    let common = 0;
    const fedRows = this.cache.length - this.prompt.length;
    while (common < Math.min(fedRows, position) && this.fed[common] === ids[common]) common++;
    this.cache.truncate(this.prompt.length + common);
    this.fed = ids.slice(0, common);
    ids.push(token);
    positions.push(tokenInfo);
    return this.run(ids, positions, this.aligner.states(ids), ids.slice(common), 0, started);
  }

  /**
   * The verify loop. `feed`: tokens already decided but not yet in the cache (the prompt, or the
   * last output tokens); each pass feeds them plus a draft, and row feed.length - 1 + j says which
   * token follows draft position j. Drafted tokens are kept while each is its row's argmax; the
   * first argmax that differs (or the one after a fully accepted draft) is kept too and fed next.
   * `states[k]`: the aligner's state before output token k (ids.length + 1 of them).
   */
  private async run(
    ids: number[],
    positions: PositionInfo[],
    states: AlignState[],
    feed: readonly number[],
    passes: number,
    started: number,
  ): Promise<SpeculativeResult> {
    const V = this.model.vocabSize;
    const maxDraft = this.options.maxDraft ?? DEFAULT_MAX_DRAFT;
    const minDraft = Math.min(maxDraft, this.options.minDraft ?? DEFAULT_MIN_DRAFT);
    const weakDraft = this.options.weakDraft ?? DEFAULT_WEAK_DRAFT;
    const hotDraft = this.options.hotDraft ?? DEFAULT_HOT_DRAFT;
    let draftLength = maxDraft; // copying is the rule, edits the exception
    let guessLength = weakDraft; // drafts from weak or hot anchors
    let logProb = positions.reduce((s, p) => s + p.logProb, 0);
    let drafted = 0;
    let accepted = 0;
    let status: DecodeStatus | undefined;
    while (!status) {
      if (this.options.signal?.aborted) {
        status = 'cancelled';
        break;
      }
      const n = ids.length; // the feed's last row predicts output token n
      let cap = Math.min(this.limit - n, draftLength);
      const draft = this.aligner.propose(states[n], cap);
      if (!draft.strong) cap = Math.min(cap, guessLength);
      if (draft.hot) cap = Math.min(cap, hotDraft, draft.strong ? hotDraft : guessLength);
      const proposal = draft.tokens.length > cap ? draft.tokens.slice(0, cap) : draft.tokens;
      // Hints: fed token i predicts output token n - (feed.length - 1 - i) (<pad> before the output);
      // drafted token j is output token n + j, fed with the state after it.
      const hints = feed.flatMap((_, i) => {
        const k = n - (feed.length - 1 - i);
        return k >= 0 ? this.aligner.hint(states[k]) : NO_HINT;
      });
      const tentative = [...ids, ...proposal];
      const draftStates: AlignState[] = [];
      for (let j = 0; j < proposal.length; j++) {
        draftStates.push(this.aligner.step(j ? draftStates[j - 1] : states[n], tentative, n + j + 1));
        hints.push(...this.aligner.hint(draftStates[j]));
      }
      const base = this.cache.length;
      const logits = await this.model.forward(this.cache, proposal.length ? [...feed, ...proposal] : feed, hints);
      passes++;
      drafted += proposal.length;

      const before = ids.length;
      let j = 0;
      let token: number;
      for (;;) {
        const row = summarizeRow(logits, (feed.length - 1 + j) * V, V);
        token = row.best;
        if (token === this.eos) {
          logProb += row.bestLogProb;
          status = 'eos';
          break;
        }
        if (ids.length === this.limit) {
          status = 'length';
          break;
        }
        ids.push(token);
        positions.push(info(row));
        logProb += row.bestLogProb;
        if (j < proposal.length && token === proposal[j]) {
          states.push(draftStates[j]); // its row is in this pass already
          j++;
        } else {
          states.push(this.aligner.step(states[ids.length - 1], ids));
          break;
        }
      }
      accepted += j;
      this.cache.truncate(base + feed.length + j);
      this.options.onPass?.({ position: before, drafted: proposal.length, accepted: j, strong: draft.strong, hot: draft.hot });
      feed = [token];

      // A copy that holds earns full-length drafts at once; one that keeps breaking, shorter ones.
      if (draft.strong && !draft.hot) {
        draftLength = j < proposal.length ? Math.max(minDraft, Math.ceil(draftLength / 2)) : maxDraft;
      } else if (!draft.strong && proposal.length > 0) {
        // Guesses that keep failing (a model that does not copy) shrink towards plain greedy steps.
        guessLength = j === 0 ? Math.max(1, guessLength >> 1) : j === proposal.length ? Math.min(weakDraft, guessLength * 2) : guessLength;
      }
    }
    this.fed = ids.slice(0, this.cache.length - this.prompt.length);
    return this.result(ids, positions, logProb, status, passes, drafted, accepted, started);
  }

  private result(
    ids: number[],
    positions: PositionInfo[],
    logProb: number,
    status: DecodeStatus,
    forwardPasses: number,
    draftedTokens: number,
    acceptedTokens: number,
    started: number,
  ): SpeculativeResult {
    return { ids, positions, logProb, status, forwardPasses, draftedTokens, acceptedTokens, ms: performance.now() - started };
  }
}

/** Greedy decoding's output for `prompt`, drafted from `source` (the buggy program's ids). */
export function speculativeDecode(
  model: ModelSession,
  prompt: readonly number[],
  source: readonly number[],
  options: SpeculativeOptions,
  cache?: KvCache,
): Promise<SpeculativeResult> {
  return new SpeculativeDecoder(model, prompt, source, options, cache).decode();
}
