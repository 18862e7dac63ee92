// Measures what students' real compile fixes change (TRACER and C-Pack pairs that fail plain gcc):
// a token diff buggy -> fixed, counted by edit. The synthetic error injector follows these counts.
// Run: node out/training/measure_errors.js
import { diffArrays } from 'diff';
import { abstractProgram } from '../server/src/c/abstraction';
import { loadData } from './sources';

const data = loadData();
const pairs = [
  ...data.tracer.map((p) => ({ buggy: p.buggy, fixed: p.fixed })),
  ...data.cpackPairs.filter((p) => p.kind === 'compile' && p.fails_plain_gcc),
];
const counts = new Map<string, number>();
const sizes = new Map<string, number>();
const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
// Abstract tokens so names become classes (ID, NUM...) but punctuation stays itself.
const kind = (t: string) => t.replace(/^(ID|NUM|STR|CHR|OTHER)_\d+$/, '$1');
for (const pair of pairs) {
  const strip = (text: string) => abstractProgram(text).modelTokens.filter((t) => !/^<L\d+>$/.test(t)).map(kind);
  const parts = diffArrays(strip(pair.buggy), strip(pair.fixed));
  let edits = 0;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (!part.added && !part.removed) continue;
    edits++;
    const next = parts[i + 1];
    if (part.removed && next?.added) {
      bump(counts, `replace ${part.value.join(' ')} -> ${next.value.join(' ')}`);
      i++;
    } else {
      bump(counts, `${part.added ? 'insert' : 'delete'} ${part.value.join(' ')}`);
    }
  }
  bump(sizes, edits >= 4 ? '4+' : String(edits));
}
const top = [...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, 40);
console.log(`${pairs.length} real compile pairs; edits per pair:`, Object.fromEntries(sizes));
for (const [edit, n] of top) console.log(String(n).padStart(5), (n / pairs.length * 100).toFixed(1).padStart(5) + '%', edit.slice(0, 100));
