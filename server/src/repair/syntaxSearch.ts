// Minimal token edits screened by the parser (the idea of OrdinalFix, on tree-sitter): next to every
// reported error and every region the parser cannot fit, insert, delete or replace one token, then
// two when one is not enough; keep the edits after which the parser can fit more of the text (or
// its first error comes later). Only those finalists go to the compiler. Edits at independent sites are
// also offered together, so that several errors are fixed in one round.
import { codeTokens, Token } from '../c/lexer';
import { syntaxDamage, syntaxErrors, SyntaxErrorRegion } from '../c/parser';
import type { CompilerDiagnostic, TextEdit } from '../oracle/compiler';
import { tokenIndexAt } from './cSyntax';
import { applyEdits, editsOverlap } from './edits';

/** Tokens a student most often leaves out or types by mistake (DeepFix's and RLAssist's action set, widened). */
const INSERTABLE = [';', ',', '(', ')', '{', '}', '[', ']', '=', '&', '*', ':', 'int'];
/** What a punctuator may be replaced with. */
const REPLACEABLE = [';', ',', '(', ')', '{', '}', '[', ']', '=', '==', '<', '>', '<=', '>=', '!=', '&&', '||', '&', '+', '-', '*', ':', '.'];

/** How many tokens on each side of a site are edited. */
const WINDOW = 2;
/** Sites searched per round: the first compiler errors and parser regions. */
const MAX_SITES = 6;
/** Partial edits kept to extend with a second edit, per site. */
const BEAM = 6;
/** Candidates handed to the compiler per site. */
const FINALISTS_PER_SITE = 3;
/**
 * Characters the parser may read per search (~1 s): a bound that grows with nothing but the text,
 * so that a huge file is searched less, never for long, and the same text always gets the same result.
 */
const MAX_PARSED_CHARS = 3_000_000;
/** Candidates per site that only the compiler can judge. */
const BLIND_FINALISTS_PER_SITE = 4;

export interface SyntaxCandidate {
  edits: TextEdit[];
  /** The compiler error the edits answer (the nearest one to the site). */
  reason: CompilerDiagnostic;
  /** For edits at several sites: each site's edits with the error they answer. */
  parts?: { edits: TextEdit[]; reason: CompilerDiagnostic }[];
}

/** The parser's verdict on a text, smaller is better: how much it could not fit, then how early the first error starts. */
interface SyntaxScore {
  damage: number;
  firstStart: number;
}

function score(regions: readonly SyntaxErrorRegion[], textLength: number): SyntaxScore {
  return { damage: syntaxDamage(regions), firstStart: regions[0]?.start ?? textLength };
}

/** Is `a` (after an edit that changed the length by `delta`) better than `b`? */
function better(a: SyntaxScore, b: SyntaxScore, delta: number): boolean {
  if (a.damage !== b.damage) return a.damage < b.damage;
  return a.firstStart - delta > b.firstStart;
}

const isWordChar = (c: string | undefined) => c !== undefined && /[A-Za-z0-9_]/.test(c);

/** An insertion of `token` at `at`, with a space where it would otherwise join a neighbouring word. */
function insertion(text: string, at: number, token: string): TextEdit {
  const before = isWordChar(text[at - 1]) && isWordChar(token[0]) ? ' ' : '';
  const after = isWordChar(text[at]) && isWordChar(token[token.length - 1]) ? ' ' : '';
  return { start: at, end: at, newText: `${before}${token}${after}` };
}

/** A one-token edit and how far from its site it is made. */
interface SiteEdit {
  edit: TextEdit;
  kind: 'insert' | 'delete' | 'replace';
  distance: number;
}

/** The deletion of `token`, with one of the spaces around it when it stood between two. */
function deletion(text: string, token: Token): TextEdit {
  const spaceAfter = text[token.end] === ' ' || text[token.end] === '\t';
  const spaceBefore = token.start === 0 || /[ \t\n]/.test(text[token.start - 1]);
  return { start: token.start, end: spaceAfter && spaceBefore ? token.end + 1 : token.end, newText: '' };
}

