// A jump written before the statements it should follow: `break; found = 1;` in a block runs
// `break` and never the assignment after it. No compiler flag warns of such dead code; the jump
// moved after the next statement, and after all the block's statements, are the candidates. A
// program has few: a pattern, tried past the search's budget.
import { lineOf, sourceOf, type SyntaxNode } from '../c/parser';
import { isSuspicious, type Suspicion } from './faultLocalization';
import type { LogicEdit } from './mutationSearch';

const JUMP = /^(break|continue|return|goto)_statement$/;

/** Each jump on a suspicious line with statements after it in its block: moved after the next one, and after the last. */
export function deadCodeEdits(root: SyntaxNode, suspicion: Suspicion): LogicEdit[] {
  const text = sourceOf(root);
  const found: LogicEdit[] = [];
  for (const block of root.descendantsOfType('compound_statement')) {
    const statements = block.namedChildren.filter((s) => s.type !== 'comment');
    statements.forEach((jump, k) => {
      const after = statements.slice(k + 1);
      if (!JUMP.test(jump.type) || after.length === 0 || after.some((s) => /label|case/.test(s.type)) || !isSuspicious(suspicion, lineOf(jump))) return;
      const why = `\`${jump.text}\` comes before statements of its block, which never run`;
      for (const last of after.length > 1 ? [after[0], after.at(-1)!] : [after[0]]) {
        const moved = text.slice(after[0].startIndex, last.endIndex);
        // What stood between the jump and the next statement (a line end and its indent) separates them again.
        const gap = text.slice(jump.endIndex, after[0].startIndex);
        found.push({ edits: [{ start: jump.startIndex, end: last.endIndex, newText: `${moved}${gap}${jump.text}` }], line: lineOf(jump), priority: 6, why });
      }
    });
  }
  return found;
}
