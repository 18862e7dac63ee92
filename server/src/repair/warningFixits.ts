// Edits for the warnings that course and contest flags often hide (`-w`), each a wrong output with a
// known cause: the compiler's fix-its for printf and scanf formats that do not match their
// arguments (`%d` for a `long long`, `%d` read into a `double`, a scanf argument without its `&`),
// and an element passed where a pointer is taken (pointerArgumentEdits.ts). Used as logic
// candidates, judged by the tests like any other. A format's mismatch can also sit in the
// declaration (`char a[n]` read with `%d`), so the variable declared with the format's type is
// proposed too.
import { codeTokens, Token } from '../c/lexer';
import { parseC } from '../c/parser';
import { declarationOf, namesInScope } from '../c/scopes';
import { compile, CompilerDiagnostic, CompilerOptions, TextEdit } from '../oracle/compiler';
import { editsOverlap } from './edits';
import { pointerArgumentFixes } from './pointerArgumentEdits';
import { formatArgument, formatMismatch } from './strictRules';

/** Flags that would hide the warnings read here. */
const HIDING = new Set(['-w', '-Wno-format', '-Wno-int-conversion']);

/** The arithmetic types a declaration may take from a format: gcc's spelling in its messages, and C's. */
const DECLARABLE: Record<string, string> = {
  int: 'int', 'long int': 'long', 'long long int': 'long long', 'unsigned int': 'unsigned',
  'long unsigned int': 'unsigned long', 'long long unsigned int': 'unsigned long long', double: 'double', float: 'float',
};

/** The declared types such a proposal replaces (never a struct, a typedef or a pointer's target). */
const ARITHMETIC_TYPE = /^(char|signed char|unsigned char|short|int|long|long long|unsigned|unsigned int|float|double)$/;

/** A candidate's edits, and what it mends where that is more than the edit says. */
export interface WarningFix {
  edits: TextEdit[];
  why?: string;
}

/**
 * Each format warning's fix-its, in the program's order; where the compiler gives none, the strict
 * rules' rewrite of the mismatch (a scanf argument without its `&`, a printf of `&x`); then the
 * declarations that would match the formats instead; then the elements passed for pointers.
 */
export async function warningFixits(text: string, compiler: CompilerOptions, signal?: AbortSignal): Promise<WarningFix[]> {
  const args = [...(compiler.args ?? []).filter((a) => !HIDING.has(a)), '-Wformat', '-Wint-conversion'];
  const result = await compile(text, { ...compiler, args }, signal);
  const tokens = codeTokens(text);
  const warnings = result.diagnostics.filter((d) => /^-Wformat/.test(d.option ?? ''));
  const each = warnings
    .flatMap((d) => (d.fixits.length > 0 ? [d.fixits] : d.option === '-Wformat-extra-args' ? extraArgumentFixes(tokens, d) : formatMismatch(text, tokens, d)))
    .filter((edits) => edits.length > 0 && !editsOverlap(edits));
  // `scanf("%f%f", x, y)`: no one of them alone runs without a crash; the first proposal of each warning, all together.
  const firsts = [...new Map(each.map((edits) => [edits[0].start, edits])).values()];
  const together = firsts.flat();
  const declarations = warnings.length > 0 ? declarationFixes(text, tokens, warnings) : [];
  const formats = [...each, ...(firsts.length > 1 && !editsOverlap(together) ? [together] : []), ...declarations];
  return [...formats.map((edits) => ({ edits })), ...pointerArgumentFixes(text, result.diagnostics)];
}

/** A conversion written with another character for its `%` (`"%d %d &d"`), or without one (`"%d d"`): a mark or a space, then the conversion, then no letter. */
const LOST_PERCENT = /([^%\w\\])((?:hh|h|ll|l|L)?[diufFeEgGcsxX])(?![\w])/g;

/**
 * More arguments than the format converts: each place where a conversion lost its `%`, the
 * mark before it replaced by one (a space kept, the `%` put after it).
 */
function extraArgumentFixes(tokens: Token[], d: CompilerDiagnostic): TextEdit[][] {
  const literal = tokens.find((t) => t.kind === 'string' && t.line === d.line && t.end > d.start);
  if (!literal) return [];
  const body = literal.text.slice(1, -1);
  return [...body.matchAll(LOST_PERCENT)].map((m) => {
    const at = literal.start + 1 + m.index!;
    return [m[1] === ' ' ? { start: at + 1, end: at + 1, newText: '%' } : { start: at, end: at + 1, newText: '%' }];
  });
}

/**
 * `char a[10]; scanf("%d", &a[i]);`: the variable an argument names, declared with the type its
 * format expects (every variable of that declaration takes it), where gcc's fix-it (`%hhd`) keeps
 * the bug. One proposal per declaration.
 */
function declarationFixes(text: string, tokens: Token[], warnings: CompilerDiagnostic[]): TextEdit[][] {
  const root = parseC(text).rootNode;
  const found = new Map<number, TextEdit[]>();
  for (const d of warnings) {
    const mismatch = formatArgument(tokens, d);
    if (!mismatch || (mismatch.scanf && !mismatch.expected.endsWith('*'))) continue;
    const wanted = DECLARABLE[mismatch.expected.replace(/ ?\*$/, '')];
    const name = mismatch.argument.find((t) => t.kind === 'identifier');
    if (!wanted || !name) continue;
    const declared = namesInScope(root, name.start).find((n) => n.name === name.text);
    const type = declared && declarationOf(root, declared.at)?.childForFieldName('type');
    if (!type || !ARITHMETIC_TYPE.test(type.text) || type.text === wanted) continue;
    found.set(type.startIndex, [{ start: type.startIndex, end: type.endIndex, newText: wanted }]);
  }
  return [...found.values()];
}
