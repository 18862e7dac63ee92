// The class of a program's compile error, for counting programs by what is wrong with them (the
// evaluation's table, the instructor's report): the first error message with names and tokens as X.
import type { CompileResult } from './compiler';

/** gcc's first error message with quoted names and tokens as X; undefined when there is no error. */
export function errorClass(result: CompileResult): string | undefined {
  const first = result.diagnostics.find((d) => d.severity === 'error');
  return first?.message.replace(/'[^']*'/g, "'X'").replace(/"[^"]*"/g, '"X"').replace(/; did you mean 'X'\?/, '');
}
