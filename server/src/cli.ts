// The instructor's command line: `c-repair FILE.c` prints the compiler's diagnostics and the repair
// as a unified diff. It runs the same engine as the language server.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { decodeSource, looksBinary } from './c/sourceText';
import { CompilerDiagnostic, CompilerOptions } from './oracle/compiler';
import { lineStarts } from './oracle/positions';
import { unifiedDiff } from './repair/edits';
import { repairWithFixits } from './repair/fixitRepair';
import { DEFAULT_SETTINGS } from './settings';

const USAGE = `usage: c-repair FILE.c [--compiler gcc|clang] [--compiler-path PATH] [--flag FLAG]...

Compiles FILE.c, prints the compiler's diagnostics, and prints the repair as a unified diff.
The file itself is never modified.`;

function formatDiagnostic(file: string, starts: number[], d: CompilerDiagnostic): string {
  const column = d.start - starts[Math.min(d.line, starts.length - 1)] + 1;
  return `${file}:${d.line + 1}:${column}: ${d.severity}: ${d.message}`;
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      compiler: { type: 'string', default: DEFAULT_SETTINGS.compiler },
      'compiler-path': { type: 'string' },
      flag: { type: 'string', multiple: true, default: [] },
      'max-size-kb': { type: 'string', default: String(DEFAULT_SETTINGS.maxFileSizeKB) },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (positionals.length !== 1 || (values.compiler !== 'gcc' && values.compiler !== 'clang')) {
    console.error(USAGE);
    return 2;
  }
  const file = positionals[0];
  const bytes = fs.readFileSync(file);
  const maxBytes = Number(values['max-size-kb']) * 1024;
  if (bytes.length > maxBytes) {
    console.error(`c-repair: ${file} is ${Math.ceil(bytes.length / 1024)} KB, over the ${values['max-size-kb']} KB limit; not compiled.`);
    return 2;
  }
  const { text, encoding } = decodeSource(bytes);
  if (looksBinary(text)) {
    console.error(`c-repair: ${file} looks like a binary file, not C source; not compiled.`);
    return 2;
  }
  const options: CompilerOptions = {
    family: values.compiler,
    path: values['compiler-path'],
    args: values.flag,
    encoding,
  };
  const result = await repairWithFixits(text, options);
  const name = path.basename(file);
  const starts = lineStarts(text);
  for (const d of result.before.diagnostics) console.log(formatDiagnostic(file, starts, d));
  if (result.before.diagnostics.length === 0) console.log(`${file}: compiles without diagnostics.`);
  if (result.edits.length === 0) {
    if (result.before.errorCount > 0) console.log('\nNo verified repair found.');
    return result.before.errorCount > 0 ? 1 : 0;
  }
  console.log(`\nRepair (${result.edits.length} edit${result.edits.length > 1 ? 's' : ''}, ` +
    `errors ${result.before.errorCount} -> ${result.after.errorCount}, ${result.rounds} round${result.rounds > 1 ? 's' : ''}):`);
  for (const e of result.edits) console.log(`  - ${e.explanation}`);
  console.log('');
  process.stdout.write(unifiedDiff(name, result.original, result.repaired));
  return result.after.errorCount > 0 ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: Error) => {
    console.error(`c-repair: ${err.message}`);
    process.exitCode = 2;
  },
);
