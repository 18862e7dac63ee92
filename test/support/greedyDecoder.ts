// Plain greedy autoregressive decoding, one token per forward pass after the prompt's prefill. It
// is the baseline the speculative decoder must reproduce token for token, and what it is timed
// against. Each token is fed with its copy hint, the aligner stepped over the output so far.
import { VOCABULARY } from '../../server/src/c/vocabulary';
import { CopyAligner, promptHints, START } from '../../server/src/model/copyAligner';
import { checkPrompt, DecodeOptions, DecodeResult, DecodeStatus, outputLimit } from '../../server/src/model/decoding';
import { KvCache } from '../../server/src/model/kvCache';
import { summarizeRow } from '../../server/src/model/logits';
import type { ModelSession } from '../../server/src/model/session';

export async function greedyDecode(
  model: ModelSession,
  prompt: readonly number[],
  source: readonly number[],
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

  const aligner = new CopyAligner([...source, eos], VOCABULARY);
  let state = START;
  let logits = await model.forward(cache, prompt, promptHints(prompt.length, aligner.hint(state)));
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
    state = aligner.step(state, ids);
    logits = await model.forward(cache, [row.best], aligner.hint(state));
    forwardPasses++;
    row = summarizeRow(logits, 0, V);
  }
  return { ids, status, logProb, forwardPasses, ms: performance.now() - started };
}
