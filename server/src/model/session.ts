// Loads the repair model into onnxruntime-node and runs one forward pass over a KV cache.
// Everything that can be wrong with a model file (missing, truncated, another vocabulary, shapes
// that break the contract, an execution provider that cannot start) becomes a ModelLoadError with
// a sentence a student or instructor can act on; the server shows it and keeps running without
// the model.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type * as Ort from 'onnxruntime-node';
import { VOCABULARY, Vocabulary, vocabularySha256 } from '../c/vocabulary';
import type { Settings } from '../settings';
import { inputNames, ModelCard, outputNames } from './contract';
import { HINT_WIDTH, NO_HINT, promptHints } from './copyAligner';
import { CacheShape, KvCache } from './kvCache';

export type ExecutionProviderSetting = Settings['executionProvider'];

export type ModelLoadProblem = 'missing' | 'card' | 'vocabulary' | 'corrupt' | 'contract' | 'provider' | 'runtime';

export class ModelLoadError extends Error {
  constructor(
    readonly problem: ModelLoadProblem,
    message: string,
  ) {
    super(message);
    this.name = 'ModelLoadError';
  }
}

export interface ModelSessionOptions {
  /** The `modelPath` setting: an .onnx file, its model.json, or their folder. Empty: the shipped model. */
  modelPath?: string;
  /** The shipped models/ folder (it differs between dist/server.js and out/; the caller knows). */
  shippedModelDir: string;
  executionProvider?: ExecutionProviderSetting;
  /** Intra-op threads of the CPU provider. Default: all cores but one (at least 1, at most 4). */
  threads?: number;
}

/** What the server can show about the model: which file, where it runs, and why. */
export interface ModelStatus {
  ok: boolean;
  /** One line for a status bar or log. */
  message: string;
  onnxPath?: string;
  requestedProvider: ExecutionProviderSetting;
  /** The provider the session actually runs on. */
  provider?: 'cpu' | 'cuda';
  /** Why `auto` did not get CUDA. */
  fallbackReason?: string;
  threads?: number;
  loadMs?: number;
  problem?: ModelLoadProblem;
}

interface ModelFiles {
  cardPath: string;
  onnxPath: string;
}

/** Finds model.json and the .onnx file named by the setting, or the shipped ones. */
export function resolveModelFiles(modelPath: string | undefined, shippedModelDir: string): ModelFiles {
  const target = modelPath && modelPath.trim() !== '' ? path.resolve(modelPath) : shippedModelDir;
  if (!fs.existsSync(target)) {
    throw new ModelLoadError('missing', `no repair model at ${target}${modelPath ? ' (setting c-repair.modelPath)' : ''}`);
  }
  if (fs.statSync(target).isDirectory()) {
    const cardPath = path.join(target, 'model.json');
    return { cardPath, onnxPath: '' };
  }
  if (target.endsWith('.json')) return { cardPath: target, onnxPath: '' };
  // An .onnx file: its model card lies beside it.
  return { cardPath: path.join(path.dirname(target), 'model.json'), onnxPath: target };
}

function readCard(cardPath: string): ModelCard {
  if (!fs.existsSync(cardPath)) {
    throw new ModelLoadError('missing', `the model card ${cardPath} is missing (the model folder is incomplete)`);
  }
  let card: Record<string, unknown>;
  try {
    card = JSON.parse(fs.readFileSync(cardPath, 'utf8')) as Record<string, unknown>;
  } catch (e) {
    throw new ModelLoadError('card', `the model card ${cardPath} is not valid JSON: ${(e as Error).message}`);
  }
  for (const key of ['n_layer', 'n_head', 'head_dim', 'vocab_size', 'max_positions'] as const) {
    const v = card[key];
    if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0) {
      throw new ModelLoadError('card', `the model card ${cardPath} has no valid "${key}"`);
    }
  }
  for (const key of ['onnx', 'vocab'] as const) {
    if (typeof card[key] !== 'string') throw new ModelLoadError('card', `the model card ${cardPath} has no "${key}" file name`);
  }
  return card as unknown as ModelCard;
}

