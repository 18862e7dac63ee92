// The batch's progress bar (only when stderr is a terminal) and its closing summary table.
import type { BatchOutput } from './batch';

export class BatchProgress {
  private readonly counts = { repaired: 0, unchanged: 0, failed: 0, error: 0 };
  private readonly ms: number[] = [];
  private compiles = 0;

  constructor(private readonly stream: NodeJS.WriteStream) {}

  record(o: BatchOutput): void {
    this.counts[o.status]++;
    if (o.status !== 'error') this.ms.push(o.ms);
    if (o.compiles) this.compiles++;
    if (this.stream.isTTY) {
      const done = this.total();
      this.stream.write(`\r${done} done: ${this.counts.repaired} repaired, ${this.counts.unchanged} unchanged, ` +
        `${this.counts.failed} failed, ${this.counts.error} errors   `);
    }
  }

  private total(): number {
    return this.counts.repaired + this.counts.unchanged + this.counts.failed + this.counts.error;
  }

  finish(): void {
    if (this.stream.isTTY) this.stream.write('\n');
    const sorted = [...this.ms].sort((a, b) => a - b);
    const at = (q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : 0);
    const rows: [string, string][] = [
      ['programs', String(this.total())],
      ['repaired', String(this.counts.repaired)],
      ['unchanged', String(this.counts.unchanged)],
      ['failed', String(this.counts.failed)],
      ['error', String(this.counts.error)],
      ['compile after', String(this.compiles)],
      ['median ms', String(at(0.5))],
      ['p90 ms', String(at(0.9))],
    ];
    const width = Math.max(...rows.map(([k]) => k.length));
    this.stream.write(rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n') + '\n');
  }
}
