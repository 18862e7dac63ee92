// Rule tests as tables: small programs of the shapes found in real submissions, each with the repair
// a student would make and the source expected to make it; gcc judges.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compile, CompilerOptions } from '../../server/src/oracle/compiler';
import { RepairEngine } from '../../server/src/repair/engine';
import type { RepairSource } from '../../server/src/repair/repair';

/** A program whose main holds `body` (4-space indented lines) and returns 0. */
export const mainWith = (body: string) => `#include <stdio.h>\n#include <stdlib.h>\nint main(void)\n{\n${body}    return 0;\n}\n`;

/** One test per case: gcc rejects the program, and the engine's repair is `expected`, made by `source` alone. */
export function ruleCases(cases: readonly [string, string, string][], compiler: CompilerOptions, source: RepairSource): void {
  for (const [name, program, expected] of cases) {
    test(name, async () => {
      assert.ok((await compile(program, compiler)).errorCount > 0, 'gcc rejects the original');
      const r = await new RepairEngine({ compiler }).repair(program);
      assert.equal(r.repaired, expected);
      assert.equal(r.status, 'repaired');
      assert.ok(r.sources.length > 0 && r.sources.every((s) => s === source), `sources: ${r.sources.join(', ')}`);
    });
  }
}
