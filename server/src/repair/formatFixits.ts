// The compiler's fix-its for printf and scanf formats that do not match their arguments (`%d` for a
// `long long`, `%d` read into a `double`, a scanf argument without its `&`): a wrong output with a
// known cause, which course and contest flags often hide (`-w`). Used as logic candidates, judged
// by the tests like any other.
import { codeTokens } from '../c/lexer';
import { compile, CompilerOptions, TextEdit } from '../oracle/compiler';
import { editsOverlap } from './edits';
import { formatMismatch } from './strictRules';

/** Flags that would hide the format warnings. */
const HIDING = new Set(['-w', '-Wno-format']);

/**
 * Each format warning's fix-its, in the program's order; where the compiler gives none, the strict
 * rules' rewrite of the mismatch (a scanf argument without its `&`, a printf of `&x`).
 */
export async function formatFixits(text: string, compiler: CompilerOptions, signal?: AbortSignal): Promise<TextEdit[][]> {
  const args = [...(compiler.args ?? []).filter((a) => !HIDING.has(a)), '-Wformat'];
  const result = await compile(text, { ...compiler, args }, signal);
  const tokens = codeTokens(text);
  const each = result.diagnostics
    .filter((d) => /^-Wformat/.test(d.option ?? ''))
    .flatMap((d) => (d.fixits.length > 0 ? [d.fixits] : formatMismatch(text, tokens, d)))
    .filter((edits) => edits.length > 0 && !editsOverlap(edits));
  // `scanf("%f%f", x, y)`: no one of them alone runs without a crash; the first proposal of each warning, all together.
  const firsts = [...new Map(each.map((edits) => [edits[0].start, edits])).values()];
  const together = firsts.flat();
  return firsts.length > 1 && !editsOverlap(together) ? [...each, together] : each;
}
