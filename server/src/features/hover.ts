// Hover explanations: over an error (or the text a repair would change) say what will change and why.
import { Hover, MarkupKind, Position } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { hintsFor } from '../repair/hints';
import type { RepairSource } from '../repair/repair';
import type { Feedback } from '../settings';
import type { Analysis } from './analysis';

const SOURCE_WORDS: Record<RepairSource, string> = {
  'compiler-fixit': 'the compiler’s own suggestion',
  'strict-rule': 'a rewrite for the course’s strict flags',
  'scope-rule': 'a repair of a declaration, from the names in scope',
  'error-rule': 'a rewrite for a common compile error',
  model: 'the repair model’s proposal',
  'syntax-search': 'a minimal token edit found by the C parser and confirmed by the compiler',
  reference: 'a difference from a correct program for the same assignment, checked by the tests',
  'logic-search': 'a small logic edit on the lines the failing tests run, checked by the tests',
};

/** `feedback` 'hint': where and what kind of change is needed, in words, without the new code. */
export function hoverFor(analysis: Analysis, position: Position, feedback: Feedback = 'repair'): Hover | null {
  if (analysis.outcome.kind !== 'compiled') return null;
  const doc = TextDocument.create(analysis.uri, 'c', analysis.version, analysis.text);
  const offset = doc.offsetAt(position);
  const within = (start: number, end: number) => offset >= start && offset <= Math.max(end, start + 1);
  const lines: string[] = [];
  for (const repair of analysis.outcome.repairs) {
    const d = repair.diagnostic;
    if (!within(d.start, d.end) && !repair.edits.some((e) => within(e.start, e.end))) continue;
    if (feedback === 'hint') {
      // Which change, in words only: the explanations quote the new code, so they stay here.
      lines.push('**c-repair hint** (a change checked by recompiling):');
      for (const h of hintsFor(analysis.text, repair.edits)) lines.push(`- ${h.message}`);
      const then = repair.after.errorCount === 0 ? 'the file compiles without errors' : `errors drop to ${repair.after.errorCount}`;
      lines.push('', `With that change ${then}.`);
      continue;
    }
    lines.push(`**c-repair** (${SOURCE_WORDS[repair.source]}, checked by recompiling):`);
    for (const e of repair.edits) lines.push(`- ${e.explanation}`);
    const after = repair.after.errorCount === 0 ? 'the file then compiles without errors' : `errors then drop to ${repair.after.errorCount}`;
    lines.push('', `Recompiled with the change: ${after}.`);
  }
  if (lines.length === 0) return null;
  return { contents: { kind: MarkupKind.Markdown, value: lines.join('\n') } };
}
