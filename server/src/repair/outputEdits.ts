// Edits of the text a program prints, guided by how the failing test's output differs from the
// expected one: a prompt the grader does not want ("Enter n: "), a missing or extra newline, a word
// or a space off, items printed glued together or with their separator on the wrong side, a float
// printed with the wrong precision. Only what is printed is edited: string literals, and a
// `putchar` of a mark.
import type { Token } from '../c/lexer';
import type { TextEdit } from '../oracle/compiler';
import { normalizeOutput } from '../oracle/testRunner';
import type { LogicEdit } from './mutationSearch';
import { callArguments } from './strictRules';

/** Differences longer than this are not a slip in a literal. */
const MAX_DIFFERENCE = 40;
/** Places in one literal where the printed text to change is tried. */
const MAX_OCCURRENCES = 3;
/** How much printed text before or after a missing piece is looked for in a literal. */
const CONTEXT = 12;
/** After the one-token guesses on the same line (mutationSearch.ts: at most 38). */
const ECHO_PRIORITY = 40;

/** What the simple escapes of a C literal print (`\n`, `\t`, ...). */
export const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '"': '"', "'": "'", '\\': '\\' };

/** C source text for printed characters (as they appear between a literal's quotes). */
export const escapeC = (s: string) => s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\t/g, '\\t');

/** True when the outputs print the same characters and differ only in where the spaces and line ends fall. */
export const spacingOnly = (actual: string, expected: string) => actual.replace(/\s+/g, '') === expected.replace(/\s+/g, '');

