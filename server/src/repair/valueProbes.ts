// Value probes: the program rebuilt so that each chosen condition reports, every time it is decided,
// its truth value and the values of the terms it could be written with (the variables in scope and
// the condition's own operands), on stderr, which the tests do not compare; and so that each chosen
// statement (or `else` block) reports the same every time it runs (a condition that is always true:
// a guard may stop it). conditionSynthesis.ts reads the reports to find a condition that decides alike wherever the
// passing tests reach it and otherwise somewhere the failing test does.
import { readsInput } from '../c/library';
import { conditionsOf, enclosingLoop, lineOf, unparenthesized, type SyntaxNode } from '../c/parser';
import { enclosingFunction, namesInScope } from '../c/scopes';
import { isFloatingType, isIntegerType } from '../c/types';
import type { CompilerOptions, TextEdit } from '../oracle/compiler';
import { applyEdits } from './edits';
import { isSuspicious, type Suspicion } from './faultLocalization';

/** A probed condition or statement, and the terms reported with it, in order. */
export interface ProbeSite {
  /** A condition decided (of an `if`, a loop or a `?:`), or a statement run (decided true each time). */
  kind: 'condition' | 'statement';
  node: SyntaxNode;
  /** The terms' source texts (a variable's name, an operand such as `a[i]` or `n % 2`). */
  terms: string[];
  /** Which terms are integer variables (whose remainders a condition may test). */
  integers: boolean[];
  /** The terms that are operands of the condition itself (of an `else` block: of its `if`'s). */
  own: string[];
}

/** One decision: the condition's truth value and each term's value, in the site's order. */
export interface Decision {
  value: boolean;
  values: number[];
}

/** A site's decisions in one test run; `cut` when it was decided more often than reported. */
export interface SiteRun {
  decisions: Decision[];
  cut: boolean;
}

/** Conditions and statements probed at most (the most suspicious), terms reported per site, decisions reported per run. */
export const MAX_SITES = 6;
const MAX_STATEMENTS = 4;
const MAX_VARIABLES = 10;
const MAX_TERMS = 16;
export const MAX_DECISIONS = 100;

export const RELATIONAL = /^(==|!=|<|<=|>|>=)$/;
const LOGICAL = /^(&&|\|\|)$/;
const MARK = '@c-repair-probe';

/**
 * The expressions a probe may evaluate again at no risk: no call, assignment or step (which would
 * change the run), no `/` or `%` by a variable (which may be 0), no pointer (which may be invalid).
 */
export function isPlainTerm(node: SyntaxNode): boolean {
  switch (node.type) {
    case 'identifier':
    case 'number_literal':
    case 'char_literal':
      return true;
    case 'parenthesized_expression':
      return node.namedChildCount === 1 && isPlainTerm(node.namedChild(0)!);
    case 'unary_expression':
      return node.childForFieldName('operator')?.text === '-' && isPlainTerm(node.childForFieldName('argument')!);
    case 'binary_expression': {
      const op = node.childForFieldName('operator')?.text ?? '';
      const [left, right] = [node.childForFieldName('left')!, node.childForFieldName('right')!];
      if (/^[/%]$/.test(op)) return isPlainTerm(left) && right.type === 'number_literal' && Number(right.text) !== 0;
      return /^[-+*]$/.test(op) && isPlainTerm(left) && isPlainTerm(right);
    }
    case 'subscript_expression': {
      const array = node.childForFieldName('argument');
      const index = node.childForFieldName('index');
      return array?.type === 'identifier' && index !== null && isPlainTerm(index);
    }
    case 'field_expression':
      return node.childForFieldName('operator')?.text === '.' && node.childForFieldName('argument')?.type === 'identifier';
    default:
      return false;
  }
}

/**
 * The operands a condition decides on, when it is made of them alone: each side of a comparison, and
 * each truth value joined by `&&`, `||` or `!` (`a[i]` in `a[i] && b`). Undefined when a part of it
 * is not a plain term (a call, an assignment): such a condition is only extended, never rewritten.
 */
export function conditionOperands(condition: SyntaxNode): SyntaxNode[] | undefined {
  const node = unparenthesized(condition)!;
  if (node.type === 'binary_expression') {
    const op = node.childForFieldName('operator')!.text;
    const [left, right] = [node.childForFieldName('left')!, node.childForFieldName('right')!];
    if (LOGICAL.test(op)) {
      const [l, r] = [conditionOperands(left), conditionOperands(right)];
      return l && r && [...l, ...r];
    }
    if (RELATIONAL.test(op)) return isPlainTerm(left) && isPlainTerm(right) ? [left, right] : undefined;
  }
  if (node.type === 'unary_expression' && node.childForFieldName('operator')?.text === '!') return conditionOperands(node.childForFieldName('argument')!);
  return isPlainTerm(node) ? [node] : undefined;
}

