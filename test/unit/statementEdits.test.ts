// Whole-statement edits of slips that no one-token edit repairs: a body the layout shows and the
// braces do not, a statement one branch forgets, a value the student tried the program with, a
// value a loop uses up, an operand one off, a jump before statements that then never run.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseC } from '../../server/src/c/parser';
import { branchStatementEdits } from '../../server/src/repair/branchEdits';
import { applyEdits } from '../../server/src/repair/edits';
import { hardcodedValueEdits } from '../../server/src/repair/hardcodedEdits';
import { deadCodeEdits, jumpAfterIfEdits } from '../../server/src/repair/jumpEdits';
import { unbracedBodyEdits } from '../../server/src/repair/layoutEdits';
import type { LogicEdit } from '../../server/src/repair/mutationSearch';
import { operandShiftEdits } from '../../server/src/repair/operandShiftEdits';
import { usedUpValueEdits } from '../../server/src/repair/savedValueEdits';
import { everyLine } from '../support/suspicion';

const results = (program: string, edits: LogicEdit[]) => edits.map((e) => applyEdits(program, e.edits));

test('unbraced body: what follows on its line, or is indented like it, braced with it', () => {
  const program = `int main(void) {
    int d = 1, i, n = 9;
    for (i = 2; i < n; i++)
    {
        if (n % i == 0)
            d = 0; break;
    }
    if (d)
        n = 1;
        d = 2;
    if (n) d = 3;
    return d;
}
`;
  const found = results(program, unbracedBodyEdits(parseC(program).rootNode, everyLine(program)));
  assert.deepEqual(found.map((t) => t.split('\n').slice(5, 10).join('\n')), [
    '            { d = 0; break; }\n    }\n    if (d)\n        n = 1;\n        d = 2;',
    '            d = 0; break;\n    }\n    if (d)\n        { n = 1;\n        d = 2; }',
  ], 'the statement after a one-line body, and the one indented like the body; not `if (n) d = 3;` alone on its line');
  assert.equal(unbracedBodyEdits(parseC(program).rootNode, everyLine(program, 5)).length, 1, 'not on a line no failing test ran');
});

test('branch statement: the last call or step of one branch, missing from the other, put last in it', () => {
  const program = `#include <stdio.h>
int main(void) {
    int c = getchar(), n = 0;
    if (c == '\\\\') {
        c = getchar();
    } else {
        putchar(c);
        n++;
    }
    if (c == 'a') {
        putchar(c);
    } else {
        putchar(c);
    }
    return n;
}
`;
  const found = results(program, branchStatementEdits(parseC(program).rootNode, everyLine(program)));
  assert.deepEqual(found.map((t) => t.split('\n').slice(3, 6).join('\n')), ['    if (c == \'\\\\\') {\n        c = getchar();\n        n++;'],
    'the else branch\'s last statement; not `c = getchar();`, an assignment of a new value; not a statement both branches have');
});

test('hard-coded value: a literal as the input the function reads, alone and everywhere at once', () => {
  const program = `#include <stdio.h>
int main(void) {
    int n, i, a[10];
    scanf("%d", &n);
    for (i = 1; i <= 1; i++)
        printf("%d", 5 - i + 5);
    switch (n) { case 2: return 0; }
    return a[0];
}
`;
  const found = results(program, hardcodedValueEdits(parseC(program).rootNode, everyLine(program)));
  assert.deepEqual(found.map((t) => t.split('\n').slice(4, 6).join(' ').replace(/\s+/g, ' ').trim()), [
    'for (i = 1; i <= n; i++) printf("%d", 5 - i + 5);',
    'for (i = 1; i <= 1; i++) printf("%d", n - i + 5);',
    'for (i = 1; i <= 1; i++) printf("%d", n - i + n);',
    'for (i = 1; i <= 1; i++) printf("%d", 5 - i + n);',
  ], 'a 1 only as a bound; not an array size or a case label; a value written twice also replaced at once');
});

