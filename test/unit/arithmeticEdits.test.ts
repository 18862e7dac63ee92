// Arithmetic slips in the logic edit search: integer division where a fraction is wanted, and
// integers too narrow for their values widened with their formats, an int that takes floating
// values, parentheses where precedence groups otherwise than meant, a bitwise operator for another;
// some judged end to end.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { codeTokens } from '../../server/src/c/lexer';
import { parseC } from '../../server/src/c/parser';
import { runTests } from '../../server/src/oracle/testRunner';
import { absoluteValueEdits, alphabetWrapEdits, characterValueEdits, dereferenceEdits, moduloOffsetEdits, shortPiEdits, floatAbsEdits, floatCastEdits, fractionInputEdits, integerDivisionEdits, moduloEdits, precedenceEdits, truncationEdits, unsquaredTermEdits, wideningEdits, xorSquareEdits } from '../../server/src/repair/arithmeticEdits';
import { applyEdits } from '../../server/src/repair/edits';
import { RepairEngine } from '../../server/src/repair/engine';
import { logicMutations } from '../../server/src/repair/mutationSearch';
import { everyLine } from '../support/suspicion';

const results = (program: string, edits: { edits: import('../../server/src/oracle/compiler').TextEdit[] }[]) => edits.map((e) => applyEdits(program, e.edits));


test('integer division: a quotient of integers that goes to a double or a %f is divided as doubles', () => {
  const program = `#include <stdio.h>
int main() {
  int sum = 7, n = 2, half; double avg, k = 2;
  avg = sum / n;
  half = sum / n;
  printf("%.2f %d %f\\n", avg, sum / 2, sum / k);
  printf("%.2f\\n", (sum) / 4);
  return 0;
}
`;
  const root = parseC(program).rootNode;
  const found = integerDivisionEdits(root, everyLine(program)).map((e) => applyEdits(program, e.edits));
  assert.ok(found.some((t) => t.includes('avg = (double)sum / n;')));
  assert.ok(found.some((t) => t.includes('printf("%.2f\\n", (double)(sum) / 4);')));
  assert.ok(found.some((t) => t.includes('(double)sum / 2, sum / k')), 'the call prints a %f: each int/int quotient in it');
  assert.equal(found.length, 3, 'not into an int, not where a double divides already');
  assert.equal(integerDivisionEdits(root, everyLine(program, 4)).length, 2, 'not on a line no failing test ran');
});

test('widening: an int declaration in a product becomes long long, with its printf and scanf conversions', () => {
  const program = `#include <stdio.h>
int n, a[10];
int count(int k);
int main() {
  int i, total = 0, *p = &total; long long big;
  scanf("%d %d", &n, &a[0]);
  for (i = 0; i < n; i++) total += a[0] * n;
  printf("%d %5d %i %%d %ld\\n", total, n, i, (long)a[0]);
  big = n;
  return (int)big + *p;
}
`;
  const root = parseC(program).rootNode;
  const found = wideningEdits(root, everyLine(program)).map((e) => applyEdits(program, e.edits));
  assert.equal(found.length, 1, 'n and a are used in a product; the block declares a pointer; the prototype is no variable');
  const [widened] = found;
  assert.ok(widened.includes('long long n, a[10];'));
  assert.ok(widened.includes('scanf("%lld %lld", &n, &a[0]);'), widened);
  assert.ok(widened.includes('printf("%d %5lld %i %%d %ld\\n", total, n, i, (long)a[0]);'), 'only n\'s conversion: %% takes no argument, a cast is no variable');
});

test('engine: a sum of products past 2^31 is repaired by widening the int and its formats', async () => {
  const program = `#include <stdio.h>
int main() {
  int n, i, x;
  int sum = 0;
  scanf("%d", &n);
  for (i = 0; i < n; i++) {
    scanf("%d", &x);
    sum += x * x;
  }
  printf("%d\\n", sum);
  return 0;
}
`;
  const tests = [
    { name: '1', input: '2\n3 4', output: '25\n' },
    { name: '2', input: '2\n100000 100000', output: '20000000000\n' },
    { name: '3', input: '1\n5', output: '25\n' },
  ];
  const gcc = { family: 'gcc' as const, args: ['-std=gnu11', '-w', '-O1'] };
  const r = await new RepairEngine({ compiler: gcc, tests }).repair(program);
  assert.equal(r.status, 'repaired', JSON.stringify(r.edits));
  assert.match(r.repaired, /long long n, i, x;/);
  assert.equal((await runTests(r.repaired, tests, { compiler: gcc })).passed, 3, 'independently re-run');
});

