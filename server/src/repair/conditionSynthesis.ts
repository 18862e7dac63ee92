// Conditions synthesized from the values the tests reach them with (after SemFix and Angelix, which
// solve for them symbolically; here by enumeration over a probed run: valueProbes.ts). A condition's
// candidates: a term added to it (`&& y % 100 != 0`, `|| n == 0`), an operand moved by a term
// (`i < n` to `i < n - k`) or replaced; a statement's: a guard (`if (i != n - 1) printf(",");`, an
// `else` block's makes an `else if`). A candidate is kept only when it decides as the condition did
// at every decision the passing tests reached (so they still pass, unchanged) and otherwise at some
// decision of the failing test (without which its run, and its wrong output, would stay the same);
// the tests then judge the few kept. Candidates that decide alike on every report count once.
import { lineOf, unparenthesized, type SyntaxNode } from '../c/parser';
import { enclosingFunction } from '../c/scopes';
import type { TextEdit } from '../oracle/compiler';
import type { LogicEdit } from './mutationSearch';
import { conditionOperands, isPlainTerm, RELATIONAL, type Decision, type ProbeSite, type SiteRun, termKey } from './valueProbes';

/** A test's probed run: whether the program passed it, and each site's decisions. */
export interface ProbedTest {
  passed: boolean;
  /** The round's target (the failing test its candidates are judged on first). */
  target: boolean;
  sites: SiteRun[];
}

/** Candidates the tests judge at most, per round. */
export const SYNTHESIS_BUDGET = 12;
/** Constants of the function (and 0 and 1) a candidate may compare with, nearest first. */
const MAX_CONSTANTS = 12;
const OPERATORS = ['==', '!=', '<', '<=', '>', '>='] as const;

/** A term of a candidate: its text and its value at a decision. */
interface Term {
  text: string;
  value: (d: Decision) => number;
  /** The value, when the term is a constant. */
  constant?: number;
}

interface Candidate {
  site: number;
  text: string;
  decide: (d: Decision) => boolean;
  /** The likelier kind of change first (lower). */
  cost: number;
  /**
   * An ordering's operand moved by a term (a bound off by some), or an `else` guarded by its `if`'s
   * own operands: the kinds that may change a passing test's run and still pass it.
   */
  moves?: boolean;
  /** The terms the change adds, for its explanation. */
  uses: Term[];
}

const compare = (a: number, op: (typeof OPERATORS)[number], b: number) =>
  op === '==' ? a === b : op === '!=' ? a !== b : op === '<' ? a < b : op === '<=' ? a <= b : op === '>' ? a > b : a >= b;

const CHAR_ESCAPES: Record<string, number> = { n: 10, t: 9, r: 13, '0': 0, '\\': 92, "'": 39, '"': 34, a: 7, b: 8, f: 12, v: 11 };

/** A number or character literal's value, if it is a plain one. */
export function literalValue(text: string): number | undefined {
  const char = /^'(\\?.)'$/.exec(text);
  if (char) return char[1].length === 2 ? CHAR_ESCAPES[char[1][1]] : char[1].charCodeAt(0);
  const number = /^(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9]\d*|\d+\.\d*(?:[eE][-+]?\d+)?)[uUlL]*$/.exec(text);
  if (!number) return undefined;
  const digits = number[1];
  return /^0[xX]/.test(digits) ? Number.parseInt(digits, 16) : /^0[0-7]+$/.test(digits) ? Number.parseInt(digits, 8) : Number(digits);
}

/** One operand's value given otherwise (the node's id and its value at a decision). */
interface Replacement {
  id: number;
  value: (d: Decision) => number;
}

/** A condition or term compiled once into a function of a decision (the syntax tree is slow to walk for each). */
type Evaluator<T> = (d: Decision, replaced?: Replacement) => T | undefined;

/**
 * A plain term's value at a decision, from the reported terms and the literals in it (`n - 1` from
 * `n`); undefined where a part is neither.
 */
function termEvaluator(node: SyntaxNode, terms: ReadonlyMap<string, number>): Evaluator<number> {
  const id = node.id;
  const own = compileTerm(node, terms);
  return (d, replaced) => (replaced?.id === id ? replaced.value(d) : own(d, replaced));
}

