// A printf whose conversions and arguments do not pair up, which a course's `-w` hides: more
// conversions than arguments prints whatever the stack holds for the rest (`"%.4f is positive %d",
// a`), fewer prints the extra arguments nowhere (`"The sum is ", sum`). The extra conversions
// removed (with the space before each), or a conversion by each extra argument's declared type
// added where the text ends (before its line end).
import { lineOf, type SyntaxNode } from '../c/parser';
import { declaredNameOf } from '../c/scopes';
import { conversionFor } from '../c/types';
import { isSuspicious, type Suspicion } from './faultLocalization';
import type { LogicEdit } from './mutationSearch';
import { CONVERSION } from './outputEdits';

/** The printf conversion a plain variable's declared type takes (`d` for an int), if it is one. */
function conversionOf(root: SyntaxNode, argument: SyntaxNode): string | undefined {
  if (argument.type !== 'identifier') return undefined;
  const declared = declaredNameOf(root, argument);
  return declared && declared.arrayDims === 0 && declared.pointers === 0 ? conversionFor(declared.type, 'printf') : undefined;
}

const values = (n: number) => `${n} value${n === 1 ? '' : 's'}`;

export function formatArgumentEdits(root: SyntaxNode, suspicion: Suspicion): LogicEdit[] {
  const found: LogicEdit[] = [];
  for (const call of root.descendantsOfType('call_expression')) {
    if (call.childForFieldName('function')?.text !== 'printf' || !isSuspicious(suspicion, lineOf(call))) continue;
    const [format, ...args] = call.childForFieldName('arguments')?.namedChildren ?? [];
    if (format?.type !== 'string_literal' || /%%|%\*/.test(format.text)) continue;
    const conversions = [...format.text.matchAll(CONVERSION)];
    if (conversions.length > args.length) {
      const extra = conversions.slice(args.length);
      const edits = extra.map((m) => {
        const at = format.startIndex + m.index!;
        const spaced = format.text[m.index! - 1] === ' ' ? 1 : 0;
        return { start: at - spaced, end: at + m[0].length, newText: '' };
      });
      found.push({ edits, line: lineOf(call), priority: 2, why: `the format has ${conversions.length} conversions for ${values(args.length)}: the rest print whatever memory holds` });
    } else if (conversions.length < args.length) {
      const added = args.slice(conversions.length).map((a) => conversionOf(root, a));
      if (added.some((c) => c === undefined)) continue;
      const body = format.text.slice(1, -1);
      const end = format.startIndex + 1 + (body.endsWith('\\n') ? body.length - 2 : body.length);
      const spaced = /\S$/.test(body.replace(/\\n$/, '')) ? ' ' : '';
      found.push({
        edits: [{ start: end, end, newText: spaced + added.map((c) => `%${c}`).join(' ') }], line: lineOf(call), priority: 2,
        why: `the format has ${conversions.length} conversion${conversions.length === 1 ? '' : 's'} for ${values(args.length)}: the rest are never printed`,
      });
    }
  }
  return found;
}