/** Every one-token edit within WINDOW tokens of token `center`. */
function oneTokenEdits(text: string, tokens: readonly Token[], center: number): SiteEdit[] {
  const edits: SiteEdit[] = [];
  for (let i = Math.max(0, center - WINDOW); i <= Math.min(tokens.length, center + WINDOW); i++) {
    const distance = Math.abs(i - center);
    const at = i > 0 ? tokens[i - 1].end : 0;
    // Never a `;` between a name and its `(`: `printf;(x)` compiles and does nothing.
    const call = tokens[i - 1]?.kind === 'identifier' && tokens[i]?.text === '(';
    for (const t of INSERTABLE) if (!(call && t === ';')) edits.push({ edit: insertion(text, at, t), kind: 'insert', distance });
    const token = tokens[i];
    if (!token) continue;
    edits.push({ edit: deletion(text, token), kind: 'delete', distance });
    if (token.kind !== 'punct') continue;
    for (const t of REPLACEABLE) if (t !== token.text) edits.push({ edit: { start: token.start, end: token.end, newText: t }, kind: 'replace', distance });
  }
  return edits;
}

/** Tokens the message names as expected (gcc: "expected ';' before ...", clang: "expected ')'"). */
function expectedTokens(message: string): Set<string> {
  const m = /expected ((?:'[^']+'(?:,? (?:or )?)?)+)/.exec(message);
  return new Set(m ? [...m[1].matchAll(/'([^']+)'/g)].map((x) => x[1]) : []);
}

/**
 * Where the parser sees nothing wrong (an error only the compiler finds), edits are ordered by
 * what the message asks for (RLAssist's prior): the expected token inserted, then a deletion when
 * the message points at a token too many, then the rest, nearest the error first.
 */
function messagePrior(d: CompilerDiagnostic): (e: SiteEdit) => number {
  const expected = expectedTokens(d.message);
  const wantsDeletion = /expected expression|stray|extra|unexpected|before '[)\]};,]' token/.test(d.message);
  return (e) => {
    const named = expected.has(e.edit.newText.trim());
    const base = e.kind === 'insert' ? (named ? 0 : 10) : e.kind === 'delete' ? (wantsDeletion ? 1 : 12) : named ? 2 : 14;
    return base + 2 * e.distance;
  };
}

interface Scored {
  edits: TextEdit[];
  text: string;
  score: SyntaxScore;
  delta: number;
}

/**
 * Parser-screened candidates for the errors in `text`, best first: for each site the few edits
 * (one token, else two) that the parser likes best, then all sites' best edits together.
 */
export function syntaxCandidates(text: string, errors: readonly CompilerDiagnostic[]): SyntaxCandidate[] {
  if (errors.length === 0) return [];
  const tokens = codeTokens(text);
  const baseRegions = syntaxErrors(text);
  const base = score(baseRegions, text.length);
  const nearestError = (offset: number) =>
    errors.reduce((best, d) => (Math.abs(d.start - offset) < Math.abs(best.start - offset) ? d : best), errors[0]);
  const screen: Screen = { seen: new Set<string>([text]), charsLeft: MAX_PARSED_CHARS };

  const sites = siteTokens(tokens, baseRegions, errors);
  // Each site's own error (a parser region's: the error nearest its centre) names the tokens it expects; an edit is explained by the error nearest it.
  const screened = sites.filter((s) => !s.blind).map((s) => ({ edits: oneTokenEdits(text, tokens, s.center).map((e) => e.edit), error: s.error ?? nearestError(tokens[s.center]?.start ?? text.length) }));
  const braces = braceBalanceEdits(text, tokens, errors[0]);
  if (braces.length > 0) screened.unshift({ edits: braces, error: errors[0] });
  const perSite = screened.map(({ edits, error }) => ({ error, finalists: parserFinalists(text, edits, base, screen, expectedTokens(error.message)) }));

  const candidates: SyntaxCandidate[] = [];
  const reasonOf = (edits: TextEdit[]) => nearestError(edits[0].start);
  // Every site's best edits together first: independent errors fixed in one round.
  const parts = combine(perSite.map((site) => site.finalists[0]).filter((s): s is Scored => s !== undefined));
  if (parts.length > 1) {
    const edits = parts.flat().sort((a, b) => a.start - b.start);
    candidates.push({ edits, reason: reasonOf(edits), parts: parts.map((p) => ({ edits: p, reason: reasonOf(p) })) });
  }
  for (let rank = 0; rank < FINALISTS_PER_SITE; rank++) {
    for (const { finalists } of perSite) if (finalists[rank]) candidates.push({ edits: finalists[rank].edits, reason: reasonOf(finalists[rank].edits) });
  }
  // Then the errors the parser cannot see, in the order their messages suggest; the parser still
  // drops the edits that break what it could fit.
  for (const site of sites.filter((s) => s.blind)) {
    const prior = messagePrior(site.error!);
    const ranked = oneTokenEdits(text, tokens, site.center).sort((a, b) => prior(a) - prior(b));
    let kept = 0;
    for (const { edit } of ranked) {
      if (kept >= BLIND_FINALISTS_PER_SITE) break;
      const scored = tryEdits(text, [edit], screen);
      if (scored && scored.score.damage <= base.damage) {
        candidates.push({ edits: [edit], reason: site.error! });
        kept++;
      }
    }
  }
  return candidates;
}

/**
 * For one site: the edits (one token, else two) after which the parser fits the most of the text;
 * of those the parser likes alike, the insertion of a token the compiler's message names first
 * (`int x = 1` before `printf`, "expected ',' or ';'": the `;`, not `1` deleted).
 */
function parserFinalists(text: string, edits: readonly TextEdit[], base: SyntaxScore, screen: Screen, expected: ReadonlySet<string>): Scored[] {
  const found: Scored[] = [];
  const partial: Scored[] = [];
  for (const edit of edits) {
    const scored = tryEdits(text, [edit], screen);
    if (!scored) continue;
    if (better(scored.score, base, scored.delta)) found.push(scored);
    else if (scored.score.damage <= base.damage) partial.push(scored);
  }
  // Two tokens when one is not enough: extend the partial edits the parser minds least.
  if (found.length === 0) {
    partial.sort((a, b) => a.score.damage - b.score.damage || b.score.firstStart - a.score.firstStart);
    for (const first of partial.slice(0, BEAM)) {
      const firstTokens = codeTokens(first.text);
      const firstCenter = Math.max(0, tokenIndexAt(firstTokens, first.edits[0].start));
      for (const { edit } of oneTokenEdits(first.text, firstTokens, firstCenter)) {
        const second = mapBack(edit, first.edits[0]);
        if (!second) continue;
        const scored = tryEdits(text, [first.edits[0], second], screen);
        if (scored && better(scored.score, base, scored.delta)) found.push(scored);
      }
    }
  }
  const named = (s: Scored) => (s.edits.every((e) => e.start === e.end && expected.has(e.newText.trim())) ? 0 : 1);
  found.sort((a, b) => a.score.damage - b.score.damage || a.edits.length - b.edits.length || named(a) - named(b) || b.score.firstStart - b.delta - (a.score.firstStart - a.delta));
  return found.slice(0, FINALISTS_PER_SITE);
}

/** How many places a missing or extra brace is looked for. */
const MAX_BRACE_EDITS = 10;

/**
 * When braces do not balance, the brace to add or remove is often lines away from the error gcc
 * reports (an extra `}` closes a function early and gcc complains at the next statement): each
 * `}` before the first error may go, nearest first, or a `}` may close a line before it or the end.
 */
function braceBalanceEdits(text: string, tokens: readonly Token[], firstError: CompilerDiagnostic): TextEdit[] {
  const balance = tokens.reduce((n, t) => n + (t.text === '{' ? 1 : t.text === '}' ? -1 : 0), 0);
  if (balance === 0) return [];
  const limit = tokenIndexAt(tokens, firstError.start);
  const upTo = limit < 0 ? tokens.length : limit;
  const edits: TextEdit[] = [];
  if (balance < 0) {
    for (let i = upTo - 1; i >= 0 && edits.length < MAX_BRACE_EDITS; i--) {
      if (tokens[i].text === '}') edits.push(deletion(text, tokens[i]));
    }
  } else {
    // After the last token of each line, from the error (or the end) backwards.
    for (let i = Math.min(upTo, tokens.length - 1); i >= 0 && edits.length < MAX_BRACE_EDITS; i--) {
      if (i === tokens.length - 1 || tokens[i + 1].line !== tokens[i].line) edits.push(insertion(text, tokens[i].end, '}'));
    }
  }
  return edits;
}

interface Site {
  center: number;
  /** No parser region near it: an error only the compiler sees. */
  blind: boolean;
  error?: CompilerDiagnostic;
}

/** Where to search: the parser's first regions and the first compiler errors, each place once. */
function siteTokens(tokens: readonly Token[], regions: readonly SyntaxErrorRegion[], errors: readonly CompilerDiagnostic[]): Site[] {
  const at = (offset: number) => {
    const i = tokenIndexAt(tokens, offset);
    return i < 0 ? tokens.length : i;
  };
  const sites: Site[] = [];
  const add = (site: Site) => {
    if (sites.length < MAX_SITES && !sites.some((s) => Math.abs(s.center - site.center) <= WINDOW)) sites.push(site);
  };
  const regionStarts = regions.map((r) => at(r.start));
  for (const center of regionStarts) add({ center, blind: false });
  for (const error of errors) {
    const i = at(error.start);
    // gcc reports a token missing at the end of a line at the first token of the next line.
    let lineStart = i;
    while (lineStart > 0 && lineStart <= tokens.length && tokens[lineStart - 1].line === tokens[Math.min(i, tokens.length - 1)]?.line) lineStart--;
    for (const center of [i, lineStart]) {
      const blind = !regionStarts.some((r) => Math.abs(r - center) <= 2 * WINDOW);
      add({ center, blind, error });
    }
  }
  return sites;
}

/** What one search has screened: the texts (each parsed once) and the parsing left to it. */
interface Screen {
  seen: Set<string>;
  charsLeft: number;
}

function tryEdits(text: string, edits: TextEdit[], screen: Screen): Scored | undefined {
  if (editsOverlap(edits) || screen.charsLeft <= 0) return undefined;
  const candidate = applyEdits(text, edits);
  if (screen.seen.has(candidate)) return undefined;
  screen.seen.add(candidate);
  screen.charsLeft -= candidate.length;
  return { edits, text: candidate, score: score(syntaxErrors(candidate), candidate.length), delta: candidate.length - text.length };
}

/** `edit`, made on the text after `first`, as an edit on the text before it; undefined if they touch. */
function mapBack(edit: TextEdit, first: TextEdit): TextEdit | undefined {
  const firstEnd = first.start + first.newText.length;
  if (edit.end <= first.start && !(edit.start === edit.end && edit.start === first.start)) return edit;
  if (edit.start >= firstEnd) {
    const shift = first.newText.length - (first.end - first.start);
    return { start: edit.start - shift, end: edit.end - shift, newText: edit.newText };
  }
  return undefined;
}

/** The sites' best edits that do not overlap one another. */
function combine(best: readonly Scored[]): TextEdit[][] {
  const parts: TextEdit[][] = [];
  for (const s of best) {
    if (!editsOverlap([...parts.flat(), ...s.edits])) parts.push(s.edits);
  }
  return parts;
}
