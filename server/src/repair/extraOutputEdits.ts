// What a program prints that the failing test does not want, taken out:
// - a debugging print left in, when the program printed all the test expects and more: each print
//   statement on a suspicious line removed, one at a time;
// - prompts, labels and debugging prints of values that the grader does not want ("Enter a
//   number:", "The sum is %d", "%d asj"): every printed literal whose words the expected output
//   never has, while the program printed them, taken out at once (a student leaves several, and
//   each one alone still fails the test). Read off the output, so tried first.
import { PRINTS, readsInput } from '../c/library';
import { lineOf, sourceOf, type SyntaxNode } from '../c/parser';
import type { TextEdit } from '../oracle/compiler';
import { isSuspicious, type Suspicion } from './faultLocalization';
import type { LogicEdit } from './mutationSearch';
import { CONVERSION, ESCAPES } from './outputEdits';
import { removeWithLine } from './strictRules';

/** True when the program printed everything the test expects, in order, and more (whitespace aside). */
export function printsExtra(failing: { expected: string; actual: string }): boolean {
  const [actual, expected] = [failing.actual.replace(/\s/g, ''), failing.expected.replace(/\s/g, '')];
  if (actual.length <= expected.length) return false;
  let matched = 0;
  for (const c of actual) if (matched < expected.length && c === expected[matched]) matched++;
  return matched === expected.length;
}

/**
 * A statement taken out: with its line when it stands alone on it; the body of an `if` or a loop
 * becomes the empty statement, which the `if` or loop needs (`if (x) printf("..");` keeps `if (x) ;`).
 */
function removeStatement(text: string, statement: SyntaxNode): TextEdit {
  if (!/^(compound_statement|translation_unit)$/.test(statement.parent?.type ?? '')) return { start: statement.startIndex, end: statement.endIndex, newText: ';' };
  return removeWithLine(text, { start: statement.startIndex, end: statement.endIndex });
}

/** The print calls of the program (`printf`, `puts`, `putchar`), optionally only those of one name. */
const printCalls = (root: SyntaxNode, names = PRINTS) =>
  root.descendantsOfType('call_expression').filter((call) => names.test(call.childForFieldName('function')?.text ?? ''));

/** The statement that is the call alone (`printf(...);`), if it is one. */
const statementOf = (call: SyntaxNode) => (call.parent?.type === 'expression_statement' ? call.parent : undefined);

/** A print statement removed, when the failing test got all it expects and more: a debugging print left in. */
export function leftoverPrintEdits(root: SyntaxNode, suspicion: Suspicion, failing?: { expected: string; actual: string }): LogicEdit[] {
  if (!failing || !printsExtra(failing)) return [];
  const text = sourceOf(root);
  return printCalls(root)
    .filter((call) => isSuspicious(suspicion, lineOf(call)))
    .map(statementOf)
    .filter((statement): statement is SyntaxNode => statement !== undefined)
    .map((statement) => ({ edits: [removeStatement(text, statement)], line: lineOf(statement), priority: 10, why: 'the program printed all the test expects and more (a print left in)' }));
}

/** The words a literal prints between its conversions (`"Sum of %d is %d\n"`: "Sum of", "is"). */
function printedWords(body: string): string[] {
  const printed = body.replace(/\\(.)/g, (_, c: string) => ESCAPES[c] ?? c);
  return printed.split(CONVERSION)
    .map((part) => part.replace(/%%/g, '%').trim())
    .filter((part) => /[A-Za-z]/.test(part));
}

/** True when the statement after this one reads input (`printf("%d. number: ", i); scanf(...)`). */
function promptsForInput(statement: SyntaxNode): boolean {
  let next = statement.nextNamedSibling;
  while (next?.type === 'comment') next = next.nextNamedSibling;
  return readsInput(next);
}

/**
 * Every print whose literal's words the test does not expect, and the program printed, taken out
 * together: a literal with conversions kept as its conversions (a label: `"Sum is %d\n"` to
 * `"%d\n"`), or removed with its statement (a debugging print of values), or, where some of them
 * prompt for the input read next (`"%d. number: "`), those removed and the others kept.
 */
export function unwantedTextEdits(root: SyntaxNode, failing?: { expected: string; actual: string }): LogicEdit[] {
  if (!failing) return [];
  const text = sourceOf(root);
  const unwanted = printCalls(root, /^(printf|puts)$/).flatMap((call) => {
    const literal = call.childForFieldName('arguments')?.namedChildren[0];
    const statement = statementOf(call);
    if (literal?.type !== 'string_literal' || !statement) return [];
    const words = printedWords(literal.text.slice(1, -1));
    const foreign = words.length > 0 && words.every((w) => !failing.expected.includes(w)) && words.some((w) => failing.actual.includes(w));
    return foreign ? [{ literal, statement, conversions: [...literal.text.matchAll(CONVERSION)].map((m) => m[0]) }] : [];
  });
  if (unwanted.length === 0) return [];
  const labelsKept = unwanted.map(({ literal, statement, conversions }): TextEdit => (conversions.length === 0
    ? removeStatement(text, statement)
    : { start: literal.startIndex, end: literal.endIndex, newText: `"${conversions.join(' ')}${/\\n"$/.test(literal.text) ? '\\n' : ''}"` }));
  const allRemoved = unwanted.map(({ statement }) => removeStatement(text, statement));
  const why = 'the program prints words the test does not expect (a prompt, a label or a debugging print)';
  const line = lineOf(unwanted[0].statement);
  const found: LogicEdit[] = [{ edits: labelsKept, line, priority: 3, guided: true, why }];
  const valued = unwanted.map((u, k) => (u.conversions.length > 0 ? k : -1)).filter((k) => k >= 0);
  if (valued.length === 0) return found;
  found.push({ edits: allRemoved, line, priority: 3, guided: true, why });
  const prompts = valued.filter((k) => promptsForInput(unwanted[k].statement));
  if (prompts.length > 0 && prompts.length < valued.length) {
    found.push({ edits: unwanted.map((_, k) => (prompts.includes(k) ? allRemoved[k] : labelsKept[k])), line, priority: 3, guided: true, why });
  }
  return found;
}