test('precedence: parentheses where C groups otherwise than meant, each way a tighter operator took one operand', () => {
  const program = `int main(void) {
  int n = 7, a = 2, b = 3, x = 4, k;
  k = n - 1 / 2;
  k = a * b + n;
  if (x & 1 == 0) k++;
  k = (a + b) * n;
  return k;
}
`;
  const found = precedenceEdits(parseC(program).rootNode, everyLine(program));
  const texts = found.map((e) => applyEdits(program, e.edits));
  assert.ok(texts.includes(program.replace('n - 1 / 2', '(n - 1) / 2')), 'the difference divided');
  assert.ok(texts.includes(program.replace('a * b + n', 'a * (b + n)')), 'the sum multiplied');
  assert.ok(texts.includes(program.replace('x & 1 == 0', '(x & 1) == 0')), 'the mask compared');
  assert.equal(found.length, 3, 'an expression already in parentheses is left alone');
  assert.match(found[0].why ?? '', /`\/` binds tighter than `-`: it took `1` alone/);
});

test('truncation: an int that takes floating values is declared with their type, its conversions with it', () => {
  const program = `#include <stdio.h>
int main() {
  int i, s = 0, k;
  float x, media;
  for (i = 0; i < 3; i++) { scanf("%f", &x); s += x; }
  k = i * 2;
  media = s / 3;
  printf("%d %.2f %d\\n", s, media, k);
  return 0;
}
`;
  const found = truncationEdits(parseC(program).rootNode, everyLine(program)).map((e) => applyEdits(program, e.edits));
  assert.deepEqual(found, [program.replace('int i, s = 0, k;', 'int i, k; float s = 0;').replace('printf("%d %.2f %d', 'printf("%f %.2f %d')],
    'its own declaration, the other names kept int; not k, which takes integers');
  const alone = 'int main() { int t; double h = 1.5; t = h * 2; return t > 2; }\n';
  assert.deepEqual(truncationEdits(parseC(alone).rootNode, everyLine(alone)).map((e) => applyEdits(alone, e.edits)), [alone.replace('int t;', 'double t;')]);
});

test('fraction input: an int read with %d, where the test gives numbers with fractions, is read as a double', async () => {
  const program = `#include <stdio.h>
int main() {
    int n, i, num;
    float sum = 0;
    scanf("%d", &n);
    for (i = 0; i < n; ++i) {
        scanf("%d", &num);
        sum = sum + num;
    }
    printf("%.2f\\n", sum / n);
    return 0;
}
`;
  const root = parseC(program).rootNode;
  const found = fractionInputEdits(root, everyLine(program), { input: '3 1.5 2.7 3' }).map((e) => applyEdits(program, e.edits));
  const num = program.replace('int n, i, num;', 'int n, i; double num;').replace('scanf("%d", &num)', 'scanf("%lf", &num)');
  assert.deepEqual(found, [program.replace('int n, i, num;', 'int i, num; double n;').replace('scanf("%d", &n)', 'scanf("%lf", &n)'), num], 'each int the program reads');
  assert.equal(fractionInputEdits(root, everyLine(program), { input: '3 1 2 3' }).length, 0, 'not without a fraction in the input');
  const tests = [{ name: '1', input: '3 1.5 2.7 3', output: '2.40\n' }, { name: '2', input: '2 2 3', output: '2.50\n' }];
  assert.equal((await runTests(num, tests, { compiler: { family: 'gcc', args: [] } })).passed, 2, 'the second repairs it');
});

test('xor as a power: each `^ 2` of a line squared as a product, all at once and each alone; not of a call', () => {
  const program = 'int f(int x1, int x2, int y, int a[]) {\n  int d = (x1 - x2)^2 + a[y + 1] ^ 2;\n  return x1 ^ 3 + f(1, 2, 3, a) ^ 2;\n}\n';
  const found = xorSquareEdits(program, codeTokens(program), everyLine(program)).map((e) => applyEdits(program, e.edits));
  const first = program.replace('(x1 - x2)^2', '((x1 - x2) * (x1 - x2))');
  const second = program.replace('a[y + 1] ^ 2', '(a[y + 1] * a[y + 1])');
  assert.deepEqual(found, [first.replace('a[y + 1] ^ 2', '(a[y + 1] * a[y + 1])'), first, second]);
});

