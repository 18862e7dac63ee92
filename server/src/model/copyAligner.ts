// The copy aligner: follows the output along the buggy program, one output token at a time, and
// says which program tokens come next if the output goes on copying. The model reads that as its
// copy hint (two program tokens fed with every output position: "write the hint unless an edit is
// due here"), and the copy-speculative decoder drafts from it (FastFixer: the buggy program is the
// draft). Training (training/build_dataset.ts) and both decoders step the same aligner over the
// same tokens, so a position's hint is the same at training and at inference, whichever decoder
// runs.
//
// Alignment is prompt-lookup style, re-anchored after every token: where do the last n = 3..1
// output tokens occur in the program, preferring the occurrence nearest to where copying would
// have continued. Line markers match each other whatever their number, and hinted or drafted
// markers are renumbered by the offset between output and program lines, so copying goes on after
// a line was inserted or removed.
import { MAX_LINE_MARKER, Vocabulary } from '../c/vocabulary';

/** Matches further than this from the expected place count as jumps (1-gram matches: NEAR_1). */
const NEAR = 16;
const NEAR_1 = 8;
const MAX_NGRAM = 3;
/** Any line marker, in match keys. */
const MARKER_KEY = -1;
/** Program tokens in the model's copy hint. */
export const HINT_WIDTH = 2;
/** <pad>: no hint (the vocabulary's id 0; training/train.py fills the prompt with it). */
export const PAD_ID = 0;
/** The hint of a prompt position. */
export const NO_HINT: readonly number[] = new Array<number>(HINT_WIDTH).fill(PAD_ID);

/** Where the aligner stands after some output: small and immutable, so decoders keep one per token. */
export interface AlignState {
  /** Program position the next output token is expected to copy. */
  next: number;
  /** The anchor continues the copy exactly where it was expected. */
  strong: boolean;
  /** Line of the output's last line marker (0: none yet). */
  outLine: number;
}

export interface Draft {
  tokens: number[];
  /** The anchor continues the copy exactly where it was expected: long drafts are worth it. */
  strong: boolean;
  /** The anchor lies on a line the compiler complained about, where edits are likely. */
  hot: boolean;
}

export const START: AlignState = { next: 0, strong: true, outLine: 0 };

/** Hints for a prompt fed whole: <pad> (id 0) everywhere but its last token, which predicts the output's first. */
export function promptHints(promptLength: number, first: readonly number[]): number[] {
  const hints = new Array<number>(promptLength * HINT_WIDTH).fill(PAD_ID);
  hints.splice((promptLength - 1) * HINT_WIDTH, HINT_WIDTH, ...first);
  return hints;
}

/**
 * The hints fed while writing `output` (its <eos> included), HINT_WIDTH ids per output token, flat:
 * the aligner stepped over the output itself. Training stores these; the decoders feed the same.
 */
export function outputHints(sourceIds: readonly number[], output: readonly number[], vocabulary: Vocabulary): number[] {
  const aligner = new CopyAligner([...sourceIds, vocabulary.id('<eos>')], vocabulary);
  return aligner.states(output.slice(0, -1)).flatMap((state) => aligner.hint(state));
}

export class CopyAligner {
  private readonly keys: Int32Array;
  /** Line of the last marker before each source position (0: none yet). */
  private readonly lineBefore: Int32Array;
  /** Source positions holding each key. */
  private readonly positions = new Map<number, number[]>();
  private readonly lineOfId: Int32Array;
  private readonly markerIds: Int32Array;
  /** Source positions on hot lines. */
  private readonly hot: Uint8Array;

  /**
   * `source`: the buggy program's token ids as the prompt has them, then <eos>. `hotLines`: lines
   * where edits are expected (the compiler's error lines); a draft ends with the first hot line it
   * enters, so a long draft is not spent on what follows the likely edit. (On 200 TRACER programs
   * the student's fix was on a reported line or the line before in 92%.)
   */
  constructor(
    private readonly source: readonly number[],
    vocabulary: Vocabulary,
    hotLines: readonly number[] = [],
  ) {
    if (vocabulary.token(PAD_ID) !== '<pad>') throw new Error('the vocabulary\'s id 0 must be <pad>');
    this.lineOfId = new Int32Array(vocabulary.size);
    this.markerIds = new Int32Array(MAX_LINE_MARKER + 1);
    vocabulary.tokens.forEach((t, id) => {
      const m = /^<L(\d+)>$/.exec(t);
      if (m) {
        this.lineOfId[id] = Number(m[1]);
        this.markerIds[Number(m[1])] = id;
      }
    });
    this.keys = Int32Array.from(source, (id) => this.key(id));
    this.lineBefore = new Int32Array(source.length + 1);
    for (let p = 0; p < source.length; p++) {
      this.lineBefore[p + 1] = this.lineOfId[source[p]] || this.lineBefore[p];
      const list = this.positions.get(this.keys[p]);
      if (list) list.push(p);
      else this.positions.set(this.keys[p], [p]);
    }
    const hotSet = new Set(hotLines);
    this.hot = Uint8Array.from(source, (_, p) => (hotSet.has(this.lineBefore[p + 1]) ? 1 : 0));
  }

