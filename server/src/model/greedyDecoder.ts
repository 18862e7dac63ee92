// Plain greedy autoregressive decoding, one token per forward pass after the prompt's prefill. It
// is the baseline the speculative decoder must reproduce token for token, and what it is timed
// against.
import { VOCABULARY } from '../c/vocabulary';
import { checkPrompt, DecodeOptions, DecodeResult, DecodeStatus, outputLimit } from './decoding';
import { KvCache } from './kvCache';
import { summarizeRow } from './logits';
import type { ModelSession } from './session';

export async function greedyDecode(
  model: ModelSession,
  prompt: readonly number[],
  options: DecodeOptions,
  cache: KvCache = model.newCache(),
): Promise<DecodeResult> {
  const started = performance.now();
  checkPrompt(prompt.length, model.maxPositions);
  const limit = outputLimit(prompt.length, options.maxNewTokens, model.maxPositions);
  const V = model.vocabSize;
  const eos = VOCABULARY.id('<eos>');
  cache.truncate(0);
  const ids: number[] = [];
  let logProb = 0;
  let forwardPasses = 0;
  let status: DecodeStatus;
  if (options.signal?.aborted) return { ids, status: 'cancelled', logProb, forwardPasses, ms: performance.now() - started };

  let logits = await model.forward(cache, prompt);
  forwardPasses++;
  let row = summarizeRow(logits, (prompt.length - 1) * V, V);
  for (;;) {
    if (row.best === eos) {
      logProb += row.bestLogProb;
      status = 'eos';
      break;
    }
    if (ids.length === limit) {
      status = 'length';
      break;
    }
    ids.push(row.best);
    logProb += row.bestLogProb;
    if (options.signal?.aborted) {
      status = 'cancelled';
      break;
    }
    logits = await model.forward(cache, [row.best]);
    forwardPasses++;
    row = summarizeRow(logits, 0, V);
  }
  return { ids, status, logProb, forwardPasses, ms: performance.now() - started };
}