function compileTerm(node: SyntaxNode, terms: ReadonlyMap<string, number>): Evaluator<number> {
  const reported = terms.get(termKey(node.text));
  if (reported !== undefined) return (d) => d.values[reported];
  if (node.type === 'number_literal' || node.type === 'char_literal') {
    const v = literalValue(node.text);
    return () => v;
  }
  if (node.type === 'parenthesized_expression') return termEvaluator(node.namedChild(0)!, terms);
  if (node.type === 'unary_expression' && node.childForFieldName('operator')?.text === '-') {
    const argument = termEvaluator(node.childForFieldName('argument')!, terms);
    return (d, replaced) => {
      const v = argument(d, replaced);
      return v === undefined ? undefined : -v;
    };
  }
  return () => undefined;
}

/**
 * The condition's truth value at a decision, with one operand's value replaced, from the reported
 * terms; undefined where a part cannot be evaluated so.
 */
function conditionEvaluator(node: SyntaxNode, terms: ReadonlyMap<string, number>): Evaluator<boolean> {
  const inner = unparenthesized(node)!;
  if (inner.type === 'binary_expression') {
    const op = inner.childForFieldName('operator')!.text;
    const [left, right] = [inner.childForFieldName('left')!, inner.childForFieldName('right')!];
    if (op === '&&' || op === '||') {
      const [l, r] = [conditionEvaluator(left, terms), conditionEvaluator(right, terms)];
      return (d, replaced) => {
        const a = l(d, replaced);
        if (a === undefined) return undefined;
        return (op === '&&' ? !a : a) ? a : r(d, replaced);
      };
    }
    if (RELATIONAL.test(op)) {
      const [l, r] = [termEvaluator(left, terms), termEvaluator(right, terms)];
      const relation = op as (typeof OPERATORS)[number];
      return (d, replaced) => {
        const [a, b] = [l(d, replaced), r(d, replaced)];
        return a === undefined || b === undefined ? undefined : compare(a, relation, b);
      };
    }
  }
  if (inner.type === 'unary_expression' && inner.childForFieldName('operator')?.text === '!') {
    const argument = conditionEvaluator(inner.childForFieldName('argument')!, terms);
    return (d, replaced) => {
      const v = argument(d, replaced);
      return v === undefined ? undefined : !v;
    };
  }
  const value = termEvaluator(inner, terms);
  return (d, replaced) => {
    const v = value(d, replaced);
    return v === undefined ? undefined : v !== 0;
  };
}

/** The constants a candidate may use: 0, 1 and the literals of the site's function, nearest first. */
function constantsNear(root: SyntaxNode, condition: SyntaxNode): Term[] {
  const scope = enclosingFunction(root, condition.startIndex) ?? root;
  const literals = scope.descendantsOfType(['number_literal', 'char_literal'])
    .sort((a, b) => Math.abs(a.startIndex - condition.startIndex) - Math.abs(b.startIndex - condition.startIndex));
  const seen = new Set<number>();
  const constants: Term[] = [];
  for (const { text } of [{ text: '0' }, { text: '1' }, ...literals]) {
    const v = literalValue(text);
    if (v === undefined || seen.has(v) || constants.length >= MAX_CONSTANTS) continue;
    seen.add(v);
    constants.push({ text: v === 0 ? '0' : text, value: () => v, constant: v });
  }
  return constants;
}

/** `if (guard) statement`, braced where an `else` after the statement would go to the new `if`. */
function guarded(statement: SyntaxNode, guard: string): string {
  const parent = statement.parent;
  const beforeElse = parent?.type === 'if_statement' && parent.childForFieldName('consequence')?.id === statement.id && parent.childForFieldName('alternative') !== null;
  return beforeElse ? `{ if (${guard}) ${statement.text} }` : `if (${guard}) ${statement.text}`;
}

/** `condition op e` with the condition parenthesized where the operator would bind it otherwise. */
function joined(condition: SyntaxNode, op: '&&' | '||', added: string): string {
  const inner = unparenthesized(condition)!;
  const innerOp = inner.type === 'binary_expression' ? inner.childForFieldName('operator')!.text : '';
  const binds = inner.type === 'binary_expression' ? !/^(&&|\|\||=|,)$/.test(innerOp) || innerOp === op : !/^(assignment|conditional|comma)_expression$/.test(inner.type);
  return `${binds ? condition.text : `(${condition.text})`} ${op} ${added}`;
}

