// A value a loop uses up (tests and brings down: the digits of a number), read after the loop as if it were still there: `while (a > 0) { ...;
// a = a / 10; } printf("Reverse of %d is %d", a, r);` prints 0 where the number read was meant.
// Where the program saved the value before the loop (`x = a;`, `int x = a;`), the reads after the
// loop read the copy; where it did not, a copy is made before the loop (declared as the block
// begins, valid C90) and read instead.
import { lineOf, type SyntaxNode } from '../c/parser';
import { namesInScope } from '../c/scopes';
import type { TextEdit } from '../oracle/compiler';
import { isSuspicious, type Suspicion } from './faultLocalization';
import type { LogicEdit } from './mutationSearch';
import { updates } from './patternEdits';

/** Statements after a loop whose reads of the used-up variable are tried: the first few. */
const MAX_READERS = 3;

/** A copy `copy = name` (or `T copy = name`) made by `statement`, if it is one. */
function copyMade(statement: SyntaxNode): { copy: string; of: string } | undefined {
  const pair = statement.type === 'expression_statement' ? statement.namedChildren[0] : statement.type === 'declaration' ? statement.childForFieldName('declarator') : null;
  const left = pair?.childForFieldName(pair.type === 'init_declarator' ? 'declarator' : 'left');
  const right = pair?.childForFieldName(pair.type === 'init_declarator' ? 'value' : 'right');
  if (!pair || !/^(assignment_expression|init_declarator)$/.test(pair.type) || pair.child(1)?.text !== '=') return undefined;
  return left?.type === 'identifier' && right?.type === 'identifier' ? { copy: left.text, of: right.text } : undefined;
}

/** The reads of `name` in `statement` (not the places it is assigned or passed by address). */
function reads(statement: SyntaxNode, name: string): SyntaxNode[] {
  return statement.descendantsOfType('identifier').filter((id) => id.text === name
    && !(id.parent?.type === 'assignment_expression' && id.parent.childForFieldName('left')?.id === id.id)
    && !(id.parent?.type === 'pointer_expression' && id.parent.text.startsWith('&')));
}

/** Up to a few later statements of the block that read `name` before anything sets it again. */
function readersAfter(loop: SyntaxNode, name: string): SyntaxNode[] {
  const found: SyntaxNode[] = [];
  for (let s = loop.nextNamedSibling; s && found.length < MAX_READERS; s = s.nextNamedSibling) {
    if (reads(s, name).length > 0) found.push(s);
    if (updates(s, name).length > 0) break;
  }
  return found;
}

/** Each later statement's reads of `name` replaced by `copy`. */
function readEdits(readers: SyntaxNode[], name: string, copy: string): TextEdit[][] {
  return readers.map((s) => reads(s, name).map((id) => ({ start: id.startIndex, end: id.endIndex, newText: copy })));
}

/** The variables a loop uses up: tested by its condition and brought down in its body (`a /= 10`, `a = a / 10`, `n--`). */
function usedUp(loop: SyntaxNode): string[] {
  const condition = loop.childForFieldName('condition');
  const tested = new Set(condition?.descendantsOfType('identifier').map((id) => id.text) ?? []);
  const body = loop.childForFieldName('body');
  const brought = (u: SyntaxNode) => {
    const target = u.childForFieldName('left') ?? u.childForFieldName('argument');
    if (target?.type !== 'identifier' || !tested.has(target.text)) return undefined;
    const operator = u.childForFieldName('operator')?.text;
    const right = u.childForFieldName('right');
    const down = operator === '--' || /^(\/=|-=|>>=)$/.test(operator ?? '')
      || (operator === '=' && right?.type === 'binary_expression' && right.childForFieldName('left')?.text === target.text && /^(\/|-|>>)$/.test(right.childForFieldName('operator')?.text ?? ''));
    return down ? target.text : undefined;
  };
  return [...new Set((body?.descendantsOfType(['assignment_expression', 'update_expression']) ?? []).map(brought).filter((n): n is string => n !== undefined))];
}

/** For each suspicious loop in a block that uses up a variable read after it: the reads after the loop as the value before it. */
export function usedUpValueEdits(root: SyntaxNode, suspicion: Suspicion): LogicEdit[] {
  const found: LogicEdit[] = [];
  for (const loop of root.descendantsOfType(['for_statement', 'while_statement', 'do_statement'])) {
    const block = loop.parent;
    if (block?.type !== 'compound_statement' || !isSuspicious(suspicion, lineOf(loop))) continue;
    const before = block.namedChildren.filter((s) => s.endIndex <= loop.startIndex);
    for (const name of usedUp(loop)) {
      const readers = readersAfter(loop, name).filter((s) => isSuspicious(suspicion, lineOf(s)));
      const declared = namesInScope(root, loop.startIndex).find((d) => d.name === name);
      if (readers.length === 0 || !declared || declared.arrayDims > 0) continue;
      const why = `the loop changed \`${name}\`, and the lines after it needed its value from before`;
      const saved = before.map(copyMade).filter((c) => c?.of === name && updates(loop, c.copy).length === 0).at(-1);
      if (saved) {
        for (const edits of readEdits(readers, name, saved.copy)) found.push({ edits, line: lineOf(loop), priority: 8, why });
        continue;
      }
      // No copy: one made before the loop, declared where the block begins.
      const used = new Set(root.descendantsOfType('identifier').map((id) => id.text));
      let copy = `${name}0`;
      for (let k = 1; used.has(copy); k++) copy = `${name}${k}`;
      const opening = block.startIndex + 1;
      const declare = { start: opening, end: opening, newText: ` ${declared.type} ${'*'.repeat(declared.pointers)}${copy};` };
      const save = { start: loop.startIndex, end: loop.startIndex, newText: `${copy} = ${name}; ` };
      for (const edits of readEdits(readers, name, copy)) found.push({ edits: [declare, save, ...edits], line: lineOf(loop), priority: 9, why });
    }
  }
  return found;
}
