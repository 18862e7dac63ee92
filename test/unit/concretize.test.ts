// Model output -> minimal edits on the original: checked with the students' own fixes as the
// "model output" (the fixed program abstracted with the buggy program's pools).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { abstractProgram } from '../../server/src/c/abstraction';
import { lex, significantTokens } from '../../server/src/c/lexer';
import { readJsonlSync } from '../../server/src/data/jsonl';
import { buildPrompt, targetTokens } from '../../server/src/model/prompt';
import { concretize } from '../../server/src/repair/concretize';
import { applyEdits } from '../../server/src/repair/edits';
import { dataFile } from '../support/sharedData';

const sigTexts = (text: string) => significantTokens(lex(text)).map((t) => t.text);

test('the students\' own fixes, written as model output, become exact minimal edits', () => {
  const pairs = readJsonlSync<{ id: string; buggy: string; fixed: string }>(dataFile('tracer/pairs.jsonl.gz')).slice(0, 600);
  let placed = 0;
  let newNames = 0;
  for (const pair of pairs) {
    const program = abstractProgram(pair.buggy);
    const prompt = buildPrompt(program, []);
    const output = targetTokens(pair.fixed, prompt.pools).tokens.slice(0, -1); // without <eos>
    const c = concretize(program, prompt.pools, output, pair.buggy);
    if ('error' in c) {
      assert.match(c.error, /names nothing in this program/, pair.id);
      newNames++;
      continue;
    }
    placed++;
    assert.deepEqual(sigTexts(c.text), sigTexts(pair.fixed), `${pair.id}: same tokens as the student's fix`);
    // The edits, applied to the student's text, give the concretized text: everything outside them
    // is the student's own, byte for byte.
    assert.ok(c.edits.length >= 1);
    assert.equal(applyEdits(pair.buggy, c.edits), c.text, `${pair.id}: the edits rebuild the text`);
  }
  console.log(`placed ${placed} of ${pairs.length} fixes exactly; ${newNames} introduce names the buggy program lacks`);
  assert.ok(placed / pairs.length > 0.9, `most fixes only reuse the program's names (${placed}/${pairs.length})`);
});

test('comments and spacing around a change survive', () => {
  const original = 'int main(void) {\n  int total = 0 /* sum */\n  return total;   // done\n}\n';
  const program = abstractProgram(original);
  const prompt = buildPrompt(program, []);
  const output = targetTokens('int main(void) { int total = 0; return total; }', prompt.pools).tokens.slice(0, -1);
  const c = concretize(program, prompt.pools, output, original);
  assert.ok(!('error' in c));
  assert.equal(c.text, 'int main(void) {\n  int total = 0; /* sum */\n  return total;   // done\n}\n');
  assert.equal(c.changedTokens, 1);
});

test('a name the program never had is refused, not invented', () => {
  const original = 'int main(void) { int a = 1; return a; }';
  const program = abstractProgram(original);
  const prompt = buildPrompt(program, []);
  const output = program.modelTokens.map((t) => (t === 'ID_0' ? 'ID_9' : t));
  const c = concretize(program, prompt.pools, output, original);
  assert.ok('error' in c);
});
