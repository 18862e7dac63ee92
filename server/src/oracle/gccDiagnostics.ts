// Parses gcc's -fdiagnostics-format=json output (printed on stderr) into raw diagnostics.
import * as path from 'node:path';
import type { RawDiagnostic, RawLocation, Severity } from './compiler';

interface GccLocation {
  line: number;
  'byte-column': number;
  file: string;
}
interface GccDiagnostic {
  kind: string;
  message: string;
  option?: string;
  locations?: { caret?: GccLocation; finish?: GccLocation }[];
  fixits?: { start: GccLocation; next: GccLocation; string: string }[];
  children?: GccDiagnostic[];
}

export function severityOf(kind: string): Severity {
  if (kind.includes('error') || kind === 'sorry' || kind === 'ice') return 'error';
  if (kind.includes('warning') || kind === 'pedwarn') return 'warning';
  return 'note';
}

const loc = (l: GccLocation): RawLocation => ({ line: l.line, byteColumn: l['byte-column'] });

function convert(d: GccDiagnostic): RawDiagnostic {
  const first = d.locations?.[0];
  return {
    severity: severityOf(d.kind),
    message: d.message,
    file: first?.caret?.file ?? d.fixits?.[0]?.start.file ?? '',
    caret: first?.caret ? loc(first.caret) : undefined,
    finish: first?.finish ? loc(first.finish) : undefined,
    option: d.option,
    fixits: (d.fixits ?? []).map((f) => ({ start: loc(f.start), end: loc(f.next), newText: f.string })),
    notes: (d.children ?? []).map(convert),
  };
}

/** gcc prints one JSON array per translation unit; anything else on stderr is ignored. */
export function parseGccJson(stderr: string): RawDiagnostic[] {
  const out: RawDiagnostic[] = [];
  for (const line of stderr.split('\n')) {
    const trimmed = line.trim();
    if (!trimmed.startsWith('[')) continue;
    try {
      const parsed = JSON.parse(trimmed) as GccDiagnostic[];
      if (Array.isArray(parsed)) out.push(...parsed.map(convert));
    } catch {
      // not gcc's JSON line
    }
  }
  return out;
}

/**
 * The plain-text lines gcc prints outside its JSON when it gives up on a file (`main.c:12:
 * confused by earlier errors, bailing out`, an internal error at a line of the file): errors of
 * that file at that line. Lines that name no place in `file` are not diagnostics of it.
 */
export function parseGccPlainText(stderr: string, file: string): RawDiagnostic[] {
  const out: RawDiagnostic[] = [];
  for (const line of stderr.split('\n')) {
    const m = /^(.+?):(\d+)(?::(\d+))?: (.+)$/.exec(line.trim());
    if (!m || path.basename(m[1]) !== path.basename(file)) continue;
    out.push({ severity: 'error', message: m[4].replace(/^(fatal )?error: /, ''), file: m[1], caret: { line: Number(m[2]), byteColumn: Number(m[3] ?? 1) }, fixits: [], notes: [] });
  }
  return out;
}
