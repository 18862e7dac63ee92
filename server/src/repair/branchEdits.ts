// A statement one branch of an `if`/`else` has and the other lacks, where both needed it: the
// escape branch that reads the next character and forgets to print it (`if (c == '\\') { c =
// getchar(); } else { putchar(c); }`), the branch that forgets to count or to step. The last
// statement of each branch (a call or a step, the kind a branch forgets) is put last in the other.
import { lineOf, sourceOf, type SyntaxNode } from '../c/parser';
import { insertBeforeClose } from './cSyntax';
import { isSuspicious, type Suspicion } from './faultLocalization';
import type { LogicEdit } from './mutationSearch';

/** A statement a branch forgets: a call (`putchar(c);`) or a step (`i++;`, `count += 1;`), not an assignment of a new value. */
function forgettable(s: SyntaxNode): boolean {
  const e = s.type === 'expression_statement' ? s.namedChildren[0] : undefined;
  if (e?.type === 'call_expression' || e?.type === 'update_expression') return true;
  return e?.type === 'assignment_expression' && /^[-+]=$/.test(e.childForFieldName('operator')?.text ?? '');
}

const statementsOf = (block: SyntaxNode) => block.namedChildren.filter((s) => s.type !== 'comment');
const squeezed = (s: SyntaxNode) => s.text.replace(/\s+/g, '');

/** For each `if`/`else` of two blocks on a suspicious line: each branch's last statement, when forgettable and missing from the other, put last in the other. */
export function branchStatementEdits(root: SyntaxNode, suspicion: Suspicion): LogicEdit[] {
  const text = sourceOf(root);
  const found: LogicEdit[] = [];
  for (const decision of root.descendantsOfType('if_statement')) {
    const consequence = decision.childForFieldName('consequence');
    const alternative = decision.childForFieldName('alternative')?.namedChildren[0];
    if (consequence?.type !== 'compound_statement' || alternative?.type !== 'compound_statement' || !isSuspicious(suspicion, lineOf(decision))) continue;
    for (const [from, to] of [[consequence, alternative], [alternative, consequence]]) {
      const last = statementsOf(from).at(-1);
      if (!last || !forgettable(last) || statementsOf(to).some((s) => squeezed(s) === squeezed(last))) continue;
      found.push({ edits: [insertBeforeClose(text, to.endIndex - 1, last.text, statementsOf(to)[0]?.startIndex)], line: lineOf(decision), priority: 20, why: `the other branch does \`${last.text}\`, and this one needed it too` });
    }
  }
  return found;
}
