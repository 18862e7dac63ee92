// A program that reads or writes files where the judge gives standard input and output: a
// `freopen("in.txt", "r", stdin)` left from testing at home (contest programs often have one). The
// test's input never reaches it, so every test fails alike. The candidate takes out every
// redirection of a standard stream, and the `fclose` of one, at once; read off the program, so
// tried first.
import { lineOf, sourceOf, type SyntaxNode } from '../c/parser';
import type { LogicEdit } from './mutationSearch';
import { removeWithLine } from './strictRules';

const STREAM = /^(stdin|stdout)$/;

/** The call's statement when it is `freopen(..., stdin|stdout)` or `fclose(stdin|stdout)` alone. */
function redirection(call: SyntaxNode): SyntaxNode | undefined {
  const name = call.childForFieldName('function')?.text;
  const args = call.childForFieldName('arguments')?.namedChildren ?? [];
  const stream = name === 'freopen' ? args[2] : name === 'fclose' ? args[0] : undefined;
  return stream && STREAM.test(stream.text) && call.parent?.type === 'expression_statement' ? call.parent : undefined;
}

/** Every redirection of standard input or output, and its `fclose`, removed in one candidate. */
export function redirectedStreamEdits(root: SyntaxNode): LogicEdit[] {
  const statements = root.descendantsOfType('call_expression').map(redirection).filter((s): s is SyntaxNode => s !== undefined);
  if (!statements.some((s) => s.text.startsWith('freopen'))) return [];
  const text = sourceOf(root);
  const edits = statements.map((s) => removeWithLine(text, { start: s.startIndex, end: s.endIndex }));
  return [{ edits, line: lineOf(statements[0]), priority: 1, guided: true, why: 'the program reads or writes a file where the tests give standard input and output' }];
}
