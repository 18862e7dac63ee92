// A case tested too late: a branch of an `else if` chain prints what the failing test expects,
// but an earlier branch catches its inputs first (`Invalid Triangle` tested after the kinds of
// triangle, whose conditions also hold for sides that make none). The branch is moved to the front
// of the chain, written on the first `if`'s line (`if (a + b <= c) printf("Invalid Triangle");
// else if (...)`), so that the move changes few lines; where it still changes more than a repair
// may, it is only copied there (its old place never runs). Only a branch that prints text the
// failing test expects and the program did not print is moved: the tests point at it.
import { elseIfChain, lineOf, sourceOf, type SyntaxNode } from '../c/parser';
import type { TextEdit } from '../oracle/compiler';
import { applyEdits, changedLines } from './edits';
import { isSuspicious, type Suspicion } from './faultLocalization';
import type { LogicEdit } from './mutationSearch';
import { removeWithLine } from './strictRules';

/** The lines a logic repair may change (the engine's default limit). */
const MAX_MOVED_LINES = 5;

/** The words a branch prints with its literals (conversions and escapes left out), each trimmed. */
function printedWords(branch: SyntaxNode): string[] {
  return branch.descendantsOfType('string_literal')
    .map((s) => s.text.slice(1, -1).replace(/%[-+ #0]*\d*(?:\.\d+)?[hlLjzt]*[a-zA-Z]|\\./g, ' ').trim())
    .filter((words) => /[A-Za-z]{2}/.test(words));
}

/** Each later branch of a chain whose printed words the failing test expects and did not get, moved to the chain's front. */
export function branchOrderEdits(root: SyntaxNode, suspicion: Suspicion, failing?: { expected: string; actual: string }): LogicEdit[] {
  if (!failing) return [];
  const text = sourceOf(root);
  const found: LogicEdit[] = [];
  for (const head of root.descendantsOfType('if_statement')) {
    if (head.parent?.type === 'else_clause' || !isSuspicious(suspicion, lineOf(head))) continue;
    const chain = elseIfChain(head);
    for (const branch of chain.slice(1)) {
      const condition = branch.childForFieldName('condition');
      const body = branch.childForFieldName('consequence');
      const words = body ? printedWords(body) : [];
      if (!condition || !body || words.length === 0 || !words.every((w) => failing.expected.includes(w) && !failing.actual.includes(w))) continue;
      const elseClause = branch.parent!;
      const rest = branch.childForFieldName('alternative');
      // `else if (c) body` out of the chain; what followed it follows the branch before it.
      const removal: TextEdit = rest
        ? { start: elseClause.startIndex, end: rest.startIndex, newText: '' }
        : removeWithLine(text, { start: elseClause.startIndex, end: elseClause.endIndex });
      const first: TextEdit = { start: head.startIndex, end: head.startIndex, newText: `if ${condition.text} ${body.text.replace(/\s*\n\s*/g, ' ')} else ` };
      const why = `the case that prints ${JSON.stringify(words[0])} is tested after branches that catch its inputs first`;
      // The head's line: the tests may never reach the branch's own.
      found.push({ edits: [first, removal], line: lineOf(head), priority: 20, why });
      // A branch of many lines would make the move too large a change: tested first, and left where it was (it never runs there).
      if (changedLines(text, applyEdits(text, [first, removal])) > MAX_MOVED_LINES) found.push({ edits: [first], line: lineOf(head), priority: 20, why });
    }
  }
  return found;
}
