// Loops that decide, read or print on every pass where the task wants it once, or that must run
// at least once: patterns of novice code, each a candidate judged by the tests.
// - an answer decided on every pass where the task wants it once, after the loop: `for (i = 2; i <
//   n; i++) if (n % i == 0) printf("No"); else printf("Yes");` prints for every i. The branch that
//   settles the answer sets a flag (and, in one variant, leaves the loop); the other branch runs
//   once after the loop, when the flag was never set. A new block around the loop holds the flag:
//   valid C90 (a declaration at a block's start), and set afresh on each pass of an outer loop.
// - a search that never stops: the loop finds what it looks for, goes on, and the `if` after it
//   tests the last pass's values; that test, at the end of each pass, leaves the loop.
// - a sentinel used before the loop tests it: `while (c != '\n') { c = getchar(); sum += c; }`
//   adds the line end too, `do { scanf("%d", &m); ... } while (m != -1);` handles the -1; the
//   loop's own test, repeated right after the read, leaves the loop.
// - a result printed on every pass where the task wants it once: the print moved after the loop.
// - a loop that must run at least once (the digits of 0 are "0"): `while (C) B` as `do B while (C);`.
// - a count or a sum set back on every pass of the loop that adds to it: `for (k...) { l = 0; if (..) l++; }`
//   counts one pass at a time; the reset moved before the loop (inside an outer loop, still per row).
// - a table walked with other bounds than the program's other nested loops over it: `j < n` where the
//   rest runs `j` to `m`; each nest shape the program has, tried on all its nests.
// - rows drawn without their line ends (the drawing's characters all there, on fewer lines): a line
//   end at the end of each row, and the one printed once after the drawing taken out.
// - "not the first pass" tested against 0 in a loop that counts from 1 (`if (j) putchar(' ');`).
// - a nested loop that starts or stops at a constant where the outer loop's counter was meant.
// - a `while` loop whose body never changes what its test reads (`while (s[i] != '\0') putchar(s[i]);`):
//   the counter it compares stepped at the end of each pass.
// - a `for` whose body never reads its counter but reaches one element every pass (`a[m] = 0;`):
//   the element the counter indexes.
// - an element removed by shifting the rest left, in a loop that then steps past the element shifted
//   into its place: the counter stepped back.
// - an inner `while` that walks an index over an array without the bound of the loop around it.
import { PRINTS, printsOutput, readsInput } from '../c/library';
import { enclosingLoop, lineOf, sourceOf, unparenthesized, type SyntaxNode } from '../c/parser';
import type { TextEdit } from '../oracle/compiler';
import { insertBeforeClose, lineIndent } from './cSyntax';
import { editsOverlap } from './edits';
import { isSuspicious, type Suspicion } from './faultLocalization';
import type { LogicEdit } from './mutationSearch';
import { spacingOnly } from './outputEdits';
import { printsExtra } from './extraOutputEdits';
import { updates } from './patternEdits';
import { removeWithLine } from './strictRules';

/** True when evaluating the condition once more changes nothing: no assignment, no ++ or --, no input or output. */
const pure = (condition: SyntaxNode) =>
  condition.descendantsOfType(['assignment_expression', 'update_expression']).length === 0 && !readsInput(condition) && !printsOutput(condition);

/** A flag name the program does not use. */
function freshName(root: SyntaxNode): string {
  const used = new Set(root.descendantsOfType('identifier').map((id) => id.text));
  let name = 'found';
  for (let k = 1; used.has(name); k++) name = `found${k}`;
  return name;
}

/** The loop whose body is `node` itself or a block that holds it directly. */
function loopOfBody(node: SyntaxNode): SyntaxNode | undefined {
  const body = node.parent?.type === 'compound_statement' ? node.parent : node;
  const loop = body.parent;
  if (!loop || !/^(for|while|do)_statement$/.test(loop.type)) return undefined;
  return loop.childForFieldName('body')?.startIndex === body.startIndex ? loop : undefined;
}

/** Edits that set the flag as `statement` begins and, if asked, leave the loop as it ends (braces added where it has none). */
function settlingEdits(statement: SyntaxNode, flag: string, leave: boolean): TextEdit[] {
  const block = statement.type === 'compound_statement';
  const breaks = leave && !/\bbreak\s*;\s*}?$/.test(statement.text) ? ' break;' : '';
  if (!block) return [{ start: statement.startIndex, end: statement.startIndex, newText: `{ ${flag} = 1; ` }, { start: statement.endIndex, end: statement.endIndex, newText: `${breaks} }` }];
  const opening = { start: statement.startIndex + 1, end: statement.startIndex + 1, newText: ` ${flag} = 1;` };
  return breaks ? [opening, { start: statement.endIndex - 1, end: statement.endIndex - 1, newText: `${breaks} ` }] : [opening];
}