test('unsquared term: a plain term of a sum of squares squared; not in a sum with one square', () => {
  const program = 'float f(float x, float y, float x1, float y1, float r) {\n  float s = (x - x1) * (x - x1) + (y - y1) * (y - y1) - r;\n  return s + x * x + r;\n}\n';
  const found = unsquaredTermEdits(parseC(program).rootNode, everyLine(program)).map((e) => applyEdits(program, e.edits));
  assert.deepEqual(found, [program.replace('(y - y1) - r;', '(y - y1) - r * r;')]);
});

test('a bitwise operator where another was meant: `n & 10` for `n % 10`, `|` for `||`', () => {
  const program = `int main() { int n = 123, d = n & 10; return d | n; }\n`;
  const found = logicMutations(program).map((e) => applyEdits(program, e.edits));
  assert.ok(found.includes(program.replace('n & 10', 'n % 10')));
  assert.ok(found.includes(program.replace('d | n', 'd || n')));
  const address = 'int main() { int n; int *p = &n; return *p; }\n';
  assert.ok(!logicMutations(address).some((e) => e.edits.some((x) => x.newText === '%')), 'not the address-of operator');
});

test('modulo: a difference\'s remainder made positive, a product of three factors reduced after the first two', () => {
  const program = `#define MOD 1000000007
long long d[10], p[10];
int main() {
  int i = 2, x = 1, n = 3;
  d[i] = (2 + (d[i - 1] - d[x - 1])) % MOD;
  p[i] = (long long)d[1] * d[2] * (n - 1) % MOD;
  p[0] = (n - 1) % 2;
  return (int)(d[i] + p[i] + p[0]);
}
`;
  const found = moduloEdits(parseC(program).rootNode, everyLine(program)).map((e) => applyEdits(program, e.edits));
  assert.deepEqual(found.sort(), [
    program.replace('(2 + (d[i - 1] - d[x - 1])) % MOD;', '(((2 + (d[i - 1] - d[x - 1]))) % MOD + MOD) % MOD;'),
    program.replace('(long long)d[1] * d[2] * (n - 1) % MOD;', '((long long)d[1] * d[2] % MOD) * (n - 1) % MOD;'),
    program.replace('(long long)d[1] * d[2] * (n - 1) % MOD;', '(((long long)d[1] * d[2] * (n - 1)) % MOD + MOD) % MOD;'),
  ].sort(), 'not a remainder by 2');
});

test('abs of a floating value becomes fabs, with <math.h> where the program lacks it', () => {
  const program = '#include <stdlib.h>\nint main(void) { float a = -1.5f; int n = -2; double area = 0.5 * abs(a) * abs(n); return (int)area; }\n';
  const found = floatAbsEdits(parseC(program).rootNode, everyLine(program)).map((e) => applyEdits(program, e.edits));
  assert.deepEqual(found, ['#include <math.h>\n' + program.replace('abs(a)', 'fabs(a)')], 'not the abs of an int');
});

test('a cast to float becomes a cast to double; a cast to int stays', () => {
  const program = '#include <stdio.h>\nint main(void) { int a = 7, b = 3; printf("%.12f %d\\n", (float)(a + b) / b, (int)(a / 2.0)); return 0; }\n';
  const found = floatCastEdits(parseC(program).rootNode, everyLine(program)).map((e) => applyEdits(program, e.edits));
  assert.deepEqual(found, [program.replace('(float)', '(double)')]);
});

test('alphabet wrap: a letter shifted past z taken modulo 26 from a; not a char the program never names an alphabet for', () => {
  const program = `#include <stdio.h>
int main(void) {
  char s[100];
  int i, n, m;
  scanf("%s %d", s, &n);
  for (i = 0; s[i] != '\\0'; i++) {
    if (s[i] + n <= 'z') s[i] = s[i] + n;
    else { m = n - ('z' - s[i]) - 1; s[i] = 'a' + m; }
  }
  printf("%s", s);
  return 0;
}
`;
  const found = results(program, alphabetWrapEdits(parseC(program).rootNode, everyLine(program)));
  assert.deepEqual(found, [
    program.replace('s[i] = s[i] + n;', "s[i] = 'a' + (s[i] + n - 'a') % 26;"),
    program.replace("s[i] = 'a' + m;", "s[i] = 'a' + m % 26;"),
  ]);
  const digits = 'int main(void) { char c = 0; int k = 3; c = c + k; return c; }';
  assert.deepEqual(alphabetWrapEdits(parseC(digits).rootNode, everyLine(digits)), []);
});