/** The plain operands of every comparison under `node`. */
function comparisonOperands(node: SyntaxNode): SyntaxNode[] {
  return node.descendantsOfType('binary_expression')
    .filter((b) => RELATIONAL.test(b.childForFieldName('operator')?.text ?? ''))
    .flatMap((b) => [b.childForFieldName('left')!, b.childForFieldName('right')!])
    .filter((o) => o.type !== 'number_literal' && o.type !== 'char_literal' && isPlainTerm(o));
}

/** True when the node reads input, or runs in a loop whose condition does (`while ((c = getchar()) != EOF)`). */
function inReading(node: SyntaxNode): boolean {
  if (readsInput(node)) return true;
  for (let loop = enclosingLoop(node); loop; loop = enclosingLoop(loop)) if (readsInput(loop.childForFieldName('condition'))) return true;
  return false;
}

/** A term's text as the probes and the synthesis key it (spacing dropped). */
export const termKey = (text: string) => text.replace(/\s+/g, '');

/**
 * The conditions (of `if`s, loops and `?:`) and the statements on suspicious lines, the most
 * suspicious of each, none inside another, most suspicious first; each with the number-valued
 * variables in scope (nearest first), its plain operands and those of the function's other
 * comparisons.
 */
export function probeSites(root: SyntaxNode, suspicion: Suspicion): ProbeSite[] {
  // A block is as suspicious as its first statement (coverage does not count the `else {` line).
  const line = (n: SyntaxNode) => lineOf(n.type === 'compound_statement' ? n.namedChildren.find((c) => c.type !== 'comment') ?? n : n);
  const score = (n: SyntaxNode) => suspicion.get(line(n)) ?? 0;
  // Of sites alike suspicious, those that read input (or run in a loop that does) last: a guard or a term rarely belongs there.
  const reading = (n: SyntaxNode) => Number(inReading(n));
  const rank = (nodes: SyntaxNode[]) => nodes
    .filter((n) => isSuspicious(suspicion, line(n)))
    .sort((a, b) => score(b) - score(a) || reading(a) - reading(b) || a.startIndex - b.startIndex);
  const conditions = rank(conditionsOf(root).map((c) => unparenthesized(c)!));
  // Statements that do something (not a declaration, a jump or an empty `;`), outside any condition,
  // and an `else`'s block (guarded, it becomes an `else if`).
  const statements = rank(root.descendantsOfType(['expression_statement', 'compound_statement']).filter((s) => (s.type === 'compound_statement'
    ? s.parent?.type === 'else_clause'
    : s.namedChildCount > 0 && /^(compound_statement|if_statement|else_clause|for_statement|while_statement|do_statement|case_statement)$/.test(s.parent?.type ?? ''))));
  const sites: ProbeSite[] = [];
  const overlaps = (node: SyntaxNode) => sites.some((s) => s.node.startIndex < node.endIndex && node.startIndex < s.node.endIndex);
  for (const [kind, nodes, most] of [['condition', conditions, MAX_SITES], ['statement', statements, MAX_STATEMENTS]] as const) {
    let taken = 0;
    for (const node of nodes) {
      if (taken >= most) break;
      if (overlaps(node)) continue;
      sites.push(siteAt(root, kind, node));
      taken++;
    }
  }
  // Most suspicious first; a condition before a statement alike.
  return sites.sort((a, b) => score(b.node) - score(a.node) || Number(a.kind === 'statement') - Number(b.kind === 'statement') || a.node.startIndex - b.node.startIndex);
}

