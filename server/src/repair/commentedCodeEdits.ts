// Code the student commented out while trying things (`// else if (n >= N) return 0;`): the fix is
// often that code, back. Each run of comments inside a function, next to a suspicious line, whose
// text back in the program parses and adds something that calls, assigns, steps, jumps or decides
// (prose does neither), is uncommented as one candidate: only the comment marks go. Tried late,
// past the search's budget.
import { lineOf, parseC, sourceOf, type SyntaxNode } from '../c/parser';
import type { TextEdit } from '../oracle/compiler';
import { applyEdits } from './edits';
import { isSuspicious, type Suspicion } from './faultLocalization';
import type { LogicEdit } from './mutationSearch';

/** Runs of comments uncommented at most, nearest the program's start first. */
const MAX_RUNS = 4;
const DOES = ['call_expression', 'assignment_expression', 'update_expression', 'return_statement', 'break_statement', 'continue_statement', 'if_statement', 'for_statement', 'while_statement'];

/** The edits that remove a comment's marks: its `//`, or a block comment's opening and closing pair. */
function uncommented(comment: SyntaxNode): TextEdit[] {
  const edits: TextEdit[] = [{ start: comment.startIndex, end: comment.startIndex + 2, newText: '' }];
  if (comment.text.startsWith('/*')) edits.push({ start: comment.endIndex - 2, end: comment.endIndex, newText: '' });
  return edits;
}

/** Nodes that do something: what a run of uncommented code must add to the program (prose adds none, or does not parse). */
const doings = (root: SyntaxNode) => root.descendantsOfType(DOES).length;

/** True when the node is inside a function's body. */
const inFunction = (node: SyntaxNode) => {
  for (let p = node.parent; p; p = p.parent) if (p.type === 'function_definition') return true;
  return false;
};

export function commentedCodeEdits(root: SyntaxNode, suspicion: Suspicion): LogicEdit[] {
  const text = sourceOf(root);
  // Runs of comments in a function, each on the line after the last.
  const runs: SyntaxNode[][] = [];
  for (const comment of root.descendantsOfType('comment')) {
    if (!inFunction(comment)) continue;
    const last = runs.at(-1)?.at(-1);
    const follows = last && last.nextSibling?.id === comment.id && comment.startPosition.row === last.endPosition.row + 1;
    if (follows) runs.at(-1)!.push(comment);
    else runs.push([comment]);
  }
  const before = doings(root);
  const found: LogicEdit[] = [];
  for (const run of runs) {
    const [first, last] = [run[0], run[run.length - 1]];
    const near = [first.previousNamedSibling, last.nextNamedSibling].some((s) => s && s.type !== 'comment' && isSuspicious(suspicion, lineOf(s)));
    if (!near) continue;
    const edits = run.flatMap(uncommented);
    // The code back in its place parses, and does more than before.
    const after = parseC(applyEdits(text, edits)).rootNode;
    if (after.hasError || doings(after) <= before) continue;
    found.push({ edits, line: lineOf(first), priority: 30, why: 'the statements the student commented out were needed' });
    if (found.length >= MAX_RUNS) break;
  }
  return found;
}
