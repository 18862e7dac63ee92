// Turns an analysis into LSP diagnostics: compiler errors and warnings with exact ranges, or one
// information diagnostic saying why the file was not compiled.
import { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CompilerDiagnostic } from '../oracle/compiler';
import { hintsFor } from '../repair/hints';
import type { Feedback } from '../settings';
import type { Analysis } from './analysis';

import { DIAGNOSTIC_SOURCE } from '../protocol';

const SEVERITY = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  note: DiagnosticSeverity.Information,
} as const;

/** A stable key that code actions and hovers use to find the repair for a diagnostic. */
export const diagnosticKey = (d: CompilerDiagnostic) => `${d.start}:${d.end}:${d.message}`;

/** `feedback` 'hint': a repaired diagnostic's message ends with hints, in words, never the new code. */
export function toLspDiagnostics(analysis: Analysis, feedback: Feedback = 'repair'): Diagnostic[] {
  const doc = TextDocument.create(analysis.uri, 'c', analysis.version, analysis.text);
  const top = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  const outcome = analysis.outcome;
  if (outcome.kind === 'skipped') {
    return [{ range: top, severity: DiagnosticSeverity.Information, source: DIAGNOSTIC_SOURCE, message: outcome.message }];
  }
  if (outcome.kind === 'failed') {
    return [{ range: top, severity: DiagnosticSeverity.Error, source: DIAGNOSTIC_SOURCE, message: outcome.message }];
  }
  const repaired = new Map(outcome.repairs.map((r) => [diagnosticKey(r.diagnostic), r]));
  return outcome.result.diagnostics.map((d) => {
    // A caret is widened to the character under it so the editor has something to underline.
    const end = d.end > d.start ? d.end : Math.min(d.start + 1, analysis.text.length);
    const notes = d.notes.length > 0 ? `\n${d.notes.join('\n')}` : '';
    const repair = repaired.get(diagnosticKey(d));
    const hints = feedback === 'hint' && repair ? `\nHint: ${hintsFor(analysis.text, repair.edits).map((h) => h.message).join(' ')}` : '';
    return {
      range: { start: doc.positionAt(d.start), end: doc.positionAt(end) },
      severity: SEVERITY[d.severity],
      source: DIAGNOSTIC_SOURCE,
      code: d.option,
      message: d.message + notes + hints,
      data: { key: diagnosticKey(d), repairable: repaired.has(diagnosticKey(d)) },
    };
  });
}
