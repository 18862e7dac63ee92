// The decoder's key/value cache in the contract's layout: per layer one preallocated buffer of
// [maxPositions, heads, headDim] floats for keys and one for values. The graph returns only the new
// rows, so appending is one `set` per buffer and rolling back a rejected draft is a change of
// `length` (measured 0.001 ms against 2-3 ms for copying the cache).
import type { Tensor } from 'onnxruntime-node';

export interface CacheShape {
  nLayer: number;
  nHead: number;
  headDim: number;
  maxPositions: number;
}

type TensorConstructor = new (type: 'float32', data: Float32Array, dims: readonly number[]) => Tensor;

export class KvCache {
  readonly keys: Float32Array[];
  readonly values: Float32Array[];
  /** Floats per position (heads x headDim). */
  readonly rowSize: number;
  private rows = 0;

  constructor(readonly shape: CacheShape) {
    this.rowSize = shape.nHead * shape.headDim;
    const size = shape.maxPositions * this.rowSize;
    this.keys = Array.from({ length: shape.nLayer }, () => new Float32Array(size));
    this.values = Array.from({ length: shape.nLayer }, () => new Float32Array(size));
  }

  /** Positions held (the P of the next forward pass). */
  get length(): number {
    return this.rows;
  }

  /** Positions still free. */
  get free(): number {
    return this.shape.maxPositions - this.rows;
  }

  /** Appends the new rows of one forward pass: `keys[i]`/`values[i]` are layer i's [count, H, D]. */
  append(keys: readonly Float32Array[], values: readonly Float32Array[], count: number): void {
    if (count > this.free) throw new RangeError(`KV cache full: ${this.rows} + ${count} > ${this.shape.maxPositions}`);
    const offset = this.rows * this.rowSize;
    const size = count * this.rowSize;
    for (let i = 0; i < this.shape.nLayer; i++) {
      if (keys[i].length !== size || values[i].length !== size) {
        throw new RangeError(`layer ${i}: expected ${size} new key/value floats, got ${keys[i].length}/${values[i].length}`);
      }
      this.keys[i].set(keys[i], offset);
      this.values[i].set(values[i], offset);
    }
    this.rows += count;
  }

  /** Forgets every position from `length` on (a rejected draft); the buffers are not touched. */
  truncate(length: number): void {
    if (!Number.isInteger(length) || length < 0 || length > this.rows) {
      throw new RangeError(`cannot truncate a cache of ${this.rows} positions to ${length}`);
    }
    this.rows = length;
  }

  /**
   * The past_key_i/past_value_i feeds over the first `length` positions. subarray() is a view, not
   * a copy: onnxruntime-node reads it in place (checked: same logits as a copied buffer).
   */
  pastFeeds(TensorClass: TensorConstructor): Record<string, Tensor> {
    const { nHead, headDim } = this.shape;
    const dims = [1, this.rows, nHead, headDim];
    const end = this.rows * this.rowSize;
    const feeds: Record<string, Tensor> = {};
    for (let i = 0; i < this.shape.nLayer; i++) {
      feeds[`past_key_${i}`] = new TensorClass('float32', this.keys[i].subarray(0, end), dims);
      feeds[`past_value_${i}`] = new TensorClass('float32', this.values[i].subarray(0, end), dims);
    }
    return feeds;
  }
}
