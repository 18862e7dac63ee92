// Reference- and peer-guided logic repair (the idea of Clara, Refactory and PaR): a correct program
// for the same assignment (the instructor's reference, or another student's passing submission) is
// aligned with the buggy one, statement by statement after its variable names are mapped onto the
// student's, and what differs becomes small candidate edits, smallest first. Whole functions are far
// too coarse (the closest correct program differs from a buggy one by dozens of lines): only single
// lines, or the tokens that differ within a line, are taken over.
import { diffArrays } from 'diff';
import { codeTokens, Token } from '../c/lexer';
import type { TextEdit } from '../oracle/compiler';
import { lineStarts } from '../oracle/positions';
import { indentUnit } from './cSyntax';
import { editsOverlap } from './edits';
import { suspicionStep, type Suspicion } from './faultLocalization';

/** Hunks of more lines than this (on either side) are not taken over. */
const MAX_HUNK_LINES = 3;
/** References kept per program: the closest after alignment. */
const MAX_REFERENCES = 3;
/** A reference that differs in at most this many lines in all is also taken over whole (every hunk at once). */
const MAX_WHOLE_LINES = 5;

interface CodeLine {
  /** 1-based source line. */
  line: number;
  tokens: Token[];
  /** The tokens' texts, a reference's names mapped to the student's. */
  texts: string[];
  /** The texts joined by single spaces (the alignment key). */
  key: string;
}

interface Stretch {
  /** [start, end) in the first sequence and in the second. */
  a: [number, number];
  b: [number, number];
  equal: boolean;
}

/** Two sequences as alternating equal and differing stretches (a removal next to an addition is one replacement). */
function stretches<T>(a: readonly T[], b: readonly T[]): Stretch[] {
  const parts = diffArrays([...a], [...b]);
  const out: Stretch[] = [];
  let ai = 0;
  let bi = 0;
  for (let p = 0; p < parts.length; p++) {
    const n = parts[p].count ?? 0;
    if (!parts[p].added && !parts[p].removed) {
      out.push({ a: [ai, (ai += n)], b: [bi, (bi += n)], equal: true });
      continue;
    }
    const removed = parts[p].removed ? n : 0;
    const added = parts[p].added ? n : parts[p + 1]?.added ? parts[++p].count ?? 0 : 0;
    out.push({ a: [ai, (ai += removed)], b: [bi, (bi += added)], equal: false });
  }
  return out;
}

/** Identifiers that name a variable here (not a called function, not a member). */
const isVariable = (tokens: readonly Token[], i: number) =>
  tokens[i].kind === 'identifier' && tokens[i + 1]?.text !== '(' && !/^(\.|->)$/.test(tokens[i - 1]?.text ?? '');

/**
 * Which of the reference's variable names stands for which of the student's: names in the same
 * place of the aligned token streams (all names abstracted to one class) vote; the most voted pairs
 * are taken, one student name per reference name.
 */
export function mapNames(student: readonly Token[], reference: readonly Token[]): Map<string, string> {
  const shape = (tokens: readonly Token[]) => tokens.map((t, i) => (isVariable(tokens, i) ? '<var>' : t.text));
  const votes = new Map<string, number>();
  for (const { a, b, equal } of stretches(shape(student), shape(reference))) {
    if (!equal) continue;
    for (let k = 0; k < a[1] - a[0]; k++) {
      if (isVariable(student, a[0] + k)) {
        const pair = `${reference[b[0] + k].text}\u0000${student[a[0] + k].text}`;
        votes.set(pair, (votes.get(pair) ?? 0) + 1);
      }
    }
  }
  const mapping = new Map<string, string>();
  const taken = new Set<string>();
  for (const [pair] of [...votes.entries()].sort((a, b) => b[1] - a[1])) {
    const [from, to] = pair.split('\u0000');
    if (mapping.has(from) || taken.has(to)) continue;
    mapping.set(from, to);
    taken.add(to);
  }
  return mapping;
}

/** The program's lines of code; `names` maps a reference's variables to the student's. */
function codeLines(tokens: readonly Token[], names?: ReadonlyMap<string, string>): CodeLine[] {
  const lines: CodeLine[] = [];
  tokens.forEach((t, i) => {
    const last = lines[lines.length - 1];
    const text = names && isVariable(tokens, i) ? names.get(t.text) ?? t.text : t.text;
    if (last && last.line === t.line + 1) {
      last.tokens.push(t);
      last.texts.push(text);
      last.key += ` ${text}`;
    } else lines.push({ line: t.line + 1, tokens: [t], texts: [text], key: text });
  });
  return lines;
}

interface Hunk {
  /** The student's lines replaced (may be empty: an insertion before `at`). */
  removed: CodeLine[];
  /** The reference's lines (names mapped) put in their place. */
  added: CodeLine[];
  /** The student's line the hunk is at (for ranking by suspicion). */
  at: number;
}

export interface ReferenceEdit {
  edits: TextEdit[];
  /** Student lines the edit changes (at least one). */
  lines: number;
  line: number;
  /** How many tokens of the student's program the reference shares after alignment (closer first). */
  closeness: number;
  /** Every hunk of a reference that differs in a few lines: the reference itself, tried first. */
  whole?: boolean;
}