test('used-up value: the reads after a loop that brought a variable down read its value from before', () => {
  const saved = `#include <stdio.h>
int main(void) {
    int a, r = 0, x, sum = 0, i;
    scanf("%d", &a);
    x = a;
    while (a > 0) { r = r * 10 + a % 10; a = a / 10; }
    for (i = 0; i < 3; i++) sum += i;
    printf("%d %d %d\\n", a, r, sum);
    return 0;
}
`;
  const found = results(saved, usedUpValueEdits(parseC(saved).rootNode, everyLine(saved)));
  assert.deepEqual(found.map((t) => t.split('\n')[7].trim()), ['printf("%d %d %d\\n", x, r, sum);'], 'the copy saved before the loop; not `sum`, which the loop adds to');
  const unsaved = saved.replace('    x = a;\n', '');
  const made = results(unsaved, usedUpValueEdits(parseC(unsaved).rootNode, everyLine(unsaved)));
  assert.equal(made.length, 1);
  assert.match(made[0], /int main\(void\) \{ int a0;\n/);
  assert.match(made[0], /a0 = a; while \(a > 0\)/);
  assert.match(made[0], /printf\("%d %d %d\\n", a0, r, sum\);/);
});

test('operand shift: a loop that starts from a variable, and a pointer offset, one place either way', () => {
  const program = `int main(void) {
    char s[] = "abcba";
    int i, j, n = 5, same = 0;
    for (i = 0; i < n; i++)
        for (j = i; j < n; j++)
            if (*(s + n - i) == s[i]) same++;
    for (j = i + 1; j < n; j++) same += *(s + 1);
    return same;
}
`;
  const found = results(program, operandShiftEdits(parseC(program).rootNode, everyLine(program)).filter((e) => !e.why?.includes('ends')));
  assert.deepEqual(found.map((t) => t.split('\n').slice(4, 6).join('\n').trim()), [
    'for (j = i + 1; j < n; j++)\n            if (*(s + n - i) == s[i]) same++;',
    'for (j = i - 1; j < n; j++)\n            if (*(s + n - i) == s[i]) same++;',
    'for (j = i; j < n; j++)\n            if (*(s + n - i + 1) == s[i]) same++;',
    'for (j = i; j < n; j++)\n            if (*(s + n - i - 1) == s[i]) same++;',
  ], 'not a literal start (`i = 0`), nor a start or an offset that ends in a literal, which the operator edits change');
});

test('operand shift: a loop that ends at a variable one place inward; first, where its body reads the element after the counter\'s', () => {
  const program = `int main(void) {
    int a[5] = {3, 1, 2, 5, 4}, i, j, n = 5, t = 0;
    for (i = 0; i < n; i++)
        for (j = 0; j < n; j++)
            if (a[j] > a[j + 1]) { t = a[j]; a[j] = a[j + 1]; a[j + 1] = t; }
    for (i = 0; i <= n; i++) t += i;
    return t;
}
`;
  const found = operandShiftEdits(parseC(program).rootNode, everyLine(program)).filter((e) => e.why?.includes('end') || e.why?.includes('after'));
  assert.deepEqual(results(program, found).map((t) => t.split('\n').find((l, k) => l !== program.split('\n')[k])?.trim()), ['for (i = 0; i < n - 1; i++)', 'for (j = 0; j < n - 1; j++)'], 'not `<= n`: `< n` is the operator edits\'');
  assert.deepEqual([found[0].guided, found[1].guided, found[1].pattern], [undefined, true, true], 'a read past the end is a defect: tried first');
});

test('jump after an unbraced if: braced with its body where it ends a loop\'s first pass or leaves dead code', () => {
  const program = `#include <stdio.h>
int main(void) {
    int i, j, n = 3, r[3] = {1, 2, 3};
    for (i = 0; i < n; i++)
        for (j = i + 1; j < n; j++) {
            if (r[i] == r[j])
            printf("no");
            return 0;
        }
    if (n > 5) printf("big");
    return 1;
}
int last(int x) {
    if (x > 0) x--;
    return x;
    x++;
}
int quiet(int x) {
    if (x > 0) x--;
    return x;
}
`;
  const found = results(program, jumpAfterIfEdits(parseC(program).rootNode, everyLine(program)));
  assert.deepEqual(found.map((t) => t.split('\n').find((l) => l.includes('{ '))), [
    '            { printf("no");',
    '    if (x > 0) { x--;',
  ], 'the loop body\'s return and the one before dead code; not main\'s or quiet\'s last return');
  assert.ok(found[0].includes('{ printf("no");\n            return 0; }'));
  assert.equal(jumpAfterIfEdits(parseC(program).rootNode, everyLine(program, 8)).length, 1, 'not on a line no failing test ran');
});

test('dead code: a jump before statements of its block moved after the next one, and after the last', () => {
  const program = `int main(void) {
    int i, found = 0, a[3] = {1, 2, 3};
    for (i = 0; i < 3; i++) {
        if (a[i] == 2) {
            break;
            found = 1;
            found++;
        }
    }
    return found;
}
`;
  const found = results(program, deadCodeEdits(parseC(program).rootNode, everyLine(program)));
  assert.deepEqual(found.map((t) => t.split('\n').slice(4, 7).join('\n')), [
    '            found = 1;\n            break;\n            found++;',
    '            found = 1;\n            found++;\n            break;',
  ], 'the return at the end of main has nothing after it');
  assert.equal(deadCodeEdits(parseC(program).rootNode, everyLine(program, 5)).length, 0, 'not on a line no failing test ran');
});