/**
 * The branch that runs after the loop, on one line where it has no line comment (the edit stays
 * within a few lines): its closing `break;` dropped; none when it breaks or continues elsewhere.
 */
function movedText(statement: SyntaxNode): string | undefined {
  const text = statement.text.replace(/\bbreak\s*;(\s*})$/, '$1');
  if (/\b(break|continue)\b/.test(text)) return undefined;
  return text.includes('//') ? text : text.replace(/\s*\n\s*/g, ' ');
}

/**
 * Edits in the order they apply at one place, merged where they meet: an insertion joins the edit
 * that starts where it stands (so that no two edits start at one offset).
 */
function merged(edits: TextEdit[]): TextEdit[] {
  const out: TextEdit[] = [];
  for (const e of edits.map((e, k) => ({ e, k })).sort((a, b) => a.e.start - b.e.start || Number(b.e.start === b.e.end) - Number(a.e.start === a.e.end) || a.k - b.k)) {
    const last = out[out.length - 1];
    if (last && last.start === e.e.start && last.start === last.end) out[out.length - 1] = { start: last.start, end: e.e.end, newText: last.newText + e.e.newText };
    else out.push({ ...e.e });
  }
  return out;
}

/**
 * For an `if`/`else` in a loop's body whose branches both print, on a suspicious line: either
 * branch as the one that settles the answer (the condition negated for the `else`), with and
 * without leaving the loop; the other branch after the loop, run when nothing settled it.
 */
export function loopAnswerEdits(root: SyntaxNode, suspicion: Suspicion): LogicEdit[] {
  const found: LogicEdit[] = [];
  const flag = freshName(root);
  for (const branch of root.descendantsOfType('if_statement')) {
    const loop = loopOfBody(branch);
    const condition = branch.childForFieldName('condition');
    const consequence = branch.childForFieldName('consequence');
    const elseClause = branch.childForFieldName('alternative');
    const alternative = elseClause?.namedChildren[0];
    if (!loop || !condition || !consequence || !elseClause || !alternative || !isSuspicious(suspicion, lineOf(branch))) continue;
    if (alternative.type === 'if_statement' || !printsOutput(consequence) || !printsOutput(alternative)) continue;
    for (const settlesElse of [false, true]) {
      const [settles, otherwise] = settlesElse ? [alternative, consequence] : [consequence, alternative];
      const after = movedText(otherwise);
      if (after === undefined) continue;
      // The other branch leaves the loop: `else X` goes, or `X else` with the condition negated.
      const removal: TextEdit[] = settlesElse
        ? [{ start: condition.startIndex, end: condition.endIndex, newText: `(!${condition.text})` }, { start: consequence.startIndex, end: alternative.startIndex, newText: '' }]
        : [{ start: consequence.endIndex, end: elseClause.endIndex, newText: '' }];
      for (const leave of [true, false]) {
        const edits = merged([
          { start: loop.startIndex, end: loop.startIndex, newText: `{ int ${flag} = 0; ` },
          ...settlingEdits(settles, flag, leave),
          ...removal,
          { start: loop.endIndex, end: loop.endIndex, newText: ` if (!${flag}) ${after} }` },
        ]);
        found.push({ edits, line: lineOf(branch), priority: 16 + (settlesElse ? 1 : 0) + (leave ? 0 : 0.5), why: 'the loop gave its answer on every pass, where it is given once, after the loop' });
      }
    }
  }
  return found;
}

/** True when `statement` sets `name`: assigns it, or passes its address to a call (scanf). */
function sets(statement: SyntaxNode, name: string): boolean {
  const assigned = statement.descendantsOfType('assignment_expression').some((a) => a.childForFieldName('left')?.text === name);
  const readInto = statement.descendantsOfType('call_expression').some((call) =>
    call.childForFieldName('arguments')?.namedChildren.some((a) => a.type === 'pointer_expression' && a.text.replace(/\s/g, '') === `&${name}`));
  return assigned || readInto;
}

/** True when `node` changes `name`: sets it, or steps it (`i++`, `i += 2`). */
const changes = (node: SyntaxNode, name: string) => sets(node, name) || updates(node, name).length > 0;

/** The way a counter compared in `condition` must step to reach the other side: `i < n` up, `i > 0` down, `i != n` either. */
function stepsOf(condition: SyntaxNode, name: string): ('++' | '--')[] {
  for (const c of [condition, ...condition.descendantsOfType('binary_expression')]) {
    const operator = c.childForFieldName('operator')?.text ?? '';
    const left = c.childForFieldName('left')?.text, right = c.childForFieldName('right')?.text;
    if (left !== name && right !== name) continue;
    const rising = /^<=?$/.test(operator) === (left === name);
    if (/^[<>]=?$/.test(operator)) return [rising ? '++' : '--'];
    if (operator === '!=') return ['++', '--'];
  }
  return [];
}

