// A running minimum or maximum that starts inside the data's range: `min = 0` before a loop that
// keeps `if (x < min) min = x;` never sees a positive minimum. It starts from the type's far end
// instead (the largest value for a minimum, the smallest for a maximum), each alone and all the
// program's together, since a student who starts one so starts the other so too. And the position
// of an extreme set from another index than the one its test compares (`min = i` for `min = j`).
import { lineOf, unparenthesized, type SyntaxNode } from '../c/parser';
import { namesInScope } from '../c/scopes';
import { isFloatingType, isSignedIntegerType } from '../c/types';
import type { TextEdit } from '../oracle/compiler';
import { isSuspicious, type Suspicion } from './faultLocalization';
import type { LogicEdit } from './mutationSearch';

const SMALLER = new Set(['<', '<=']);
const LARGER = new Set(['>', '>=']);

/** Which way a condition moves `m` when it holds and `m` takes `value`: `value < m` (or `m > value`) keeps a minimum. */
function direction(condition: SyntaxNode | undefined, m: string, value: string): 'min' | 'max' | undefined {
  const c = unparenthesized(condition);
  if (c?.type !== 'binary_expression') return undefined;
  const op = c.childForFieldName('operator')?.text ?? '';
  const [l, r] = [unparenthesized(c.childForFieldName('left'))?.text, unparenthesized(c.childForFieldName('right'))?.text];
  const smaller = (l === value && r === m && SMALLER.has(op)) || (l === m && r === value && LARGER.has(op));
  const larger = (l === value && r === m && LARGER.has(op)) || (l === m && r === value && SMALLER.has(op));
  return smaller ? 'min' : larger ? 'max' : undefined;
}

/** The running extremes the program keeps: `if (x < m) m = x;` and `m = x < m ? x : m;`, by variable. */
function runningExtremes(root: SyntaxNode, suspicion: Suspicion): Map<string, { kind: 'min' | 'max'; update: SyntaxNode; line: number }> {
  const found = new Map<string, { kind: 'min' | 'max'; update: SyntaxNode; line: number }>();
  for (const a of root.descendantsOfType('assignment_expression')) {
    const m = a.childForFieldName('left');
    const right = unparenthesized(a.childForFieldName('right'));
    if (m?.type !== 'identifier' || a.child(1)?.text !== '=' || !right) continue;
    let kind: 'min' | 'max' | undefined;
    // The line the tests judge: the update's own, or its `if`'s, which a start past every value never lets the update run.
    let line = lineOf(a);
    if (right.type === 'conditional_expression' && unparenthesized(right.childForFieldName('alternative'))?.text === m.text) {
      kind = direction(right.childForFieldName('condition') ?? undefined, m.text, unparenthesized(right.childForFieldName('consequence'))?.text ?? '');
    } else {
      let owner = a.parent;
      while (owner && owner.type !== 'if_statement' && /^(expression_statement|compound_statement)$/.test(owner.type)) owner = owner.parent;
      // In the `if`'s own branch, not its `else`.
      if (owner?.type === 'if_statement' && a.startIndex < (owner.childForFieldName('alternative')?.startIndex ?? Infinity)) {
        kind = direction(owner.childForFieldName('condition') ?? undefined, m.text, right.text);
        if (!isSuspicious(suspicion, line)) line = lineOf(owner);
      }
    }
    if (kind && isSuspicious(suspicion, line) && !found.has(m.text)) found.set(m.text, { kind, update: a, line });
  }
  return found;
}

/** The far end of a type's range, as C90 writes it; none for other types. */
function farEnd(type: string, kind: 'min' | 'max'): string | undefined {
  if (isSignedIntegerType(type)) return kind === 'min' ? '2147483647' : '(-2147483647 - 1)';
  if (isFloatingType(type)) return kind === 'min' ? '1e30' : '-1e30';
  return undefined;
}

