// C's arithmetic types: which are integers, and the printf and scanf conversions each takes, from a
// declaration's spelling and from gcc's.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseC } from '../../server/src/c/parser';
import { namesInScope } from '../../server/src/c/scopes';
import { conversionFor, isIntegerType, isIntegerVariable, isSignedIntegerType } from '../../server/src/c/types';

test('integer types in every spelling; char only where asked for; arrays and pointers are not integer variables', () => {
  for (const type of ['int', 'long long int', 'unsigned', 'size_t', 'short']) assert.ok(isIntegerType(type), type);
  for (const type of ['char', 'double', 'struct point']) assert.ok(!isIntegerType(type), type);
  assert.ok(isSignedIntegerType('long') && !isSignedIntegerType('unsigned long'));
  const program = 'int main(void) { int n, a[3], *p; char c; return 0; }';
  const names = new Map(namesInScope(parseC(program).rootNode, program.indexOf('return')).map((d) => [d.name, d]));
  assert.deepEqual(['n', 'a', 'p', 'c'].map((name) => isIntegerVariable(names.get(name)!)), [true, false, false, false]);
  assert.ok(isIntegerVariable(names.get('c')!, true), 'a char counts where the caller says so');
});

test('conversions by type, for a declaration and for gcc\'s spelling alike', () => {
  assert.equal(conversionFor('long long', 'printf'), 'lld');
  assert.equal(conversionFor('long long int', 'printf'), 'lld');
  assert.equal(conversionFor('long unsigned int', 'scanf'), 'lu');
  assert.equal(conversionFor('double', 'printf'), 'f');
  assert.equal(conversionFor('double', 'scanf'), 'lf');
  assert.equal(conversionFor('short int', 'scanf'), 'hd');
  assert.equal(conversionFor('const char *', 'printf'), 's');
  assert.equal(conversionFor('struct point', 'printf'), undefined);
});
