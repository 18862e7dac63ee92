// A fault localization for pattern tests: every line of a program suspicious but one.
import type { Suspicion } from '../../server/src/repair/faultLocalization';

/** Every line suspicious, but line `quiet` (1-based), which no failing test ran. */
export const everyLine = (program: string, quiet = -1): Suspicion =>
  new Map(program.split('\n').map((_, i) => [i + 1, i + 1 === quiet ? 0 : 1]));