/** Candidate edits taken from one reference, and how close it is to the student's program. */
function editsFrom(text: string, studentTokens: readonly Token[], reference: string): { closeness: number; edits: ReferenceEdit[] } {
  const refTokens = codeTokens(reference);
  const names = mapNames(studentTokens, refTokens);
  const studentLines = codeLines(studentTokens);
  const refLines = codeLines(refTokens, names);
  const hunks: Hunk[] = [];
  let closeness = 0;
  let complete = true; // every hunk small enough to take over
  for (const { a, b, equal } of stretches(studentLines.map((l) => l.key), refLines.map((l) => l.key))) {
    const removed = studentLines.slice(a[0], a[1]);
    if (equal) {
      closeness += removed.reduce((sum, l) => sum + l.tokens.length, 0);
      continue;
    }
    const added = refLines.slice(b[0], b[1]);
    // An insertion goes before the student's next line, or after the last one at the program's end.
    const at = removed[0]?.line ?? studentLines[a[1]]?.line ?? (studentLines.at(-1)?.line ?? 0) + 1;
    if (removed.length <= MAX_HUNK_LINES && added.length <= MAX_HUNK_LINES) hunks.push({ removed, added, at });
    else complete = false;
  }
  const perHunk = hunks.map((h) => hunkEdits(text, h));
  const edits: ReferenceEdit[] = perHunk.flat().map((e) => ({ ...e, closeness }));
  // Hunks that only help together (a variable declared in one and used in another): all at once.
  const wholeLines = perHunk.reduce((sum, h) => sum + h.at(-1)!.lines, 0);
  if (complete && hunks.length >= 2 && wholeLines <= MAX_WHOLE_LINES) {
    edits.push({ edits: perHunk.flatMap((h) => h.at(-1)!.edits), lines: wholeLines, line: hunks[0].at, closeness, whole: true });
  }
  return { closeness, edits };
}

/** The reference's line as source text, its names mapped to the student's. */
function renderLine(line: CodeLine): string {
  return line.tokens
    .map((t, k) => {
      const next = line.tokens[k + 1];
      return next && next.start > t.end ? `${line.texts[k]} ` : line.texts[k]; // the reference's own spacing, in short
    })
    .join('');
}

/** A hunk's candidates: the tokens that differ within a one-line change, then the whole lines. */
function hunkEdits(text: string, hunk: Hunk): Omit<ReferenceEdit, 'closeness'>[] {
  const out: Omit<ReferenceEdit, 'closeness'>[] = [];
  const added = hunk.added.map(renderLine);
  if (hunk.removed.length === 1 && hunk.added.length === 1) out.push(...withinLine(hunk.removed[0], hunk.added[0]));
  if (hunk.removed.length > 0) {
    const start = hunk.removed[0].tokens[0].start;
    const end = hunk.removed[hunk.removed.length - 1].tokens.at(-1)!.end;
    const indent = /[ \t]*$/.exec(text.slice(text.lastIndexOf('\n', start - 1) + 1, start))![0];
    out.push({ edits: [{ start, end, newText: added.join(`\n${indent}`) }], lines: Math.max(hunk.removed.length, hunk.added.length), line: hunk.at });
  } else if (added.length > 0) {
    // An insertion: before the student's line at `at`, indented like the line before it (one level
    // deeper when that line opens a block).
    const starts = lineStarts(text);
    const lineStart = starts[hunk.at - 1] ?? text.length;
    const previousStart = starts[Math.max(1, hunk.at - 1) - 1] ?? text.length;
    const previousEnd = text.indexOf('\n', previousStart);
    const previous = text.slice(previousStart, previousEnd < 0 ? text.length : previousEnd);
    const indent = /^[ \t]*/.exec(previous)![0] + (/\{\s*$/.test(previous) ? indentUnit(text) : '');
    const newLine = lineStart === text.length && !text.endsWith('\n') ? '\n' : ''; // after a last line without its newline
    out.push({ edits: [{ start: lineStart, end: lineStart, newText: newLine + added.map((a) => `${indent}${a}\n`).join('') }], lines: added.length, line: hunk.at });
  }
  return out;
}

/** Token-level differences within one changed line: each alone, smallest first (all of them together is the whole line). */
function withinLine(student: CodeLine, reference: CodeLine): Omit<ReferenceEdit, 'closeness'>[] {
  const refTexts = reference.texts;
  const differing = stretches(student.texts, refTexts).filter((d) => !d.equal);
  if (differing.length < 2) return []; // one difference: the whole-line edit is it
  return differing.map(({ a, b }) => {
    const removed = student.tokens.slice(a[0], a[1]);
    const inserted = refTexts.slice(b[0], b[1]).join(' ');
    const start = removed[0]?.start ?? student.tokens[a[0]]?.start ?? student.tokens[a[0] - 1].end;
    const end = removed.length ? removed[removed.length - 1].end : start;
    return { edits: [{ start, end, newText: removed.length ? inserted : `${inserted} ` }], lines: 1, line: student.line };
  });
}

/**
 * Candidate edits from the closest references, in the order to try them: a close reference whole,
 * then on suspicious lines first (when a localization is known), fewer changed lines, closer references.
 */
export function referenceEdits(text: string, references: readonly string[], suspicion?: Suspicion): TextEdit[][] {
  const studentTokens = codeTokens(text);
  const perReference = references.filter((r) => r.trim() && r !== text).map((r) => editsFrom(text, studentTokens, r));
  const closest = perReference.sort((a, b) => b.closeness - a.closeness).slice(0, MAX_REFERENCES);
  const step = (e: ReferenceEdit) => suspicionStep(suspicion, e.line);
  const seen = new Set<string>();
  return closest
    .flatMap((r) => r.edits)
    .sort((a, b) => Number(b.whole ?? false) - Number(a.whole ?? false) || step(b) - step(a) || a.lines - b.lines || b.closeness - a.closeness)
    .filter((e) => {
      const key = JSON.stringify(e.edits);
      return !editsOverlap(e.edits) && !seen.has(key) && seen.add(key); // hunks taken together never overlap, checked all the same
    })
    .map((e) => e.edits);
}
