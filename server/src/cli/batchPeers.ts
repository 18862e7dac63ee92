// Peers in a batch: submissions of the same problem that already pass all their tests guide the
// repair of the others (referenceRepair.ts), as another student's correct program would.
import { readJsonl } from '../data/jsonl';
import { mapLimit } from '../mapLimit';
import { interrupted } from './interrupt';
import { flagsFromCommand } from '../oracle/compileFlags';
import { numberedTests, runTests } from '../oracle/testRunner';
import type { BatchInput } from './batch';

/** Peers given to one program: the nearest in length (alignment costs grow with each one). */
const MAX_PEERS = 20;

/** The passing sources of each problem in the batch file `inPath` (a first pass over it). */
export async function passingByProblem(inPath: string, jobs: number): Promise<Map<string, string[]>> {
  const candidates: BatchInput[] = [];
  for await (const line of readJsonl(inPath)) {
    if ('error' in line) continue;
    const v = line.value as Partial<BatchInput> | null;
    if (v && typeof v.problem === 'string' && typeof v.source === 'string' && Array.isArray(v.tests) && v.tests.length > 0) candidates.push(v as BatchInput);
  }
  const passing = await mapLimit(candidates, jobs, async (input) => {
    const tests = numberedTests(input.tests!);
    const report = await runTests(input.source, tests, { compiler: { family: 'gcc', args: flagsFromCommand(input.compile_flags) }, requiredFirst: tests.length, signal: interrupted }).catch(() => undefined);
    return report !== undefined && report.compiled && report.passed === report.total;
  });
  const byProblem = new Map<string, string[]>();
  candidates.forEach((input, i) => {
    if (passing[i]) byProblem.set(input.problem!, [...(byProblem.get(input.problem!) ?? []), input.source]);
  });
  return byProblem;
}

/** The peers for `source`: the passing programs of its problem nearest to it in length, itself excluded. */
export function peersFor(source: string, passing: readonly string[]): string[] {
  return passing
    .filter((p) => p !== source)
    .sort((a, b) => Math.abs(a.length - source.length) - Math.abs(b.length - source.length))
    .slice(0, MAX_PEERS);
}
