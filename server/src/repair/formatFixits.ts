// The compiler's fix-its for printf and scanf formats that do not match their arguments (`%d` for a
// `long long`, `%d` read into a `double`): a wrong output with a known cause, which course and
// contest flags often hide (`-w`). Used as logic candidates, judged by the tests like any other.
import { compile, CompilerOptions, TextEdit } from '../oracle/compiler';
import { editsOverlap } from './edits';

/** Flags that would hide the format warnings. */
const HIDING = new Set(['-w', '-Wno-format']);

/** Each format warning's fix-its, in the program's order; none when the compiler gives none. */
export async function formatFixits(text: string, compiler: CompilerOptions, signal?: AbortSignal): Promise<TextEdit[][]> {
  const args = [...(compiler.args ?? []).filter((a) => !HIDING.has(a)), '-Wformat'];
  const result = await compile(text, { ...compiler, args }, signal);
  return result.diagnostics
    .filter((d) => /^-Wformat/.test(d.option ?? '') && d.fixits.length > 0 && !editsOverlap(d.fixits))
    .map((d) => d.fixits);
}
