// Repairs of declarations from the names in scope (server/src/repair/scopeRules.ts), on small
// programs of the shapes found in real submissions and on real DeepFix programs: the rule proposes,
// gcc judges, and the repair is the one a student would make.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readJsonlSync } from '../../server/src/data/jsonl';
import { compile } from '../../server/src/oracle/compiler';
import { RepairEngine } from '../../server/src/repair/engine';
import { mainWith, ruleCases } from '../support/ruleCases';
import { dataFile } from '../support/sharedData';

const gcc = { family: 'gcc' as const, args: ['-Wall'] };
const main = mainWith;
const repair = (source: string) => new RepairEngine({ compiler: gcc }).repair(source);

const cases: [string, string, string][] = [
  [
    'an undeclared loop index becomes the loop\'s own variable',
    main('    int k, n = 3;\n    int *mat[3];\n    for (k = 0; k < n; k++)\n    {\n        mat[k] = malloc(4);\n        free(mat[i]);\n    }\n'),
    main('    int k, n = 3;\n    int *mat[3];\n    for (k = 0; k < n; k++)\n    {\n        mat[k] = malloc(4);\n        free(mat[k]);\n    }\n'),
  ],
  [
    'a name typed in the wrong case is renamed at every use in the function',
    main('    int n, i;\n    scanf("%d", &N);\n    for (i = 0; i < N; i++)\n        printf("%d\\n", i);\n'),
    main('    int n, i;\n    scanf("%d", &n);\n    for (i = 0; i < n; i++)\n        printf("%d\\n", i);\n'),
  ],
  [
    'a variable used but never declared gets a declaration',
    main('    for (idx = 0; idx < 3; idx++)\n        printf("%d\\n", idx);\n'),
    '#include <stdio.h>\n#include <stdlib.h>\nint main(void)\n{\n    int idx;\n    for (idx = 0; idx < 3; idx++)\n        printf("%d\\n", idx);\n    return 0;\n}\n',
  ],
  [
    'a variable declared twice keeps the first declaration and the assignment of the second',
    main('    int n, i;\n    scanf("%d", &n);\n    int n = 3;\n    for (i = 0; i < n; i++)\n        printf("%d\\n", i);\n'),
    main('    int n, i;\n    scanf("%d", &n);\n    n = 3;\n    for (i = 0; i < n; i++)\n        printf("%d\\n", i);\n'),
  ],
  [
    'a name listed twice in one declaration is listed once',
    main('    int a, b, a;\n    a = 1;\n    b = 2;\n    printf("%d\\n", a + b);\n'),
    main('    int a, b;\n    a = 1;\n    b = 2;\n    printf("%d\\n", a + b);\n'),
  ],
  [
    'an array declared without a size gets one',
    main('    int a[];\n    a[0] = 1;\n    printf("%d\\n", a[0]);\n'),
    main('    int a[100];\n    a[0] = 1;\n    printf("%d\\n", a[0]);\n'),
  ],
  [
    'a recursive call with too few arguments passes the parameter of the same shape',
    '#include <stdio.h>\nvoid show(int n, int a[])\n{\n    if (n == 0)\n        return;\n    printf("%d\\n", a[n - 1]);\n    show(n - 1);\n}\nint main(void)\n{\n    int a[3] = {1, 2, 3};\n    show(3, a);\n    return 0;\n}\n',
    '#include <stdio.h>\nvoid show(int n, int a[])\n{\n    if (n == 0)\n        return;\n    printf("%d\\n", a[n - 1]);\n    show(n - 1, a);\n}\nint main(void)\n{\n    int a[3] = {1, 2, 3};\n    show(3, a);\n    return 0;\n}\n',
  ],
];

ruleCases(cases, gcc, 'scope-rule');

const deepfix = new Map(readJsonlSync<{ id: string; source: string }>(dataFile('deepfix/programs.jsonl.gz')).map((p) => [p.id, p.source]));

test('real DeepFix program: an undeclared array is declared with its dimensions, an undeclared index as int', async () => {
  const source = deepfix.get('prog05378')!; // a[i] and i used, neither declared (i only inside an earlier for)
  const r = await repair(source);
  assert.equal(r.status, 'repaired');
  assert.deepEqual(r.sources, ['scope-rule', 'scope-rule']);
  assert.match(r.repaired, /int a\[100\];/);
  assert.match(r.repaired, /int i;/);
  assert.equal((await compile(r.repaired, gcc)).errorCount, 0);
});

test('real DeepFix program: an undeclared name becomes the variable in scope, and the error it hid is repaired next', async () => {
  const source = deepfix.get('prog06972')!; // proper ( p ) = 1 : p undeclared, then = for ==
  const r = await repair(source);
  assert.equal(r.status, 'repaired');
  assert.equal(r.sources[0], 'scope-rule');
  assert.match(r.repaired, /proper \( [a-z]+ \) == 1/);
  assert.equal((await compile(r.repaired, gcc)).errorCount, 0);
});
