// N-best repairs at little extra cost: greedy decoding's output first, then branches at the output
// positions where the model hesitated most (smallest top-2 logit margin): take the runner-up token
// there and let the copy-speculative decoder finish the program. A branch reuses the cached
// prefix, and its tail is mostly a copy, so it costs a handful of forward passes.
import { VOCABULARY } from '../c/vocabulary';
import type { DecodeStatus } from './decoding';
import type { KvCache } from './kvCache';
import type { ModelSession } from './session';
import { SpeculativeDecoder, SpeculativeOptions, SpeculativeResult } from './speculativeDecoder';

export interface ScoredOutput {
  /** Output ids without <eos>. */
  ids: number[];
  /** Sum of the log-probabilities of the output and its <eos>. */
  score: number;
  /** Greedy decoding's output (the others are branches). */
  greedy: boolean;
}

export interface NBestResult {
  /** Complete outputs (ended by <eos>), distinct, best score first. */
  outputs: ScoredOutput[];
  /** How greedy decoding ended; 'cancelled' when the signal stopped any part of the search. */
  status: DecodeStatus;
  greedy: SpeculativeResult;
  forwardPasses: number;
}

export async function nBestDecode(
  model: ModelSession,
  prompt: readonly number[],
  source: readonly number[],
  n: number,
  options: SpeculativeOptions,
  cache?: KvCache,
): Promise<NBestResult> {
  const decoder = new SpeculativeDecoder(model, prompt, source, options, cache);
  const greedy = await decoder.decode();
  const outputs: ScoredOutput[] = [];
  const seen = new Set<string>();
  const add = (r: SpeculativeResult, isGreedy: boolean) => {
    const key = r.ids.join(',');
    if (r.status !== 'eos' || seen.has(key)) return;
    seen.add(key);
    outputs.push({ ids: r.ids, score: r.logProb, greedy: isGreedy });
  };
  add(greedy, true);
  let forwardPasses = greedy.forwardPasses;
  let status: DecodeStatus = greedy.status;

  if (n > 1 && greedy.status !== 'cancelled') {
    const eos = VOCABULARY.id('<eos>');
    // Ending the program early is never a repair: skip <eos> as the runner-up.
    const hesitations = greedy.positions
      .map((p, position) => ({ position, ...p }))
      .filter((p) => p.second !== eos)
      .sort((a, b) => a.margin - b.margin || a.position - b.position)
      .slice(0, 2 * (n - 1)); // duplicates happen: try a few more places than needed
    for (const h of hesitations) {
      if (outputs.length >= n) break;
      const branch = await decoder.branch(greedy, h.position, h.second, {
        logProb: h.secondLogProb,
        second: greedy.ids[h.position],
        secondLogProb: h.logProb,
        margin: -h.margin,
      });
      forwardPasses += branch.forwardPasses;
      if (branch.status === 'cancelled') {
        status = 'cancelled';
        break;
      }
      add(branch, false);
    }
  }
  outputs.sort((a, b) => b.score - a.score);
  return { outputs, status, greedy, forwardPasses };
}
