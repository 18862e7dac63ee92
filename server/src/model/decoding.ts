// What both decoders take and give back, and the one rule for how long an output may grow, so that
// the greedy baseline and the speculative decoder stop at exactly the same place.

export interface DecodeOptions {
  /** Most output tokens, <eos> not counted. */
  maxNewTokens: number;
  /** Checked before every forward pass. */
  signal?: AbortSignal;
}

/** eos: the model ended the program; length: it hit the cap first; cancelled: the signal fired. */
export type DecodeStatus = 'eos' | 'length' | 'cancelled';

export interface DecodeResult {
  /** Output token ids, without <eos>. */
  ids: number[];
  status: DecodeStatus;
  /** Sum of log p(token) over the output, <eos> included when the model produced it. */
  logProb: number;
  forwardPasses: number;
  ms: number;
}

/**
 * How many output tokens fit: the cap, and the model's positions. Output token k is fed at
 * position prompt + k, so the last one that can still be fed (k = max - prompt - 1) bounds it.
 */
export function outputLimit(promptLength: number, maxNewTokens: number, maxPositions: number): number {
  return Math.max(0, Math.min(maxNewTokens, maxPositions - promptLength));
}

export function checkPrompt(promptLength: number, maxPositions: number): void {
  if (promptLength === 0) throw new RangeError('empty prompt');
  if (promptLength >= maxPositions) {
    throw new RangeError(`prompt of ${promptLength} tokens does not fit the model's ${maxPositions} positions`);
  }
}
