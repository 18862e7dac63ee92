// RLAssist's small edit actions: insert, delete or replace one of ; , ( ) { } . next to the
// reported error. The compiler judges each one; the message decides which are tried first.
import { lex, significantTokens, Token } from '../c/lexer';
import type { CompilerDiagnostic, TextEdit } from '../oracle/compiler';

export const EDIT_TOKENS = [';', ',', '(', ')', '{', '}', '.'] as const;

/** How many tokens on each side of the error are considered. */
const WINDOW = 3;

interface ScoredEdit {
  edit: TextEdit;
  priority: number;
}

/** Tokens the message names as expected (gcc: "expected ';' before ...", clang: "expected ')'"). */
function expectedTokens(message: string): string[] {
  const m = /expected ((?:'[^']+'(?:,? (?:or )?)?)+)/.exec(message);
  if (!m) return [];
  return [...m[1].matchAll(/'([^']+)'/g)].map((x) => x[1]);
}

/** Index of the first significant token that ends after `offset`. */
function tokenAt(tokens: readonly Token[], offset: number): number {
  const i = tokens.findIndex((t) => t.end > offset);
  return i < 0 ? tokens.length : i;
}

/**
 * Candidate single-token edits around `diagnostic`, most promising first. Insertions go right
 * after the previous token (where a student would have typed them), not before the next one.
 */
export function enumerateEdits(text: string, diagnostic: CompilerDiagnostic): TextEdit[] {
  const tokens = significantTokens(lex(text)).filter((t) => !t.directive);
  const center = tokenAt(tokens, diagnostic.start);
  const expected = new Set(expectedTokens(diagnostic.message));
  const wantsDeletion = /expected expression|stray|extra|unexpected|before '[)\]};,]' token/.test(diagnostic.message);
  const scored: ScoredEdit[] = [];
  const seen = new Set<string>();
  const add = (edit: TextEdit, priority: number) => {
    const key = `${edit.start}:${edit.end}:${edit.newText}`;
    if (seen.has(key)) return;
    seen.add(key);
    scored.push({ edit, priority });
  };
  for (let i = Math.max(0, center - WINDOW); i <= Math.min(tokens.length, center + WINDOW); i++) {
    const distance = Math.abs(i - center);
    // Insertion between tokens i-1 and i, right after token i-1.
    const at = i > 0 ? tokens[i - 1].end : 0;
    for (const t of EDIT_TOKENS) {
      add({ start: at, end: at, newText: t }, (expected.has(t) ? 0 : 10) + distance * 2 + (i === center ? 0 : 1));
    }
    const token = tokens[i];
    if (!token || !(EDIT_TOKENS as readonly string[]).includes(token.text)) continue;
    add({ start: token.start, end: token.end, newText: '' }, (wantsDeletion ? 1 : 12) + distance * 2);
    for (const t of EDIT_TOKENS) {
      if (t !== token.text) add({ start: token.start, end: token.end, newText: t }, (expected.has(t) ? 2 : 14) + distance * 2);
    }
  }
  return scored.sort((a, b) => a.priority - b.priority).map((s) => s.edit);
}
