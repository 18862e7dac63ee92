// Two things the right way round: novices write `scanf("%d%d", &m, &n)` for a task that gives n
// first, declare `void f(int n, int close, int open)` and call it `f(n, open, close)`, test the two
// cases of an if/else-if chain in each other's branch, or write `b - a` for `a - b`. Each swap is
// one candidate on a suspicious line, judged by the tests. A program has few parameter lists, reads
// and else-if chains: those swaps are patterns, tried past the search's budget (a read runs on every
// test, so the tests barely point at it). Other calls' arguments and operands are many: guesses
// within the budget, after the likelier slips (a wrong variable, an extra statement).
import { lineOf, type SyntaxNode } from '../c/parser';
import type { TextEdit } from '../oracle/compiler';
import { isSuspicious, type Suspicion } from './faultLocalization';
import type { LogicEdit } from './mutationSearch';

/** Operators whose operands do not commute (relational ones are turned round by the operator edits). */
const NON_COMMUTATIVE = /^(-|\/|%)$/;

/** The two nodes' texts exchanged. */
const exchanged = (a: SyntaxNode, b: SyntaxNode): TextEdit[] => [
  { start: a.startIndex, end: a.endIndex, newText: b.text },
  { start: b.startIndex, end: b.endIndex, newText: a.text },
];

/** Candidate swaps on the suspicious lines: call arguments, parameters, else-if conditions, operands. */
export function swapEdits(root: SyntaxNode, suspicion: Suspicion): LogicEdit[] {
  return [...argumentSwaps(root, suspicion), ...parameterSwaps(root, suspicion), ...conditionSwaps(root, suspicion), ...operandSwaps(root, suspicion)];
}

/** Neighbouring arguments of a call that are alike (`&m, &n`; `a, b`), never a format string. */
function argumentSwaps(root: SyntaxNode, suspicion: Suspicion): LogicEdit[] {
  const found: LogicEdit[] = [];
  for (const call of root.descendantsOfType('call_expression')) {
    if (!isSuspicious(suspicion, lineOf(call))) continue;
    const args = call.childForFieldName('arguments')?.namedChildren.filter((a) => a.type !== 'comment') ?? [];
    for (let k = 0; k + 1 < args.length; k++) {
      const [a, b] = [args[k], args[k + 1]];
      if (a.type !== b.type || a.type === 'string_literal' || a.text === b.text) continue;
      const reads = call.childForFieldName('function')?.text === 'scanf';
      found.push({ edits: exchanged(a, b), line: lineOf(call), priority: reads ? 29 : 38, pattern: reads, why: reads ? 'the values were read in the wrong order' : 'the arguments were the wrong way round' });
    }
  }
  return found;
}

/** Neighbouring parameters of one type in a function's definition, their names exchanged. */
function parameterSwaps(root: SyntaxNode, suspicion: Suspicion): LogicEdit[] {
  const found: LogicEdit[] = [];
  for (const definition of root.descendantsOfType('function_definition')) {
    // The function ran on a failing test: the first of its lines that ran is suspicious (its entry).
    const lastLine = definition.endPosition.row + 1;
    let entry = lineOf(definition);
    while (entry <= lastLine && !suspicion.has(entry)) entry++;
    if (entry > lastLine || !isSuspicious(suspicion, entry)) continue;
    const parameters = definition.descendantsOfType('parameter_list')[0]?.namedChildren.filter((p) => p.type === 'parameter_declaration') ?? [];
    for (let k = 0; k + 1 < parameters.length; k++) {
      const [a, b] = [parameters[k], parameters[k + 1]];
      const [nameA, nameB] = [a.childForFieldName('declarator'), b.childForFieldName('declarator')];
      if (nameA?.type !== 'identifier' || nameB?.type !== 'identifier' || a.childForFieldName('type')?.text !== b.childForFieldName('type')?.text) continue;
      found.push({ edits: exchanged(nameA, nameB), line: entry, priority: 28, pattern: true, why: 'the parameters were the wrong way round' });
    }
  }
  return found;
}

/** An `if` and the `else if` right after it, their conditions exchanged (each case tested in the other's branch). */
function conditionSwaps(root: SyntaxNode, suspicion: Suspicion): LogicEdit[] {
  const found: LogicEdit[] = [];
  for (const first of root.descendantsOfType('if_statement')) {
    const second = first.childForFieldName('alternative')?.namedChildren.find((n) => n.type === 'if_statement');
    const [a, b] = [first.childForFieldName('condition'), second?.childForFieldName('condition')];
    if (!a || !b || a.text === b.text || !(isSuspicious(suspicion, lineOf(a)) || isSuspicious(suspicion, lineOf(b)))) continue;
    found.push({ edits: exchanged(a, b), line: lineOf(first), priority: 26, pattern: true, why: 'the two conditions were the wrong way round: each case was tested in the other\'s branch' });
  }
  return found;
}

/** The operands of `-`, `/` or `%` exchanged. */
function operandSwaps(root: SyntaxNode, suspicion: Suspicion): LogicEdit[] {
  const found: LogicEdit[] = [];
  for (const node of root.descendantsOfType('binary_expression')) {
    const [left, right] = [node.childForFieldName('left'), node.childForFieldName('right')];
    if (!left || !right || !NON_COMMUTATIVE.test(node.childForFieldName('operator')?.text ?? '') || !isSuspicious(suspicion, lineOf(node))) continue;
    found.push({ edits: exchanged(left, right), line: lineOf(node), priority: 39 });
  }
  return found;
}