/** Every candidate for one site: terms added to a condition or guarding a statement, operands moved or replaced. */
function candidatesAt(root: SyntaxNode, site: ProbeSite, index: number, sample: Decision[]): Candidate[] {
  const node = site.node;
  const keys = new Map(site.terms.map((t, i) => [termKey(t), i]));
  const reported: Term[] = site.terms.map((t, i) => ({ text: t, value: (d) => d.values[i] }));
  const constants = constantsNear(root, node);
  // An integer's remainder by a constant of the function, tested for 0 (`y % 100 != 0`).
  const divisors = constants.filter((k) => /^\d+$/.test(k.text) && k.constant! >= 2).map((k) => k.constant!);
  const remainders = reported.filter((_, i) => site.integers[i]).flatMap((x) => divisors.map((k) => ({ text: `${x.text} % ${k}`, value: (d: Decision) => x.value(d) % k })));
  const zero: Term = { text: '0', value: () => 0, constant: 0 };
  const found: Candidate[] = [];
  const add = (x: Term, op: (typeof OPERATORS)[number], y: Term, cost: number) => {
    const added = `${x.text} ${op} ${y.text}`;
    const test = (d: Decision) => compare(x.value(d), op, y.value(d));
    if (site.kind === 'statement') {
      // An `else` taken only where its `if`'s own operands compare otherwise may change a passing test's run and still pass it.
      const reversed = node.parent?.type === 'else_clause' && site.own.includes(x.text) && site.own.includes(y.text);
      found.push({ site: index, text: guarded(node, added), decide: test, cost: cost + 1, uses: [x, y], moves: reversed });
      return;
    }
    found.push({ site: index, text: joined(node, '&&', added), decide: (d) => d.value && test(d), cost, uses: [x, y] });
    found.push({ site: index, text: joined(node, '||', added), decide: (d) => d.value || test(d), cost, uses: [x, y] });
  };
  // A term added: `cond && x op y`, `cond || x op y`, x a reported term, y a later one or a constant.
  reported.forEach((x, i) => {
    for (const y of [...reported.slice(i + 1), ...constants]) for (const op of OPERATORS) add(x, op, y, y.constant === undefined ? 2 : 1);
  });
  for (const r of remainders) for (const op of ['==', '!='] as const) add(r, op, zero, 1.5);
  if (site.kind === 'statement') return found;
  // A comparison's operand moved by a term or replaced: only where the probes give the condition's own value back.
  const condition = node;
  const operands = conditionOperands(condition);
  const decide = operands && conditionEvaluator(condition, keys);
  if (!decide || !sample.every((d) => decide(d) === d.value)) return found;
  const comparisonSides = operands!.filter((o) => o.parent?.type === 'binary_expression' && RELATIONAL.test(o.parent.childForFieldName('operator')!.text));
  for (const side of comparisonSides) {
    const before = condition.text.slice(0, side.startIndex - condition.startIndex);
    const after = condition.text.slice(side.endIndex - condition.startIndex);
    const sideValue = termEvaluator(side, keys);
    const own = (d: Decision) => sideValue(d) ?? Number.NaN;
    const tightly = isPlainTerm(side) && /^(identifier|subscript_expression|field_expression|number_literal|char_literal|parenthesized_expression)$/.test(side.type);
    const base = tightly ? side.text : `(${side.text})`;
    // A bound is moved rather than what it bounds (`i < n - k` before `i + k < n`, alike to the tests).
    const comparison = side.parent!;
    const right = side.id === comparison.childForFieldName('right')?.id;
    const other = comparison.childForFieldName(right ? 'left' : 'right')!;
    const moved = right ? 1.5 : 1.6;
    const bound = /^[<>]=?$/.test(comparison.childForFieldName('operator')!.text);
    for (const y of [...reported, ...constants]) {
      if (termKey(y.text) === termKey(side.text) || termKey(y.text) === termKey(other.text)) continue;
      const variants: [string, (d: Decision) => number, number][] = [[y.text, y.value, 2.5]];
      if (y.text !== '0') {
        variants.push([`${base} - ${y.text}`, (d) => own(d) - y.value(d), moved], [`${base} + ${y.text}`, (d) => own(d) + y.value(d), moved]);
      }
      for (const [text, value, cost] of variants) {
        const replaced = { id: side.id, value };
        found.push({ site: index, text: before + text + after, decide: (d) => decide(d, replaced) ?? d.value, cost, uses: [y], moves: bound && cost < 2 });
      }
    }
  }
  return found;
}

