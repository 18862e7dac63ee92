// Every difference between the failing test's output and the expected one that falls inside text a
// string literal printed, edited in that literal, all in one candidate: a prompt printed with one
// space too many and no line end after it, and a blank line missing before it, are three edits of
// one literal that only together pass the test (one at a time gains nothing, so a search of single
// edits never takes them). The outputs are aligned character by character (the `diff` package);
// a difference is placed in the literal whose printed text, found in the program's output, holds it
// (the longest such, the likeliest printer); a difference no literal holds (a value) is left. A
// candidate that writes digits into a literal fits a value to this test more often than it repairs:
// a late guess. And spaces where the test has zeros pad the numbers with zeros (`%2d` to `%02d`), and
// zeros the program did not print before a number give its conversion a width (`%d` to `%02d`).
import { diffChars } from 'diff';
import type { Token } from '../c/lexer';
import type { TextEdit } from '../oracle/compiler';
import { applyEdits } from './edits';
import type { LogicEdit } from './mutationSearch';
import { CONVERSION, ESCAPES, escapeC } from './outputEdits';

/** Outputs longer than this, or further apart, are not aligned: a literal's slip is small. */
const MAX_OUTPUT = 2000;
const MAX_EDIT_LENGTH = 60;
/** After the one-token guesses on the same line (mutationSearch.ts: at most 38), as outputEdits.ts's echoes. */
const LATE = 40;
/** More differences than this are not slips of literals. */
const MAX_DIFFERENCES = 12;
/** Places edited alone, besides all of them together. */
const MAX_SINGLES = 6;


/** A run of printed text of a literal: what it prints, and where each printed character sits in the source. */
interface Printed {
  text: string;
  /** Source offset of each printed character, and one past the last. */
  at: number[];
}

/** The runs of fixed text a literal prints, between its conversions. */
function printedRuns(literal: Token): Printed[] {
  const body = literal.text.slice(1, -1);
  const runs: Printed[] = [];
  let run: Printed = { text: '', at: [] };
  const close = (end: number) => {
    if (run.text) runs.push({ text: run.text, at: [...run.at, end] });
    run = { text: '', at: [] };
  };
  const conversions = new Map([...body.matchAll(CONVERSION)].map((m) => [m.index!, m[0].length]));
  for (let i = 0; i < body.length; ) {
    const source = literal.start + 1 + i;
    if (conversions.has(i)) {
      close(source);
      i += conversions.get(i)!;
    } else if (body[i] === '\\' && ESCAPES[body[i + 1]] !== undefined) {
      run.text += ESCAPES[body[i + 1]];
      run.at.push(source);
      i += 2;
    } else {
      run.text += body[i];
      run.at.push(source);
      i += 1;
    }
  }
  close(literal.start + 1 + body.length);
  return runs;
}

/** A literal that a scanf-like call reads with, or one with escapes or `%%` this file does not map. */
function skipped(tokens: readonly Token[], i: number): boolean {
  const t = tokens[i];
  const reads = tokens[i - 1]?.text === '(' && /scanf$/.test(tokens[i - 2]?.text ?? '');
  return reads || /%%|\\[0-7xu]/.test(t.text);
}

/** The source offset where output offset `k` (within an occurrence of `run` at `j`) was printed. */
const sourceAt = (run: Printed, j: number, k: number) => run.at[k - j];