/**
 * A `while` or `for` loop that can never end once entered: its test reads plain variables, calls
 * nothing, and its body (and step) assigns none of them, passes none by address, and has no `break`,
 * `return` or `goto`. A `while`: each counter the test compares, stepped toward its bound at the end
 * of the body; all such loops of the program at once too (a nest where both counters were
 * forgotten). A `for` that steps another variable (`for (i = 0; i < n; j++)`): the counter stepped
 * instead.
 */
export function stuckLoopEdits(root: SyntaxNode, suspicion: Suspicion): LogicEdit[] {
  const text = sourceOf(root);
  const found: LogicEdit[] = [];
  const firstOfEach: TextEdit[][] = [];
  for (const loop of root.descendantsOfType(['while_statement', 'for_statement'])) {
    const condition = loop.childForFieldName('condition');
    const body = loop.childForFieldName('body');
    const step = loop.type === 'for_statement' ? loop.childForFieldName('update') : null;
    if (!condition || !body || !isSuspicious(suspicion, lineOf(loop)) || condition.descendantsOfType(['call_expression', 'assignment_expression', 'update_expression']).length > 0) continue;
    if (body.descendantsOfType(['break_statement', 'return_statement', 'goto_statement']).length > 0) continue;
    const counters = [...new Set(condition.descendantsOfType('identifier')
      .filter((id) => id.parent?.type !== 'subscript_expression' || id.parent.childForFieldName('argument')?.id !== id.id)
      .map((id) => id.text))];
    const changed = (name: string) => [body, ...(step ? [step] : [])].some((n) => changes(n, name));
    if (counters.length === 0 || counters.some(changed)) continue;
    if (loop.type === 'for_statement') {
      // The step's variable (`j` of `j++`, `j += 2`) renamed to each counter.
      const stepped = step?.type === 'update_expression' ? step.childForFieldName('argument') : step?.type === 'assignment_expression' ? step.childForFieldName('left') : null;
      if (stepped?.type !== 'identifier') continue;
      // The counter the loop starts (`i` of `i = 0`), where it starts one; else each the test reads.
      const start = loop.childForFieldName('initializer');
      const started = start ? counters.filter((name) => sets(start, name)) : [];
      for (const name of started.length > 0 ? started : counters) {
        found.push({ edits: [{ start: stepped.startIndex, end: stepped.endIndex, newText: name }], line: lineOf(loop), priority: 4, why: `the loop steps \`${stepped.text}\` where its test reads \`${name}\`, so it never ended` });
      }
      continue;
    }
    const options: TextEdit[][] = [];
    for (const name of counters) {
      for (const step of stepsOf(condition, name)) {
        options.push(body.type === 'compound_statement'
          ? [insertBeforeClose(text, body.endIndex - 1, `${name}${step};`, body.namedChildren[0]?.startIndex)]
          : [{ start: body.startIndex, end: body.startIndex, newText: '{ ' }, { start: body.endIndex, end: body.endIndex, newText: ` ${name}${step}; }` }]);
      }
    }
    for (const edits of options) found.push({ edits, line: lineOf(loop), priority: 4, why: 'nothing in the loop changed what its test reads, so it never ended' });
    if (options.length > 0) firstOfEach.push(options[0]);
  }
  const together = firstOfEach.flat().sort((a, b) => a.start - b.start);
  if (firstOfEach.length > 1 && !editsOverlap(together)) found.push({ edits: together, line: found[0].line, priority: 4, why: 'nothing in these loops changed what their tests read, so they never ended' });
  return found;
}

/**
 * In a `while` or `do` loop that tests a variable, a statement of its body that sets that variable and is
 * followed by others: the loop's test repeated right after it, leaving the loop before the value
 * read is used.
 */
export function sentinelEdits(root: SyntaxNode, suspicion: Suspicion): LogicEdit[] {
  const found: LogicEdit[] = [];
  for (const loop of root.descendantsOfType(['while_statement', 'do_statement'])) {
    const condition = loop.childForFieldName('condition');
    const body = loop.childForFieldName('body');
    if (!condition || !pure(condition) || body?.type !== 'compound_statement') continue;
    const tested = new Set(condition.descendantsOfType('identifier').map((id) => id.text));
    const statements = body.namedChildren.filter((n) => n.type !== 'comment');
    const at = statements.findIndex((s) => s.type === 'expression_statement' && [...tested].some((name) => sets(s, name)));
    if (at < 0 || at === statements.length - 1 || !isSuspicious(suspicion, lineOf(statements[at]))) continue;
    const read = statements[at];
    found.push({ edits: [{ start: read.endIndex, end: read.endIndex, newText: ` if (!${condition.text}) break;` }], line: lineOf(read), priority: 18, why: 'the loop used the value it stops at before testing it' });
  }
  return found;
}

