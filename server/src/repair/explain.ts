// Plain-language explanations of edits, shown in hovers, code action titles and the CLI.
import type { CompilerDiagnostic, TextEdit } from '../oracle/compiler';

const MAX_SNIPPET = 40;

function snippet(text: string): string {
  const oneLine = text.replace(/\r?\n/g, '⏎').replace(/\s+/g, ' ').trim();
  const short = oneLine.length > MAX_SNIPPET ? `${oneLine.slice(0, MAX_SNIPPET - 1)}…` : oneLine;
  return `\`${short || ' '}\``;
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === '\n' || (text[i] === '\r' && text[i + 1] !== '\n')) line++;
  }
  return line;
}

/** "insert `;`", "delete `x`" or "replace `prinf` with `printf`". */
export function describeEdit(text: string, edit: TextEdit): string {
  const removed = text.slice(edit.start, edit.end);
  if (removed === '') return `insert ${snippet(edit.newText)}`;
  if (edit.newText === '') return `delete ${snippet(removed)}`;
  return `replace ${snippet(removed)} with ${snippet(edit.newText)}`;
}

/** A short title for the lightbulb, e.g. "insert `;` on line 3". */
export function summarizeEdits(text: string, edits: readonly TextEdit[]): string {
  if (edits.length === 0) return 'no change';
  const first = `${describeEdit(text, edits[0])} on line ${lineOf(text, edits[0].start)}`;
  return edits.length === 1 ? first : `${first} (+${edits.length - 1} more)`;
}

/** One or two sentences: what changes and why, citing the compiler's message. */
export function explainEdit(text: string, edit: TextEdit, reason: CompilerDiagnostic | string): string {
  const what = describeEdit(text, edit);
  const line = lineOf(text, edit.start);
  const why =
    typeof reason === 'string'
      ? reason
      : `the compiler reports "${reason.message}" on line ${reason.line + 1}`;
  return `${what[0].toUpperCase()}${what.slice(1)} on line ${line}, because ${why}.`;
}
