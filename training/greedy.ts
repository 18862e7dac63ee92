// Plain greedy repair with the exported ONNX model and its KV cache (the evaluation's decoder; the
// server's fast copy-speculative decoder lives elsewhere), and the concretisation of the output:
// unchanged tokens keep the student's text and spacing, new pool slots come from the pools.
import { diffArrays } from 'diff';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ort from 'onnxruntime-node';
import { AbstractProgram, concretizeToken, Pools } from '../server/src/c/abstraction';
import { isLineMarker, Vocabulary } from '../server/src/c/vocabulary';
import type { ModelCard } from '../server/src/model/contract';

export class GreedyRepairer {
  private constructor(
    private readonly session: ort.InferenceSession,
    readonly card: ModelCard,
    readonly vocab: Vocabulary,
  ) {}

  static async load(modelDir: string, threads = 1): Promise<GreedyRepairer> {
    const card = JSON.parse(fs.readFileSync(path.join(modelDir, 'model.json'), 'utf8')) as ModelCard;
    const tokens = JSON.parse(fs.readFileSync(path.join(modelDir, card.vocab), 'utf8')) as string[];
    const session = await ort.InferenceSession.create(path.join(modelDir, card.onnx), {
      intraOpNumThreads: threads,
      interOpNumThreads: 1,
    });
    return new GreedyRepairer(session, card, new Vocabulary(tokens));
  }

  /** Greedy continuation of `prompt` until <eos> or `maxNew` tokens; undefined without an <eos>. */
  async generate(prompt: string[], maxNew: number): Promise<string[] | undefined> {
    const { n_layer: L, n_head: H, head_dim: D, max_positions: maxPos } = this.card;
    const limit = Math.min(maxPos, prompt.length + maxNew);
    if (prompt.length >= limit) return undefined;
    const caches = Array.from({ length: 2 * L }, () => new Float32Array(maxPos * H * D));
    let past = 0;
    let input = prompt.map((t) => this.vocab.id(t));
    const out: string[] = [];
    const eos = this.vocab.id('<eos>');
    while (past + input.length <= limit) {
      const feeds: Record<string, ort.Tensor> = {
        input_ids: new ort.Tensor('int64', BigInt64Array.from(input.map(BigInt)), [1, input.length]),
      };
      for (let i = 0; i < L; i++) {
        feeds[`past_key_${i}`] = new ort.Tensor('float32', caches[2 * i].subarray(0, past * H * D), [1, past, H, D]);
        feeds[`past_value_${i}`] = new ort.Tensor('float32', caches[2 * i + 1].subarray(0, past * H * D), [1, past, H, D]);
      }
      const result = await this.session.run(feeds);
      for (let i = 0; i < L; i++) {
        caches[2 * i].set(result[`present_key_${i}`].data as Float32Array, past * H * D);
        caches[2 * i + 1].set(result[`present_value_${i}`].data as Float32Array, past * H * D);
      }
      past += input.length;
      const logits = result.logits.data as Float32Array;
      const V = this.card.vocab_size;
      const last = logits.subarray((input.length - 1) * V, input.length * V);
      let best = 0;
      for (let v = 1; v < V; v++) if (last[v] > last[best]) best = v;
      if (best === eos) return out;
      out.push(this.vocab.token(best));
      input = [best];
    }
    return undefined;
  }
}

/**
 * Turns output model tokens into C text by aligning them with the buggy program: tokens the diff
 * keeps take the student's own text and the spacing/comments before it; inserted tokens are
 * concretised through the pools and spaced by one blank (a new line marker starts a new line).
 * Returns undefined if an output token names a slot the pools do not hold.
 */
export function concretize(buggy: AbstractProgram, output: string[], pools: Pools): string | undefined {
  const text = buggy.lexed.map((t) => t.text).join('');
  const sig = buggy.significant;
  const before = sig.map((t, i) => text.slice(i === 0 ? 0 : sig[i - 1].end, t.start));
  const tail = sig.length ? text.slice(sig[sig.length - 1].end) : text;
  const pieces: string[] = [];
  let bi = 0;
  let newLine = false; // an inserted line marker: the next inserted token starts a new line
  for (const part of diffArrays(buggy.modelTokens, output)) {
    const n = part.count ?? part.value.length;
    if (part.removed) {
      bi += n;
      continue;
    }
    if (!part.added) {
      for (let k = 0; k < n; k++, bi++) {
        const source = buggy.tokenSource[bi];
        if (source < 0) continue;
        if (newLine && !before[source].includes('\n')) pieces.push('\n');
        newLine = false;
        pieces.push(before[source], sig[source].text);
      }
      continue;
    }
    for (const token of part.value) {
      if (isLineMarker(token)) {
        newLine = true;
        continue;
      }
      const concrete = token === '<unk>' ? undefined : concretizeToken(token, pools);
      if (concrete === undefined) return undefined;
      pieces.push(newLine ? '\n' : ' ', concrete);
      newLine = false;
    }
  }
  return pieces.join('') + tail;
}