/**
 * A loop followed by an `if` whose condition tests a variable the loop sets: that condition
 * checked at the end of each pass, leaving the loop when it holds.
 */
export function searchExitEdits(root: SyntaxNode, suspicion: Suspicion): LogicEdit[] {
  const found: LogicEdit[] = [];
  for (const loop of root.descendantsOfType(['for_statement', 'while_statement'])) {
    const next = loop.nextNamedSibling;
    const condition = next?.type === 'if_statement' ? next.childForFieldName('condition') : null;
    const body = loop.childForFieldName('body');
    if (!condition || !pure(condition) || body?.type !== 'compound_statement' || !isSuspicious(suspicion, lineOf(next!))) continue;
    if (body.descendantsOfType('break_statement').length > 0) continue;
    const tested = new Set(condition.descendantsOfType('identifier').map((id) => id.text));
    if (![...tested].some((name) => sets(body, name))) continue;
    const end = body.endIndex - 1;
    found.push({ edits: [{ start: end, end, newText: ` if ${condition.text} break; ` }], line: lineOf(next!), priority: 19, why: 'the loop went on after it found what the `if` after it tests' });
  }
  return found;
}

/** A `while` loop on a suspicious line run at least once: `do BODY while (C);`. */
export function doWhileEdits(root: SyntaxNode, suspicion: Suspicion): LogicEdit[] {
  const found: LogicEdit[] = [];
  for (const loop of root.descendantsOfType('while_statement')) {
    const condition = loop.childForFieldName('condition');
    const body = loop.childForFieldName('body');
    if (!condition || !body || !isSuspicious(suspicion, lineOf(loop))) continue;
    const edits: TextEdit[] = [
      { start: loop.startIndex, end: condition.endIndex, newText: 'do' },
      { start: body.endIndex, end: body.endIndex, newText: ` while ${condition.text};` },
    ];
    found.push({ edits, line: lineOf(loop), priority: 21, why: 'the loop must run at least once' });
  }
  return found;
}

/**
 * A print statement in a loop's body, when the failing test got all it expects and more: printed
 * once, after the loop, instead (a running total printed on every pass).
 */
export function printOnceEdits(root: SyntaxNode, suspicion: Suspicion, failing?: { expected: string; actual: string }): LogicEdit[] {
  if (!failing || !printsExtra(failing)) return [];
  const found: LogicEdit[] = [];
  for (const call of root.descendantsOfType('call_expression')) {
    const statement = call.parent;
    if (!PRINTS.test(call.childForFieldName('function')?.text ?? '') || statement?.type !== 'expression_statement') continue;
    const loop = statement.parent?.type === 'compound_statement' ? loopOfBody(statement) : undefined;
    if (!loop || !isSuspicious(suspicion, lineOf(statement))) continue;
    const edits: TextEdit[] = [
      { start: statement.startIndex, end: statement.endIndex, newText: '' },
      { start: loop.endIndex, end: loop.endIndex, newText: ` ${statement.text}` },
    ];
    found.push({ edits, line: lineOf(statement), priority: 11, why: 'the loop printed on every pass what is printed once' });
  }
  return found;
}

/**
 * `x = value;` in a loop's body, where the same body also changes x and the value does not read x:
 * the reset moved to just before the loop, so that x adds up over the passes.
 */
export function hoistedResetEdits(root: SyntaxNode, suspicion: Suspicion): LogicEdit[] {
  const found: LogicEdit[] = [];
  for (const assignment of root.descendantsOfType('assignment_expression')) {
    const statement = assignment.parent;
    const left = assignment.childForFieldName('left');
    const value = assignment.childForFieldName('right');
    if (statement?.type !== 'expression_statement' || assignment.childForFieldName('operator')?.text !== '=' || left?.type !== 'identifier' || !value) continue;
    const loop = statement.parent?.type === 'compound_statement' ? loopOfBody(statement) : undefined;
    if (!loop || !isSuspicious(suspicion, lineOf(statement))) continue;
    const name = left.text;
    const readsItself = value.descendantsOfType('identifier').some((id) => id.text === name) || value.type === 'identifier' && value.text === name;
    const changedElsewhere = updates(loop.childForFieldName('body')!, name).some((u) => u.startIndex !== assignment.startIndex);
    if (readsItself || !changedElsewhere || value.descendantsOfType('call_expression').length > 0) continue; // a read or a call: not a reset
    const edits: TextEdit[] = [
      { start: statement.startIndex, end: statement.endIndex, newText: '' },
      { start: loop.startIndex, end: loop.startIndex, newText: `${statement.text} ` },
    ];
    found.push({ edits, line: lineOf(statement), priority: 14, why: `\`${name}\` was set back on every pass of the loop that adds to it` });
  }
  return found;
}