test('absolute value: a value printed negative where the test expects it without its sign, each printed value, its header included', () => {
  const program = `#include <stdio.h>
int main(void) {
  float a, b, area;
  int d;
  scanf("%f %f %d", &a, &b, &d);
  area = a * b / 2;
  printf("(%.1f,%.1f) %.2f%% %d\\n", a, b, area, d);
  return 0;
}
`;
  const found = absoluteValueEdits(parseC(program).rootNode, everyLine(program), { actual: '(-1.0,2.0) -1.00% 3\n', expected: '(-1.0,2.0) 1.00% 3\n' });
  const texts = found.map((e) => applyEdits(program, e.edits));
  assert.ok(texts.includes('#include <math.h>\n' + program.replace('a, b, area, d)', 'a, b, fabs(area), d)')), 'the area, math.h included');
  assert.ok(texts.includes('#include <stdlib.h>\n' + program.replace('a, b, area, d)', 'a, b, area, abs(d))')), 'an int with abs, after %% which prints no value');
  assert.ok(found.every((e) => e.guided));
  assert.deepEqual(absoluteValueEdits(parseC(program).rootNode, everyLine(program), { actual: '(-1.0,2.0) -1.00% 3\n', expected: '(-1.0,2.0) 2.00% 3\n' }), [], 'not another number');
});

test('short pi: every pi written short, to a double\'s precision at once; not another number', () => {
  const program = 'int main(void) { double r = 2, a = 3.14 * r * r, c = 2 * 3.1416f * r, e = 2.71; return (int)(a + c + e + 3.2); }\n';
  const found = shortPiEdits(parseC(program).rootNode, everyLine(program));
  assert.deepEqual(found.map((e) => applyEdits(program, e.edits)), [program.replace('3.14 *', '3.14159265358979323846 *').replace('3.1416f', '3.14159265358979323846')]);
  assert.deepEqual(shortPiEdits(parseC('int main(void) { return 3.2 > 2.71; }').rootNode, everyLine('int main(void) { return 3.2 > 2.71; }')), []);
});

test('modulo offset: an offset moved across its remainder, either way, in the student\'s spacing', () => {
  const program = 'int main(void) { int x = 1, t = 2; int a = (x+t)%12-1; int b = x % 7 + 2; int d = (x + 1) % 5; int e = (x * t) % 3; return a + b + d + e; }\n';
  const found = moduloOffsetEdits(parseC(program).rootNode, everyLine(program)).map((e) => applyEdits(program, e.edits));
  assert.deepEqual(found, [
    program.replace('(x+t)%12-1', '(x+t-1)%12'),
    program.replace('x % 7 + 2', '(x + 2) % 7'),
    program.replace('(x + 1) % 5', '(x) % 5 + 1'),
  ], 'not a remainder with no offset');
});

test('dereference: `*p + i` as the element `*(p + i)`, and `*p++;` that drops its value as `(*p)++;`; not a plain int', () => {
  const program = 'int main(void) { int a[3] = {1, 5, 9}, i, s = 0, *p = a, n = 2; for (i = 0; i < 3; i++) s += *p + i; *p++; s = *p++; return s - n * 2 + *&n; }\n';
  const found = dereferenceEdits(parseC(program).rootNode, everyLine(program)).map((e) => applyEdits(program, e.edits));
  assert.deepEqual(found, [program.replace('*p + i', '*(p + i)'), program.replace('*p++; s', '(*p)++; s')], 'not `*p++` whose value is used');
});

test('character values: a digit\'s character added without - \'0\', and strings compared with == as strcmp, its header included', () => {
  const program = '#include <stdio.h>\nint main(void) { char s[9] = "123", t[9] = "12", c = s[0]; int sum = 0, n = 0, i; for (i = 0; s[i]; i++) sum += s[i]; n = n * 10 + c; if (s == t) return 1; sum = sum + i; return sum + n; }\n';
  const found = characterValueEdits(parseC(program).rootNode, everyLine(program)).map((e) => applyEdits(program, e.edits));
  assert.deepEqual(found, [
    program.replace('sum += s[i]', "sum += (s[i] - '0')"),
    program.replace('n * 10 + c', "n * 10 + (c - '0')"),
    '#include <string.h>\n' + program.replace('s == t', 'strcmp(s, t) == 0'),
  ], 'not an int added to an int');
});