/** The model must speak the server's vocabulary token for token, or its ids mean other tokens. */
function checkVocabulary(card: ModelCard, cardPath: string, vocabulary: Vocabulary): void {
  const vocabPath = path.resolve(path.dirname(cardPath), card.vocab);
  let tokens: unknown;
  try {
    tokens = JSON.parse(fs.readFileSync(vocabPath, 'utf8'));
  } catch (e) {
    throw new ModelLoadError('vocabulary', `cannot read the model's vocabulary ${vocabPath}: ${(e as Error).message}`);
  }
  if (!Array.isArray(tokens) || !tokens.every((t) => typeof t === 'string')) {
    throw new ModelLoadError('vocabulary', `the model's vocabulary ${vocabPath} is not a JSON array of strings`);
  }
  const sha = vocabularySha256(tokens);
  if (card.vocab_sha256 && card.vocab_sha256 !== sha) {
    throw new ModelLoadError('vocabulary', `${vocabPath} does not belong to this model (vocab_sha256 differs from model.json)`);
  }
  const differs = tokens.findIndex((t, i) => t !== vocabulary.tokens[i]);
  if (tokens.length !== vocabulary.size || differs >= 0 || card.vocab_size !== vocabulary.size) {
    const where = differs >= 0 ? `first difference at id ${differs}` : `${tokens.length} tokens, model.json says ${card.vocab_size}`;
    throw new ModelLoadError(
      'vocabulary',
      `the model was trained with another vocabulary than this server's (${vocabulary.size} tokens; ${where}): update the extension or the model`,
    );
  }
}

function loadOnnxRuntime(): typeof Ort {
  try {
    // Required here, not imported at the top: a missing native addon must not stop the server.
    return require('onnxruntime-node') as typeof Ort;
  } catch (e) {
    throw new ModelLoadError('runtime', `onnxruntime-node cannot be loaded on this machine: ${(e as Error).message}`);
  }
}

export class ModelSession {
  readonly vocabSize: number;
  readonly cacheShape: CacheShape;
  private readonly inputIdsName = 'input_ids';
  private readonly presentKeyNames: string[];
  private readonly presentValueNames: string[];

  private constructor(
    private readonly ort: typeof Ort,
    private readonly session: Ort.InferenceSession,
    readonly card: ModelCard,
    readonly status: ModelStatus,
  ) {
    this.vocabSize = card.vocab_size;
    this.cacheShape = { nLayer: card.n_layer, nHead: card.n_head, headDim: card.head_dim, maxPositions: card.max_positions };
    this.presentKeyNames = Array.from({ length: card.n_layer }, (_, i) => `present_key_${i}`);
    this.presentValueNames = Array.from({ length: card.n_layer }, (_, i) => `present_value_${i}`);
  }

  get maxPositions(): number {
    return this.card.max_positions;
  }

  /** Loads, checks against the contract and warms up; throws ModelLoadError with a clear message. */
  static async load(options: ModelSessionOptions): Promise<ModelSession> {
    const started = performance.now();
    const requested = options.executionProvider ?? 'auto';
    const threads = options.threads ?? Math.max(1, Math.min(4, os.availableParallelism() - 1));
    const files = resolveModelFiles(options.modelPath, options.shippedModelDir);
    const card = readCard(files.cardPath);
    const onnxPath = files.onnxPath || path.resolve(path.dirname(files.cardPath), card.onnx);
    if (!fs.existsSync(onnxPath)) throw new ModelLoadError('missing', `the model file ${onnxPath} is missing`);
    if (fs.statSync(onnxPath).size === 0) throw new ModelLoadError('corrupt', `the model file ${onnxPath} is empty`);
    checkVocabulary(card, files.cardPath, VOCABULARY);

    const ort = loadOnnxRuntime();
    // A failed CUDA attempt under `auto` is expected; its reason goes into the status, not stderr.
    if (requested === 'auto') ort.env.logLevel = 'fatal';
    const create = (provider: 'cpu' | 'cuda') =>
      ort.InferenceSession.create(onnxPath, {
        executionProviders: [provider],
        intraOpNumThreads: threads,
        interOpNumThreads: 1,
        executionMode: 'sequential',
        graphOptimizationLevel: 'all',
        logSeverityLevel: provider === 'cuda' && requested === 'auto' ? 4 : 3,
      });
    const corrupt = (e: unknown) =>
      new ModelLoadError('corrupt', `${onnxPath} cannot be read as an ONNX model (truncated or damaged?): ${firstLine(e)}`);

    let session: Ort.InferenceSession | undefined;
    let provider: 'cpu' | 'cuda' = 'cpu';
    let fallbackReason: string | undefined;
    if (requested !== 'cpu') {
      try {
        session = await create('cuda');
        provider = 'cuda';
      } catch (e) {
        if (requested === 'cuda') {
          // Tell a broken file apart from a missing CUDA: the CPU provider reads the file too.
          await create('cpu').catch((cpuError) => Promise.reject(corrupt(cpuError)));
          throw new ModelLoadError('provider', `the CUDA execution provider cannot start (set c-repair.executionProvider to auto or cpu): ${firstLine(e)}`);
        }
        fallbackReason = `CUDA unavailable: ${firstLine(e)}`;
      }
    }
    const ready: Ort.InferenceSession = session ?? (await create('cpu').catch((e) => Promise.reject(corrupt(e))));

    const status: ModelStatus = {
      ok: true,
      message: '',
      onnxPath,
      requestedProvider: requested,
      provider,
      fallbackReason,
      threads: provider === 'cpu' ? threads : undefined,
    };
    const model = new ModelSession(ort, ready, card, status);
    try {
      model.checkContract();
      await model.warmUp();
    } catch (e) {
      await ready.release().catch(() => undefined);
      // The contract's sentences say what is wrong; the prefix says which file.
      throw new ModelLoadError(e instanceof ModelLoadError ? e.problem : 'contract', `${onnxPath}: ${firstLine(e)}`);
    }
    status.loadMs = Math.round(performance.now() - started);
    status.message =
      `repair model ready on ${provider.toUpperCase()}${provider === 'cpu' ? ` (${threads} thread${threads > 1 ? 's' : ''})` : ''}` +
      (fallbackReason ? `; ${fallbackReason}` : '');
    return model;
  }

