// The model's training examples: windows cut the way the server cuts them (programWindow.ts), so
// that the model learns to repair a window that starts at any line.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { VOCABULARY } from '../../server/src/c/vocabulary';
import { alignedRange, makeExamples, MAX_SEQUENCE } from '../../training/build_dataset';

function longProgram(statements: number): string {
  const lines = ['#include <stdio.h>', 'int main() {', '  int a = 0;'];
  for (let i = 0; i < statements; i++) lines.push(`  a = a + ${i % 7};`); // few literals: the pools do not overflow
  lines.push('  printf("%d\\n", a);', '  return 0;', '}');
  return lines.join('\n');
}

const tokensOf = (ids: number[]) => ids.map((i) => VOCABULARY.token(i));

test('alignedRange maps a token range of the program onto the fixed program, edits at its edges included', () => {
  assert.deepEqual(alignedRange(['a', 'b', 'c', 'd'], ['a', 'x', 'c', 'd', 'e'], 1, 3), [1, 3]);
  assert.deepEqual(alignedRange(['a', 'b', 'c'], ['a', 'b', 'c'], 0, 3), [0, 3]);
  assert.deepEqual(alignedRange(['a', 'c'], ['a', 'b', 'c'], 1, 2), [1, 3], 'an insertion before the range belongs to it');
});

test('a program too long for the model gives the window the server would repair, with its fix', () => {
  const fixed = longProgram(400);
  const lines = fixed.split('\n');
  lines[300] = lines[300].replace(';', ''); // line 301 lacks its ';' (gcc reports line 302)
  const examples = makeExamples(lines.join('\n'), fixed, [{ line: 302, severity: 'error', message: "expected ';' before 'a'" }], 'test', 'dev');
  assert.equal(examples.length, 1);
  const [e] = examples;
  assert.ok(e.ids.length <= MAX_SEQUENCE);
  const prompt = tokensOf(e.ids.slice(0, e.target_start)).join(' ');
  const target = tokensOf(e.ids.slice(e.target_start));
  assert.match(prompt, /<err> <L302> expected ; before/);
  assert.ok(!prompt.includes('<L1> '), 'the window does not start at the first line');
  assert.ok(/^<L\d+>$/.test(target[0]) && target[0] !== '<L1>', `the target starts at the window's first line (${target[0]})`);
  assert.equal(target.at(-1), '<eos>');
  const line301 = target.slice(target.indexOf('<L301>'), target.indexOf('<L302>'));
  assert.equal(line301.at(-1), ';', 'the target window holds the repaired line');
  assert.equal(e.hints.length, 2 * target.length, 'a copy hint for every target token');
});

test('a program that fits gives its whole example, and sometimes a smaller window too (train only)', () => {
  const fixed = longProgram(30);
  const buggy = fixed.replace('a = a + 6;', 'a = a + 6'); // line 10
  const diagnostics = [{ line: 11, severity: 'error', message: "expected ';' before 'a'" }];
  let windows = 0;
  for (let k = 0; k < 40; k++) {
    const made = makeExamples(buggy, fixed, diagnostics, 'test', 'train');
    assert.ok(made[0].source === 'test' && tokensOf(made[0].ids.slice(made[0].target_start))[0] === '<L1>', 'the whole program first');
    windows += made.filter((e) => e.source === 'test-window').length;
  }
  assert.ok(windows > 0 && windows < 40, `some, not all, also give a window (${windows}/40)`);
  assert.equal(makeExamples(buggy, fixed, diagnostics, 'test', 'dev').length, 1, 'dev examples are never doubled');
});