/** Where `m` gets its starting value before `update`: the last `m = <number>` before it, or its declaration's value, or its declarator (no value). */
function startOf(root: SyntaxNode, m: string, update: SyntaxNode): TextEdit | undefined {
  const constant = (n: SyntaxNode | null | undefined) => {
    const v = unparenthesized(n);
    return v?.type === 'number_literal' || (v?.type === 'unary_expression' && unparenthesized(v.childForFieldName('argument'))?.type === 'number_literal') ? v : undefined;
  };
  const set = root.descendantsOfType('assignment_expression')
    .filter((a) => a.endIndex <= update.startIndex && a.childForFieldName('left')?.text === m && a.child(1)?.text === '=' && constant(a.childForFieldName('right')))
    .at(-1);
  if (set) {
    const v = constant(set.childForFieldName('right'))!;
    return { start: v.startIndex, end: v.endIndex, newText: '' };
  }
  const declared = namesInScope(root, update.startIndex).find((d) => d.name === m);
  const declarator = declared && root.descendantForIndex(declared.at);
  const init = declarator?.parent?.type === 'init_declarator' ? declarator.parent : undefined;
  if (init) {
    const v = constant(init.childForFieldName('value'));
    return v ? { start: v.startIndex, end: v.endIndex, newText: '' } : undefined;
  }
  return declarator && declarator.parent?.type === 'declaration' ? { start: declarator.endIndex, end: declarator.endIndex, newText: ' = ' } : undefined;
}

/** Each running extreme started from its type's far end, then all of them together. */
export function extremeStartEdits(root: SyntaxNode, suspicion: Suspicion): LogicEdit[] {
  const found: LogicEdit[] = [];
  for (const [m, { kind, update, line }] of runningExtremes(root, suspicion)) {
    const type = namesInScope(root, update.startIndex).find((d) => d.name === m);
    const value = type && type.arrayDims === 0 && type.pointers === 0 ? farEnd(type.type, kind) : undefined;
    const start = value && startOf(root, m, update);
    if (!start) continue;
    found.push({
      edits: [{ ...start, newText: start.newText + value }], line, priority: 20,
      why: `the ${kind === 'min' ? 'smallest' : 'largest'} value so far, \`${m}\`, starts inside the values' range`,
    });
  }
  if (found.length > 1) found.push({ edits: found.flatMap((e) => e.edits), line: found[0].line, priority: 21, why: 'the smallest and largest values so far start inside the values\' range' });
  return found;
}

/**
 * The position of a running extreme set from another index than the one its test compares
 * (`if (a[min] > a[j]) min = i;` for `min = j`, selection sort's classic slip): set from the
 * compared one.
 */
export function extremeIndexEdits(root: SyntaxNode, suspicion: Suspicion): LogicEdit[] {
  const found: LogicEdit[] = [];
  for (const decision of root.descendantsOfType('if_statement')) {
    const test = unparenthesized(decision.childForFieldName('condition'));
    if (test?.type !== 'binary_expression' || !/^[<>]=?$/.test(test.childForFieldName('operator')?.text ?? '') || !isSuspicious(suspicion, lineOf(decision))) continue;
    const [l, r] = [unparenthesized(test.childForFieldName('left')), unparenthesized(test.childForFieldName('right'))];
    if (l?.type !== 'subscript_expression' || r?.type !== 'subscript_expression' || l.childForFieldName('argument')?.text !== r.childForFieldName('argument')?.text) continue;
    const indexes = [l, r].map((s) => s.childForFieldName('index')?.text ?? '');
    const consequence = decision.childForFieldName('consequence');
    for (const a of consequence?.descendantsOfType('assignment_expression') ?? []) {
      const [m, value] = [a.childForFieldName('left'), unparenthesized(a.childForFieldName('right'))];
      if (a.childForFieldName('operator')?.text !== '=' || m?.type !== 'identifier' || value?.type !== 'identifier') continue;
      const k = indexes.indexOf(m.text);
      const compared = indexes[1 - k];
      if (k < 0 || !/^\w+$/.test(compared) || value.text === compared) continue;
      found.push({ edits: [{ start: value.startIndex, end: value.endIndex, newText: compared }], line: lineOf(a), priority: 14, why: `\`${m.text}\` keeps the position of the element compared, \`${compared}\`` });
    }
  }
  return found;
}
