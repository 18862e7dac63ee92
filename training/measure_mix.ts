// Measures the error mix of real multi-error programs (../shared/data/deepfix: read, never trained
// on) against the synthetic errors build_dataset injects: gcc error messages per program and the
// commonest message kinds. The injector's error counts follow this measurement.
// Run: node out/training/measure_mix.js [--sample 400]
import { datasetFile } from '../server/src/data/datasets';
import { readJsonlSync } from '../server/src/data/jsonl';
import { gccDiagnostics, mapLimit } from './gcc';
import { injectCompileError } from './inject';
import { DATA_DIR, loadData, rng, shuffled } from './sources';

const args = process.argv.slice(2);
const sample = args.includes('--sample') ? Number(args[args.indexOf('--sample') + 1]) : 400;

/** A message's kind: its text with names, numbers and quoted parts removed. */
const kindOf = (message: string) => message.replace(/'[^']*'|‘[^’]*’|"[^"]*"/g, "'_'").replace(/\d+/g, 'N').slice(0, 60);

async function measure(label: string, programs: string[]) {
  const perProgram = new Map<string, number>();
  const kinds = new Map<string, number>();
  const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  await mapLimit(programs, 2, async (text) => {
    const errors = (await gccDiagnostics(text)).filter((d) => d.severity.includes('error'));
    bump(perProgram, errors.length >= 4 ? '4+' : String(errors.length));
    for (const e of errors) bump(kinds, kindOf(e.message));
  });
  const share = (n: number) => `${((n / programs.length) * 100).toFixed(0)}%`;
  console.log(`\n${label}: ${programs.length} programs; error messages per program:`);
  for (const k of ['0', '1', '2', '3', '4+']) console.log(`  ${k.padStart(2)}: ${share(perProgram.get(k) ?? 0)}`);
  console.log('  commonest messages (per program):');
  for (const [k, n] of [...kinds.entries()].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`  ${(n / programs.length).toFixed(2).padStart(6)}  ${k}`);
}

async function main() {
  const random = rng(11);
  const deepfix = readJsonlSync<{ source: string }>(datasetFile(DATA_DIR, 'deepfix/programs.jsonl.gz')).map((p) => p.source);
  await measure('DeepFix (real)', shuffled(deepfix, random).slice(0, sample));
  const data = loadData();
  const clean = shuffled(data.cpackSubmissions.filter((s) => s.verdict === 'correct'), random).slice(0, sample);
  const injected = clean.map((s) => injectCompileError(s.source, random)).filter((t): t is string => t !== undefined);
  await measure('synthetic (injectCompileError on C-Pack correct programs)', injected);
}

void main();
