// The syntax oracle (tree-sitter's C grammar) on real programs: where it finds errors, and where it
// must not.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseC, sourceOf, syntaxDamage, syntaxErrors } from '../../server/src/c/parser';
import { readJsonlSync } from '../../server/src/data/jsonl';
import { dataFile } from '../support/sharedData';

test('a missing semicolon is a token the parser had to invent, at the exact offset', () => {
  const text = 'int main(void)\n{\n    int a\n    return 0;\n}\n';
  const regions = syntaxErrors(text);
  assert.deepEqual(regions, [{ start: text.indexOf('a\n') + 1, end: text.indexOf('a\n') + 1, missing: ';' }]);
  assert.equal(syntaxDamage(regions), 1);
});

test('offsets are the text\'s UTF-16 offsets, also after non-ASCII text', () => {
  const text = 'int main(void)\n{\n    char *s = "héllo €";\n    int x = = 2;\n    return 0;\n}\n';
  const [region] = syntaxErrors(text);
  assert.equal(text.slice(region.start, region.end), '=');
  assert.equal(region.start, text.indexOf('= =') + 2);
});

test('a node\'s text is the program\'s own, non-ASCII characters included (an edit built from it keeps them)', () => {
  const text = 'int main(void)\n{\n    printf("Número três: %d €\\n", 3);\n    return 0;\n}\n';
  const root = parseC(text).rootNode;
  const literal = root.descendantsOfType('string_literal')[0];
  assert.equal(literal.text, '"Número três: %d €\\n"');
  assert.equal(text.slice(literal.startIndex, literal.endIndex), literal.text);
  assert.equal(sourceOf(root), text);
});

test('a statement at file scope is an error (tree-sitter accepts it, C does not)', () => {
  // A prototype's stray `;` leaves the body at file scope: real DeepFix shape.
  const text = 'int twice(int n);\n{\n    return 2 * n;\n}\nint main(void)\n{\n    return twice(1);\n}\n';
  const regions = syntaxErrors(text);
  assert.equal(regions.length, 1);
  assert.equal(text.slice(regions[0].start, regions[0].end), '{\n    return 2 * n;\n}');
});

test('directives are left to the preprocessor, but a region that runs past one is kept', () => {
  assert.deepEqual(syntaxErrors('#include <stdio.h>\n#define N 10;\nint main(void) { return 0; }\n'), []);
  const broken = '#include <stdio.h>\nint main ( { {\nint\nscanf ( "s" , & n ) ;\nreturn 1 ; }\n';
  assert.ok(syntaxDamage(syntaxErrors(broken)) > 0);
});

test('the fixed sides of real TRACER pairs parse without errors; the buggy sides mostly do not', () => {
  const pairs = readJsonlSync<{ buggy: string; fixed: string }>(dataFile('tracer/pairs.jsonl.gz')).slice(0, 300);
  const cleanFixed = pairs.filter((p) => syntaxErrors(p.fixed).length === 0).length;
  const flaggedBuggy = pairs.filter((p) => syntaxErrors(p.buggy).length > 0).length;
  console.log(`fixed sides clean: ${cleanFixed}/300, buggy sides flagged: ${flaggedBuggy}/300`);
  // A ratchet: measured 300/300 and 196/300 when written (the rest are errors only gcc sees).
  assert.ok(cleanFixed >= 295, `a program that compiles parses (${cleanFixed}/300)`);
  assert.ok(flaggedBuggy >= 150, `most syntax errors are seen (${flaggedBuggy}/300)`);
});
