// `c-repair batch --shard K/N`: the K-th of N contiguous, nearly equal parts of the input lines, so
// that the outputs of shards 1..N, concatenated in order, are the output of the whole batch.
// `--shard auto/N` takes K from a Kubernetes Indexed Job's JOB_COMPLETION_INDEX (0-based: K = index + 1).

export interface Shard {
  /** 1-based. */
  k: number;
  n: number;
}

export const SHARD_INDEX_ENV = 'JOB_COMPLETION_INDEX';

const positiveInteger = (s: string) => (/^[0-9]+$/.test(s) ? Number(s) : NaN);

/** The shard a `--shard` value names, or the problem with it in words. */
export function parseShard(value: string, env: NodeJS.ProcessEnv = process.env): Shard | string {
  const m = /^([^/]*)\/([^/]*)$/.exec(value.trim());
  if (!m) return `--shard ${value}: expected K/N (e.g. 2/8) or auto/N`;
  const n = positiveInteger(m[2]);
  if (!(n >= 1)) return `--shard ${value}: N must be a whole number of shards, at least 1`;
  if (m[1] === 'auto') {
    const index = env[SHARD_INDEX_ENV];
    if (index === undefined) return `--shard ${value}: auto needs ${SHARD_INDEX_ENV} (set by a Kubernetes Indexed Job)`;
    const i = positiveInteger(index);
    if (!(i >= 0 && i < n)) return `--shard ${value}: ${SHARD_INDEX_ENV}=${index} must be a whole number from 0 to ${n - 1}`;
    return { k: i + 1, n };
  }
  const k = positiveInteger(m[1]);
  if (!(k >= 1 && k <= n)) return `--shard ${value}: K must be a whole number from 1 to ${n}`;
  return { k, n };
}

/** The input lines [start, end) of a shard, of `total` lines: sizes differ by at most one. */
export function shardRange(total: number, { k, n }: Shard): { start: number; end: number } {
  return { start: Math.floor(((k - 1) * total) / n), end: Math.floor((k * total) / n) };
}
