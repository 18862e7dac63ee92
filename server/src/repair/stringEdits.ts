// A string built one character at a time and never ended: a loop stores `s[k++] = c` (or `s[k] =
// c; k++;`) into a char array and nothing after the loop stores the terminating '\0' at `s[k]`, so
// whatever the array held before follows the new text. The terminator goes right after the loop,
// and a counter that was never set starts at 0 (it was read unset: a defect either way).
import { lineOf, sourceOf, type SyntaxNode } from '../c/parser';
import { namesInScope, neverSetBefore } from '../c/scopes';
import { lineIndent } from './cSyntax';
import { isSuspicious, type Suspicion } from './faultLocalization';
import type { LogicEdit } from './mutationSearch';

/** The counter of a store's index: `k` of `s[k++]`, or of `s[k]` where the loop's body also steps `k`. */
function counterOf(index: SyntaxNode, body: SyntaxNode): string | undefined {
  if (index.type === 'update_expression' && index.childForFieldName('argument')?.type === 'identifier') return index.childForFieldName('argument')!.text;
  if (index.type !== 'identifier') return undefined;
  const steps = body.descendantsOfType('update_expression').some((u) => u.childForFieldName('argument')?.text === index.text);
  return steps ? index.text : undefined;
}

export function unterminatedStringEdits(root: SyntaxNode, suspicion: Suspicion): LogicEdit[] {
  const text = sourceOf(root);
  const found: LogicEdit[] = [];
  for (const loop of root.descendantsOfType(['for_statement', 'while_statement', 'do_statement'])) {
    const body = loop.childForFieldName('body');
    if (!body || loop.parent?.type !== 'compound_statement' || !isSuspicious(suspicion, lineOf(loop))) continue;
    for (const store of body.descendantsOfType('assignment_expression')) {
      const target = store.childForFieldName('left');
      const array = target?.type === 'subscript_expression' ? target.childForFieldName('argument') : null;
      const index = target?.childForFieldName('index');
      const declared = array?.type === 'identifier' ? namesInScope(root, store.startIndex).find((d) => d.name === array.text) : undefined;
      const counter = index && counterOf(index, body);
      if (!declared || declared.type !== 'char' || declared.arrayDims + declared.pointers !== 1 || !counter || store.child(1)?.text !== '=') continue;
      // Ended already: a store of 0 into the array after the loop, in the same block.
      const after = loop.parent.namedChildren.filter((s) => s.startIndex >= loop.endIndex);
      if (after.some((s) => new RegExp(`\\b${array!.text}\\s*\\[[^\\]]*\\]\\s*=\\s*('\\\\0'|0)\\s*;`).test(s.text))) continue;
      const end = `${array!.text}[${counter}] = '\\0';`;
      const edits = [{ start: loop.endIndex, end: loop.endIndex, newText: `\n${lineIndent(text, loop.startIndex)}${end}` }];
      const firstUse = body.descendantsOfType('identifier').find((id) => id.text === counter);
      const declarator = firstUse && neverSetBefore(root, firstUse) ? root.descendantForIndex(namesInScope(root, firstUse.startIndex).find((d) => d.name === counter)!.at) : undefined;
      if (declarator) edits.push({ start: declarator.endIndex, end: declarator.endIndex, newText: ' = 0' });
      found.push({ edits, line: lineOf(loop), priority: 16, why: `the string built in \`${array!.text}\` is never ended with '\\0'` });
      break;
    }
  }
  return found;
}
