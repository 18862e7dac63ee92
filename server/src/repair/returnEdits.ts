// A function's result lost on the way out:
// - a function of a non-void type that falls off its end: what it returns is garbage;
// - a recursive call whose result is dropped (`pali(s, i + 1, j - 1);` where `return pali(...)` was
//   meant): the call computes the answer, and the caller returns something else.
// - a function that prints its result and returns a constant (`printf("%d\n", m); return 0;`)
//   where its caller uses what it returns: the result returned instead of printed.
// Like the other whole-statement patterns (patternEdits.ts), only on lines the failing tests point
// at; the tests judge each.
import { lineOf, sourceOf, type SyntaxNode } from '../c/parser';
import { declaredBy } from '../c/scopes';
import { insertBeforeClose } from './cSyntax';
import { isSuspicious, type Suspicion } from './faultLocalization';
import type { LogicEdit } from './mutationSearch';
import { removeWithLine } from './strictRules';

/** The functions that return a value (not `main`), with their names. */
function valueFunctions(root: SyntaxNode): { f: SyntaxNode; name: string; body: SyntaxNode; type: string }[] {
  return root.descendantsOfType('function_definition').flatMap((f) => {
    const type = f.childForFieldName('type')?.text ?? 'int';
    const declarator = f.childForFieldName('declarator');
    const name = declarator?.type === 'function_declarator' ? declarator.childForFieldName('declarator')?.text : undefined;
    const body = f.childForFieldName('body');
    return type === 'void' || !name || name === 'main' || !body ? [] : [{ f, name, body, type }];
  });
}

/**
 * A function of a non-void type whose body ends without a `return` (what it returns is garbage): its
 * result returned at the end, a variable of the function's type, those it assigns first (at most 3).
 */
export function missingReturnEdits(root: SyntaxNode, suspicion: Suspicion): LogicEdit[] {
  const text = sourceOf(root);
  const found: LogicEdit[] = [];
  for (const { f, name, body, type } of valueFunctions(root)) {
    const last = body.namedChildren.filter((c) => c.type !== 'comment').at(-1);
    if (!last || last.type === 'return_statement' || !isSuspicious(suspicion, lineOf(last))) continue;
    // `if (...) return a; else return b;` ends every path already (as far as a pattern can tell).
    if (last.type === 'if_statement' && last.childForFieldName('alternative') && last.descendantsOfType('return_statement').length > 0) continue;
    const parameters = f.descendantsOfType('parameter_declaration').flatMap(declaredBy);
    const locals = body.descendantsOfType('declaration').flatMap(declaredBy);
    const assigned = (name: string) => body.descendantsOfType('assignment_expression').some((a) => a.childForFieldName('left')?.text === name);
    const results = [...locals, ...parameters]
      .filter((v) => v.type === type && v.arrayDims === 0 && v.pointers === 0)
      .sort((a, b) => Number(assigned(b.name)) - Number(assigned(a.name)))
      .slice(0, 3);
    results.forEach((v, k) => found.push({
      edits: [insertBeforeClose(text, body.endIndex - 1, `return ${v.name};`, body.namedChildren[0]?.startIndex)],
      line: lineOf(last), priority: 11 + k,
      why: `${name} ends without returning its result`,
    }));
  }
  return found;
}

/** `f(...);` inside `f`, which returns a value: the call's result returned (`return f(...);`). */
export function droppedResultEdits(root: SyntaxNode, suspicion: Suspicion): LogicEdit[] {
  return valueFunctions(root).flatMap(({ name, body }) => body.descendantsOfType('expression_statement')
    .filter((s) => s.namedChildren[0]?.type === 'call_expression' && s.namedChildren[0].childForFieldName('function')?.text === name)
    .filter((s) => isSuspicious(suspicion, lineOf(s)))
    .map((s) => ({ edits: [{ start: s.startIndex, end: s.startIndex, newText: 'return ' }], line: lineOf(s), priority: 9, why: `\`${name}\` calls itself and drops the result` })));
}

/** `printf("%d\n", m); return 0;` in a function whose result a caller uses: `return m;`. */
export function printedResultEdits(root: SyntaxNode, suspicion: Suspicion): LogicEdit[] {
  const text = sourceOf(root);
  const calls = root.descendantsOfType('call_expression');
  return valueFunctions(root).flatMap(({ name, body }) => {
    const used = calls.some((c) => c.childForFieldName('function')?.text === name && c.parent?.type !== 'expression_statement');
    if (!used) return [];
    return body.descendantsOfType('return_statement').flatMap((ret) => {
      const value = ret.namedChildren[0];
      const print = ret.previousNamedSibling?.namedChildren[0];
      const args = print?.type === 'call_expression' && print.childForFieldName('function')?.text === 'printf' ? print.childForFieldName('arguments')?.namedChildren ?? [] : [];
      if (value?.type !== 'number_literal' || args.length !== 2 || !isSuspicious(suspicion, lineOf(ret))) return [];
      return [{
        edits: [removeWithLine(text, { start: print!.parent!.startIndex, end: print!.parent!.endIndex }), { start: value.startIndex, end: value.endIndex, newText: args[1].text }],
        line: lineOf(ret), priority: 12, why: `\`${name}\` prints its result and returns ${value.text}, where its caller uses what it returns`,
      }];
    });
  });
}
