// What the instructor's report (HTML and CSV) knows of one submission, and the counts it shows.
import type { BatchOutput } from './batch';

export interface ReportEntry {
  output: BatchOutput;
  /** The submitted program; absent when its input line could not be read. */
  source?: string;
  /** The class of the original's first compile error (oracle/errorClass), or one of the two below. */
  errorClass: string;
}

export const NO_COMPILE_ERROR = '(no compile error)';
export const NOT_COMPILED = '(not compiled)';

export const STATUSES = ['repaired', 'unchanged', 'failed', 'error'] as const satisfies readonly BatchOutput['status'][];

export interface ReportSummary {
  total: number;
  byStatus: Record<BatchOutput['status'], number>;
  /** Error classes, most frequent first (ties by name, so that the order is stable). */
  byClass: [string, number][];
}

export function summarize(entries: readonly ReportEntry[]): ReportSummary {
  const byStatus = { repaired: 0, unchanged: 0, failed: 0, error: 0 };
  const byClass = new Map<string, number>();
  for (const e of entries) {
    byStatus[e.output.status]++;
    byClass.set(e.errorClass, (byClass.get(e.errorClass) ?? 0) + 1);
  }
  const classes = [...byClass].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return { total: entries.length, byStatus, byClass: classes };
}
