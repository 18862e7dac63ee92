// Drafts for the speculative decoder, copied from the buggy program (FastFixer): the repaired
// program is mostly the buggy one, so whatever followed the last few generated tokens in the buggy
// program is a good guess for what comes next. Re-anchored after every generated token
// (prompt-lookup style): find where the last n = 3..1 generated tokens occur in the program,
// preferring the occurrence nearest to where copying would have continued, and propose what
// follows. Line markers match each other whatever their number, and drafted markers are renumbered
// by the offset between output and program lines, so copying goes on after a line was inserted or
// removed (FastFixer re-anchors on lines; here a marker is simply one more token to match).
import { MAX_LINE_MARKER, Vocabulary } from '../c/vocabulary';

/** Matches further than this from the expected place count as jumps (1-gram matches: NEAR_1). */
const NEAR = 16;
const NEAR_1 = 8;
const MAX_NGRAM = 3;
/** Any line marker, in match keys. */
const MARKER_KEY = -1;

export interface Draft {
  tokens: number[];
  /** The anchor continues the copy exactly where it was expected: long drafts are worth it. */
  strong: boolean;
  /** The anchor lies on a line the compiler complained about, where edits are likely. */
  hot: boolean;
}

export class CopyDraft {
  private readonly keys: Int32Array;
  /** Line of the last marker before each source position (0: none yet). */
  private readonly lineBefore: Int32Array;
  /** Source positions holding each key. */
  private readonly positions = new Map<number, number[]>();
  private readonly lineOfId: Int32Array;
  private readonly markerIds: Int32Array;
  /** Source positions on hot lines. */
  private readonly hot: Uint8Array;
  private anchor = 0;
  private outLengthAtAnchor = 0;

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

  /** Forgets the last anchor: the next output is expected to run along the program from its start. */
  reset(): void {
    this.anchor = 0;
    this.outLengthAtAnchor = 0;
  }

  /**
   * Up to `maxLength` tokens that may follow `out` (the whole output so far; empty: the output
   * starts, and so does the program), ending with the first hot line they reach.
   */
  propose(out: readonly number[], maxLength: number): Draft {
    const q = out.length === 0 ? { next: 0, strong: true } : this.findAnchor(out, this.anchor + (out.length - this.outLengthAtAnchor));
    if (q === undefined || maxLength <= 0) return { tokens: [], strong: false, hot: false };
    this.anchor = q.next;
    this.outLengthAtAnchor = out.length;
    const outLine = this.lastOutputLine(out);
    const delta = outLine > 0 && this.lineBefore[q.next] > 0 ? outLine - this.lineBefore[q.next] : 0;
    const hot = this.hot[q.next] === 1;
    const end = Math.min(this.source.length, q.next + maxLength);
    const tokens: number[] = [];
    let touchedHot = false;
    for (let p = q.next; p < end; p++) {
      if (touchedHot && this.lineOfId[this.source[p]] > 0) break; // the end of the hot line
      if (this.hot[p] === 1) touchedHot = true;
      tokens.push(this.renumbered(this.source[p], delta));
    }
    return { tokens, strong: q.strong, hot };
  }

  private key(id: number): number {
    return this.lineOfId[id] > 0 ? MARKER_KEY : id;
  }

  /**
   * The source position to copy from next. Ranked: a 3-gram or 2-gram match near the expected
   * place, a 3-gram anywhere, a 1-gram nearby, the expected place itself (the last output token
   * replaced a program token), then 2- and 1-gram matches anywhere; nearest first within a rank.
   */
  private findAnchor(out: readonly number[], expected: number): { next: number; strong: boolean } | undefined {
    const last = this.key(out[out.length - 1]);
    let best: { next: number; rank: number; distance: number } | undefined;
    const consider = (next: number, rank: number) => {
      const distance = Math.abs(next - expected) * 2 + (next < expected ? 1 : 0); // forward wins ties
      if (!best || rank < best.rank || (rank === best.rank && distance < best.distance)) best = { next, rank, distance };
    };
    for (const p of this.positions.get(last) ?? []) {
      const next = p + 1;
      if (next >= this.source.length) continue;
      let n = 1;
      while (n < MAX_NGRAM && n < out.length && p - n >= 0 && this.keys[p - n] === this.key(out[out.length - 1 - n])) n++;
      const near = Math.abs(next - expected) <= (n === 1 ? NEAR_1 : NEAR);
      consider(next, near ? (n >= 3 ? 0 : n === 2 ? 1 : 3) : n >= 3 ? 2 : n === 2 ? 5 : 6);
    }
    if (expected < this.source.length) consider(expected, 4); // the last token replaced the expected one
    if (!best) return undefined;
    return { next: best.next, strong: best.rank === 0 && best.next === expected };
  }

  private lastOutputLine(out: readonly number[]): number {
    for (let k = out.length - 1; k >= 0; k--) if (this.lineOfId[out[k]] > 0) return this.lineOfId[out[k]];
    return 0;
  }

  private renumbered(id: number, delta: number): number {
    const line = this.lineOfId[id];
    if (line === 0 || delta === 0) return id;
    return this.markerIds[Math.min(Math.max(line + delta, 1), MAX_LINE_MARKER)];
  }
}