/** A `for`'s counter and bound, when its condition reads `counter < bound` or `counter <= bound`. */
function counterBound(loop: SyntaxNode): { counter: string; bound: SyntaxNode } | undefined {
  const condition = loop.childForFieldName('condition');
  const left = condition?.childForFieldName('left');
  const bound = condition?.childForFieldName('right');
  if (condition?.type !== 'binary_expression' || !/^<=?$/.test(condition.childForFieldName('operator')?.text ?? '') || left?.type !== 'identifier' || !bound) return undefined;
  return { counter: left.text, bound };
}

/** The nearest `for` that holds `node` in its body. */
function enclosingFor(node: SyntaxNode): SyntaxNode | undefined {
  for (let p = node.parent; p; p = p.parent) if (p.type === 'for_statement') return p;
  return undefined;
}

/** A `for`'s counter: the name its start assigns (`for (i = 0; ...)`). */
function forCounter(loop: SyntaxNode): string | undefined {
  const init = loop.childForFieldName('initializer');
  const counter = init?.type === 'assignment_expression' ? init.childForFieldName('left') : undefined;
  return counter?.type === 'identifier' ? counter.text : undefined;
}

/**
 * A nested `for` that starts or stops at a constant where the outer loop's counter was meant (a
 * triangle drawn as a square, `for (j = 1; j > 0; j--)` for `for (j = i; ...)`): each constant of
 * the inner loop's start and test replaced by the outer counter.
 */
export function innerCounterEdits(root: SyntaxNode, suspicion: Suspicion): LogicEdit[] {
  const found: LogicEdit[] = [];
  for (const inner of root.descendantsOfType('for_statement')) {
    const outer = enclosingFor(inner);
    const counter = outer && forCounter(outer);
    if (!counter || !isSuspicious(suspicion, lineOf(inner))) continue;
    for (const part of [inner.childForFieldName('initializer'), inner.childForFieldName('condition')]) {
      for (const constant of part?.descendantsOfType('number_literal') ?? []) {
        found.push({
          edits: [{ start: constant.startIndex, end: constant.endIndex, newText: counter }], line: lineOf(inner), priority: 15,
          why: `the inner loop ${part === inner.childForFieldName('initializer') ? 'starts' : 'stops'} at ${constant.text} on every pass of the outer one, where \`${counter}\` was meant`,
        });
      }
    }
  }
  return found;
}

/**
 * A nested `for` whose body never reads its own counter but reads the outer loop's (`for (p = j; p <
 * j + k; p++) sum += a[j];`, for `a[p]`): the outer counter's reads in the body replaced by the inner
 * counter, all of them, and each alone where there are several.
 */
export function unusedCounterEdits(root: SyntaxNode, suspicion: Suspicion): LogicEdit[] {
  const found: LogicEdit[] = [];
  for (const inner of root.descendantsOfType('for_statement')) {
    const outer = enclosingFor(inner);
    const [outerCounter, counter] = [outer && forCounter(outer), forCounter(inner)];
    const body = inner.childForFieldName('body');
    if (!outerCounter || !counter || outerCounter === counter || !body || !isSuspicious(suspicion, lineOf(inner))) continue;
    const reads = body.descendantsOfType('identifier');
    if (reads.some((id) => id.text === counter)) continue;
    const outerReads = reads.filter((id) => id.text === outerCounter);
    if (outerReads.length === 0 || changes(body, outerCounter)) continue;
    const why = `the inner loop steps \`${counter}\` but its body reads \`${outerCounter}\`, the outer loop's counter`;
    const choices = outerReads.length > 1 ? [outerReads, ...outerReads.map((id) => [id])] : [outerReads];
    for (const ids of choices) {
      found.push({ edits: ids.map((id) => ({ start: id.startIndex, end: id.endIndex, newText: counter })), line: lineOf(ids[0]), priority: 14, why });
    }
  }
  return found;
}

/** True when `loop` steps its counter up by one (`i++`, `++i`, `i += 1`, `i = i + 1`). */
function stepsUp(loop: SyntaxNode, counter: string): boolean {
  const step = loop.childForFieldName('update')?.text.replace(/\s/g, '') ?? '';
  return [`${counter}++`, `++${counter}`, `${counter}+=1`, `${counter}=${counter}+1`].includes(step);
}

/**
 * An element removed by shifting the rest left (`for (j = i; j < n - 1; j++) s[j] = s[j + 1];`)
 * inside a loop over `i` that then steps on: the element shifted into place `i` is never looked at,
 * so of two alike in a row one stays. The outer counter stepped back after the shift (`i--;`).
 */
