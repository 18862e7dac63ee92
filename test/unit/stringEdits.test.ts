// A string built one character at a time and never ended gets its '\0' after the loop.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseC } from '../../server/src/c/parser';
import { applyEdits } from '../../server/src/repair/edits';
import { unterminatedStringEdits } from '../../server/src/repair/stringEdits';
import { everyLine } from '../support/suspicion';

test('unterminated string: the terminator after the loop that builds the string, not where one is stored already', () => {
  const program = `void erase(char vec[], char ch) {
    int i, j = 0;
    for (i = 0; vec[i]; i++) {
        if (vec[i] != ch) {
            vec[j++] = vec[i];
        }
    }
}
void copy(char to[], const char from[]) {
    int k = 0;
    while (from[k]) { to[k] = from[k]; k++; }
    to[k] = '\\0';
}
int main(void) { char s[8] = "banana"; erase(s, 'a'); return s[0]; }
`;
  const found = unterminatedStringEdits(parseC(program).rootNode, everyLine(program)).map((e) => applyEdits(program, e.edits));
  assert.deepEqual(found, [program.replace('        }\n    }\n}', "        }\n    }\n    vec[j] = '\\0';\n}")]);
  const unset = program.replace('int i, j = 0;', 'int i, j;');
  const started = unterminatedStringEdits(parseC(unset).rootNode, everyLine(unset)).map((e) => applyEdits(unset, e.edits));
  assert.deepEqual(started, [found[0]], 'a counter read unset starts at 0 too');
});