  /**
   * The state after the output out[0, end) grew by its last token, from the state before that
   * token (`end` defaults to the whole array).
   */
  step(state: AlignState, out: readonly number[], end = out.length): AlignState {
    const outLine = this.lineOfId[out[end - 1]] || state.outLine;
    const anchor = this.findAnchor(out, end, state.next + 1);
    return anchor ? { next: anchor.next, strong: anchor.strong, outLine } : { next: this.source.length, strong: false, outLine };
  }

  /** The states before each output token and after the last: states[k] precedes out[k]. */
  states(out: readonly number[]): AlignState[] {
    const states = [START];
    for (let k = 1; k <= out.length; k++) states.push(this.step(states[k - 1], out, k));
    return states;
  }

  /** The copy hint at `state`: the next HINT_WIDTH program tokens, renumbered (<pad> past the end). */
  hint(state: AlignState): number[] {
    const delta = this.delta(state);
    return Array.from({ length: HINT_WIDTH }, (_, k) => {
      const p = state.next + k;
      return p < this.source.length ? this.renumbered(this.source[p], delta) : PAD_ID;
    });
  }

  /** Up to `maxLength` tokens copied from `state` on, ending with the first hot line they reach. */
  propose(state: AlignState, maxLength: number): Draft {
    if (state.next >= this.source.length || maxLength <= 0) return { tokens: [], strong: false, hot: false };
    const delta = this.delta(state);
    const end = Math.min(this.source.length, state.next + maxLength);
    const tokens: number[] = [];
    let touchedHot = false;
    for (let p = state.next; p < end; p++) {
      if (touchedHot && this.lineOfId[this.source[p]] > 0) break; // the end of the hot line
      if (this.hot[p] === 1) touchedHot = true;
      tokens.push(this.renumbered(this.source[p], delta));
    }
    return { tokens, strong: state.strong, hot: this.hot[state.next] === 1 };
  }

  private key(id: number): number {
    return this.lineOfId[id] > 0 ? MARKER_KEY : id;
  }

  /** Output lines minus program lines at the state's place (0 before either has a marker). */
  private delta(state: AlignState): number {
    const programLine = this.lineBefore[Math.min(state.next, this.source.length)];
    return state.outLine > 0 && programLine > 0 ? state.outLine - programLine : 0;
  }

  /**
   * The source position to copy from next. Ranked: a 3-gram or 2-gram match near the expected
   * place, a 3-gram anywhere, a 1-gram nearby, the expected place itself (the last output token
   * replaced a program token), then 2- and 1-gram matches anywhere; nearest first within a rank.
   */
  private findAnchor(out: readonly number[], end: number, expected: number): { next: number; strong: boolean } | undefined {
    const last = this.key(out[end - 1]);
    let best: { next: number; rank: number; distance: number } | undefined;
    const consider = (next: number, rank: number) => {
      const distance = Math.abs(next - expected) * 2 + (next < expected ? 1 : 0); // forward wins ties
      if (!best || rank < best.rank || (rank === best.rank && distance < best.distance)) best = { next, rank, distance };
    };
    for (const p of this.positions.get(last) ?? []) {
      const next = p + 1;
      if (next >= this.source.length) continue;
      let n = 1;
      while (n < MAX_NGRAM && n < end && p - n >= 0 && this.keys[p - n] === this.key(out[end - 1 - n])) n++;
      const near = Math.abs(next - expected) <= (n === 1 ? NEAR_1 : NEAR);
      consider(next, near ? (n >= 3 ? 0 : n === 2 ? 1 : 3) : n >= 3 ? 2 : n === 2 ? 5 : 6);
    }
    if (expected < this.source.length) consider(expected, 4); // the last token replaced the expected one
    if (!best) return undefined;
    return { next: best.next, strong: best.rank === 0 && best.next === expected };
  }

  private renumbered(id: number, delta: number): number {
    const line = this.lineOfId[id];
    if (line === 0 || delta === 0) return id;
    return this.markerIds[Math.min(Math.max(line + delta, 1), MAX_LINE_MARKER)];
  }
}
