// Parser-screened minimal edits (server/src/repair/syntaxSearch.ts) through the engine, on real
// DeepFix programs (problems of the build half of the dev set), with the real gcc as judge.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readJsonlSync } from '../../server/src/data/jsonl';
import { compile } from '../../server/src/oracle/compiler';
import { isProgress, verdictOf } from '../../server/src/oracle/judge';
import { applyEdits } from '../../server/src/repair/edits';
import { RepairEngine } from '../../server/src/repair/engine';
import { syntaxCandidates } from '../../server/src/repair/syntaxSearch';
import { dataFile } from '../support/sharedData';

const gcc = { family: 'gcc' as const };
const deepfix = new Map(readJsonlSync<{ id: string; source: string }>(dataFile('deepfix/programs.jsonl.gz')).map((p) => [p.id, p.source]));
const program = (id: string) => deepfix.get(id)!;
const repair = (source: string) => new RepairEngine({ compiler: gcc }).repair(source);

/** The repair, checked as the evaluation checks it: recompiled, and each edit explained. */
async function repairedInOneRound(id: string) {
  const source = program(id);
  const r = await repair(source);
  assert.equal(r.status, 'repaired', `${id}: ${r.after.diagnostics.find((d) => d.severity === 'error')?.message}`);
  assert.equal(r.rounds, 1);
  assert.ok(r.sources.every((s) => s === 'syntax-search'), r.sources.join(', '));
  assert.equal(applyEdits(source, r.edits), r.repaired);
  assert.equal((await compile(r.repaired, gcc)).errorCount, 0);
  return r;
}

test('an extra } that closes main early is deleted, though gcc complains a line later', async () => {
  const r = await repairedInOneRound('prog00218');
  assert.equal(r.edits.length, 1);
  assert.match(r.edits[0].explanation, /^Delete `\}` on line 13, because the compiler reports .* on line 14\.$/);
});

test('a stray ; after a function header is deleted (its body stood at file scope)', async () => {
  const r = await repairedInOneRound('prog17088');
  assert.deepEqual(r.edits.map((e) => e.explanation.split(',')[0]), ['Delete `;` on line 3']);
});

test('a ; missing at the end of a line is inserted there, where gcc reports it on the next line', async () => {
  const r = await repairedInOneRound('prog13882');
  assert.deepEqual(r.edits.map((e) => e.explanation.split(',')[0]), ['Insert `;` on line 3']);
});

test('of the edits the parser likes alike, the token the message expects is inserted first, not the initializer deleted', async () => {
  const text = '#include <stdio.h>\nint main(void) {\n  int x = 1\n  printf("%d\\n", x);\n  return 0;\n}\n';
  const compiled = await compile(text, gcc);
  assert.match(compiled.diagnostics[0].message, /expected ',' or ';' before 'printf'/);
  const [first] = syntaxCandidates(text, compiled.diagnostics.filter((d) => d.severity === 'error'));
  assert.equal(applyEdits(text, first.edits), text.replace('int x = 1', 'int x = 1;'), 'deleting `1` parses too, and compiles: `int x = printf(...)`');
});

test('no candidate puts a ; between a name and its ( (`printf;(x1);` compiles and prints nothing)', async () => {
  const text = '#include <stdio.h>\nint main(void) {\n  float x1 = 2;\n  printf(x1);\n  return 0;\n}\n';
  const compiled = await compile(text, gcc);
  assert.match(compiled.diagnostics[0].message, /incompatible type for argument 1 of 'printf'/);
  const texts = syntaxCandidates(text, compiled.diagnostics.filter((d) => d.severity === 'error')).map((c) => applyEdits(text, c.edits));
  assert.ok(texts.every((t) => !/printf\s*;\s*\(/.test(t)), texts.join('\n---\n'));
});

test('independent errors in different statements are repaired in the same round, each explained by its own error', async () => {
  const r = await repairedInOneRound('prog14962');
  assert.equal(r.before.errorCount, 2);
  assert.deepEqual(r.edits.map((e) => e.explanation), [
    "Delete `==` on line 10, because the compiler reports \"expected expression before ')' token\" on line 10.",
    "Delete `==` on line 19, because the compiler reports \"expected expression before ')' token\" on line 19.",
  ]);
});

test('missing closing braces are added', async () => {
  const source = program('prog00860');
  const r = await repair(source);
  assert.equal(r.status, 'repaired');
  assert.ok(r.sources.every((s) => s === 'syntax-search'));
  assert.equal(r.repaired.split('}').length - source.split('}').length, 2);
  assert.equal((await compile(r.repaired, gcc)).errorCount, 0);
});

test('the search offers only texts the parser fits better, and the judge refuses a change that breaks more than it mends', async () => {
  const source = program('prog02463');
  const before = await compile(source, gcc);
  const candidates = syntaxCandidates(source, before.diagnostics.filter((d) => d.severity === 'error'));
  assert.ok(candidates.length > 0);
  // `int main ; ) {`: gcc, confused earlier, reports fewer errors; the parser sees the damage.
  const broken = source.replace('int main ( ) {', 'int main ; ) {');
  const [b, a] = [verdictOf(source, await compile(source, gcc)), verdictOf(broken, await compile(broken, gcc))];
  assert.ok(a.compiled.errorCount < b.compiled.errorCount, 'gcc alone would take it');
  assert.equal(isProgress('compile', b, a), false);
});
