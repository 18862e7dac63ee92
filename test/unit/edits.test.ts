// Edits on the student's text: minimal, token-aligned, never overlapping.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyEdits, minimalEdits, unifiedDiff } from '../../server/src/repair/edits';
import { describeEdit, explainEdit } from '../../server/src/repair/explain';
import { editOwners } from '../../server/src/repair/provenance';
import { rng } from '../../server/src/data/random';

test('minimal edits are whole tokens and keep the rest of the text', () => {
  const before = 'int main() {\n  prinf("%d", x)\n  return 0; // done\n}\n';
  const after = 'int main() {\n  printf("%d", x);\n  return 0; // done\n}\n';
  const edits = minimalEdits(before, after);
  assert.deepEqual(edits.map((e) => describeEdit(before, e)), ['replace `prinf` with `printf`', 'insert `;`']);
  assert.equal(applyEdits(before, edits), after);
});

test('overlapping edits are refused', () => {
  assert.throws(() => applyEdits('abcdef', [{ start: 1, end: 3, newText: 'x' }, { start: 2, end: 4, newText: 'y' }]), /overlapping/);
  assert.throws(() => applyEdits('abc', [{ start: 1, end: 1, newText: 'x' }, { start: 1, end: 1, newText: 'y' }]), /overlapping/);
});

test('random text pairs: minimal edits always rebuild the target exactly', () => {
  const random = rng(7);
  const pieces = ['int', ' ', 'x', ';', '\n', '(', ')', '{', '}', '"s"', '// c\n', 'é', '\r\n', '=='];
  const make = () => Array.from({ length: Math.floor(random() * 30) }, () => pieces[Math.floor(random() * pieces.length)]).join('');
  for (let i = 0; i < 2000; i++) {
    const a = make();
    const b = random() < 0.5 ? make() : a.replace(/;/, '');
    assert.equal(applyEdits(a, minimalEdits(a, b)), b);
  }
});

test('explanations cite the reason and the line', () => {
  const text = 'int x = 1\nint y;\n';
  assert.equal(
    explainEdit(text, { start: 9, end: 9, newText: ';' }, 'the compiler reports "expected \';\'" on line 2'),
    'Insert `;` on line 1, because the compiler reports "expected \';\'" on line 2.',
  );
  assert.match(unifiedDiff('x.c', text, 'int x = 1;\nint y;\n'), /^\+int x = 1;$/m);
});

test('each final edit is credited to the round that wrote it, however later rounds moved the text', () => {
  const original = 'int main() {\n  int total = 0\n  prinf("%d", totl);\n  return 0;\n}\n';
  // Round 1 adds a long declaration at the top (every later offset moves by 40), round 2 fixes a
  // call that sits, in original offsets, nearer to round 1's edit than to where round 2 edited.
  const round1 = `#include <stdio.h>\n/* a long comment here */\n${original}`;
  const round2 = round1.replace('prinf', 'printf');
  const round3 = round2.replace('int total = 0\n', 'int total = 0;\n').replace('totl', 'total');
  const owners = editOwners(original, [{ text: round1, owner: 'r1' }, { text: round2, owner: 'r2' }, { text: round3, owner: 'r3' }], 'none');
  assert.deepEqual(
    owners.map(({ edit, owner }) => `${describeEdit(original, edit)} <- ${owner}`),
    ['insert `#include <stdio.h>⏎/* a long comment he…` <- r1', 'insert `;` <- r3', 'replace `prinf` with `printf` <- r2', 'replace `totl` with `total` <- r3'],
  );
});

test('a deletion and a replacement that a later round rewrites again keep the right owners', () => {
  const original = 'a b c d e';
  const owners = editOwners(original, [{ text: 'a c d e', owner: 'drop b' }, { text: 'a c D e', owner: 'd' }, { text: 'a c X e', owner: 'X' }], 'none');
  assert.deepEqual(owners.map(({ edit, owner }) => `${describeEdit(original, edit)} <- ${owner}`), ['delete `b` <- drop b', 'replace `d` with `X` <- X']);
});

test('an inserted or deleted declaration reads as whole lines, not as a shifted run of tokens', () => {
  const before = '{\n    int a;\n    a = 1;\n}\n';
  const inserted = '{\n    int b;\n    int a;\n    a = 1;\n}\n';
  const [insert] = minimalEdits(before, inserted);
  assert.deepEqual(insert, { start: 2, end: 2, newText: '    int b;\n' });
  const [deletion] = minimalEdits(inserted, before);
  assert.deepEqual(deletion, { start: 2, end: 13, newText: '' });
  assert.equal(describeEdit(inserted, deletion), 'delete `int b;⏎`');
  // A diff of a line added before a blank line: one insertion, not the line and a stray line break.
  const include = minimalEdits('#include<stdio.h>\n\nint main(){}\n', '#include<stdio.h>\n#include <math.h>\n\nint main(){}\n');
  assert.deepEqual(include, [{ start: 18, end: 18, newText: '#include <math.h>\n' }]);
});

test('words changed with only spaces between them on one line read as one replacement; white space both sides share is left out', () => {
  const before = 'int main() {\n  int n, k;\n  for (;;) {\n\tn++;\n\t}\n}\n';
  const widened = before.replace('int n, k;', 'long long n, k;');
  assert.deepEqual(minimalEdits(before, widened).map((e) => describeEdit(before, e)), ['replace `int` with `long long`']);
  const exit = before.replace('\t}', '\t if (n > 9) break; }');
  assert.deepEqual(minimalEdits(before, exit).map((e) => describeEdit(before, e)), ['insert `if (n > 9) break;`']);
  assert.equal(applyEdits(before, minimalEdits(before, exit)), exit);
});