/** The candidate that edits every difference a literal's printed text holds, and the one that pads numbers with zeros (see above). */
export function outputDiffEdits(tokens: readonly Token[], failing: { expected: string; actual: string }): LogicEdit[] {
  const { actual, expected } = failing;
  if (actual.length > MAX_OUTPUT || expected.length > MAX_OUTPUT || actual === expected) return [];
  const changes = diffChars(actual, expected, { maxEditLength: MAX_EDIT_LENGTH });
  if (!changes) return [];
  const runs = tokens.flatMap((t, i) => (t.kind === 'string' && t.text.startsWith('"') && !skipped(tokens, i) ? printedRuns(t) : []));
  // Each run's occurrences in the output, longest runs first: the likeliest printer of a place.
  const occurrences = runs
    .sort((a, b) => b.text.length - a.text.length)
    .map((run) => ({ run, starts: [...actual.matchAll(new RegExp(run.text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'g'))].map((m) => m.index!) }));
  // The places in the source that printed output from..to: in each run that printed it there, longest first.
  const holders = (from: number, to: number) => occurrences.flatMap(({ run, starts }) =>
    starts.filter((j) => j <= from && to <= j + run.text.length).map((j) => ({ start: sourceAt(run, j, from), end: sourceAt(run, j, to) })));
  const edits = new Map<number, TextEdit>();
  let padded = false;
  let width = 0;
  let fitsValues = false;
  let at = 0;
  let differences = 0;
  for (let c = 0; c < changes.length; c++) {
    const change = changes[c];
    if (!change.added && !change.removed) {
      at += change.value.length;
      continue;
    }
    if (++differences > MAX_DIFFERENCES) return [];
    // A removal followed by an addition is one replacement.
    const removed = change.removed ? change.value : '';
    const added = change.removed ? (changes[c + 1]?.added ? changes[++c].value : '') : change.value;
    // Marks alone added (a brace, a bracket) are more often the program's structure printed wrong.
    const notText = !removed && !/[\w\s]/.test(added);
    // Digits are most often a value the program computes, which a literal would fit to this test only.
    fitsValues ||= /\d/.test(added);
    // A literal that prints the same text twice (`"%d::%d::%d"`) takes each difference at a place of its own.
    // Spaces where the test has zeros: a number's width padded with spaces, not zeros (`%2d`, `%02d`).
    padded ||= /^ +$/.test(removed) && /^0+$/.test(added) && removed.length === added.length;
    // Zeros before a number that has none (`1:2:3` where the test has `01:02:03`): a width padded with zeros.
    const number = !removed && /^0+$/.test(added) && !/\d/.test(actual[at - 1] ?? '') ? /^\d+/.exec(actual.slice(at)) : null;
    if (number) width = Math.max(width, added.length + number[0].length);
    const place = notText ? undefined : holders(at, at + removed.length).find((h) => !edits.has(h.start));
    if (place) edits.set(place.start, { ...place, newText: escapeC(added) });
    at += removed.length;
  }
  // Places that overlap (a removal over another difference's spot): the first is kept.
  const kept = [...edits.values()].sort((a, b) => a.start - b.start).filter((e, k, all) => k === 0 || all[k - 1].end <= e.start);
  // A literal printed once per pass of a loop (`" %d "`) differs from the test at every pass, and
  // the places aligned in different passes need not all be edited: each place alone is a candidate too.
  const singles = kept.length > 1 ? kept.slice(0, MAX_SINGLES).flatMap((e) => literalEdits(tokens, [e], /\d/.test(e.newText), 3)) : [];
  return [...literalEdits(tokens, kept, fitsValues), ...singles, ...(padded || width > 0 ? zeroPaddingEdits(tokens, padded, width) : [])];
}

/**
 * Integer conversions padded with zeros, in one candidate: where the test has zeros for the spaces
 * of a width, every conversion with a width and no `0` or `-` flag (`%2d` to `%02d`); where it has
 * zeros before numbers printed without, every conversion without a width takes the test's
 * (`%d` to `%02d`).
 */
function zeroPaddingEdits(tokens: readonly Token[], padded: boolean, width: number): LogicEdit[] {
  const edits = tokens.filter((t, i) => t.kind === 'string' && !skipped(tokens, i)).flatMap((t) => [...t.text.matchAll(/%([-+ #0]*)(\d*)(?:\.\d+)?[hlLjzt]*[diouxX]/g)].flatMap((m) => {
    const at = t.start + m.index! + 1 + m[1].length;
    if (/[-0]/.test(m[1])) return [];
    if (m[2]) return padded ? [{ start: at, end: at, newText: '0' }] : [];
    return width > 0 ? [{ start: at, end: at, newText: `0${width}` }] : [];
  }));
  const line = tokens.find((t) => edits[0] && t.start <= edits[0].start && edits[0].start < t.end)?.line ?? 0;
  const why = padded ? 'the test pads numbers with zeros where the program pads them with spaces' : 'the test pads numbers with zeros to a width the program does not';
  return edits.length > 0 ? [{ edits, line: line + 1, priority: 2, guided: true, why }] : [];
}

/**
 * The differences placed in literals, as one candidate (none that turns a literal into another the
 * program prints); one that writes digits into a literal is a late guess, not a lead.
 */
function literalEdits(tokens: readonly Token[], kept: TextEdit[], fitsValues: boolean, priority = 2): LogicEdit[] {
  if (kept.length === 0) return [];
  // A literal turned into one the program prints elsewhere ("yes" into the "no" of the else) makes
  // both paths print alike: the test wants the other path taken (outputEdits.ts tries it late).
  const literals = tokens.filter((t) => t.kind === 'string');
  const echoes = literals.some((t) => {
    const inside = kept.filter((e) => t.start < e.start && e.end < t.end);
    if (inside.length === 0) return false;
    const edited = applyEdits(t.text, inside.map((e) => ({ ...e, start: e.start - t.start, end: e.end - t.start })));
    return literals.some((other) => other !== t && other.text === edited);
  });
  if (echoes) return [];
  const line = tokens.find((t) => t.start <= kept[0].start && kept[0].start < t.end)?.line ?? 0;
  return [{ edits: kept, line: line + 1, priority: fitsValues ? LATE : priority, guided: !fitsValues, ...(fitsValues ? { fitsTest: true } : {}), why: 'the program printed text other than the test expects' }];
}