/** A printf conversion, and one that ends a format's printed text. */
export const CONVERSION = /%[-+ #0]*\d*(?:\.\d+)?[hlLjzt]*[diouxXeEfgGcs]/g;
const CONVERSION_AT_END = /%[-+ #0]*\d*(?:\.\d+)?[hlLjzt]*[diouxXeEfgGcs]$/;

/** Printed text that is one item of a row: a format with a conversion at its start or end, or a short mark ("*", "-"). */
const isItem = (core: string) => !core.includes('\\') && (core.startsWith('%') || CONVERSION_AT_END.test(core) || (core.length <= 3 && !/\s/.test(core)));

/** Where an item's separator goes: moved to its other side, or added after or before it; a line end printed first. */
type SeparatorKind = 'moved' | 'after' | 'before' | 'between' | 'unpadded after' | 'unpadded before' | 'line end';

/** A conversion right before another, with nothing printed between them (`%d%d`). */
const GLUED = new RegExp(`(${CONVERSION.source})(?=${CONVERSION.source})`, 'g');

/**
 * The separator of an item, for output that differs only in spacing ("234" for "2 3 4", " 1 2" for
 * "1 2"): a leading space moved to the end, a trailing one moved to the front, a space added after
 * or before an item that has none, or between the values of one format. A line end that starts a literal is moved to its end, or dropped
 * where it ends with one already (`"\n%d"`, `"\n%d\n"`: a blank line before the answer).
 */
function separatorEdits(body: string): { body: string; kind: SeparatorKind }[] {
  const first = /^((?:\\n)+)(.+)$/.exec(body);
  if (first) return [{ body: first[2].endsWith('\\n') ? first[2] : first[2] + first[1], kind: 'line end' }];
  // Values of one format printed glued together (`"%d%d%d"` for "1 2 6"): a space between each.
  const spaced = body.replace(GLUED, '$1 ');
  const between: { body: string; kind: SeparatorKind }[] = spaced !== body ? [{ body: spaced, kind: 'between' }] : [];
  const m = /^( *)(\S(?:.*\S)?)( *)$/.exec(body);
  if (!m || !isItem(m[2])) return between;
  const [, leading, core, trailing] = m;
  if (leading && !trailing) return [...between, { body: `${core}${leading}`, kind: 'moved' }];
  if (trailing && !leading) return [...between, { body: `${trailing}${core}`, kind: 'moved' }];
  if (leading || trailing) return between;
  // A width that spaces the items (`%3d` for "  1  2"), where the test separates them by one space: the width dropped too.
  const unpadded = core.replace(/^%(\d+)(?=[a-zA-Z])/, '%');
  const separated = unpadded !== core ? [{ body: `${unpadded} `, kind: 'unpadded after' as const }, { body: ` ${unpadded}`, kind: 'unpadded before' as const }] : [];
  return [...between, { body: `${core} `, kind: 'after' }, { body: ` ${core}`, kind: 'before' }, ...separated];
}

const SPACING = 'the program printed what the test expects, spaced otherwise';

/** At most this many items take one separator change together. */
const MAX_ITEMS_TOGETHER = 6;

/**
 * Separator edits of every item the program prints (string literals, and `putchar('*')` as a
 * printf), each alone and, the same kind of change, all together (a row of marks printed by two
 * branches, `putchar('*')` and `putchar('-')`).
 */
function spacingEdits(tokens: readonly Token[], literals: readonly Token[]): LogicEdit[] {
  const found: LogicEdit[] = [];
  const together = new Map<SeparatorKind, { edits: TextEdit[]; line: number }>();
  const add = (edit: TextEdit, line: number, kind: SeparatorKind) => {
    found.push({ edits: [edit], line, priority: 2, guided: true, why: SPACING });
    const all = together.get(kind) ?? { edits: [], line };
    together.set(kind, { ...all, edits: [...all.edits, edit] });
  };
  for (const t of literals) {
    for (const e of separatorEdits(t.text.slice(1, -1))) add({ start: t.start + 1, end: t.end - 1, newText: e.body }, t.line + 1, e.kind);
  }
  tokens.forEach((t, i) => {
    const mark = tokens[i + 2];
    if (t.text !== 'putchar' || tokens[i + 1]?.text !== '(' || mark?.kind !== 'char' || !/^'[^\s\\']'$/.test(mark.text) || tokens[i + 3]?.text !== ')') return;
    for (const e of separatorEdits(mark.text.slice(1, -1))) add({ start: t.start, end: tokens[i + 3].end, newText: `printf("${e.body}")` }, t.line + 1, e.kind);
  });
  for (const { edits, line } of together.values()) {
    if (edits.length >= 2 && edits.length <= MAX_ITEMS_TOGETHER) found.push({ edits, line, priority: 3, guided: true, why: SPACING });
  }
  return found;
}

/** The first stretch where `actual` and `expected` differ, within the first line that does. */
export function firstDifference(actual: string, expected: string): { before: string; removed: string; inserted: string; after: string } | undefined {
  // Compared as the test runner compares them, so that only a difference that fails the test shows.
  const a = normalizeOutput(actual).split('\n');
  const e = normalizeOutput(expected).split('\n');
  const k = a.findIndex((line, i) => line !== e[i]);
  const at = k < 0 ? (a.length < e.length ? a.length : -1) : k;
  if (at < 0) return undefined;
  // The line and its newline, so that a missing line break shows as a difference in text.
  const aLine = at < a.length ? a[at] + (at + 1 < a.length ? '\n' : '') : '';
  const eLine = at < e.length ? e[at] + (at + 1 < e.length ? '\n' : '') : '';
  let p = 0;
  while (p < aLine.length && p < eLine.length && aLine[p] === eLine[p]) p++;
  let s = 0;
  while (s < aLine.length - p && s < eLine.length - p && aLine[aLine.length - 1 - s] === eLine[eLine.length - 1 - s]) s++;
  // Whole words: "no" -> "No" is a change of the word, and one letter would match inside any literal.
  const word = (c: string | undefined) => c !== undefined && /\w/.test(c);
  while (p > 0 && word(aLine[p - 1]) && (word(aLine[p]) || word(eLine[p]))) p--;
  while (s > 0 && word(aLine[aLine.length - s]) && (word(aLine[aLine.length - 1 - s]) || word(eLine[eLine.length - 1 - s]))) s--;
  return { before: aLine.slice(0, p), removed: aLine.slice(p, aLine.length - s), inserted: eLine.slice(p, eLine.length - s), after: aLine.slice(aLine.length - s) };
}

/** Literal edits, most targeted first: the difference itself, then newlines and float precision. */
export function outputLiteralEdits(tokens: readonly Token[], failing: { expected: string; actual: string }): LogicEdit[] {
  const literals = tokens.filter((t) => t.kind === 'string' && t.text.startsWith('"') && t.text.endsWith('"') && t.text.length >= 2);
  const found: LogicEdit[] = [];
  const at = (t: Token, offset: number, removeLength: number, newText: string, priority: number, guided = false, fitsValue = false) => {
    const body = t.text.slice(1, -1);
    const result = `"${body.slice(0, offset)}${newText}${body.slice(offset + removeLength)}"`;
    // A literal turned into one the program prints elsewhere ("yes" into the "no" of the else) makes
    // both paths print alike: the test wants the other path taken, so this is a last guess, not a lead.
    const echoes = guided && literals.some((other) => other !== t && other.text === result);
    found.push({
      edits: [{ start: t.start + 1 + offset, end: t.start + 1 + offset + removeLength, newText }],
      line: t.line + 1,
      priority: echoes || fitsValue ? ECHO_PRIORITY : priority,
      guided: guided && !echoes && !fitsValue,
      ...(fitsValue ? { fitsTest: true } : {}),
    });
  };
  const diff = firstDifference(failing.actual, failing.expected);
  if (diff && diff.removed.length <= MAX_DIFFERENCE && diff.inserted.length <= MAX_DIFFERENCE) {
    const removed = escapeC(diff.removed);
    const inserted = escapeC(diff.inserted);
    // Numbers the literal did not print are most often a value the program computes (a prompt
    // replaced by "1 2 6", this test's answer): fitted to this test, a last guess too.
    const fitted = numbersIn(inserted).some((n) => !numbersIn(removed).includes(n));
    const lead = (t: Token, offset: number, removeLength: number, priority: number) => at(t, offset, removeLength, inserted, priority, true, fitted);
    for (const t of literals) {
      const body = t.text.slice(1, -1);
      if (removed) {
        for (let i = body.indexOf(removed), k = 0; i >= 0 && k < MAX_OCCURRENCES; i = body.indexOf(removed, i + 1), k++) lead(t, i, removed.length, 0);
        if (!body.includes(removed)) found.push(...wordsForValue(tokens, t, diff));
        continue;
      }
      // Words or a sentence's mark missing at the end of a line that ends with a printed value ("is
      // 0.5000" for "is 0.5000."): after the last conversion of a literal that ends with one.
      const closesLine = /^\n?$/.test(diff.after) && /\d$/.test(diff.before) && /^[.!?:;,]$|[A-Za-z]{2}/.test(diff.inserted);
      const ending = closesLine ? new RegExp(`(?:${CONVERSION.source})(?:\\\\n)?$`).exec(body) : null;
      if (ending) lead(t, ending.index + ending[0].replace(/\\n$/, '').length, 0, 1);
      // Text is missing: put it after the printed text that comes before it, or before what follows.
      const before = longestSuffixIn(escapeC(diff.before.slice(-CONTEXT)), body);
      if (before) lead(t, body.indexOf(before) + before.length, 0, 1);
      const after = longestPrefixIn(escapeC(diff.after.slice(0, CONTEXT)), body);
      if (after) lead(t, body.indexOf(after), 0, 1);
      if (before || after) continue;
      // Neither is in the literal: a value printed by a conversion ("5" where "Answer is 5" is
      // expected) takes the words before its first conversion, or after its last one.
      // Only words (a label the task prints): a lone mark there is more often the program's structure printed wrong.
      const conversions = [...body.matchAll(CONVERSION)];
      if (conversions.length === 0 || !/[A-Za-z]{2}/.test(diff.inserted) || readsInput(tokens, t)) continue;
      if (/^\S/.test(diff.after)) lead(t, conversions[0].index!, 0, 1);
      else if (/\S$/.test(diff.before)) lead(t, conversions.at(-1)!.index! + conversions.at(-1)![0].length, 0, 1);
    }
  }
  // Not an echo when the program prints the new text elsewhere: another loop spacing its items so is a lead.
  if (spacingOnly(failing.actual, failing.expected)) found.push(...spacingEdits(tokens, literals));
  found.push(...wrappedLineEdits(tokens, literals, failing));
  // Every number the test expects has as many decimals, and the program printed others: that many.
  const wanted = decimals(failing.expected);
  const precise = wanted.size === 1 && !sameSet(wanted, decimals(failing.actual)) ? `.${[...wanted][0]}` : undefined;
  for (const t of literals) {
    const body = t.text.slice(1, -1);
    if (!/%/.test(body) && !/\\n$/.test(body)) continue; // a format or a line of output
    if (body.endsWith('\\n')) at(t, body.length - 2, 2, '', 6);
    else at(t, body.length, 0, '\\n', 6);
    for (const m of body.matchAll(/%(\.\d+)?(l?f)/g)) {
      if (precise && precise !== m[1]) at(t, m.index! + 1, (m[1] ?? '').length, precise, 1, true);
      for (const precision of ['.2', '.1', '', '.3', '.4', '.6'].filter((p) => p !== (m[1] ?? '') && p !== precise)) {
        at(t, m.index! + 1, (m[1] ?? '').length, precision, 5);
      }
    }
  }
  return found;
}

/** Formats tried for a line printed without its marks, at most. */
const MAX_WRAPPED = 4;

/**
 * A line printed without the marks around it ("1.000,2.000" for "(1.000,2.000)"): the marks put
 * around each printf format whose values and text could have printed that line.
 */
function wrappedLineEdits(tokens: readonly Token[], literals: readonly Token[], failing: { expected: string; actual: string }): LogicEdit[] {
  const [printed, wanted] = [normalizeOutput(failing.actual).split('\n'), normalizeOutput(failing.expected).split('\n')];
  const k = printed.findIndex((line, i) => line !== wanted[i]);
  const [line, want] = [printed[k] ?? '', wanted[k] ?? ''];
  const at = line ? want.indexOf(line) : -1;
  const [open, close] = at < 0 ? ['', ''] : [want.slice(0, at), want.slice(at + line.length)];
  // Marks on both sides (a lone mark added is more often the program's structure printed wrong).
  if (printed.length !== wanted.length || !open || !close || /[\w\s]/.test(open + close) || open.length > 2 || close.length > 2) return [];
  return literals.filter((t) => {
    const core = t.text.slice(1, -1).replace(/\\n$/, '');
    const text = core.split(CONVERSION);
    // Its text all in the line; a format of values alone only for a line of one value.
    const fits = text.every((piece) => line.includes(piece)) && (text.some(Boolean) || /^[\w.+-]+$/.test(line));
    return text.length > 1 && !core.includes('\\') && !readsInput(tokens, t) && fits;
  }).slice(0, MAX_WRAPPED).map((t) => {
    const end = t.start + 1 + t.text.slice(1, -1).replace(/\\n$/, '').length;
    const edits = [{ start: t.start + 1, end: t.start + 1, newText: escapeC(open) }, { start: end, end, newText: escapeC(close) }].filter((e) => e.newText);
    return { edits, line: t.line + 1, priority: 2, guided: true, why: `the test prints the line between ${JSON.stringify(open + close)}` };
  });
}

/**
 * A value printed where the test expects words ("0.000000 is zero" for "input is zero"): the
 * printf conversion that printed it, where its literal goes on with the text that followed the
 * value, replaced by the words, and its argument dropped.
 */
function wordsForValue(tokens: readonly Token[], literal: Token, diff: { before: string; removed: string; inserted: string; after: string }): LogicEdit[] {
  const i = tokens.indexOf(literal);
  if (tokens[i - 1]?.text !== '(' || tokens[i - 2]?.text !== 'printf') return [];
  if (!/^-?\d+(\.\d+)?$/.test(diff.removed) || !/[A-Za-z]{2}/.test(diff.inserted) || /\d/.test(diff.inserted)) return [];
  const body = literal.text.slice(1, -1);
  const following = escapeC(diff.after.slice(0, CONTEXT));
  // The values the format converts: the call's arguments after the literal.
  const args = callArguments(tokens, i - 1).slice(1);
  const found: LogicEdit[] = [];
  [...body.matchAll(CONVERSION)].forEach((m, k) => {
    const rest = body.slice(m.index! + m[0].length);
    const continues = following.length > 0 ? rest.startsWith(following) || following.startsWith(rest) : rest === '' || rest === '\\n';
    const arg = args[k];
    if (!continues || !arg?.length || !body.slice(0, m.index).endsWith(escapeC(diff.before.slice(-CONTEXT)))) return;
    const comma = tokens[tokens.indexOf(arg[0]) - 1];
    found.push({
      edits: [{ start: literal.start + 1 + m.index!, end: literal.start + 1 + m.index! + m[0].length, newText: escapeC(diff.inserted) }, { start: comma.start, end: arg.at(-1)!.end, newText: '' }],
      line: literal.line + 1, priority: 1, guided: true, why: 'the test expects words where the program printed a value',
    });
  });
  return found;
}

/** The numbers written in a literal's text (its escapes left out). */
const numbersIn = (literalText: string): string[] => literalText.replace(/\\./g, ' ').match(/\d+/g) ?? [];

/** How many decimals the output's numbers with a decimal point have (each count once). */
const decimals = (output: string) => new Set([...output.matchAll(/\d\.(\d+)/g)].map((m) => m[1].length));
const sameSet = (a: ReadonlySet<number>, b: ReadonlySet<number>) => a.size === b.size && [...a].every((x) => b.has(x));

/** True when the literal is the format of a scanf-like call, which prints nothing. */
function readsInput(tokens: readonly Token[], literal: Token): boolean {
  const i = tokens.indexOf(literal);
  return tokens[i - 1]?.text === '(' && /scanf$/.test(tokens[i - 2]?.text ?? '');
}

function longestSuffixIn(context: string, body: string): string | undefined {
  for (let n = context.length; n >= 1; n--) if (body.includes(context.slice(-n))) return context.slice(-n);
  return undefined;
}

function longestPrefixIn(context: string, body: string): string | undefined {
  for (let n = context.length; n >= 1; n--) if (body.includes(context.slice(0, n))) return context.slice(0, n);
  return undefined;
}
