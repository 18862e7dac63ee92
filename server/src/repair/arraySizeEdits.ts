// Arrays too small for the input: `char s[20]` read with a longer word, `int a[100]` for n up to
// 1000. Writing past the end crashes the program or overwrites its neighbours, so the failing test
// points anywhere. Every array declared with constant sizes is enlarged at once, ten times and a
// hundred times, within what the memory allows (a block's arrays live on an 8 MiB stack; the
// sandbox gives the program 512 MiB), in one candidate each.
import { lineOf, type SyntaxNode } from '../c/parser';
import type { TextEdit } from '../oracle/compiler';
import { isSuspicious, type Suspicion } from './faultLocalization';
import type { LogicEdit } from './mutationSearch';

const FACTORS = [10, 100];
/** The most one enlarged array may take: inside a function (on the stack), and at file scope. */
const STACK_BYTES = 2 * 2 ** 20;
const STATIC_BYTES = 128 * 2 ** 20;
const ELEMENT_BYTES: Record<string, number> = { char: 1, short: 2, int: 4, float: 4, long: 8, double: 8, 'long long': 8 };

/** An array declarator's constant dimensions, outermost first, or none when one is not a number. */
function dimensions(declarator: SyntaxNode): SyntaxNode[] | undefined {
  const sizes: SyntaxNode[] = [];
  for (let d: SyntaxNode | null = declarator; d?.type === 'array_declarator'; d = d.childForFieldName('declarator')) {
    const size = d.childForFieldName('size');
    if (size?.type !== 'number_literal' || !/^\d+$/.test(size.text)) return undefined;
    sizes.unshift(size);
  }
  return sizes.length > 0 ? sizes : undefined;
}

/** Each factor's candidate: every constant-size array of the program enlarged that many times, where it fits. */
export function arraySizeEdits(root: SyntaxNode, suspicion: Suspicion): LogicEdit[] {
  const arrays = root.descendantsOfType('declaration').flatMap((declaration) => {
    const element = ELEMENT_BYTES[declaration.childForFieldName('type')?.text ?? ''];
    const onStack = declaration.parent?.type !== 'translation_unit' && !/\bstatic\b/.test(declaration.text);
    return element === undefined ? [] : declaration.childrenForFieldName('declarator').flatMap((d) => {
      const array = d.type === 'init_declarator' ? d.childForFieldName('declarator') : d;
      const sizes = array?.type === 'array_declarator' ? dimensions(array) : undefined;
      const name = array?.descendantsOfType('identifier')[0]?.text;
      return sizes && name ? [{ sizes, element, limit: onStack ? STACK_BYTES : STATIC_BYTES, name }] : [];
    });
  });
  // Tried only when the program indexes one of them on a line the failing tests ran.
  const use = root.descendantsOfType('subscript_expression')
    .find((s) => arrays.some((a) => a.name === s.childForFieldName('argument')?.text) && isSuspicious(suspicion, lineOf(s)));
  if (!use) return [];
  return FACTORS.flatMap((factor) => {
    const edits: TextEdit[] = arrays
      .filter((a) => a.sizes.reduce((bytes, s) => bytes * Number(s.text) * factor, a.element) <= a.limit)
      .flatMap((a) => a.sizes.map((s) => ({ start: s.startIndex, end: s.endIndex, newText: String(Number(s.text) * factor) })));
    return edits.length > 0 ? [{ edits, line: lineOf(use), priority: 26, why: `the arrays may be too small for the input (${factor} times larger)` }] : [];
  });
}