  /**
   * One forward pass: feeds `ids` with their copy hints (`hints`: HINT_WIDTH ids per token, flat)
   * after the cache's positions, appends their keys/values to the cache and returns the logits
   * [ids.length x vocabSize] (row t predicts the token after ids[t]).
   */
  async forward(cache: KvCache, ids: readonly number[], hints: readonly number[]): Promise<Float32Array> {
    const T = ids.length;
    if (T === 0) throw new RangeError('forward pass without tokens');
    if (hints.length !== T * HINT_WIDTH) throw new RangeError(`${hints.length} hint ids for ${T} tokens (${HINT_WIDTH} each)`);
    if (cache.length + T > this.maxPositions) {
      throw new RangeError(`${cache.length} + ${T} positions exceed the model's ${this.maxPositions}`);
    }
    const inputIds = new BigInt64Array(T);
    for (let t = 0; t < T; t++) inputIds[t] = BigInt(ids[t]);
    const feeds = cache.pastFeeds(this.ort.Tensor);
    feeds[this.inputIdsName] = new this.ort.Tensor('int64', inputIds, [1, T]);
    feeds.hint_ids = new this.ort.Tensor('int64', BigInt64Array.from(hints, (h) => BigInt(h)), [1, T, HINT_WIDTH]);
    const out = await this.session.run(feeds);
    const logits = out.logits.data as Float32Array;
    if (logits.length !== T * this.vocabSize) {
      throw new ModelLoadError('contract', `logits have ${logits.length} values, expected ${T} x ${this.vocabSize}`);
    }
    cache.append(
      this.presentKeyNames.map((n) => out[n].data as Float32Array),
      this.presentValueNames.map((n) => out[n].data as Float32Array),
      T,
    );
    return logits;
  }

  newCache(): KvCache {
    return new KvCache(this.cacheShape);
  }

  async release(): Promise<void> {
    await this.session.release();
  }

  /** Names, element types and fixed sizes of every input and output against contract + card. */
  private checkContract(): void {
    const { n_layer: L, n_head: H, head_dim: D, vocab_size: V } = this.card;
    const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && b.every((n) => a.includes(n));
    if (!sameSet(this.session.inputNames, inputNames(L)) || !sameSet(this.session.outputNames, outputNames(L))) {
      throw new ModelLoadError(
        'contract',
        `the model's inputs/outputs (${this.session.inputNames.length}/${this.session.outputNames.length}) are not the contract's ` +
          `for ${L} layers (${inputNames(L).length}/${outputNames(L).length}): a model for another server version?`,
      );
    }
    const expected: Record<string, [string, (number | null)[]]> = {
      input_ids: ['int64', [1, null]],
      hint_ids: ['int64', [1, null, HINT_WIDTH]],
      logits: ['float32', [1, null, V]],
    };
    for (const n of [...inputNames(L).slice(2), ...outputNames(L).slice(1)]) expected[n] = ['float32', [1, null, H, D]];
    for (const meta of [...this.session.inputMetadata, ...this.session.outputMetadata]) {
      const want = expected[meta.name];
      if (!want || !meta.isTensor) continue;
      const dims = meta.shape;
      const fixedMismatch = dims.length !== want[1].length || want[1].some((d, k) => d !== null && typeof dims[k] === 'number' && dims[k] !== d);
      if (meta.type !== want[0] || fixedMismatch) {
        throw new ModelLoadError(
          'contract',
          `${meta.name} is ${meta.type} [${dims.join(', ')}], the contract and model.json say ${want[0]} [${want[1].map((d) => d ?? '?').join(', ')}]`,
        );
      }
    }
  }

  /** The first runs pay for kernel preparation; doing them now also checks the real output sizes. */
  private async warmUp(): Promise<void> {
    const cache = this.newCache();
    const ids = ['<bos>', '<fix>', '<L1>', 'int'].map((t) => VOCABULARY.id(t));
    await this.forward(cache, ids, promptHints(ids.length, NO_HINT));
    await this.forward(cache, [VOCABULARY.id('<eos>')], NO_HINT);
  }
}

function firstLine(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  return text.split('\n')[0].slice(0, 300);
}
