// Small logic edits for a program that compiles but fails its tests: the mutations that fix most
// novice logic slips (a wrong relational or arithmetic operator, an off-by-one bound or constant,
// && for ||). Each candidate is one token changed; the tests judge them.
import { codeTokens, Token } from '../c/lexer';
import type { TextEdit } from '../oracle/compiler';
import { enclosingParen } from './cSyntax';

const RELATIONAL: Record<string, string[]> = {
  '<': ['<=', '>', '!='],
  '<=': ['<', '>=', '=='],
  '>': ['>=', '<', '!='],
  '>=': ['>', '<=', '=='],
  '==': ['!=', '<=', '>='],
  '!=': ['==', '<', '>'],
};
const LOGICAL: Record<string, string[]> = { '&&': ['||'], '||': ['&&'] };
const ARITHMETIC: Record<string, string[]> = {
  '+': ['-'], '-': ['+'], '*': ['/', '+'], '/': ['*', '%'], '%': ['/'],
  '+=': ['-='], '-=': ['+='], '++': ['--'], '--': ['++'],
};

interface Scored {
  edit: TextEdit;
  priority: number;
}

/** True when the token sits in a condition: directly inside if/while/for parentheses. */
function inCondition(tokens: readonly Token[], i: number): boolean {
  const open = enclosingParen(tokens, i);
  return open > 0 && /^(if|while|for)$/.test(tokens[open - 1].text);
}

/** Candidate single-token logic edits, most promising first (conditions before other code). */
export function logicMutations(text: string): TextEdit[] {
  const tokens = codeTokens(text);
  const scored: Scored[] = [];
  tokens.forEach((token, i) => {
    const condition = inCondition(tokens, i);
    const base = condition ? 0 : 20;
    const replace = (texts: string[], priority: number) =>
      texts.forEach((newText, k) => scored.push({ edit: { start: token.start, end: token.end, newText }, priority: priority + k }));
    if (token.kind === 'punct' && RELATIONAL[token.text]) replace(RELATIONAL[token.text], base);
    else if (token.kind === 'punct' && LOGICAL[token.text]) replace(LOGICAL[token.text], base + 2);
    else if (token.kind === 'punct' && ARITHMETIC[token.text] && !isUnary(tokens, i)) replace(ARITHMETIC[token.text], base + 8);
    else if (token.kind === 'number' && /^\d+$/.test(token.text)) {
      const n = Number(token.text);
      // Off-by-one: bounds and constants in conditions first.
      replace([String(n + 1), ...(n > 0 ? [String(n - 1)] : [])], base + 4);
    }
  });
  return scored.sort((a, b) => a.priority - b.priority || a.edit.start - b.edit.start).map((s) => s.edit);
}

/** A '-' or '+' with no operand before it (e.g. `x = -1`), or '*' dereferencing: not arithmetic. */
function isUnary(tokens: readonly Token[], i: number): boolean {
  const prev = tokens[i - 1];
  if (!prev) return true;
  return prev.kind === 'punct' && !/^[)\]]$/.test(prev.text) && !['++', '--'].includes(prev.text);
}
