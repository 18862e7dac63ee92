// The C front-end is lossless: the lexer and the abstraction give back every input exactly.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { abstractProgram, concretizeToken, restoreText } from '../../server/src/c/abstraction';
import { lex, significantTokens } from '../../server/src/c/lexer';
import { VOCABULARY } from '../../server/src/c/vocabulary';
import { rng } from '../../server/src/data/random';
import { allPrograms } from '../support/sharedData';

function assertLossless(text: string, label: string) {
  const tokens = lex(text);
  assert.equal(tokens.map((t) => t.text).join(''), text, `lexer round trip: ${label}`);
  let offset = 0;
  for (const t of tokens) {
    assert.equal(t.start, offset, `contiguous offsets: ${label}`);
    assert.ok(t.end > t.start, `non-empty token: ${label}`);
    offset = t.end;
  }
  const program = abstractProgram(text);
  assert.equal(restoreText(program), text, `abstraction round trip: ${label}`);
  for (const token of program.modelTokens) {
    assert.ok(VOCABULARY.has(token), `model token ${JSON.stringify(token)} in vocabulary: ${label}`);
  }
}

test('lexes a small program into the expected tokens', () => {
  const src = '#include <stdio.h>\r\nint main(){ /* hi */ printf("%d\\n", x+=1.5e-3); // end\n}';
  const sig = significantTokens(lex(src)).map((t) => `${t.kind}:${t.text}`);
  assert.deepEqual(sig, [
    'punct:#', 'identifier:include', 'header:<stdio.h>', 'keyword:int', 'identifier:main', 'punct:(',
    'punct:)', 'punct:{', 'identifier:printf', 'punct:(', 'string:"%d\\n"', 'punct:,', 'identifier:x',
    'punct:+=', 'number:1.5e-3', 'punct:)', 'punct:;', 'punct:}',
  ]);
  const lines = significantTokens(lex(src)).map((t) => t.line);
  assert.deepEqual([lines[0], lines[3], lines.at(-1)], [0, 1, 2]);
});

test('abstracts identifiers and literals into per-program pools, keeping library names', () => {
  const p = abstractProgram('int main() {\n  int total = 42;\n  printf("sum=%d", total);\n}\n');
  assert.deepEqual(p.modelTokens, [
    '<L1>', 'int', 'main', '(', ')', '{', '<L2>', 'int', 'ID_0', '=', 'NUM_0', ';', '<L3>', 'printf', '(',
    'STR_0', ',', 'ID_0', ')', ';', '<L4>', '}',
  ]);
  assert.deepEqual(p.pools.ID, ['total']);
  assert.equal(concretizeToken('NUM_0', p.pools), '42');
  assert.equal(concretizeToken('ID_7', p.pools), undefined);
  assert.equal(concretizeToken('<L3>', p.pools), undefined);
  assert.equal(concretizeToken('<stdio.h>', p.pools), '<stdio.h>');
});

test('an identifier spelled like a pool slot is pooled, not confused with one', () => {
  const p = abstractProgram('int ID_0 = 1, x = ID_0;');
  assert.deepEqual(p.pools.ID, ['ID_0', 'x']);
  assert.equal(restoreText(p), 'int ID_0 = 1, x = ID_0;');
});

test('pool overflow stays reversible', () => {
  const names = Array.from({ length: 300 }, (_, i) => `v${i}`);
  const text = `int ${names.join(', ')};`;
  const p = abstractProgram(text);
  assert.ok(p.overflow.length > 0);
  assert.equal(restoreText(p), text);
});

test('edge cases round-trip exactly', () => {
  const cases = [
    '', '\n', '\r', '\r\n\r\n', '"unterminated', "'x", '/* unterminated', '// comment \\\n continued',
    '#define A \\\n 1\n', 'x = "a\\\r\nb";', '\u0000\u0001\uFFFD', '\uD800 lone surrogate', '😀 int x;',
    'L"wide" u8"x" U\'c\'', '1.2.3e+4x 0x1p-3 1\'000', '#include <unterminated\nint', '@`\\',
    '%:include <stdio.h>\n<: :> <% %>', 'a'.repeat(100000),
  ];
  for (const c of cases) assertLossless(c, JSON.stringify(c.slice(0, 40)));
});

test('every program in ../shared/data round-trips through lexer and abstraction', () => {
  const programs = allPrograms();
  for (const { id, source } of programs) assertLossless(source, id);
  console.log(`round-tripped ${programs.length} real programs`);
  assert.ok(programs.length > 20000, `expected the whole corpus, got ${programs.length}`);
});

test('thousands of random byte strings round-trip', () => {
  const random = rng(12345);
  const alphabet = ' \t\n\r#include<stdio.h>"\'\\/*{}();,.=+-%&|!xyz019_\u00e9\u0000';
  for (let i = 0; i < 5000; i++) {
    const length = Math.floor(random() * 200);
    // Half raw bytes (decoded as Latin-1, as invalid UTF-8 files are), half C-flavoured characters.
    const text =
      i % 2 === 0
        ? Buffer.from(Array.from({ length }, () => Math.floor(random() * 256))).toString('latin1')
        : Array.from({ length }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
    assertLossless(text, `random case ${i}`);
  }
});