export function shiftBackEdits(root: SyntaxNode, suspicion: Suspicion): LogicEdit[] {
  const text = sourceOf(root);
  const found: LogicEdit[] = [];
  for (const inner of root.descendantsOfType('for_statement')) {
    const outer = enclosingFor(inner);
    const [outerCounter, counter] = [outer && forCounter(outer), forCounter(inner)];
    const start = inner.childForFieldName('initializer')?.childForFieldName('right')?.text;
    if (!outer || !outerCounter || !counter || start !== outerCounter || !stepsUp(outer, outerCounter) || !isSuspicious(suspicion, lineOf(inner))) continue;
    const shifts = inner.childForFieldName('body')?.descendantsOfType('assignment_expression').some((a) => {
      const [to, from] = [a.childForFieldName('left'), a.childForFieldName('right')];
      return to?.type === 'subscript_expression' && from?.type === 'subscript_expression' && to.childForFieldName('index')?.text === counter &&
        from.childForFieldName('index')?.text.replace(/\s/g, '') === `${counter}+1` && to.childForFieldName('argument')?.text === from.childForFieldName('argument')?.text;
    });
    if (!shifts) continue;
    const back = `${outerCounter}--;`;
    // The shift alone as an `if`'s body: braced with the step, so that it stays in that branch.
    const edit = inner.parent?.type === 'compound_statement'
      ? { start: inner.endIndex, end: inner.endIndex, newText: `\n${lineIndent(text, inner.startIndex)}${back}` }
      : { start: inner.startIndex, end: inner.endIndex, newText: `{ ${inner.text} ${back} }` };
    found.push({ edits: [edit], line: lineOf(inner), priority: 14, why: `after the shift, place \`${outerCounter}\` holds an element not yet looked at` });
  }
  return found;
}

/** The comparisons joined by `&&` in a loop's condition. */
function conjuncts(condition: SyntaxNode | null | undefined): SyntaxNode[] {
  const c = unparenthesized(condition);
  if (!c) return [];
  if (c.type === 'binary_expression' && c.childForFieldName('operator')?.text === '&&') return [...conjuncts(c.childForFieldName('left')), ...conjuncts(c.childForFieldName('right'))];
  return [c];
}

/**
 * An inner `while` that walks an index over an array with no bound of its own (`while (a[beg] <=
 * pivot) beg++;` inside `while (beg <= n - 1 && ...)`): it runs off the array's end where every
 * element passes its test. The enclosing loop's bound on that index put first in its condition,
 * each inner loop alone and all of one enclosing loop's together.
 */
export function unboundedWalkEdits(root: SyntaxNode, suspicion: Suspicion): LogicEdit[] {
  const found: LogicEdit[] = [];
  const byOuter = new Map<number, { edits: TextEdit[]; line: number }>();
  for (const inner of root.descendantsOfType('while_statement')) {
    const condition = inner.childForFieldName('condition');
    const body = inner.childForFieldName('body');
    const outer = body && enclosingLoop(inner);
    if (!condition || !body || !outer || !isSuspicious(suspicion, lineOf(inner))) continue;
    const index = condition.descendantsOfType('subscript_expression').map((s) => s.childForFieldName('index')).find((i) => i?.type === 'identifier' && changes(body, i.text));
    if (!index) continue;
    // A comparison of the index itself (`beg <= n - 1`), not of the element it reaches (`a[beg] <= pivot`).
    const itself = (id: SyntaxNode, top: SyntaxNode) => {
      for (let n = id.parent; n && n !== top; n = n.parent) if (n.type === 'subscript_expression') return false;
      return id.text === index.text;
    };
    const compares = (t: SyntaxNode) => /^[<>]=?$/.test(t.childForFieldName('operator')?.text ?? '') && t.descendantsOfType('identifier').some((id) => itself(id, t));
    const bound = conjuncts(outer.childForFieldName('condition')).find((t) => t.type === 'binary_expression' && compares(t));
    if (!bound || conjuncts(condition).some((t) => t.type === 'binary_expression' && compares(t))) continue;
    const inside = unparenthesized(condition)!;
    const edit = { start: inside.startIndex, end: inside.startIndex, newText: `${bound.text} && ` };
    found.push({ edits: [edit], line: lineOf(inner), priority: 16, why: `the loop walks \`${index.text}\` past the array's end, where the loop around it stops` });
    const together = byOuter.get(outer.startIndex) ?? { edits: [], line: lineOf(inner) };
    byOuter.set(outer.startIndex, { ...together, edits: [...together.edits, edit] });
  }
  for (const { edits, line } of byOuter.values()) {
    if (edits.length > 1) found.push({ edits, line, priority: 16, why: 'the loops walk their indexes past the array\'s end, where the loop around them stops' });
  }
  return found;
}

/** Places one loop's elements are tried at, at most: more is no single slip. */
const MAX_SAME_ELEMENTS = 4;

