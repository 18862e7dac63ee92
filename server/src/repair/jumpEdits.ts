// A jump written before the statements it should follow: `break; found = 1;` in a block runs
// `break` and never the assignment after it. No compiler flag warns of such dead code; the jump
// moved after the next statement, and after all the block's statements, are the candidates. And a
// jump that belongs to the unbraced `if` before it (`if (p == q) printf("no"); return 0;`), which
// leaves dead code or ends a loop's first pass: the `if`'s body braced with the jump. A program has
// few: patterns, tried past the search's budget.
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

const LOOP = /^(for|while|do)_statement$/;

/**
 * Each jump on a suspicious line that follows an unbraced `if` (without `else`) and cuts its block
 * short: statements after it never run, or it ends the first pass of the loop whose body it is in
 * (a `break` or `return`). The candidate braces the `if`'s body with the jump.
 */
export function jumpAfterIfEdits(root: SyntaxNode, suspicion: Suspicion): LogicEdit[] {
  const found: LogicEdit[] = [];
  for (const block of root.descendantsOfType('compound_statement')) {
    const statements = block.namedChildren.filter((s) => s.type !== 'comment');
    statements.forEach((jump, k) => {
      const before = statements[k - 1];
      const body = before?.type === 'if_statement' && !before.childForFieldName('alternative') ? before.childForFieldName('consequence') : null;
      if (!JUMP.test(jump.type) || !body || body.type === 'compound_statement' || !isSuspicious(suspicion, lineOf(jump))) return;
      const dead = statements.length > k + 1;
      const firstPass = LOOP.test(block.parent?.type ?? '') && /^(break|return)_statement$/.test(jump.type);
      if (!dead && !firstPass) return;
      const why = dead ? `\`${jump.text}\` after the unbraced \`if\` always runs, so the statements after it never do`
        : `\`${jump.text}\` after the unbraced \`if\` always runs, so the loop never passes a second time`;
      found.push({ edits: [{ start: body.startIndex, end: body.startIndex, newText: '{ ' }, { start: jump.endIndex, end: jump.endIndex, newText: ' }' }], line: lineOf(jump), priority: 6, why });
    });
  }
  return found;
}
