// Strict course flags (-Wall -Wextra -Werror -ansi -pedantic): the engine's rewrites, judged by gcc.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compile } from '../../server/src/oracle/compiler';
import { RepairEngine } from '../../server/src/repair/engine';
import type { RepairSource } from '../../server/src/repair/repair';

const course = { family: 'gcc' as const, args: ['-Wall', '-Wextra', '-Werror', '-ansi', '-pedantic'] };
const repair = (source: string) => new RepairEngine({ compiler: course }).repair(source);

/** Name, program, expected repair, and the source expected to make it. */
const cases: [string, string, string, RepairSource][] = [
  [
    'a for-loop declaration is hoisted to the start of the block',
    '#include <stdio.h>\nint main(void)\n{\n    int n = 3;\n    for (int i = 0; i < n; i++)\n        printf("%d\\n", i);\n    return 0;\n}\n',
    '#include <stdio.h>\nint main(void)\n{\n    int i;\n    int n = 3;\n    for (i = 0; i < n; i++)\n        printf("%d\\n", i);\n    return 0;\n}\n',
    'strict-rule',
  ],
  [
    'a declaration after statements is split into a declaration and an assignment',
    '#include <stdio.h>\nint main(void)\n{\n    int a;\n    scanf("%d", &a);\n    int b = a * 2;\n    printf("%d\\n", b);\n    return 0;\n}\n',
    '#include <stdio.h>\nint main(void)\n{\n    int b;\n    int a;\n    scanf("%d", &a);\n    b = a * 2;\n    printf("%d\\n", b);\n    return 0;\n}\n',
    'strict-rule',
  ],
  [
    'a missing return gets `return 0;`',
    'int twice(int x)\n{\n    if (x > 0)\n        return 2 * x;\n}\nint main(void)\n{\n    return twice(1);\n}\n',
    'int twice(int x)\n{\n    if (x > 0)\n        return 2 * x;\n    return 0;\n}\nint main(void)\n{\n    return twice(1);\n}\n',
    'strict-rule',
  ],
  [
    'an unused variable is removed from its declaration',
    'int main(void)\n{\n    int used = 1, spare;\n    return used;\n}\n',
    'int main(void)\n{\n    int used = 1;\n    return used;\n}\n',
    'strict-rule',
  ],
  [
    'a missing & in scanf is inserted',
    '#include <stdio.h>\nint main(void)\n{\n    int n;\n    scanf("%d", n);\n    printf("%d\\n", n);\n    return 0;\n}\n',
    '#include <stdio.h>\nint main(void)\n{\n    int n;\n    scanf("%d", &n);\n    printf("%d\\n", n);\n    return 0;\n}\n',
    'strict-rule',
  ],
  [
    'a ; that empties a loop\'s body is removed (misleading indentation)',
    '#include <stdio.h>\nint main(void)\n{\n    int i, s = 0;\n    for (i = 0; i < 3; i++);\n    {\n        s = s + i;\n    }\n    printf("%d\\n", s);\n    return 0;\n}\n',
    '#include <stdio.h>\nint main(void)\n{\n    int i, s = 0;\n    for (i = 0; i < 3; i++)\n    {\n        s = s + i;\n    }\n    printf("%d\\n", s);\n    return 0;\n}\n',
    'strict-rule',
  ],
  [
    'a ; that empties an if is removed (empty body)',
    '#include <stdio.h>\nint main(void)\n{\n    int s = 3;\n    if (s > 2);\n        s = 1;\n    printf("%d\\n", s);\n    return 0;\n}\n',
    '#include <stdio.h>\nint main(void)\n{\n    int s = 3;\n    if (s > 2)\n        s = 1;\n    printf("%d\\n", s);\n    return 0;\n}\n',
    'strict-rule',
  ],
  [
    'a printf conversion is matched to its argument',
    '#include <stdio.h>\nint main(void)\n{\n    double x = 1.5;\n    printf("%.2d\\n", x);\n    return 0;\n}\n',
    '#include <stdio.h>\nint main(void)\n{\n    double x = 1.5;\n    printf("%.2f\\n", x);\n    return 0;\n}\n',
    'compiler-fixit',
  ],
];

for (const [name, source, expected, by] of cases) {
  test(name, async () => {
    assert.ok((await compile(source, course)).errorCount > 0, 'the course flags reject the original');
    const r = await repair(source);
    assert.equal(r.repaired, expected);
    assert.equal(r.status, 'repaired');
    // gcc itself suggests a printf conversion; the others come from the rules.
    assert.deepEqual(r.sources, [by]);
  });
}
