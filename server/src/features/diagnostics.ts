// Turns an analysis into LSP diagnostics: compiler errors and warnings with exact ranges, their
// class as `code` with a page about it, and the compiler's notes where they point; or one
// information diagnostic saying why the file was not compiled.
import { pathToFileURL } from 'node:url';
import { Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CompilerDiagnostic, CompilerNote } from '../oracle/compiler';
import { hintsFor } from '../repair/hints';
import type { Feedback } from '../settings';
import type { Analysis } from './analysis';
import { errorClassOf, errorPageHref } from './errorPages';

import { DIAGNOSTIC_SOURCE } from '../protocol';

const SEVERITY = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  note: DiagnosticSeverity.Information,
} as const;

/** A stable key that code actions and hovers use to find the repair for a diagnostic. */
export const diagnosticKey = (d: CompilerDiagnostic) => `${d.start}:${d.end}:${d.message}`;

/** What the client can show (its publishDiagnostics capabilities). */
export interface DiagnosticSupport {
  /** Notes as relatedInformation; without it they are appended to the message, as before. */
  relatedInformation: boolean;
  codeDescription: boolean;
}
export const FULL_SUPPORT: DiagnosticSupport = { relatedInformation: true, codeDescription: true };

/** A note's own place: in the document, in another file (a header), or else the error's place. */
function noteLocation(note: CompilerNote, doc: TextDocument, own: Diagnostic['range']): DiagnosticRelatedInformation['location'] {
  if (note.start !== undefined) {
    const end = Math.max(note.end ?? note.start, Math.min(note.start + 1, doc.getText().length));
    return { uri: doc.uri, range: { start: doc.positionAt(note.start), end: doc.positionAt(end) } };
  }
  if (note.elsewhere) {
    // The compiler's byte column as a character: headers are ASCII.
    const at = { line: note.elsewhere.line - 1, character: Math.max(0, note.elsewhere.column - 1) };
    return { uri: pathToFileURL(note.elsewhere.file).href, range: { start: at, end: at } };
  }
  return { uri: doc.uri, range: own };
}

/** `feedback` 'hint': a repaired diagnostic's message ends with hints, in words, never the new code. */
export function toLspDiagnostics(analysis: Analysis, feedback: Feedback = 'repair', support: DiagnosticSupport = FULL_SUPPORT): Diagnostic[] {
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
    const range = { start: doc.positionAt(d.start), end: doc.positionAt(end) };
    const folded = !support.relatedInformation && d.notes.length > 0 ? `\n${d.notes.map((n) => n.message).join('\n')}` : '';
    const repair = repaired.get(diagnosticKey(d));
    const hints = feedback === 'hint' && repair ? `\nHint: ${hintsFor(analysis.text, repair.edits).map((h) => h.message).join(' ')}` : '';
    // The class replaces gcc's option as the code; the option stays visible as gcc prints it.
    const option = d.option ? ` [${d.option}]` : '';
    const code = errorClassOf(d);
    return {
      range,
      severity: SEVERITY[d.severity],
      source: DIAGNOSTIC_SOURCE,
      code,
      ...(support.codeDescription ? { codeDescription: { href: errorPageHref(code) } } : {}),
      message: d.message + option + folded + hints,
      ...(support.relatedInformation && d.notes.length > 0
        ? { relatedInformation: d.notes.map((n) => ({ location: noteLocation(n, doc, range), message: n.message })) }
        : {}),
      data: { key: diagnosticKey(d), repairable: repaired.has(diagnosticKey(d)) },
    };
  });
}
