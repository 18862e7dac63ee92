// `c-repair FILE.c [--tests DIR] [--apply | --hints]`: repairs one file and prints the repair as a
// unified diff with an explanation of every edit (with --hints: only where and what kind of change,
// in words). The file is written only with --apply.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { checkRepairable, decodeSource } from '../c/sourceText';
import { CompilerDiagnostic, CompilerOptions } from '../oracle/compiler';
import { lineStarts } from '../oracle/positions';
import { discoverTests, readReferences, readTestFolder } from '../oracle/testDiscovery';
import { unifiedDiff } from '../repair/edits';
import { EngineResult, RepairEngine } from '../repair/engine';
import { hintsFor } from '../repair/hints';
import type { ModelSource } from '../repair/modelSource';
import { DEFAULT_SETTINGS } from '../settings';
import { interrupted, interruptStatus } from './interrupt';

export const FILE_USAGE = `usage: c-repair FILE.c [--tests DIR] [--reference FILE]... [--timeout S] [--apply | --hints] [--compiler gcc|clang] [--compiler-path PATH] [--flag FLAG]...
       c-repair batch --in IN.jsonl[.gz] --out OUT.jsonl [--jobs N] [--timeout S] [--shard K/N]
                      [--report REPORT.html] [--csv REPORT.csv] [--hints]

Compiles FILE.c, repairs it (compile errors, then failing tests), and prints the repair as a
unified diff with an explanation of every edit. FILE.c is written only with --apply.
--hints prints hints instead: where a change is needed and of what kind, without the new code.
Tests: DIR/NAME.in + DIR/NAME.out; without --tests, tests/<stem>/ or tests/ next to FILE.c.
References (correct programs that guide logic repair): --reference FILE, and reference*.c in the tests folder.`;

export class UsageError extends Error {}

function formatDiagnostic(file: string, starts: number[], d: CompilerDiagnostic): string {
  const column = d.start - starts[Math.min(d.line, starts.length - 1)] + 1;
  return `${file}:${d.line + 1}:${column}: ${d.severity}: ${d.message}`;
}

function summary(r: EngineResult): string {
  const parts = [`errors ${r.before.errorCount} -> ${r.after.errorCount}`];
  if (r.testsAfter) parts.push(`tests ${r.testsBefore?.passed ?? 0}/${r.testsAfter.total} -> ${r.testsAfter.passed}/${r.testsAfter.total}`);
  parts.push(`${r.rounds} round${r.rounds === 1 ? '' : 's'}`, `${r.ms} ms`);
  return parts.join(', ');
}

export async function repairFileCommand(argv: string[], model: () => Promise<ModelSource | undefined>): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      tests: { type: 'string' },
      apply: { type: 'boolean', default: false },
      hints: { type: 'boolean', default: false },
      compiler: { type: 'string', default: DEFAULT_SETTINGS.compiler },
      'compiler-path': { type: 'string' },
      flag: { type: 'string', multiple: true, default: [] },
      'max-size-kb': { type: 'string', default: String(DEFAULT_SETTINGS.maxFileSizeKB) },
      'no-model': { type: 'boolean', default: false },
      reference: { type: 'string', multiple: true, default: [] },
      timeout: { type: 'string', default: String(DEFAULT_SETTINGS.repairTimeoutSeconds) },
    },
  });
  const timeoutS = Number(values.timeout);
  if (positionals.length !== 1 || (values.compiler !== 'gcc' && values.compiler !== 'clang') || !(timeoutS > 0)) throw new UsageError(FILE_USAGE);
  // Hints are for students who must write the change themselves: nothing to apply.
  if (values.hints && values.apply) throw new UsageError('c-repair: --apply cannot be used with --hints (hints leave the change to the student).');
  const file = positionals[0];
  const bytes = fs.readFileSync(file);
  const { text, encoding } = decodeSource(bytes);
  const refused = checkRepairable(text, bytes.length, Number(values['max-size-kb']), file, 'option --max-size-kb');
  if (refused) {
    console.error(refused.message);
    return 2;
  }
  const compiler: CompilerOptions = { family: values.compiler, path: values['compiler-path'], args: values.flag, encoding };
  const found = values.tests ? { dir: values.tests, tests: readTestFolder(values.tests), references: readReferences(values.tests) } : discoverTests(file);
  if (values.tests && found?.tests.length === 0) console.error(`c-repair: no tests (NAME.out files) in ${values.tests}`);
  if (found && found.tests.length > 0) console.log(`Tests: ${found.tests.length} from ${found.dir}`);
  const references = [...(found?.references ?? []), ...values.reference.map((f) => fs.readFileSync(f, 'utf8'))];
  if (references.length > 0) console.log(`References: ${references.length}`);
  // The budget: the search stops there, and what was verified by then is shown.
  const engine = new RepairEngine({ compiler, tests: found?.tests, references, model: values['no-model'] ? undefined : await model(), signal: AbortSignal.any([AbortSignal.timeout(timeoutS * 1000), interrupted]) });
  const result = await engine.repair(text);
  if (interrupted.aborted) {
    console.error('c-repair: interrupted; nothing was changed.');
    return interruptStatus;
  }

  const starts = lineStarts(text);
  for (const d of result.before.diagnostics) console.log(formatDiagnostic(file, starts, d));
  if (result.before.diagnostics.length === 0) console.log(`${file}: compiles without diagnostics.`);
  const failing = result.testsBefore?.results.filter((t) => !t.passed) ?? [];
  for (const t of failing) console.log(`${file}: test ${t.name} ${t.status}`);
  if (result.faultLines?.length) {
    const top = result.faultLines.slice(0, 5).map((f) => `${f.line} (${f.score.toFixed(2)})`);
    console.log(`The failing tests point at line${top.length > 1 ? 's' : ''} ${top.join(', ')}.`);
  }
  if (result.edits.length === 0) {
    console.log(result.status === 'unchanged' ? 'Nothing to repair.' : '\nNo verified repair found.');
    return result.status === 'unchanged' ? 0 : 1;
  }
  if (values.hints) {
    const hints = hintsFor(result.original, result.edits);
    console.log(`\nHints (${hints.length} change${hints.length > 1 ? 's' : ''} needed; with them: ${summary(result)}):`);
    for (const h of hints) console.log(`  - ${h.message}`);
    return result.status === 'repaired' ? 0 : 1;
  }
  console.log(`\n${result.status === 'repaired' ? 'Repair' : 'Partial repair'} (${result.edits.length} edit${result.edits.length > 1 ? 's' : ''}; ${summary(result)}):`);
  for (const e of result.edits) console.log(`  - ${e.explanation}`);
  console.log('');
  process.stdout.write(unifiedDiff(path.basename(file), result.original, result.repaired));
  if (values.apply) {
    fs.writeFileSync(file, Buffer.from(result.repaired, encoding));
    console.log(`\nWrote ${file}.`);
  }
  return result.status === 'repaired' ? 0 : 1;
}
