// Text edits on the student's original text (offsets are UTF-16 code units, `end` exclusive).
import { createTwoFilesPatch, diffArrays, diffLines } from 'diff';
import { lex, significantTokens } from '../c/lexer';
import type { TextEdit } from '../oracle/compiler';

export type { TextEdit };

/** The edit that puts `newText` in place of a token (or any span with start/end). */
export const replaceSpan = (span: { start: number; end: number }, newText: string): TextEdit => ({ start: span.start, end: span.end, newText });

/** True when no two edits touch the same characters (two insertions at one point also clash). */
export function editsOverlap(edits: readonly TextEdit[]): boolean {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1];
    const cur = sorted[i];
    if (cur.start < prev.end || (cur.start === prev.start && (prev.start === prev.end || cur.start === cur.end))) {
      return true;
    }
  }
  return false;
}

/** Applies non-overlapping edits; throws on overlap so that a repair never mangles text silently. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  if (editsOverlap(edits)) throw new Error('overlapping edits');
  const sorted = [...edits].sort((a, b) => b.start - a.start);
  let out = text;
  for (const e of sorted) {
    if (e.start < 0 || e.end > text.length || e.start > e.end) throw new Error(`edit out of range: ${e.start}-${e.end}`);
    out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  }
  return out;
}

/**
 * The separate minimal edits that turn `before` into `after`, at token granularity so that an edit
 * reads as the student thinks of it ("replace `prinf` with `printf`", not "insert `t`").
 */
export function minimalEdits(before: string, after: string): TextEdit[] {
  const edits: TextEdit[] = [];
  let offset = 0;
  let current: TextEdit | undefined;
  const tokens = (text: string) => lex(text).map((t) => t.text);
  for (const part of diffArrays(tokens(before), tokens(after))) {
    const length = part.value.reduce((n, t) => n + t.length, 0);
    if (!part.added && !part.removed) {
      if (current) edits.push(current);
      current = undefined;
      offset += length;
      continue;
    }
    current ??= { start: offset, end: offset, newText: '' };
    if (part.removed) {
      offset += length;
      current.end = offset;
    } else {
      current.newText += part.value.join('');
    }
  }
  if (current) edits.push(current);
  const aligned: TextEdit[] = [];
  const trimmed = edits.map((e) => sharedSpaceTrimmed(before, e));
  mergeNeighbours(before, trimmed).forEach((e, k, merged) => {
    const previous = aligned[k - 1];
    const moved = alignToLines(before, e, previous?.end ?? 0, merged[k + 1]?.start ?? before.length);
    aligned.push(previous && editsOverlap([previous, moved]) ? e : moved);
  });
  return aligned;
}

/**
 * An edit without the white space that its removed and inserted texts start or end with alike:
 * white space is a token of its own, so `\t}` becoming `\t if (x) break; }` reads as an insertion.
 */
function sharedSpaceTrimmed(text: string, edit: TextEdit): TextEdit {
  const removed = text.slice(edit.start, edit.end);
  let head = 0;
  while (head < removed.length && head < edit.newText.length && removed[head] === edit.newText[head] && /\s/.test(removed[head])) head++;
  let tail = 0;
  const fits = () => tail < removed.length - head && tail < edit.newText.length - head;
  while (fits() && removed[removed.length - 1 - tail] === edit.newText[edit.newText.length - 1 - tail] && /\s/.test(removed[removed.length - 1 - tail])) tail++;
  return { start: edit.start + head, end: edit.end - tail, newText: edit.newText.slice(head, edit.newText.length - tail) };
}

/**
 * Two insertions with only white space between them as one, where the text allows: a diff may
 * insert `#include <math.h>` and, after the next line break, another line break. Also two edits of
 * words with only spaces between them on one line: `int` becoming `long long` is one replacement,
 * not `int` replaced by `long` and `long` inserted.
 */
function mergeNeighbours(text: string, edits: readonly TextEdit[]): TextEdit[] {
  const out: TextEdit[] = [];
  const words = (e: TextEdit) => /^[\w ]*$/.test(e.newText.trim()) && /^\w*$/.test(text.slice(e.start, e.end));
  for (const e of edits) {
    const last = out[out.length - 1];
    const between = last ? text.slice(last.end, e.start) : '';
    const joined = last ? last.newText + between + e.newText : '';
    if (last && last.start === last.end && e.start === e.end && /^\s+$/.test(between) && joined.endsWith(between)) {
      out[out.length - 1] = { start: last.start, end: last.end, newText: joined.slice(0, joined.length - between.length) };
    } else if (last && /^[ \t]+$/.test(between) && words(last) && words(e)) {
      out[out.length - 1] = { start: last.start, end: e.end, newText: joined };
    } else {
      out.push(e);
    }
  }
  return out;
}

/**
 * A pure insertion or deletion moved, within the unchanged text between `min` and `max`, to where it
 * is whole lines, when such a place exists: a diff may insert `b;⏎    int ` after `int ` where the
 * student reads `int b;⏎` inserted before a line. The result is the same text either way.
 */
function alignToLines(text: string, edit: TextEdit, min: number, max: number): TextEdit {
  const deletion = edit.newText === '';
  if (deletion === (edit.start === edit.end)) return edit; // a replacement (or nothing): fixed in place
  let changed = deletion ? text.slice(edit.start, edit.end) : edit.newText;
  let start = edit.start;
  const wholeLines = (at: number) => (at === 0 || text[at - 1] === '\n') && changed.endsWith('\n');
  // The first character after the edit in `text`: a deletion ends after what it removes.
  const after = () => start + (deletion ? changed.length : 0);
  // Slide left as far as the text allows, then right, stopping at the first whole-lines place.
  while (!wholeLines(start) && start > min && text[start - 1] === changed[changed.length - 1]) {
    changed = text[start - 1] + changed.slice(0, -1);
    start--;
  }
  while (!wholeLines(start) && after() < max && text[after()] === changed[0]) {
    changed = changed.slice(1) + text[after()];
    start++;
  }
  if (!wholeLines(start)) return edit;
  return deletion ? { start, end: start + changed.length, newText: '' } : { start, end: start, newText: changed };
}

export function unifiedDiff(fileName: string, before: string, after: string): string {
  return createTwoFilesPatch(`a/${fileName}`, `b/${fileName}`, before, after, undefined, undefined, { context: 3 });
}

/** How many significant tokens differ between two texts: per changed hunk, the larger of removed and added. */
export function changedTokenCount(before: string, after: string): number {
  const tokens = (text: string) => significantTokens(lex(text)).map((t) => t.text);
  let n = 0;
  const parts = diffArrays(tokens(before), tokens(after));
  for (let i = 0; i < parts.length; i++) {
    if (!parts[i].removed && !parts[i].added) continue;
    const removed = parts[i].removed ? parts[i].value.length : 0;
    const added = parts[i].removed && parts[i + 1]?.added ? parts[++i].value.length : parts[i].added ? parts[i].value.length : 0;
    n += Math.max(removed, added);
  }
  return n;
}

/** Lines changed from `before` to `after`: a replaced run of lines counts its longer side. */
export function changedLines(before: string, after: string): number {
  let n = 0;
  const parts = diffLines(before, after);
  for (let i = 0; i < parts.length; i++) {
    if (!parts[i].removed && !parts[i].added) continue;
    const removed = parts[i].removed ? parts[i].count ?? 0 : 0;
    const added = parts[i].removed && parts[i + 1]?.added ? parts[++i].count ?? 0 : parts[i].added ? parts[i].count ?? 0 : 0;
    n += Math.max(removed, added);
  }
  return n;
}
