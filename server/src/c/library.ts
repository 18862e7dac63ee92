// The C library calls the repairs reason about: those that read the program's input and those that
// print its output.
import type { SyntaxNode } from './parser';

export const READS = /^(scanf|fscanf|getchar|getc|fgetc|gets|fgets|getline|read)$/;
export const PRINTS = /^(printf|puts|putchar)$/;

const calls = (node: SyntaxNode | null | undefined, names: RegExp) =>
  !!node && node.descendantsOfType('call_expression').some((call) => names.test(call.childForFieldName('function')?.text ?? ''));

/** True when the node (a statement, a condition) reads input. */
export const readsInput = (node: SyntaxNode | null | undefined) => calls(node, READS);

/** True when the node prints something. */
export const printsOutput = (node: SyntaxNode | null | undefined) => calls(node, PRINTS);
