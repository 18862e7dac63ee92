// What a program prints that the failing test does not want: leftover debugging prints, prompts and labels.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseC } from '../../server/src/c/parser';
import { runTests } from '../../server/src/oracle/testRunner';
import { applyEdits } from '../../server/src/repair/edits';
import { RepairEngine } from '../../server/src/repair/engine';
import { leftoverPrintEdits, unwantedTextEdits } from '../../server/src/repair/extraOutputEdits';
import type { LogicEdit } from '../../server/src/repair/mutationSearch';
import { everyLine } from '../support/suspicion';

const results = (program: string, edits: LogicEdit[]) => edits.map((e) => applyEdits(program, e.edits));

test('leftover print: a print statement removed only when the program printed all the test expects, and more', () => {
  const program = `#include <stdio.h>
int main() {
  int i, s = 0;
  for (i = 1; i <= 3; i++) {
    s += i;
    printf("%d", s);
  }
  printf("%d\\n", s);
  return 0;
}
`;
  const root = parseC(program).rootNode;
  const found = results(program, leftoverPrintEdits(root, everyLine(program), { expected: '6\n', actual: '1366\n' }));
  assert.equal(found.length, 2, 'each of the two prints');
  assert.ok(found.some((t) => !t.includes('printf("%d", s);') && t.includes('printf("%d\\n", s);')));
  assert.equal(leftoverPrintEdits(root, everyLine(program), { expected: '6\n', actual: '7\n' }).length, 0, 'a wrong number, not an extra one');
  assert.equal(leftoverPrintEdits(root, everyLine(program), { expected: '6\n', actual: '6\n7\n' }).length, 2, 'an extra line');
  assert.equal(leftoverPrintEdits(root, everyLine(program, 6), { expected: '6\n', actual: '1366\n' }).length, 1, 'not on a line no failing test ran');
});

test('leftover print: the body of an if keeps an empty statement, so that the if does not take the next one', () => {
  const program = `#include <stdio.h>
int main() {
  int n = 3;
  if (n > 2) printf("big ");
  printf("%d\\n", n);
  return 0;
}
`;
  const found = results(program, leftoverPrintEdits(parseC(program).rootNode, everyLine(program), { expected: '3\n', actual: 'big 3\n' }));
  assert.ok(found.includes(program.replace('if (n > 2) printf("big ");', 'if (n > 2) ;')), found.join('\n---\n'));
});

test('unwanted text: every prompt and label whose words the test does not expect, taken out together', () => {
  const program = `#include <stdio.h>
int main() {
    int n, i;
    printf("Introduza um numero inteiro:\\n");
    scanf("%d", &n);
    for (i = 0; i < n; i++)
        printf("Valor %d de %d\\n", i, n);
    printf("Total: %d\\n", n);
    return 0;
}
`;
  const root = parseC(program).rootNode;
  const failing = { expected: '0 2\n1 2\n2\n', actual: 'Introduza um numero inteiro:\nValor 0 de 2\nValor 1 de 2\nTotal: 2\n' };
  const found = unwantedTextEdits(root, failing);
  assert.ok(found.every((e) => e.guided), 'read off the output');
  const [labelsKept, allRemoved] = results(program, found);
  assert.equal(labelsKept, program.replace('    printf("Introduza um numero inteiro:\\n");\n', '').replace('"Valor %d de %d\\n"', '"%d %d\\n"').replace('"Total: %d\\n"', '"%d\\n"'));
  assert.equal(allRemoved, program.replace('    printf("Introduza um numero inteiro:\\n");\n', '').replace('printf("Valor %d de %d\\n", i, n);', ';').replace('    printf("Total: %d\\n", n);\n', ''));
  assert.equal(unwantedTextEdits(root, { expected: 'Total: 2\n', actual: 'Total: 3\n' }).length, 0, 'not words the test expects');
  assert.equal(unwantedTextEdits(root, { expected: '2\n', actual: '3\n' }).length, 0, 'not words the program did not print');
});

test('unwanted text: a prompt that shows a value is removed before the read it prompts for, while a label keeps its value', () => {
  const program = `#include <stdio.h>
int main() {
    int i, x, max = 0;
    for (i = 1; i <= 3; i++) {
        printf("Number %d -> ", i);
        scanf("%d", &x);
        if (x > max) max = x;
    }
    printf("The largest is %d\\n", max);
    return 0;
}
`;
  const root = parseC(program).rootNode;
  const failing = { expected: '7\n', actual: 'Number 1 -> Number 2 -> Number 3 -> The largest is 7\n' };
  const found = results(program, unwantedTextEdits(root, failing));
  assert.equal(found.length, 3, 'labels kept, all removed, and prompts removed with labels kept');
  assert.equal(found[2], program.replace('        printf("Number %d -> ", i);\n', '').replace('"The largest is %d\\n"', '"%d\\n"'));
  const noPrompt = program.replace('        printf("Number %d -> ", i);\n', '');
  assert.equal(unwantedTextEdits(parseC(noPrompt).rootNode, { expected: '7\n', actual: 'The largest is 7\n' }).length, 2, 'no prompt: the two candidates as before');
});

test('engine: prompts and labels the grader does not want are taken out, and the repair passes every test', async () => {
  const program = `#include <stdio.h>
int main() {
    int n, digits = 0, sum = 0;
    printf("Enter a positive number:\\n");
    scanf("%d", &n);
    while (n > 0) {
        sum += n % 10;
        digits++;
        n /= 10;
    }
    printf("Number of digits: %d\\n", digits);
    printf("Sum of the digits: %d\\n", sum);
    return 0;
}
`;
  const tests = [
    { name: '1', input: '123', output: '3\n6\n' },
    { name: '2', input: '7', output: '1\n7\n' },
  ];
  const gcc = { family: 'gcc' as const, args: ['-ansi', '-pedantic', '-Wall', '-Werror'] };
  const r = await new RepairEngine({ compiler: gcc, tests }).repair(program);
  assert.equal(r.status, 'repaired', JSON.stringify(r.edits));
  assert.ok(!r.repaired.includes('Enter a positive number'));
  assert.ok(r.edits.some((e) => e.explanation.includes('words the test does not expect')), JSON.stringify(r.edits));
  assert.equal((await runTests(r.repaired, tests, { compiler: gcc })).passed, 2, 'independently re-run');
});