/**
 * A `for` whose body never reads its counter but reaches one element every pass (`for (i = 1; i <=
 * m; i++) a[m] = 0;`, `scanf("%d", &(*pts).x)` for `pts[i]`): the element the counter indexes, at
 * all those places and at each alone. A subscript whose index the body changes walks on its own,
 * and a loop that only repeats a read (`scanf("%d", &x)`) reaches no element.
 */
export function sameElementEdits(root: SyntaxNode, suspicion: Suspicion): LogicEdit[] {
  const found: LogicEdit[] = [];
  for (const loop of root.descendantsOfType('for_statement')) {
    const counter = forCounter(loop);
    const body = loop.childForFieldName('body');
    if (!counter || !body || !isSuspicious(suspicion, lineOf(loop))) continue;
    if (body.descendantsOfType('identifier').some((id) => id.text === counter)) continue;
    const places: { edit: TextEdit; line: number }[] = [];
    const place = (from: SyntaxNode, to: SyntaxNode, newText: string) => places.push({ edit: { start: from.startIndex, end: to.endIndex, newText }, line: lineOf(from) });
    for (const node of body.descendantsOfType(['subscript_expression', 'pointer_expression', 'field_expression'])) {
      const base = node.childForFieldName('argument');
      if (base?.type !== 'identifier') continue;
      if (node.type === 'subscript_expression') {
        const index = node.childForFieldName('index');
        const fixed = index?.type === 'identifier' && !changes(body, index.text);
        if (fixed) place(index, index, counter);
      } else if (node.type === 'pointer_expression' && node.childForFieldName('operator')?.text === '*') {
        place(node, node, `${base.text}[${counter}]`);
      } else if (node.type === 'field_expression') {
        const arrow = node.childForFieldName('operator');
        if (arrow?.text === '->') place(base, arrow, `${base.text}[${counter}].`);
      }
    }
    if (places.length === 0 || places.length > MAX_SAME_ELEMENTS) continue;
    const why = `the loop steps \`${counter}\` but reaches the same element on every pass`;
    const choices = places.length > 1 ? [places, ...places.map((p) => [p])] : [places];
    for (const chosen of choices) found.push({ edits: chosen.map((p) => p.edit), line: chosen[0].line, priority: 14, why });
  }
  return found;
}

/**
 * Two nested loops over a table (`i < n`, `j < m`) whose bounds differ from another nest with the same
 * counters: `j < n` where the other nests run `j` to `m` (a table read or walked as if it were square).
 * Each shape the program has is tried on every nest of those counters (the ones that differ change together).
 */
export function nestBoundEdits(root: SyntaxNode, suspicion: Suspicion): LogicEdit[] {
  type Nest = { outer: SyntaxNode; inner: SyntaxNode; shape: string };
  const groups = new Map<string, Nest[]>();
  for (const inner of root.descendantsOfType('for_statement')) {
    const outer = enclosingFor(inner);
    const [o, i] = [outer && counterBound(outer), counterBound(inner)];
    if (!outer || !o || !i || o.counter === i.counter) continue;
    const key = `${o.counter} ${i.counter}`;
    groups.set(key, [...(groups.get(key) ?? []), { outer: o.bound, inner: i.bound, shape: `${o.bound.text}\u0000${i.bound.text}` }]);
  }
  const found: LogicEdit[] = [];
  for (const [key, nests] of groups) {
    const shapes = [...new Set(nests.map((n) => n.shape))];
    if (shapes.length < 2) continue;
    const [outerCounter, innerCounter] = key.split(' ');
    for (const shape of shapes) {
      const model = nests.find((n) => n.shape === shape)!;
      // Keyed by where the bound is: two nests under one outer loop share its bound.
      const changed = [...new Map(nests.filter((n) => n.shape !== shape).flatMap((n) => [
        ...(n.outer.text !== model.outer.text ? [{ node: n.outer, newText: model.outer.text }] : []),
        ...(n.inner.text !== model.inner.text ? [{ node: n.inner, newText: model.inner.text }] : []),
      ]).map((c) => [c.node.startIndex, c])).values()].sort((a, b) => a.node.startIndex - b.node.startIndex);
      if (changed.length > 4 || !changed.some((c) => isSuspicious(suspicion, lineOf(c.node)))) continue;
      found.push({
        edits: changed.map((c) => ({ start: c.node.startIndex, end: c.node.endIndex, newText: c.newText })), line: lineOf(changed[0].node), priority: 14,
        why: `the program's other loops over \`${outerCounter}\` and \`${innerCounter}\` run them to \`${model.outer.text}\` and \`${model.inner.text}\``,
      });
    }
  }
  return found;
}

