// An element passed where the function takes a pointer (`check(a[n], n)`, `valid(*s1, *s2, n)`,
// `swap(str[n], str[i])`): gcc warns that the call "makes pointer from integer without a cast", and
// course and contest flags often hide it (`-w`). Each such argument is proposed as the array or
// pointer itself (`a`, `s1`) and as the element's address (`&str[n]`), a plain variable as its
// address (`&x`); every flagged argument changes together, one candidate per form: a student who
// passes an element for an array does so at every call alike.
import { parseC, unparenthesized, type SyntaxNode } from '../c/parser';
import type { CompilerDiagnostic, TextEdit } from '../oracle/compiler';
import type { WarningFix } from './warningFixits';

const MAKES_POINTER = /^passing argument \d+ of .* makes pointer from integer without a cast/;

/** The whole argument of a call that holds `offset` (where gcc points), if any. */
function argumentAt(root: SyntaxNode, offset: number): SyntaxNode | undefined {
  for (let n: SyntaxNode | null = root.descendantForIndex(offset); n; n = n.parent) {
    if (n.parent?.type === 'argument_list') return n;
  }
  return undefined;
}

/** The argument as the array or pointer itself, and as the element's address. */
function forms(argument: SyntaxNode): { itself: TextEdit; address: TextEdit } | undefined {
  const inner = unparenthesized(argument)!;
  const whole = { start: argument.startIndex, end: argument.endIndex };
  const ampersand = { start: argument.startIndex, end: argument.startIndex, newText: '&' };
  if (inner.type === 'subscript_expression') {
    const array = inner.childForFieldName('argument');
    return array ? { itself: { ...whole, newText: array.text }, address: ampersand } : undefined;
  }
  if (inner.type === 'pointer_expression' && inner.childForFieldName('operator')?.text === '*') {
    const pointer = inner.childForFieldName('argument');
    const itself = pointer && { ...whole, newText: pointer.text };
    return itself ? { itself, address: itself } : undefined;
  }
  return inner.type === 'identifier' ? { itself: ampersand, address: ampersand } : undefined;
}

/** The candidates for the calls the diagnostics flag: the arguments as themselves, then as addresses. */
export function pointerArgumentFixes(text: string, diagnostics: readonly CompilerDiagnostic[]): WarningFix[] {
  const flagged = diagnostics.filter((d) => d.option === '-Wint-conversion' && MAKES_POINTER.test(d.message));
  if (flagged.length === 0) return [];
  const root = parseC(text).rootNode;
  const flaggedArguments = new Map<number, SyntaxNode>();
  for (const d of flagged) {
    const argument = argumentAt(root, d.start);
    if (argument) flaggedArguments.set(argument.startIndex, argument);
  }
  const each = [...flaggedArguments.values()].map(forms).filter((f): f is NonNullable<typeof f> => f !== undefined);
  if (each.length === 0) return [];
  const itself = each.map((f) => f.itself);
  const address = each.map((f) => f.address);
  const call = flagged[0].message.match(/of '(\w+)'|of ‘(\w+)’/);
  const why = `${call ? `\`${call[1] ?? call[2]}\`` : 'the function'} takes a pointer where the program passes a value`;
  const same = itself.every((e, i) => e === address[i]);
  return (same ? [itself] : [itself, address]).map((edits) => ({ edits, why }));
}
