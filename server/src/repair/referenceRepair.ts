// Reference- and peer-guided logic repair (the idea of Clara, Refactory and PaR): a correct program
// for the same assignment (the instructor's reference, or another student's passing submission) is
// aligned with the buggy one, statement by statement after its variable names are mapped onto the
// student's, and what differs becomes small candidate edits, smallest first. Whole functions are far
// too coarse (the closest correct program differs from a buggy one by dozens of lines): only a few
// statements, or the tokens that differ within one, are taken over.
import { diffArrays } from 'diff';
import { codeTokens, Token } from '../c/lexer';
import type { TextEdit } from '../oracle/compiler';
import { indentUnit, lineIndent } from './cSyntax';
import { applyEdits, changedLines, editsOverlap } from './edits';
import { suspicionStep, type Suspicion } from './faultLocalization';

/** Hunks of more units (statements, roughly) than this on either side are not taken over. */
const MAX_HUNK_UNITS = 3;
/** References kept per program: the closest after alignment. */
const MAX_REFERENCES = 3;
/** A reference that differs in at most this many lines in all is also taken over whole (every hunk at once). */
const MAX_WHOLE_LINES = 5;

interface CodeUnit {
  /** 1-based source lines of its first and last token. */
  line: number;
  lastLine: number;
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

/**
 * The program as statement-sized units, so that the alignment does not depend on layout (braces on
 * their own lines, several statements on one): a unit ends after a `;` outside brackets (but an
 * `if` keeps its `else`) or after a block's `{`, and a block's `}` stands alone. Braces of
 * initializers stay inside their unit.
 * `names` maps a reference's variables to the student's.
 */
function codeUnits(tokens: readonly Token[], names?: ReadonlyMap<string, string>): CodeUnit[] {
  const units: CodeUnit[] = [];
  let current: CodeUnit | undefined;
  let brackets = 0; // ( and [ open
  let initializer = 0; // { open inside an initializer
  tokens.forEach((t, i) => {
    const text = names && isVariable(tokens, i) ? names.get(t.text) ?? t.text : t.text;
    const blockBrace = initializer === 0 && brackets === 0;
    if (t.text === '}' && blockBrace && current) {
      units.push(current);
      current = undefined;
    }
    current ??= { line: t.line + 1, lastLine: t.line + 1, tokens: [], texts: [], key: '' };
    current.tokens.push(t);
    current.texts.push(text);
    current.key += current.key ? ` ${text}` : text;
    current.lastLine = t.line + 1;
    if (t.text === '(' || t.text === '[') brackets++;
    else if ((t.text === ')' || t.text === ']') && brackets > 0) brackets--;
    else if (t.text === '{' && (initializer > 0 || /^(=|,)$/.test(tokens[i - 1]?.text ?? ''))) initializer++;
    else if (t.text === '}' && initializer > 0) initializer--;
    else if ((t.text === ';' && brackets === 0 && tokens[i + 1]?.text !== 'else') || (/^[{}]$/.test(t.text) && blockBrace)) {
      units.push(current);
      current = undefined;
    }
  });
  if (current) units.push(current);
  return units;
}

interface Hunk {
  /** The student's units replaced (may be empty: an insertion between `previous` and the next unit). */
  removed: CodeUnit[];
  /** The reference's units (names mapped) put in their place. */
  added: CodeUnit[];
  /** The student's unit before the hunk (none at the program's start): an insertion goes after it. */
  previous?: CodeUnit;
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

/** One reference aligned with the student's program: how close it is, and where it differs. */
interface Alignment {
  /** How many tokens of the student's program the reference shares after alignment. */
  closeness: number;
  /** The differing stretches small enough to take over. */
  hunks: Hunk[];
  /** Every differing stretch is among `hunks`. */
  complete: boolean;
}

/** The reference aligned with the student's units, its names mapped to the student's. */
function align(studentTokens: readonly Token[], studentUnits: readonly CodeUnit[], reference: string): Alignment {
  const refTokens = codeTokens(reference);
  const refUnits = codeUnits(refTokens, mapNames(studentTokens, refTokens));
  const hunks: Hunk[] = [];
  let closeness = 0;
  let complete = true;
  for (const { a, b, equal } of stretches(studentUnits.map((u) => u.key), refUnits.map((u) => u.key))) {
    const removed = studentUnits.slice(a[0], a[1]);
    if (equal) {
      closeness += removed.reduce((sum, u) => sum + u.tokens.length, 0);
      continue;
    }
    const added = refUnits.slice(b[0], b[1]);
    // Split where a student's statement and the reference's are much alike, so that a long block the
    // reference adds does not swallow a small change beside it: each such pair is a hunk of its own.
    for (const part of pairedStretches(removed, added)) {
      const hunk = { removed: removed.slice(...part.a), added: added.slice(...part.b), previous: studentUnits[a[0] + part.a[0] - 1] };
      const at = hunk.removed[0]?.line ?? studentUnits[a[0] + part.a[1]]?.line ?? (hunk.previous?.lastLine ?? 0) + 1;
      if (hunk.removed.length <= MAX_HUNK_UNITS && hunk.added.length <= MAX_HUNK_UNITS) hunks.push({ ...hunk, at });
      else complete = false;
    }
  }
  return { closeness, hunks, complete };
}

/** The candidate edits one aligned reference gives. */
function editsFrom(text: string, studentTokens: readonly Token[], { closeness, hunks, complete }: Alignment): ReferenceEdit[] {
  const perHunk = hunks.map((h) => hunkEdits(text, h));
  const edits: ReferenceEdit[] = perHunk.flat().map((e) => ({ ...e, closeness }));
  // Hunks that only help together (a variable declared in one and used in another): all at once.
  const wholeLines = perHunk.reduce((sum, h) => sum + h.at(-1)!.lines, 0);
  if (complete && hunks.length >= 2 && wholeLines <= MAX_WHOLE_LINES) {
    edits.push({ edits: perHunk.flatMap((h) => h.at(-1)!.edits), lines: wholeLines, line: hunks[0].at, closeness, whole: true });
  }
  edits.push(...newNameBundles(studentTokens, hunks, perHunk).map((e) => ({ ...e, closeness })));
  return edits;
}

/**
 * A name the student's program lacks (a flag, a sum) comes in several hunks: its declaration, where
 * it is set, where it is tested. Those hunks together (each whole), when they are few lines.
 */
function newNameBundles(studentTokens: readonly Token[], hunks: readonly Hunk[], perHunk: readonly Omit<ReferenceEdit, 'closeness'>[][]): Omit<ReferenceEdit, 'closeness'>[] {
  const studentNames = new Set(studentTokens.filter((t) => t.kind === 'identifier').map((t) => t.text));
  const newNames = hunks.map((h) => new Set(h.added.flatMap((u) => u.texts.filter((name, k) => u.tokens[k].kind === 'identifier' && !studentNames.has(name)))));
  const bundles: Omit<ReferenceEdit, 'closeness'>[] = [];
  for (const name of new Set(newNames.flatMap((names) => [...names]))) {
    const together = hunks.map((_, i) => i).filter((i) => newNames[i].has(name));
    const lines = together.reduce((sum, i) => sum + perHunk[i].at(-1)!.lines, 0);
    if (together.length >= 2 && lines <= MAX_WHOLE_LINES) bundles.push({ edits: together.flatMap((i) => perHunk[i].at(-1)!.edits), lines, line: hunks[together[0]].at });
  }
  return bundles;
}

/** Tokens two units share (as bags of token texts), when they share at least half of them; else 0. */
function sharedTokens(x: CodeUnit, y: CodeUnit): number {
  const counts = new Map<string, number>();
  for (const t of x.texts) counts.set(t, (counts.get(t) ?? 0) + 1);
  let shared = 0;
  for (const t of y.texts) {
    const n = counts.get(t) ?? 0;
    if (n > 0) {
      shared++;
      counts.set(t, n - 1);
    }
  }
  return 2 * shared >= (x.texts.length + y.texts.length) / 2 ? shared : 0;
}

/**
 * A differing stretch cut into pieces: the student's and the reference's units paired one for one
 * where they are alike (the pairing that shares the most tokens, in order), and what lies between
 * the pairs.
 */
function pairedStretches(removed: readonly CodeUnit[], added: readonly CodeUnit[]): { a: [number, number]; b: [number, number] }[] {
  const n = removed.length;
  const m = added.length;
  const best = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  const shared = removed.map((r) => added.map((d) => sharedTokens(r, d)));
  for (let i = 1; i <= n; i++) {
    for (let j = 1; j <= m; j++) {
      best[i][j] = Math.max(best[i - 1][j], best[i][j - 1], shared[i - 1][j - 1] > 0 ? best[i - 1][j - 1] + shared[i - 1][j - 1] : 0);
    }
  }
  const pairs: [number, number][] = [];
  for (let i = n, j = m; i > 0 && j > 0; ) {
    if (best[i][j] === best[i - 1][j]) i--;
    else if (best[i][j] === best[i][j - 1]) j--;
    else pairs.unshift([--i, --j]);
  }
  const parts: { a: [number, number]; b: [number, number] }[] = [];
  let [i, j] = [0, 0];
  for (const [pi, pj] of [...pairs, [n, m]]) {
    if (pi > i || pj > j) parts.push({ a: [i, pi], b: [j, pj] });
    if (pi < n || pj < m) parts.push({ a: [pi, pi + 1], b: [pj, pj + 1] });
    [i, j] = [pi + 1, pj + 1];
  }
  return parts;
}

/** Tokens of a reference as source text, each written as `texts` says (names mapped), spaced as the reference spaces them (in short). */
function renderTokens(tokens: readonly Token[], texts: readonly string[]): string {
  return tokens.map((t, k) => (tokens[k + 1] && tokens[k + 1].start > t.end ? `${texts[k]} ` : texts[k])).join('');
}

const renderUnit = (unit: CodeUnit) => renderTokens(unit.tokens, unit.texts);

/** Units as source text, on one line where the reference has them on one, else on lines indented by `indent`. */
function renderUnits(units: readonly CodeUnit[], indent: string): string {
  return units.map((u, k) => (k === 0 ? '' : u.line === units[k - 1].lastLine ? ' ' : `\n${indent}`) + renderUnit(u)).join('');
}

/**
 * A hunk's candidates; the last is the whole hunk (what a reference taken whole uses). A unit for a
 * unit gives its differing tokens alone, then all of them, in the student's own layout; otherwise
 * the reference's units replace the student's.
 */
function hunkEdits(text: string, hunk: Hunk): Omit<ReferenceEdit, 'closeness'>[] {
  const { removed, added } = hunk;
  const candidate = (edits: TextEdit[]) => ({ edits, lines: changedLines(text, applyEdits(text, edits)), line: hunk.at });
  if (removed.length === 1 && added.length === 1) {
    const edits = tokenEdits(removed[0], added[0]);
    // A difference alone only where it leaves the brackets balanced: others cannot compile alone.
    const alone = edits.length > 1 ? edits.filter((e) => balance(e.newText) === balance(text.slice(e.start, e.end))).map((e) => [e]) : [];
    return [...alone, edits].map(candidate);
  }
  if (removed.length > 0) {
    const start = removed[0].tokens[0].start;
    const end = removed.at(-1)!.tokens.at(-1)!.end;
    return [candidate([{ start, end, newText: renderUnits(added, lineIndent(text, start)) }])];
  }
  return [candidate([insertion(text, hunk.previous, added)])];
}

/**
 * Units inserted on lines of their own after the student's unit `previous` (after the rest of its
 * line when no code follows there), indented like it, one level deeper when it opens a block.
 */
function insertion(text: string, previous: CodeUnit | undefined, added: readonly CodeUnit[]): TextEdit {
  if (!previous) {
    const at = codeTokens(text)[0]?.start ?? text.length;
    return { start: at, end: at, newText: `${renderUnits(added, '')}\n` };
  }
  const last = previous.tokens.at(-1)!;
  const newline = text.indexOf('\n', last.end);
  const lineEnd = newline < 0 ? text.length : newline;
  const codeFollows = codeTokens(text.slice(last.end, lineEnd)).length > 0;
  const at = codeFollows ? last.end : lineEnd;
  const indent = lineIndent(text, previous.tokens[0].start) + (last.text === '{' ? indentUnit(text) : '');
  return { start: at, end: at, newText: `\n${indent}${renderUnits(added, indent)}` };
}

/** How many more brackets `code` opens than it closes (of every kind, strings and characters aside). */
function balance(code: string): number {
  return codeTokens(code).reduce((n, t) => n + (/^[([{]$/.test(t.text) ? 1 : /^[)\]}]$/.test(t.text) ? -1 : 0), 0);
}

/** The student's unit made the reference's, token stretch by token stretch, spaced as the reference is. */
function tokenEdits(student: CodeUnit, reference: CodeUnit): TextEdit[] {
  const spaced = (k: number) => k > 0 && k < reference.tokens.length && reference.tokens[k].start > reference.tokens[k - 1].end;
  return stretches(student.texts, reference.texts).filter((d) => !d.equal).map(({ a, b }) => {
    const removed = student.tokens.slice(a[0], a[1]);
    const inserted = renderTokens(reference.tokens.slice(b[0], b[1]), reference.texts.slice(b[0], b[1]));
    if (removed.length) return { start: removed[0].start, end: removed.at(-1)!.end, newText: inserted };
    const before = student.tokens[a[0]]; // inserted before this token, or after the unit's last
    if (before) {
      const tight = a[0] > 0 && student.tokens[a[0] - 1].end === before.start; // no space before it in the student's unit
      return { start: before.start, end: before.start, newText: (tight && spaced(b[0]) ? ' ' : '') + inserted + (spaced(b[1]) ? ' ' : '') };
    }
    const after = student.tokens[a[0] - 1].end;
    return { start: after, end: after, newText: (spaced(b[0]) ? ' ' : '') + inserted };
  });
}

/**
 * Candidate edits from the closest references, in the order to try them: a close reference whole,
 * then on suspicious lines first (when a localization is known), fewer changed lines, closer references.
 */
export function referenceEdits(text: string, references: readonly string[], suspicion?: Suspicion): TextEdit[][] {
  const studentTokens = codeTokens(text);
  const studentUnits = codeUnits(studentTokens);
  // Every reference is aligned; only the closest give edits.
  const aligned = references.filter((r) => r.trim() && r !== text).map((r) => align(studentTokens, studentUnits, r));
  const closest = aligned.sort((a, b) => b.closeness - a.closeness).slice(0, MAX_REFERENCES);
  const step = (e: ReferenceEdit) => suspicionStep(suspicion, e.line);
  const seen = new Set<string>();
  return closest
    .flatMap((r) => editsFrom(text, studentTokens, r))
    .sort((a, b) => Number(b.whole ?? false) - Number(a.whole ?? false) || step(b) - step(a) || a.lines - b.lines || b.closeness - a.closeness)
    .filter((e) => {
      const key = JSON.stringify(e.edits);
      // Hunks taken together never overlap, checked all the same; a pair of units alike in every token changes nothing.
      return e.edits.length > 0 && !editsOverlap(e.edits) && !seen.has(key) && seen.add(key);
    })
    .map((e) => e.edits);
}
