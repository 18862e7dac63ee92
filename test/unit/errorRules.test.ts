// Common real compile errors without a gcc fix-it (shapes taken from TRACER dev failures): the
// engine's error rules propose, gcc judges, and the repair is the one a student would make.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RepairEngine } from '../../server/src/repair/engine';
import { mainWith, ruleCases } from '../support/ruleCases';

const gcc = { family: 'gcc' as const, args: ['-Wall'] };
const main = mainWith;

const cases: [string, string, string][] = [
  [
    'every = of a condition becomes ==',
    main("    char a = 'A', b = 'C';\n    if (a = 'A' && b = 'C')\n        printf(\"yes\\n\");\n"),
    main("    char a = 'A', b = 'C';\n    if (a == 'A' && b == 'C')\n        printf(\"yes\\n\");\n"),
  ],
  [
    '++ between two values becomes +',
    main('    int a = 3, b = 4, c = 5;\n    if ((a*a)++(b*b) == (c*c))\n        printf("right\\n");\n'),
    main('    int a = 3, b = 4, c = 5;\n    if ((a*a)+(b*b) == (c*c))\n        printf("right\\n");\n'),
  ],
  [
    'an array passed as name[] loses the empty brackets',
    main('    char str[10] = "hi";\n    printf("%s", str[]);\n'),
    main('    char str[10] = "hi";\n    printf("%s", str);\n'),
  ],
  [
    'the ; that ends an if before its else is removed',
    main('    int n = 2;\n    if (n > 1);\n        printf("big\\n");\n    else\n        printf("small\\n");\n'),
    main('    int n = 2;\n    if (n > 1)\n        printf("big\\n");\n    else\n        printf("small\\n");\n'),
  ],
  [
    '=> and =< become >= and <=, !== becomes !=',
    main("    int i = 3, k = 5;\n    char e = 'y';\n    if (i => 2 && i =< k && e !== 'z')\n        printf(\"in\\n\");\n"),
    main("    int i = 3, k = 5;\n    char e = 'y';\n    if (i >= 2 && i <= k && e != 'z')\n        printf(\"in\\n\");\n"),
  ],
  [
    'scanf arguments written with % get their &',
    main('    int a, b;\n    scanf("%d %d", %a, %b);\n    printf("%d\\n", a + b);\n'),
    main('    int a, b;\n    scanf("%d %d", &a, &b);\n    printf("%d\\n", a + b);\n'),
  ],
  [
    'a square written with ^ on floating values is written out',
    main('    float x1 = 0, x2 = 3, r = 2;\n    float d = ((x1-x2)^2) + r^2;\n    printf("%f\\n", d);\n'),
    main('    float x1 = 0, x2 = 3, r = 2;\n    float d = ((x1-x2)*(x1-x2)) + r*r;\n    printf("%f\\n", d);\n'),
  ],
  [
    'commas typed for the semicolons of a for header become semicolons',
    main('    int i, n = 3;\n    for (i = 1, i < (n + 1), i++)\n        printf("%d\\n", i);\n'),
    main('    int i, n = 3;\n    for (i = 1; i < (n + 1); i++)\n        printf("%d\\n", i);\n'),
  ],
  [
    'a #define that ends with ; loses it',
    '#include <stdio.h>\n#define N 10;\nint main(void)\n{\n    int v[N];\n    v[0] = N;\n    printf("%d\\n", v[0]);\n    return 0;\n}\n',
    '#include <stdio.h>\n#define N 10\nint main(void)\n{\n    int v[N];\n    v[0] = N;\n    printf("%d\\n", v[0]);\n    return 0;\n}\n',
  ],
  [
    'elseif becomes else if',
    main('    int k = 1;\n    if (k > 0) {\n        printf("+\\n");\n    }\n    elseif (k < 0) {\n        printf("-\\n");\n    }\n'),
    main('    int k = 1;\n    if (k > 0) {\n        printf("+\\n");\n    }\n    else if (k < 0) {\n        printf("-\\n");\n    }\n'),
  ],
  [
    'a remainder of floating values casts them to int',
    main('    float n = 7, i = 2;\n    if (n % i == 1)\n        printf("odd\\n");\n'),
    main('    float n = 7, i = 2;\n    if ((int)n % (int)i == 1)\n        printf("odd\\n");\n'),
  ],
  [
    'a value printed without a format gets the one its type takes (not `printf;(x1);`, which compiles)',
    main('    float x1 = 2.5;\n    double s[3] = {1, 2, 3};\n    printf(x1, s[1]);\n'),
    main('    float x1 = 2.5;\n    double s[3] = {1, 2, 3};\n    printf("%f %f", x1, s[1]);\n'),
  ],
];

ruleCases(cases, gcc, 'error-rule');

test("one comma for a for header's second semicolon becomes it, not gcc's fix-it, which compiles too where no -Wall warns of it", async () => {
  const program = main('    int i, n = 3;\n    for (i = 1; i < n, i++)\n        printf("%d\\n", i);\n');
  const r = await new RepairEngine({ compiler: { family: 'gcc' } }).repair(program);
  assert.equal(r.repaired, program.replace('i < n, i++', 'i < n; i++'), 'not `for (i = 1; i < n, i++;)`');
  assert.deepEqual(r.sources, ['error-rule']);
});

test('void main becomes int main under the course\'s strict flags, and gets its return', async () => {
  const strict = { family: 'gcc' as const, args: ['-Wall', '-Wextra', '-Werror', '-ansi', '-pedantic'] };
  const source = '#include <stdio.h>\nvoid main()\n{\n    printf("hi\\n");\n}\n';
  const r = await new RepairEngine({ compiler: strict }).repair(source);
  assert.equal(r.status, 'repaired');
  assert.deepEqual(r.sources, ['error-rule', 'strict-rule']);
  assert.equal(r.repaired, '#include <stdio.h>\nint main()\n{\n    printf("hi\\n");\n    return 0;\n}\n');
});
