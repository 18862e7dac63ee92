// A body that the layout shows and the braces do not (GCC's -Wmisleading-indentation): under an
// unbraced `if`, `for`, `while` or `else`, the statements that follow its body on the same line
// (`if (n % i == 0) d = 0; break;`) or on lines indented like the body's own run on every pass, or
// always. The edit braces what the layout groups.
import { lineOf, sourceOf, type SyntaxNode } from '../c/parser';
import { lineIndent } from './cSyntax';
import { isSuspicious, type Suspicion } from './faultLocalization';
import type { LogicEdit } from './mutationSearch';

/** The unbraced body of a header, or undefined (a block, or an `if` with an `else`, whose body nothing can follow). */
function unbracedBody(header: SyntaxNode): SyntaxNode | undefined {
  const body = header.type === 'else_clause' ? header.namedChildren[0]
    : header.type === 'if_statement' ? (header.childForFieldName('alternative') ? undefined : header.childForFieldName('consequence'))
      : header.childForFieldName('body');
  return body && body.type !== 'compound_statement' ? body : undefined;
}

/** The statement of a block that ends where `node` ends: the node itself, or the header around it. */
function outermostEndingWith(node: SyntaxNode): SyntaxNode {
  let s = node;
  while (s.parent && s.parent.type !== 'compound_statement' && s.parent.endIndex === node.endIndex) s = s.parent;
  return s;
}

/** For each unbraced body on a suspicious line that the layout continues: the body and what continues it, braced. */
export function unbracedBodyEdits(root: SyntaxNode, suspicion: Suspicion): LogicEdit[] {
  const text = sourceOf(root);
  const startsLine = (node: SyntaxNode) => text.slice(text.lastIndexOf('\n', node.startIndex - 1) + 1, node.startIndex).trim() === '';
  const found: LogicEdit[] = [];
  for (const header of root.descendantsOfType(['if_statement', 'for_statement', 'while_statement', 'else_clause'])) {
    const body = unbracedBody(header);
    if (!body || !isSuspicious(suspicion, lineOf(header))) continue;
    const statement = outermostEndingWith(body);
    if (statement.parent?.type !== 'compound_statement') continue;
    // Indented like the body, when the body has a line of its own deeper than the header's.
    const bodyIndent = startsLine(body) && body.startPosition.row > header.startPosition.row ? lineIndent(text, body.startIndex) : undefined;
    const deeper = bodyIndent !== undefined && bodyIndent.length > lineIndent(text, header.startIndex).length;
    let last: SyntaxNode | undefined;
    for (let next = statement.nextNamedSibling; next && next.type !== 'comment'; next = next.nextNamedSibling) {
      const sameLine = next.startPosition.row === (last ?? body).endPosition.row;
      const alike = deeper && startsLine(next) && lineIndent(text, next.startIndex) === bodyIndent;
      if (!sameLine && !alike) break;
      last = next;
    }
    if (!last) continue;
    found.push({
      edits: [{ start: body.startIndex, end: body.startIndex, newText: '{ ' }, { start: last.endIndex, end: last.endIndex, newText: ' }' }],
      line: lineOf(header), priority: 3, why: 'the statements laid out as its body were not in braces, so only the first one was',
    });
  }
  return found;
}
