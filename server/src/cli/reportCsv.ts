// The instructor's report as CSV: a header row, then one row per submission (RFC 4180 quoting).
import type { ReportEntry } from './reportEntry';

export const CSV_HEADER = ['id', 'status', 'compiles', 'tests_passed', 'tests_total', 'edits', 'error_class', 'ms'];

/**
 * One field: quoted when it holds a comma, a quote or a line break, its quotes doubled. A text that
 * a spreadsheet would run as a formula (a submission id starting with `=`, `+`, `-`, `@`) gets a
 * leading `'`, so that it opens as text.
 */
export function csvField(value: string | number | boolean | null | undefined): string {
  const text = value === null || value === undefined ? '' : String(value);
  const s = typeof value === 'string' && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function renderCsv(entries: readonly ReportEntry[]): string {
  const rows = entries.map(({ output: o, errorClass }) => [o.id, o.status, o.compiles, o.tests_passed, o.tests_total, o.edits.length, errorClass, o.ms]);
  return [CSV_HEADER, ...rows].map((row) => row.map(csvField).join(',') + '\n').join('');
}
