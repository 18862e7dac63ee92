// Parses clang's text diagnostics with -fdiagnostics-parseable-fixits into raw diagnostics.
import type { RawDiagnostic } from './compiler';
import { severityOf } from './gccDiagnostics';

const DIAGNOSTIC = /^(.*?):(\d+):(\d+): (fatal error|error|warning|note): (.*?)(?: \[(-W[^\],]+)[^\]]*\])?$/;
const FIXIT = /^fix-it:"(.*)":\{(\d+):(\d+)-(\d+):(\d+)\}:"(.*)"$/;

/** clang escapes fix-it text C-style. */
function unescape(s: string): string {
  return s.replace(/\\(n|t|"|\\)/g, (_, c: string) => ({ n: '\n', t: '\t', '"': '"', '\\': '\\' })[c] ?? c);
}

export function parseClangOutput(stderr: string): RawDiagnostic[] {
  const out: RawDiagnostic[] = [];
  let last: RawDiagnostic | undefined;
  for (const line of stderr.split('\n')) {
    const d = DIAGNOSTIC.exec(line);
    if (d) {
      const diagnostic: RawDiagnostic = {
        severity: severityOf(d[4]),
        message: d[5],
        file: d[1],
        caret: { line: Number(d[2]), byteColumn: Number(d[3]) },
        option: d[6],
        fixits: [],
        notes: [],
      };
      if (diagnostic.severity === 'note' && last) last.notes.push(diagnostic);
      else {
        out.push(diagnostic);
        last = diagnostic;
      }
      continue;
    }
    const f = FIXIT.exec(line);
    if (f && last) {
      const target = last.notes.at(-1) ?? last;
      target.fixits.push({
        start: { line: Number(f[2]), byteColumn: Number(f[3]) },
        end: { line: Number(f[4]), byteColumn: Number(f[5]) },
        newText: unescape(f[6]),
      });
    }
  }
  return out;
}