/** A site with its terms: the variables in scope, its own operands and the function's other comparisons'. */
function siteAt(root: SyntaxNode, kind: ProbeSite['kind'], node: SyntaxNode): ProbeSite {
  const seen = new Set<string>();
  const variables = namesInScope(root, node.startIndex)
    .filter((d) => d.arrayDims === 0 && d.pointers === 0 && (isIntegerType(d.type) || isFloatingType(d.type) || d.type === 'char'))
    .filter((d) => !seen.has(d.name) && seen.add(d.name))
    .slice(0, MAX_VARIABLES);
  const names = variables.map((d) => d.name);
  // An `else` block's own: the operands of its `if`'s condition (`else if (b[i] > a[i])`).
  const decider = kind === 'condition' ? node : node.parent?.type === 'else_clause' ? node.parent.parent?.childForFieldName('condition') : undefined;
  // A statement's own: the elements and fields it reads or writes (`s[i]` of `s[i] = s[i] - 32;`).
  const own = decider ? (conditionOperands(decider) ?? [])
    : node.type === 'expression_statement' ? node.descendantsOfType(['subscript_expression', 'field_expression']).filter(isPlainTerm) : [];
  // Other comparisons' operands in the function (`y % 100` beside `y % 4 == 0`), of these variables alone and no array.
  const visible = new Set(names);
  const elsewhere = comparisonOperands(enclosingFunction(root, node.startIndex) ?? root).filter((o) => {
    const ids = o.type === 'identifier' ? [] : o.descendantsOfType('identifier');
    return ids.length > 0 && ids.every((id) => visible.has(id.text)) && o.descendantsOfType('subscript_expression').length === 0;
  });
  const operands = [...own, ...elsewhere]
    .filter((o) => o.type !== 'number_literal' && o.type !== 'char_literal' && (o.type !== 'identifier' || visible.has(o.text)))
    .map((o) => termKey(o.text));
  const terms = [...new Set([...names, ...operands])].slice(0, MAX_TERMS);
  const ownKeys = new Set(own.map((o) => termKey(o.text)));
  return { kind, node, terms, integers: terms.map((_, i) => i < variables.length && isIntegerType(variables[i].type)), own: terms.filter((t) => ownKeys.has(t)) };
}

/**
 * The program with each site reporting its decisions: a condition as `(v = !!(cond), probe(site, v,
 * terms...), v)`, which decides as before; a statement as `{ probe(site, 1, terms...); statement }`.
 * The terms go as doubles through a variadic function, so the prelude builds under every C standard
 * a course uses.
 */
export function instrument(text: string, sites: readonly ProbeSite[]): string {
  const prelude = [
    '#include <stdio.h>',
    '#include <stdarg.h>',
    'static int c_repair_v;',
    `static int c_repair_decided[${sites.length}];`,
    'static void c_repair_probe(int site, int value, int count, ...) {',
    '  va_list terms; int k;',
    `  if (c_repair_decided[site]++ >= ${MAX_DECISIONS}) return;`,
    '  va_start(terms, count);',
    `  fprintf(stderr, "\\n${MARK} %d %d", site, value);`,
    '  for (k = 0; k < count; k++) fprintf(stderr, " %.10g", va_arg(terms, double));',
    '  fprintf(stderr, "\\n");',
    '  va_end(terms);',
    '}',
    '',
  ].join('\n');
  // Insertions: where one site ends and the next begins at the same offset (`t[k]=a[i];i++;`), the end first.
  const insertions = sites.flatMap((s, i) => {
    const terms = s.terms.map((t) => `, (double)(${t})`).join('');
    const probe = `c_repair_probe(${i}, ${s.kind === 'condition' ? 'c_repair_v' : '1'}, ${s.terms.length}${terms})`;
    const [opening, closing] = s.kind === 'condition' ? ['(c_repair_v = !!(', `), ${probe}, c_repair_v)`] : [`{ ${probe}; `, ' }'];
    return [{ at: s.node.startIndex, text: opening, closes: false }, { at: s.node.endIndex, text: closing, closes: true }];
  }).sort((a, b) => a.at - b.at || Number(b.closes) - Number(a.closes));
  const edits: TextEdit[] = [];
  for (const { at, text: newText } of insertions) {
    const last = edits[edits.length - 1];
    if (last?.start === at) last.newText += newText;
    else edits.push({ start: at, end: at, newText });
  }
  return prelude + applyEdits(text, edits);
}

/**
 * The compiler options the probed program is built with: the user's, but warnings stay warnings (a
 * probe of a variable not yet set, which `-Wall -Werror` rejects, reports a value no candidate uses).
 */
export function probeCompiler(compiler: CompilerOptions): CompilerOptions {
  return { ...compiler, args: (compiler.args ?? []).filter((a) => !/^-Werror$|^-pedantic-errors$/.test(a)) };
}

/** Each site's decisions in one run, from what the instrumented program wrote on stderr. */
export function readProbes(stderr: string, sites: readonly ProbeSite[]): SiteRun[] {
  const runs: SiteRun[] = sites.map(() => ({ decisions: [], cut: false }));
  for (const line of stderr.split('\n')) {
    if (!line.startsWith(MARK)) continue;
    const [site, value, ...values] = line.slice(MARK.length).trim().split(' ').map(Number);
    const run = runs[site];
    if (!run || values.length !== sites[site].terms.length) continue;
    run.decisions.push({ value: value !== 0, values });
  }
  for (const run of runs) run.cut = run.decisions.length >= MAX_DECISIONS;
  return runs;
}
