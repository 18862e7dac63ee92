// Two things the right way round: novices write `scanf("%d%d", &m, &n)` (or one read after the
// other) for a task that gives n first, declare `void f(int n, int close, int open)` and call it `f(n, open, close)`, test the two
// cases of an if/else-if chain in each other's branch, or write `b - a` for `a - b`. Each swap is
// one candidate on a suspicious line, judged by the tests. A program has few parameter lists, reads
// and else-if chains: those swaps are patterns, tried past the search's budget (a read runs on every
// test, so the tests barely point at it). Other calls' arguments and operands are many: guesses
// within the budget, after the likelier slips (a wrong variable, an extra statement).
import { lineOf, sourceOf, type SyntaxNode } from '../c/parser';
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
  return [...argumentSwaps(root, suspicion), ...readSwaps(root, suspicion), ...parameterSwaps(root, suspicion), ...recursiveOrderEdits(root, suspicion), ...conditionSwaps(root, suspicion), ...operandSwaps(root, suspicion)];
}

/** Reads in a row this long at most are tried two by two. */
const MAX_READ_RUN = 6;

/** The one variable a `scanf("%f", &x);` statement reads into, with its format; undefined for other statements. */
function singleRead(statement: SyntaxNode): { format: string; target: SyntaxNode } | undefined {
  const call = statement.type === 'expression_statement' ? statement.namedChildren[0] : undefined;
  const args = call?.type === 'call_expression' && call.childForFieldName('function')?.text === 'scanf' ? call.childForFieldName('arguments')?.namedChildren ?? [] : [];
  return args.length === 2 && args[0].type === 'string_literal' ? { format: args[0].text, target: args[1] } : undefined;
}

/** Statements in a row that each read one value with the same format (`scanf("%f", &a2); scanf("%f", &b1);`): any two targets exchanged. */
function readSwaps(root: SyntaxNode, suspicion: Suspicion): LogicEdit[] {
  const found: LogicEdit[] = [];
  for (const block of root.descendantsOfType('compound_statement')) {
    const statements = block.namedChildren;
    for (let start = 0; start < statements.length; ) {
      const first = singleRead(statements[start]);
      let end = start + 1;
      while (first && end < statements.length && singleRead(statements[end])?.format === first.format) end++;
      const run = first ? statements.slice(start, end).map((s) => singleRead(s)!.target) : [];
      start = end;
      if (run.length < 2 || run.length > MAX_READ_RUN || !isSuspicious(suspicion, lineOf(run[0]))) continue;
      for (let i = 0; i < run.length; i++) {
        for (let j = i + 1; j < run.length; j++) {
          if (run[i].text !== run[j].text) found.push({ edits: exchanged(run[i], run[j]), line: lineOf(run[i]), priority: 29, pattern: true, why: 'the values were read in the wrong order' });
        }
      }
    }
  }
  return found;
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

/** The function ran on a failing test when the first of its lines that ran is suspicious (its entry): that line. */
function entryLine(definition: SyntaxNode, suspicion: Suspicion): number | undefined {
  const lastLine = definition.endPosition.row + 1;
  let entry = lineOf(definition);
  while (entry <= lastLine && !suspicion.has(entry)) entry++;
  return entry <= lastLine && isSuspicious(suspicion, entry) ? entry : undefined;
}

/** Neighbouring parameters of one type in a function's definition, their names exchanged. */
function parameterSwaps(root: SyntaxNode, suspicion: Suspicion): LogicEdit[] {
  const found: LogicEdit[] = [];
  for (const definition of root.descendantsOfType('function_definition')) {
    const entry = entryLine(definition, suspicion);
    if (entry === undefined) continue;
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

/**
 * Parameters declared in another order than the function's own recursive calls pass them
 * (`void paren(int pos, int open, int close, int n)` called as `paren(pos + 1, n, open, close + 1)`):
 * where each argument of such a call names one parameter, all different, the parameters declared
 * in that order (the prototype too).
 */
function recursiveOrderEdits(root: SyntaxNode, suspicion: Suspicion): LogicEdit[] {
  const text = sourceOf(root);
  const found: LogicEdit[] = [];
  for (const definition of root.descendantsOfType('function_definition')) {
    const declarator = definition.childForFieldName('declarator');
    const name = declarator?.childForFieldName('declarator')?.text;
    const list = declarator?.childForFieldName('parameters');
    const parameters = list?.namedChildren.filter((p) => p.type === 'parameter_declaration') ?? [];
    const names = parameters.map((p) => p.childForFieldName('declarator')?.text ?? '');
    const entry = entryLine(definition, suspicion);
    if (!name || !list || parameters.length < 2 || names.some((n) => !/^\w+$/.test(n)) || entry === undefined) continue;
    for (const call of definition.descendantsOfType('call_expression').filter((c) => c.childForFieldName('function')?.text === name)) {
      const args = call.childForFieldName('arguments')?.namedChildren ?? [];
      if (args.length !== names.length) continue;
      const order = args.map((a) => [...new Set(a.descendantsOfType('identifier').map((id) => id.text).filter((n) => names.includes(n)))]);
      if (order.some((o) => o.length !== 1) || new Set(order.map((o) => o[0])).size !== names.length || order.every((o, k) => o[0] === names[k])) continue;
      // Each place takes the parameter the calls pass there, the separators as they were.
      const reordered = (l: SyntaxNode) => {
        const slots = l.namedChildren.filter((p) => p.type === 'parameter_declaration');
        return slots.map((slot, k) => ({ start: slot.startIndex, end: slot.endIndex, newText: slots[names.indexOf(order[k][0])].text }));
      };
      const edits = [list, ...prototypesOf(root, name, parameters.length)].flatMap(reordered).filter((e) => e.newText !== text.slice(e.start, e.end));
      found.push({ edits, line: entry, priority: 28, pattern: true, why: `\`${name}\`'s own calls pass its parameters in another order than it declares them` });
      break;
    }
  }
  return found;
}

/** The parameter lists of the declarations (prototypes) of function `name` with `count` parameters. */
function prototypesOf(root: SyntaxNode, name: string, count: number): SyntaxNode[] {
  return root.descendantsOfType('function_declarator')
    .filter((d) => d.parent?.type !== 'function_definition' && d.childForFieldName('declarator')?.text === name)
    .map((d) => d.childForFieldName('parameters')!)
    .filter((l) => l && l.namedChildren.filter((p) => p.type === 'parameter_declaration').length === count);
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