/** A decision where the candidate decides otherwise, in words: its terms' values there. */
function explain(k: Kept, site: ProbeSite): string {
  const d = k.example;
  const values = k.candidate.uses.filter((t) => t.constant === undefined).map((t) => `\`${t.text}\` is ${t.value(d)}`);
  const where = values.length > 0 ? ` where ${values.join(' and ')}` : '';
  if (site.kind === 'statement') {
    const what = site.node.type === 'compound_statement' ? 'the `else` block' : `\`${site.node.text}\``;
    return `the failing test runs ${what}${where}, ${k.passingDecisions === 0 ? 'which no passing test does' : 'and the passing tests still pass with it guarded'}`;
  }
  const passing = k.passingDecisions === 0 ? 'while the passing tests run as before' : 'and the passing tests still pass with the bound moved';
  return `the failing test reaches \`${site.node.text}\`${where} and needs it ${d.value ? 'false' : 'true'} there, ${passing}`;
}

/** A candidate the probed runs allow, and how it changes them. */
interface Kept {
  candidate: Candidate;
  /** Failing tests whose runs it changes (or may: a cut report). */
  failingChanged: number;
  /** Decisions of the passing tests that it changes (none but for a bound moved). */
  passingDecisions: number;
  /** A decision of the target test that it changes. */
  example: Decision;
}

/**
 * The synthesized conditions that the probed runs allow: those that leave every passing test's run
 * as it was (they cannot lose a test), those that change more failing tests' runs first, then each
 * site's likeliest (sites in order of suspicion), then each site's next; then, while the budget
 * lasts, bounds moved that change passing tests' runs too (a loop that stops two passes earlier may
 * still print the same), those that change fewer of their decisions first.
 */
export function synthesizeConditions(root: SyntaxNode, sites: readonly ProbeSite[], tests: readonly ProbedTest[]): LogicEdit[] {
  const kept: (Kept & { rank: number })[] = [];
  sites.forEach((site, s) => {
    const sample = tests.flatMap((t) => t.sites[s].decisions);
    const bySignature = new Map<string, Kept>();
    for (const candidate of candidatesAt(root, site, s, sample)) {
      let signature = '';
      const k: Omit<Kept, 'example'> & { example?: Decision } = { candidate, failingChanged: 0, passingDecisions: 0 };
      for (const test of tests) {
        const run = test.sites[s];
        let changed = 0;
        for (const d of run.decisions) {
          const decided = candidate.decide(d);
          signature += decided ? '1' : '0';
          if (decided !== d.value) {
            changed++;
            if (test.target) k.example ??= d;
          }
        }
        if (test.passed) k.passingDecisions += changed;
        if (!test.passed && (changed > 0 || run.cut)) k.failingChanged++;
      }
      if (!k.example || (k.passingDecisions > 0 && !candidate.moves)) continue;
      const best = bySignature.get(signature);
      if (!best || candidate.cost < best.candidate.cost) bySignature.set(signature, k as Kept);
    }
    const ranked = [...bySignature.values()].sort((a, b) => b.failingChanged - a.failingChanged || a.candidate.cost - b.candidate.cost);
    kept.push(...ranked.filter((k) => k.passingDecisions === 0).map((k, rank) => ({ ...k, rank })));
    kept.push(...ranked.filter((k) => k.passingDecisions > 0).map((k) => ({ ...k, rank: 0 })));
  });
  const tier = (k: Kept) => (k.passingDecisions === 0 ? 0 : 1);
  return kept
    .sort((a, b) => tier(a) - tier(b) || b.failingChanged - a.failingChanged || a.rank - b.rank || a.passingDecisions - b.passingDecisions || a.candidate.site - b.candidate.site)
    .slice(0, SYNTHESIS_BUDGET)
    .map((k) => {
      const site = sites[k.candidate.site];
      const edit: TextEdit = { start: site.node.startIndex, end: site.node.endIndex, newText: k.candidate.text };
      return { edits: [edit], line: lineOf(site.node), priority: 0, why: explain(k, site) };
    });
}