/** A statement that prints a line end and nothing else: `putchar('\n');`, `printf("\n");`, `puts("");`. */
const printsLineEndOnly = (s: SyntaxNode) => s.type === 'expression_statement' && /^(putchar\('\\n'\)|printf\("\\n"\)|puts\(""\));$/.test(s.text.replace(/\s+/g, ''));

/**
 * Rows drawn by a loop around another loop that prints, when the failing test expects the same
 * characters on more lines: a line end printed at the end of each row (braces added where the outer
 * body has none), alone and with a line end printed only once elsewhere taken out.
 */
export function rowEndEdits(root: SyntaxNode, suspicion: Suspicion, failing?: { expected: string; actual: string }): LogicEdit[] {
  const lineEnds = (s: string) => (s.match(/\n/g) ?? []).length;
  if (!failing || !spacingOnly(failing.actual, failing.expected) || lineEnds(failing.expected) <= lineEnds(failing.actual)) return [];
  const text = sourceOf(root);
  const onceElsewhere = root.descendantsOfType('expression_statement').filter(printsLineEndOnly);
  const found: LogicEdit[] = [];
  for (const loop of root.descendantsOfType(['for_statement', 'while_statement'])) {
    const body = loop.childForFieldName('body');
    const inner = body?.type === 'compound_statement' ? body.namedChildren : body ? [body] : [];
    if (!body || !isSuspicious(suspicion, lineOf(loop)) || body.descendantsOfType('expression_statement').some(printsLineEndOnly)) continue;
    if (!inner.some((s) => /^(for|while|do)_statement$/.test(s.type) && printsOutput(s))) continue;
    const rowIndent = lineIndent(text, inner[0].startIndex);
    let edits: TextEdit[];
    if (body.type === 'compound_statement') {
      const closing = body.endIndex - 1;
      const closingLine = text.lastIndexOf('\n', closing - 1) + 1;
      // On a line of its own before the `}` when the brace has one, else just before it.
      edits = [/^[ \t]*$/.test(text.slice(closingLine, closing))
        ? { start: closingLine, end: closingLine, newText: `${rowIndent}putchar('\\n');\n` }
        : { start: closing, end: closing, newText: ` putchar('\\n'); ` }];
    } else {
      let headerEnd = body.startIndex;
      while (/\s/.test(text[headerEnd - 1])) headerEnd--;
      edits = [
        { start: headerEnd, end: headerEnd, newText: ' {' },
        { start: body.endIndex, end: body.endIndex, newText: `\n${rowIndent}putchar('\\n');\n${lineIndent(text, loop.startIndex)}}` },
      ];
    }
    const why = 'each row of the drawing ends its line';
    found.push({ edits, line: lineOf(loop), priority: 2, guided: true, why });
    for (const once of onceElsewhere.filter((s) => s.startIndex >= loop.endIndex || s.endIndex <= loop.startIndex)) {
      const removal = removeWithLine(text, { start: once.startIndex, end: once.endIndex });
      found.push({ edits: [...edits, removal].sort((a, b) => a.start - b.start), line: lineOf(loop), priority: 2, guided: true, why });
    }
  }
  return found;
}

/**
 * The test for "not the first pass" written against 0 in a loop that counts from elsewhere:
 * `for (j = 1; ...; j++) { if (j) putchar(' '); ... }` always prints the separator; compared with
 * where the loop starts instead (`j > 1`).
 */
export function firstPassEdits(root: SyntaxNode, suspicion: Suspicion): LogicEdit[] {
  const found: LogicEdit[] = [];
  for (const loop of root.descendantsOfType('for_statement')) {
    const init = loop.childForFieldName('initializer');
    const update = loop.childForFieldName('update');
    const counter = init?.type === 'assignment_expression' ? init.childForFieldName('left') : undefined;
    const start = init?.childForFieldName('right');
    if (counter?.type !== 'identifier' || !start || start.text === '0') continue;
    const counts = update?.type === 'update_expression' && update.text.replace(/\s/g, '').replace(/^\+\+/, '').replace(/\+\+$/, '') === counter.text;
    if (!counts) continue;
    for (const statement of loop.childForFieldName('body')?.descendantsOfType('if_statement') ?? []) {
      const test = statement.childForFieldName('condition')?.namedChild(0);
      const againstZero = test && (test.text === counter.text || new RegExp(`^${counter.text}\\s*(!=|>)\\s*0$`).test(test.text));
      if (!test || !againstZero || enclosingFor(statement) !== loop || !isSuspicious(suspicion, lineOf(statement))) continue;
      const newText = `${counter.text} > ${start.text}`;
      found.push({ edits: [{ start: test.startIndex, end: test.endIndex, newText }], line: lineOf(statement), priority: 14, why: `\`${counter.text}\` starts at ${start.text}, so \`${test.text}\` holds on the first pass too` });
    }
  }
  return found;
}
