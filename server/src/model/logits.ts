// Reading one row of logits. Both decoders use these functions, so ties in the argmax are broken
// the same way everywhere: the lowest token id wins.

/** Index of the largest value in logits[offset, offset + size); the lowest index on ties. */
export function argmax(logits: Float32Array, offset: number, size: number): number {
  let best = 0;
  let bestValue = logits[offset];
  for (let v = 1; v < size; v++) {
    const x = logits[offset + v];
    if (x > bestValue) {
      bestValue = x;
      best = v;
    }
  }
  return best;
}

export interface RowSummary {
  /** The argmax (lowest id on ties). */
  best: number;
  /** The runner-up, and its distance to the best in logits (>= 0). */
  second: number;
  margin: number;
  /** log p(best) and log p(second). */
  bestLogProb: number;
  secondLogProb: number;
}

/** Top-2 and their log-probabilities in one sweep over the row. */
export function summarizeRow(logits: Float32Array, offset: number, size: number): RowSummary {
  let best = 0;
  let second = -1;
  for (let v = 1; v < size; v++) {
    const x = logits[offset + v];
    if (x > logits[offset + best]) {
      second = best;
      best = v;
    } else if (second < 0 || x > logits[offset + second]) {
      second = v;
    }
  }
  const top = logits[offset + best];
  let sum = 0;
  for (let v = 0; v < size; v++) sum += Math.exp(logits[offset + v] - top);
  const logZ = top + Math.log(sum);
  return {
    best,
    second,
    margin: top - logits[offset + second],
    bestLogProb: top - logZ,
    secondLogProb: logits[offset + second] - logZ,
  };
}
