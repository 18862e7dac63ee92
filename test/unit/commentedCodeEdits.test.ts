// Code the student commented out, back in its place: only where it parses and does something.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseC } from '../../server/src/c/parser';
import { applyEdits } from '../../server/src/repair/edits';
import { commentedCodeEdits } from '../../server/src/repair/commentedCodeEdits';
import { everyLine } from '../support/suspicion';

test('commented code: a run of comments that parses back in place and does something is uncommented; prose and a lone word are not', () => {
  const program = `#include <stdio.h>
int found(int a[], int n, int i, int x) {
    // the search ends when it finds x
    if (a[i] == x) {
        return 1;
    }
    //else if (i >= n) {
    //    return 0;
    //}
    else {
        /* x */
        return found(a, n, i + 1, x);
    }
}
int main(void) {
    int a[3] = {1, 2, 3};
    /* printf("debug %d\\n", a[0]); */
    printf("%d\\n", found(a, 3, 0, 2));
    return 0;
}
// int unused(void) { return 0; }
`;
  const found = commentedCodeEdits(parseC(program).rootNode, everyLine(program)).map((e) => applyEdits(program, e.edits));
  assert.deepEqual(found, [
    program.replace('    //else if (i >= n) {\n    //    return 0;\n    //}\n', '    else if (i >= n) {\n        return 0;\n    }\n'),
    program.replace('/* printf("debug %d\\n", a[0]); */', ' printf("debug %d\\n", a[0]); '),
  ], 'the else if and the print (the tests judge it); not prose, a lone word, nor code outside a function');
  assert.equal(commentedCodeEdits(parseC(program).rootNode, new Map([[18, 1]])).length, 1, 'only next to a suspicious line');
});
