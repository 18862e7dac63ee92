// Which accepted round wrote each edit of a multi-round repair. Each round's changed spans are carried
// forward through the later rounds' edits, so a final edit (original -> final) is credited to the
// round whose text it is, however much earlier or later rounds moved the text around it.
import { minimalEdits, TextEdit } from './edits';

interface Span<T> {
  start: number;
  end: number;
  owner: T;
}

/** Where offset `p` of the text before `edits` lands after them. Inside a replaced range it goes to
 * the replacement's start, or its end when `towardEnd` (so a span keeps covering what replaced it). */
function mapOffset(p: number, edits: readonly TextEdit[], towardEnd: boolean): number {
  let delta = 0;
  for (const e of edits) {
    const growth = e.newText.length - (e.end - e.start);
    if (e.end < p || (e.end === p && (towardEnd || e.start < e.end))) delta += growth;
    else if (e.start < p) return e.start + delta + (towardEnd ? e.newText.length : 0);
    else break;
  }
  return p + delta;
}

/**
 * For each round (the text after it, in order) and the final edits from `original` to the last text,
 * the owner of each final edit: the round whose spans overlap it most (the latest on a tie), or
 * `fallback` when none does.
 */
export function editOwners<T>(original: string, rounds: readonly { text: string; owner: T }[], fallback: T): { edit: TextEdit; owner: T }[] {
  let spans: Span<T>[] = [];
  let previous = original;
  for (const round of rounds) {
    const edits = minimalEdits(previous, round.text);
    spans = spans.map((s) => ({ ...s, start: mapOffset(s.start, edits, false), end: mapOffset(s.end, edits, true) }));
    let delta = 0;
    for (const e of edits) {
      spans.push({ start: e.start + delta, end: e.start + delta + e.newText.length, owner: round.owner });
      delta += e.newText.length - (e.end - e.start);
    }
    previous = round.text;
  }

  let delta = 0;
  return minimalEdits(original, previous).map((edit) => {
    const start = edit.start + delta;
    const end = start + edit.newText.length;
    delta += edit.newText.length - (edit.end - edit.start);
    let owner = fallback;
    let best = -1;
    for (const s of spans) {
      if (s.start > end || s.end < start) continue; // touching counts: a deletion leaves an empty span
      const overlap = Math.min(s.end, end) - Math.max(s.start, start);
      if (overlap >= best) [owner, best] = [s.owner, overlap];
    }
    return { edit, owner };
  });
}
