// The training pipeline's oracles are the server's own: diagnostics from its compile step and test
// results from its sandboxed test runner, so that every header the model is trained on (compiler
// errors, or the first failing test) is the header the server builds at inference.
import { compile } from '../server/src/oracle/compiler';
import { numberedTests, runTests } from '../server/src/oracle/testRunner';
import { promptDiagnostics, type PromptDiagnostic, type RepairProblem } from '../server/src/model/prompt';
import type { TestCase } from './sources';

export { mapLimit } from '../server/src/mapLimit';

/** The server's default (no flags) plus the one check that clang (TRACER's course compiler) and gcc >= 14 make an error. */
export const DEFAULT_FLAGS = ['-Werror=implicit-function-declaration'];
/** C-Pack's course flags (its `compile` verdict), without linking. */
export const CPACK_FLAGS = ['-Wall', '-Wextra', '-Werror', '-ansi', '-pedantic'];

/** gcc's diagnostics for `text` as the server's prompt gets them. */
export async function gccDiagnostics(text: string, flags: string[] = DEFAULT_FLAGS): Promise<PromptDiagnostic[]> {
  return promptDiagnostics((await compile(text, { family: 'gcc', args: flags })).diagnostics);
}

export const hasError = (diagnostics: PromptDiagnostic[]) => diagnostics.some((d) => d.severity.includes('error'));

/**
 * How a program does on its tests (built with the server's default flags): whether it builds, and
 * the first test it fails as the engine's test round describes it; no failure: it passes them all.
 */
export async function testOutcome(text: string, tests: readonly TestCase[]): Promise<{ built: boolean; failure?: RepairProblem }> {
  const report = await runTests(text, numberedTests(tests), { compiler: { family: 'gcc' } });
  if (!report.compiled) return { built: false };
  const failing = report.results.find((r) => !r.passed);
  return { built: true, failure: failing && { input: failing.input, expected: failing.expected, actual: failing.actual } };
}

