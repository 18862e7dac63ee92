// A function's result lost on the way out: a missing return, a recursive call's result dropped.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseC } from '../../server/src/c/parser';
import { applyEdits } from '../../server/src/repair/edits';
import type { LogicEdit } from '../../server/src/repair/mutationSearch';
import { droppedResultEdits, missingReturnEdits, printedResultEdits } from '../../server/src/repair/returnEdits';
import { everyLine } from '../support/suspicion';

const results = (program: string, edits: LogicEdit[]) => edits.map((e) => applyEdits(program, e.edits));

test('a function that ends without returning its result returns the variable it computes', () => {
  const program = `int power(int base, int p) {
    int result = 1;
    while (p-- > 0) result *= base;
}
int sign(int x) { if (x < 0) return -1; else return 1; }
void show(int x) { x++; }
int main(void) { show(1); return power(2, 3) + sign(2); }
`;
  const found = results(program, missingReturnEdits(parseC(program).rootNode, everyLine(program)));
  assert.equal(found[0], program.replace('result *= base;\n}', 'result *= base;\n    return result;\n}'), 'the variable it assigns first, on its own line');
  assert.ok(found.includes(program.replace('result *= base;\n}', 'result *= base;\n    return base;\n}')), 'then a parameter');
  assert.equal(found.length, 3, 'not a function whose last if returns on both paths, nor void, nor main');
});

test('a recursive call whose result is dropped returns it', () => {
  const program = `int palindrome(char s[], int i, int j) {
    if (i >= j) return 1;
    if (s[i] != s[j]) return 0;
    palindrome(s, i + 1, j - 1);
    return 1;
}
void walk(int n) { if (n > 0) walk(n - 1); }
int main(void) { walk(2); return palindrome("aba", 0, 2); }
`;
  const found = results(program, droppedResultEdits(parseC(program).rootNode, everyLine(program)));
  assert.deepEqual(found, [program.replace('    palindrome(s, i + 1, j - 1);', '    return palindrome(s, i + 1, j - 1);')], 'not in a void function, nor a call of another function');
  assert.equal(droppedResultEdits(parseC(program).rootNode, everyLine(program, 4)).length, 0, 'not on a line no failing test ran');
});

test('a function that prints its result and returns 0, where its caller prints what it returns, returns the result', () => {
  const program = `#include <stdio.h>
int larger(int a, int b) {
    int m = a > b ? a : b;
    printf("%d\\n", m);
    return 0;
}
int show(int a) {
    printf("%d\\n", a);
    return 0;
}
int main(void) {
    printf("%d\\n", larger(2, 3));
    show(4);
    return 0;
}
`;
  const found = results(program, printedResultEdits(parseC(program).rootNode, everyLine(program)));
  assert.deepEqual(found, [program.replace('    printf("%d\\n", m);\n    return 0;', '    return m;')], 'not a function whose result no caller uses');
});
