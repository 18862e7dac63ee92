// Arithmetic slips that no one-token edit repairs:
// - integer division where the task wants a fraction: `avg = sum / n` with both operands integers
//   divides before the value reaches the double; the left operand cast to double first.
// - integers too narrow for their values (a product or sum past 2^31, common in contest tasks): an
//   `int` declaration widened to `long long`, with the printf and scanf conversions of its
//   variables widened alike (`%d` to `%lld`), since a format that no longer matches prints garbage.
// - an `int` that takes floating values (`int s; ... s += x;` with `x` a float): declared with
//   their type, its conversions with it.
// - `abs` of a floating value, which drops its fraction: `fabs`; a cast to `float`, which keeps
//   about 7 digits: to `double`.
// - remainders modulo a large number: a difference's remainder made positive, a product of three
//   factors reduced after the first two.
// - precedence: parentheses where C groups otherwise than meant (`(n - 1) / 2` for `n - 1 / 2`).
// - a letter shifted past `'z'` where the task wraps around the alphabet: the shift modulo 26.
// - a value printed negative where the test expects its size (an area): printed without its sign.
// - π written short (`3.14`): to a double's precision.
// - a dereference that binds tighter than meant (`*p + i` for `*(p + i)`, `*p++;` for `(*p)++;`).
// - characters used as numbers: a digit's character added without `- '0'`; strings compared with `==`.
// - an offset on the wrong side of a remainder (`(x + t) % 12 - 1` for `(x + t - 1) % 12`).
// Each edit is one candidate, judged by the tests like any other.
import type { Token } from '../c/lexer';
import { lineOf, sourceOf, unparenthesized, type SyntaxNode } from '../c/parser';
import { declarationOf, declaredBy, declaredNameOf, namesInScope } from '../c/scopes';
import { isFloatingType, isIntegerVariable } from '../c/types';
import type { TextEdit } from '../oracle/compiler';
import { isSuspicious, type Suspicion } from './faultLocalization';
import type { LogicEdit } from './mutationSearch';

/** True when the expression is an integer: an integer literal, or an integer variable (not an array, not a pointer). */
function isInteger(root: SyntaxNode, node: SyntaxNode): boolean {
  if (node.type === 'parenthesized_expression' && node.namedChildren[0]) return isInteger(root, node.namedChildren[0]);
  if (node.type === 'number_literal') return /^\d+$/.test(node.text);
  if (node.type !== 'identifier') return false;
  const declared = declaredNameOf(root, node);
  return declared !== undefined && isIntegerVariable(declared, true);
}

/** True when the value of `node` goes to a floating-point variable or a `%f`-like conversion. */
function wantsFraction(root: SyntaxNode, node: SyntaxNode): boolean {
  for (let n: SyntaxNode | null = node.parent; n; n = n.parent) {
    if (n.type === 'assignment_expression' || n.type === 'init_declarator') {
      const target = n.type === 'assignment_expression' ? n.childForFieldName('left') : n.childForFieldName('declarator');
      const declared = target ? namesInScope(root, n.endIndex).find((d) => d.name === target.text) : undefined;
      return declared !== undefined && isFloatingType(declared.type);
    }
    if (n.type === 'call_expression') return /^(printf|fprintf|sprintf)$/.test(n.childForFieldName('function')?.text ?? '') && /%[-+ #0-9.]*L?[fFeEgG]/.test(n.text);
    if (/statement$/.test(n.type)) return false;
  }
  return false;
}

/** `a / b` of two integers whose value goes to a double: `(double)a / b`. */
export function integerDivisionEdits(root: SyntaxNode, suspicion: Suspicion): LogicEdit[] {
  return root.descendantsOfType('binary_expression')
    .filter((e) => e.childForFieldName('operator')?.text === '/' && isSuspicious(suspicion, lineOf(e)))
    .filter((e) => isInteger(root, e.childForFieldName('left')!) && isInteger(root, e.childForFieldName('right')!) && wantsFraction(root, e))
    .map((e) => ({ edits: [{ start: e.startIndex, end: e.startIndex, newText: '(double)' }], line: lineOf(e), priority: 23, why: 'a division of two integers drops the fraction before the value becomes a double' }));
}

/** printf/scanf conversions that take an argument, in order (`%%` and scanf's `%*d` take none). */
const CONVERSION = /%(\*?)[-+ #0]*(\d+|\*)?(\.(\d+|\*))?(hh|h|ll|l|L|z|j|t)?([diouxXeEfFgGaAcspn%])/g;

/** The variable an argument reads or writes: `x`, `&x`, `x[i]`, `&x[i][j]`. */
function argumentVariable(argument: SyntaxNode): string | undefined {
  let n: SyntaxNode | null = argument;
  if (n.type === 'pointer_expression' && n.text.startsWith('&')) n = n.childForFieldName('argument');
  while (n?.type === 'subscript_expression') n = n.childForFieldName('argument');
  return n?.type === 'identifier' ? n.text : undefined;
}

/** Edits that turn the `%d`-like conversions of `names`' arguments in every printf and scanf call into others (`%lld`, `%f`). */
function formatEdits(root: SyntaxNode, names: ReadonlySet<string>, to: (conversion: string, scanf: boolean) => string): TextEdit[] {
  const edits: TextEdit[] = [];
  for (const call of root.descendantsOfType('call_expression')) {
    const callee = call.childForFieldName('function')?.text ?? '';
    if (!/^(printf|scanf)$/.test(callee)) continue;
    const [format, ...args] = call.childForFieldName('arguments')?.namedChildren ?? [];
    if (format?.type !== 'string_literal') continue;
    let k = 0;
    for (const m of format.text.matchAll(CONVERSION)) {
      if (m[6] === '%' || m[1] === '*') continue;
      const argument = args[k++];
      if (!argument || !names.has(argumentVariable(argument) ?? '') || !/^[diu]$/.test(m[6]) || m[5]) continue;
      const at = format.startIndex + m.index! + m[0].length - 1;
      edits.push({ start: at, end: at + 1, newText: to(m[6], callee === 'scanf') });
    }
  }
  return edits;
}

/**
 * An `int` declaration (at file scope or in a block) with a variable in a product or a sum on a
 * suspicious line, widened to `long long`, its variables' conversions with it.
 */
export function wideningEdits(root: SyntaxNode, suspicion: Suspicion): LogicEdit[] {
  const found: LogicEdit[] = [];
  const inArithmetic = (id: SyntaxNode) => {
    const parent = id.parent?.type === 'subscript_expression' ? id.parent.parent : id.parent;
    return (parent?.type === 'binary_expression' && /^[*+-]$/.test(parent.childForFieldName('operator')?.text ?? ''))
      || (parent?.type === 'assignment_expression' && /^[*+-]=$/.test(parent.child(1)?.text ?? ''));
  };
  for (const declaration of root.descendantsOfType('declaration')) {
    const type = declaration.childForFieldName('type');
    if (type?.text !== 'int' || !/^(translation_unit|compound_statement)$/.test(declaration.parent?.type ?? '')) continue;
    // Not a function's prototype nor a pointer: only integers and arrays of them change type.
    if (declaration.descendantsOfType(['function_declarator', 'pointer_declarator']).length > 0) continue;
    const names = new Set(declaredBy(declaration).map((d) => d.name));
    const scope = declaration.parent!;
    const uses = scope.descendantsOfType('identifier').filter((id) => names.has(id.text) && id.startIndex > declaration.endIndex);
    const use = uses.find((id) => inArithmetic(id) && isSuspicious(suspicion, lineOf(id)));
    if (!use) continue;
    const edits = [{ start: type.startIndex, end: type.endIndex, newText: 'long long' }, ...formatEdits(scope, names, (c) => `ll${c}`)];
    found.push({ edits, line: lineOf(use), priority: 25, why: `the values of ${[...names].map((n) => `\`${n}\``).join(', ')} may not fit in an \`int\`` });
  }
  return found;
}

const MATH = /^(sqrt|pow|fabs|floor|ceil|exp|log|sin|cos|tan|atof)$/;

/** The floating type an expression brings in: a float or double variable's (an element's too), or `double` for a literal with a point or a math call; none if it has none. */
function floatingTypeIn(root: SyntaxNode, e: SyntaxNode): string | undefined {
  for (const n of [e, ...e.descendantsOfType(['identifier', 'number_literal', 'call_expression'])]) {
    if (n.type === 'number_literal' && /[.eE]/.test(n.text) && !/^0[xX]/.test(n.text)) return 'double';
    if (n.type === 'call_expression' && MATH.test(n.childForFieldName('function')?.text ?? '')) return 'double';
    if (n.type !== 'identifier' || n.parent?.type === 'call_expression') continue;
    const declared = declaredNameOf(root, n);
    if (declared && isFloatingType(declared.type) && declared.pointers === 0) return declared.type;
  }
  return undefined;
}

/** The declaration that declares the variable at offset `at`, and which of its declarators does. */
function declarationAt(root: SyntaxNode, at: number): { declaration: SyntaxNode; k: number } | undefined {
  const declaration = declarationOf(root, at);
  const k = declaration?.type === 'declaration' ? declaration.childrenForFieldName('declarator').findIndex((d) => d.startIndex <= at && at < d.endIndex) : -1;
  return k < 0 ? undefined : { declaration: declaration!, k };
}

/** The declaration's variable `k` given type `type`: the whole declaration's type when it declares only it, else a declaration of its own after it. */
function retyped(declaration: SyntaxNode, k: number, type: string): TextEdit[] {
  const declarators = declaration.childrenForFieldName('declarator');
  const typeNode = declaration.childForFieldName('type')!;
  if (declarators.length === 1) return [{ start: typeNode.startIndex, end: typeNode.endIndex, newText: type }];
  const own = declarators[k];
  const removed = k === 0 ? { start: own.startIndex, end: declarators[1].startIndex } : { start: declarators[k - 1].endIndex, end: own.endIndex };
  return [{ ...removed, newText: '' }, { start: declaration.endIndex, end: declaration.endIndex, newText: ` ${type} ${own.text};` }];
}

/**
 * An `int` variable that takes floating values (`s += x` with `x` a float, `m = t / 2.0`), which
 * drops their fractions: declared with their type, and its conversions with it (`%d` to `%f`).
 */
export function truncationEdits(root: SyntaxNode, suspicion: Suspicion): LogicEdit[] {
  const found = new Map<string, LogicEdit>();
  for (const a of root.descendantsOfType('assignment_expression')) {
    const [left, right] = [a.childForFieldName('left'), a.childForFieldName('right')];
    if (left?.type !== 'identifier' || !right || !isSuspicious(suspicion, lineOf(a))) continue;
    const declared = namesInScope(root, a.startIndex).find((d) => d.name === left.text);
    const type = floatingTypeIn(root, right);
    const at = declared && declarationAt(root, declared.at);
    if (!declared || declared.type !== 'int' || declared.arrayDims > 0 || declared.pointers > 0 || !type || !at || found.has(`${declared.at}`)) continue;
    const scope = at.declaration.parent ?? root;
    const edits = [...retyped(at.declaration, at.k, type), ...formatEdits(scope, new Set([declared.name]), (_, scanf) => (type === 'long double' ? 'Lf' : scanf && type === 'double' ? 'lf' : 'f'))];
    found.set(`${declared.at}`, { edits, line: lineOf(a), priority: 24, why: `\`${declared.name}\` is an \`int\`: it drops the fraction of the ${type} value it takes` });
  }
  return [...found.values()];
}

/** A number with a fraction in a test's input (`1.5`, `-0.25`). */
const FRACTION = /(^|[^\w.])-?\d*\.\d+/;

/**
 * An `int` read with `%d` where the failing test's input has numbers with fractions (`3 1.5 2.7`):
 * `%d` stops at the point, and every read after it fails. Each such variable declared `double`, its
 * conversions with it (`%lf` to read, `%f` to print).
 */
export function fractionInputEdits(root: SyntaxNode, suspicion: Suspicion, failing?: { input?: string }): LogicEdit[] {
  if (!FRACTION.test(failing?.input ?? '')) return [];
  const found = new Map<number, LogicEdit>();
  for (const call of root.descendantsOfType('call_expression')) {
    if (call.childForFieldName('function')?.text !== 'scanf' || !isSuspicious(suspicion, lineOf(call))) continue;
    for (const argument of call.childForFieldName('arguments')?.namedChildren.slice(1) ?? []) {
      const name = argumentVariable(argument);
      const declared = name && namesInScope(root, call.startIndex).find((d) => d.name === name);
      const at = declared && declarationAt(root, declared.at);
      if (!declared || declared.type !== 'int' || declared.arrayDims > 0 || declared.pointers > 0 || !at || found.has(declared.at)) continue;
      const edits = [...retyped(at.declaration, at.k, 'double'), ...formatEdits(at.declaration.parent ?? root, new Set([declared.name]), (_, scanf) => (scanf ? 'lf' : 'f'))];
      found.set(declared.at, { edits, line: lineOf(call), priority: 23, why: `the test's input has numbers with a fraction, which \`${declared.name}\`, an \`int\` read with \`%d\`, cannot take` });
    }
  }
  return [...found.values()];
}

/**
 * `abs(x)` of a floating value: `abs` takes an `int`, so the fraction is gone; `fabs(x)` (with
 * `<math.h>` included where the program lacks it).
 */
export function floatAbsEdits(root: SyntaxNode, suspicion: Suspicion): LogicEdit[] {
  const include = includeEdits(sourceOf(root), 'math.h');
  const found: LogicEdit[] = [];
  for (const call of root.descendantsOfType('call_expression')) {
    const callee = call.childForFieldName('function');
    const argument = call.childForFieldName('arguments')?.namedChildren[0];
    if (callee?.text !== 'abs' || !argument || !floatingTypeIn(root, argument) || !isSuspicious(suspicion, lineOf(call))) continue;
    const edits: TextEdit[] = [{ start: callee.startIndex, end: callee.endIndex, newText: 'fabs' }, ...include];
    found.push({ edits, line: lineOf(call), priority: 22, why: '`abs` takes an `int`: the fraction of a floating value is lost' });
  }
  return found;
}

/** A cast to `float` (about 7 digits) where a `double` was needed: `(float)(a + b) / c` printed with `%.12f`. */
export function floatCastEdits(root: SyntaxNode, suspicion: Suspicion): LogicEdit[] {
  return root.descendantsOfType('cast_expression')
    .map((cast) => cast.childForFieldName('type'))
    .filter((type): type is SyntaxNode => type?.text === 'float' && isSuspicious(suspicion, lineOf(type)))
    .map((type) => ({ edits: [{ start: type.startIndex, end: type.endIndex, newText: 'double' }], line: lineOf(type), priority: 22, why: 'a `float` keeps about 7 digits: the value needed a `double`' }));
}

/** True when the node is a modulus: a name (`MOD`, `m`) or a number of 1000 or more (`1000000007`). */
const isModulus = (n: SyntaxNode | null) => n?.type === 'identifier' || (n?.type === 'number_literal' && /^\d+$/.test(n.text) && Number(n.text) >= 1000);

/** A binary expression's operator (`''` for any other node). */
const operatorOf = (n: SyntaxNode | null | undefined) => (n?.type === 'binary_expression' ? n.childForFieldName('operator')?.text ?? '' : '');

/**
 * Remainders modulo a large number, as contest tasks ask for: a difference's remainder is negative
 * in C when the difference is (`(a - b) % MOD` to `((a - b) % MOD + MOD) % MOD`), and a product of
 * three factors overflows before its one remainder (`a * b * c % MOD` takes `% MOD` after `a * b` too).
 */
export function moduloEdits(root: SyntaxNode, suspicion: Suspicion): LogicEdit[] {
  const found: LogicEdit[] = [];
  for (const e of root.descendantsOfType('binary_expression')) {
    const [left, modulus] = [e.childForFieldName('left'), e.childForFieldName('right')];
    if (operatorOf(e) !== '%' || !left || !isModulus(modulus) || !isSuspicious(suspicion, lineOf(e))) continue;
    const m = modulus!.text;
    if (left.descendantsOfType('binary_expression').some((d) => operatorOf(d) === '-')) {
      found.push({ edits: [{ start: e.startIndex, end: e.endIndex, newText: `((${left.text}) % ${m} + ${m}) % ${m}` }], line: lineOf(e), priority: 24, why: `the remainder of a negative difference is negative in C` });
    }
    const product = unparenthesized(left);
    const inner = operatorOf(product) === '*' ? product!.childForFieldName('left') : null;
    if (inner && operatorOf(unparenthesized(inner)) === '*') {
      found.push({ edits: [{ start: inner.startIndex, end: inner.endIndex, newText: `(${inner.text} % ${m})` }], line: lineOf(e), priority: 24, why: `a product of three factors overflows before its remainder is taken` });
    }
  }
  return found;
}

/** The letter an alphabet the program names starts at: `'a'` where it writes `'a'` or `'z'`, `'A'` likewise. */
function alphabetsOf(root: SyntaxNode): string[] {
  const letters = new Set(root.descendantsOfType('char_literal').map((c) => c.text));
  return [...(letters.has("'a'") || letters.has("'z'") ? ["'a'"] : []), ...(letters.has("'A'") || letters.has("'Z'") ? ["'A'"] : [])];
}

/** The declared type of a variable or an array's element, and how many pointers or array levels deep it is (`s[i]` of `char s[9]`: `char`, 0). */
function shapeOf(root: SyntaxNode, node: SyntaxNode | null | undefined): { type: string; depth: number } | undefined {
  const e = unparenthesized(node);
  const name = e?.type === 'subscript_expression' ? e.childForFieldName('argument') : e;
  const d = name?.type === 'identifier' ? declaredNameOf(root, name) : undefined;
  return d && { type: d.type, depth: d.pointers + d.arrayDims - (e === name ? 0 : 1) };
}

/** True when `node` is a `char` value (a variable, or an element of a `char` array). */
function isChar(root: SyntaxNode, node: SyntaxNode | null | undefined): boolean {
  const shape = shapeOf(root, node);
  return shape?.type === 'char' && shape.depth === 0;
}

/** `#include <header>` at the program's start, where the program lacks it. */
function includeEdits(text: string, header: string): TextEdit[] {
  return new RegExp(`#\\s*include\\s*<${header.replace('.', '\\.')}>`).test(text) ? [] : [{ start: 0, end: 0, newText: `#include <${header}>\n` }];
}

/**
 * A letter shifted past the end of the alphabet (`s[i] = s[i] + k`, `c = 'a' + m`) where the task
 * wraps around to its start: the shift taken modulo 26 from the alphabet's first letter
 * (`'a' + m % 26`, `'a' + (s[i] + k - 'a') % 26`), for each alphabet the program names.
 */
export function alphabetWrapEdits(root: SyntaxNode, suspicion: Suspicion): LogicEdit[] {
  const alphabets = alphabetsOf(root);
  if (alphabets.length === 0) return [];
  const found: LogicEdit[] = [];
  for (const e of root.descendantsOfType('assignment_expression')) {
    const [left, right] = [e.childForFieldName('left'), unparenthesized(e.childForFieldName('right'))];
    if (e.childForFieldName('operator')?.text !== '=' || !left || !right || operatorOf(right) !== '+' || !isSuspicious(suspicion, lineOf(e)) || !isChar(root, left)) continue;
    for (const first of alphabets) {
      const [from, by] = [right.childForFieldName('left'), right.childForFieldName('right')];
      const operand = by && /^(identifier|number_literal|subscript_expression|parenthesized_expression)$/.test(by.type) ? by.text : `(${by?.text})`;
      const wrapped = from?.text === first && by ? `${first} + ${operand} % 26` : `${first} + (${right.text} - ${first}) % 26`;
      found.push({ edits: [{ start: right.startIndex, end: right.endIndex, newText: wrapped }], line: lineOf(e), priority: 24, why: `a letter shifted past the end of the alphabet wraps around to ${first}` });
    }
  }
  return found;
}

/**
 * An offset on the wrong side of a remainder: `(x + t) % 12 - 1` where the index wraps after the
 * step (`(x + t - 1) % 12`), and `(c - 'a' + k) % 26` the other way round; each moved across.
 */
export function moduloOffsetEdits(root: SyntaxNode, suspicion: Suspicion): LogicEdit[] {
  const text = sourceOf(root);
  const found: LogicEdit[] = [];
  const why = 'the offset belongs on the other side of the remainder';
  for (const e of root.descendantsOfType('binary_expression')) {
    const [rawLeft, right, op] = [e.childForFieldName('left'), e.childForFieldName('right'), operatorOf(e)];
    const left = unparenthesized(rawLeft);
    if (!rawLeft || !left || !right || !isSuspicious(suspicion, lineOf(e))) continue;
    if (/^[-+]$/.test(op) && operatorOf(left) === '%' && right.type === 'number_literal') {
      // `A % m - k` to `(A - k) % m`, in the student's spacing.
      const a = left.childForFieldName('left')!;
      const offset = text.slice(rawLeft.endIndex, e.endIndex);
      const into = a.type === 'parenthesized_expression'
        ? [{ start: a.endIndex - 1, end: a.endIndex - 1, newText: offset }]
        : [{ start: a.startIndex, end: a.startIndex, newText: '(' }, { start: a.endIndex, end: a.endIndex, newText: `${offset})` }];
      found.push({ edits: [...into, { start: rawLeft.endIndex, end: e.endIndex, newText: '' }], line: lineOf(e), priority: 24, why });
    }
    const offset = left.childForFieldName('right');
    if (op === '%' && rawLeft.type === 'parenthesized_expression' && /^[-+]$/.test(operatorOf(left)) && offset?.type === 'number_literal') {
      // `(A - k) % m` to `(A) % m - k`.
      const a = left.childForFieldName('left')!;
      found.push({ edits: [{ start: a.endIndex, end: offset.endIndex, newText: '' }, { start: e.endIndex, end: e.endIndex, newText: text.slice(a.endIndex, offset.endIndex) }], line: lineOf(e), priority: 24, why });
    }
  }
  return found;
}

/**
 * A dereference that binds tighter than meant: `*p + i` for the element `*(p + i)` (an array
 * walked through a pointer), and `*p++;` as a statement, which steps the pointer and drops the
 * value, for `(*p)++;`.
 */
export function dereferenceEdits(root: SyntaxNode, suspicion: Suspicion): LogicEdit[] {
  const found: LogicEdit[] = [];
  const addressable = (n: SyntaxNode | null | undefined) => n?.type === 'identifier' && (shapeOf(root, n)?.depth ?? 0) > 0;
  for (const e of root.descendantsOfType('binary_expression')) {
    const [left, right] = [e.childForFieldName('left'), e.childForFieldName('right')];
    if (!/^[-+]$/.test(operatorOf(e)) || left?.type !== 'pointer_expression' || left.childForFieldName('operator')?.text !== '*' || !right || !isSuspicious(suspicion, lineOf(e))) continue;
    const pointer = left.childForFieldName('argument');
    if (!addressable(pointer)) continue;
    found.push({ edits: [{ start: e.startIndex, end: e.endIndex, newText: `*(${pointer!.text} ${operatorOf(e)} ${right.text})` }], line: lineOf(e), priority: 22, why: `\`*\` binds tighter than \`${operatorOf(e)}\`: the element at \`${pointer!.text} ${operatorOf(e)} ${right.text}\` was meant` });
  }
  for (const statement of root.descendantsOfType('expression_statement')) {
    const deref = statement.namedChildren[0];
    const step = deref?.type === 'pointer_expression' && deref.childForFieldName('operator')?.text === '*' ? deref.childForFieldName('argument') : undefined;
    const operand = step?.type === 'update_expression' ? step.childForFieldName('argument') : undefined;
    if (!operand || !addressable(operand) || !isSuspicious(suspicion, lineOf(statement))) continue;
    const op = step!.text.endsWith('++') ? '++' : step!.text.endsWith('--') ? '--' : undefined;
    if (op) found.push({ edits: [{ start: deref!.startIndex, end: deref!.endIndex, newText: `(*${operand.text})${op}` }], line: lineOf(statement), priority: 22, why: `\`*${operand.text}${op}\` steps the pointer, not the value it points at` });
  }
  return found;
}

/**
 * Characters used as numbers: a digit character added into an integer without `- '0'` (`sum +=
 * s[i]` for the digit's value, `n = n * 10 + c`), and two strings compared with `==` or `!=`,
 * which compares their addresses, as `strcmp` (its header included where the program lacks it).
 */
export function characterValueEdits(root: SyntaxNode, suspicion: Suspicion): LogicEdit[] {
  const text = sourceOf(root);
  const found: LogicEdit[] = [];
  const isString = (n: SyntaxNode | null | undefined) => { const d = shapeOf(root, n); return d?.type === 'char' && d.depth === 1; };
  for (const a of root.descendantsOfType('assignment_expression')) {
    const [left, right, op] = [a.childForFieldName('left'), a.childForFieldName('right'), a.childForFieldName('operator')?.text];
    const target = shapeOf(root, left);
    if (!right || !target || target.depth !== 0 || !/^(int|long|long long|unsigned)$/.test(target.type) || !isSuspicious(suspicion, lineOf(a))) continue;
    // `sum += c`, or the last term of `sum = sum + c` and `n = n * 10 + c`.
    const added = op === '+=' ? right : op === '=' && operatorOf(unparenthesized(right)) === '+' ? unparenthesized(right)!.childForFieldName('right') : undefined;
    if (added && isChar(root, added)) {
      found.push({ edits: [{ start: added.startIndex, end: added.endIndex, newText: `(${added.text} - '0')` }], line: lineOf(a), priority: 22, why: `\`${added.text}\` is a digit's character, not its value` });
    }
  }
  const include = includeEdits(text, 'string.h');
  for (const e of root.descendantsOfType('binary_expression')) {
    const [l, r, op] = [e.childForFieldName('left'), e.childForFieldName('right'), operatorOf(e)];
    if (!/^[!=]=$/.test(op) || !isString(l) || !(isString(r) || r?.type === 'string_literal') || !isSuspicious(suspicion, lineOf(e))) continue;
    found.push({ edits: [...include, { start: e.startIndex, end: e.endIndex, newText: `strcmp(${l!.text}, ${r!.text}) ${op} 0` }], line: lineOf(e), priority: 22, why: `\`${op}\` compares where the strings are, not what they hold` });
  }
  return found;
}

/** π to more digits than a double holds. */
const PI = '3.14159265358979323846';

/** π written short (`3.14`, `3.1416`), every such literal of the program at once: a task's answers often need its full precision. */
export function shortPiEdits(root: SyntaxNode, suspicion: Suspicion): LogicEdit[] {
  const short = root.descendantsOfType('number_literal').filter((n) => /^3\.14\d{0,8}[fFlL]?$/.test(n.text));
  if (short.length === 0 || !short.some((n) => isSuspicious(suspicion, lineOf(n)))) return [];
  const edits = short.map((n) => ({ start: n.startIndex, end: n.endIndex, newText: PI }));
  return [{ edits, line: lineOf(short.find((n) => isSuspicious(suspicion, lineOf(n)))!), priority: 24, why: `π written as ${short[0].text} is too short for the answers' precision` }];
}

/** The numbers an output prints, in order, with their signs. */
const numbersPrinted = (output: string) => output.match(/-?\d+(?:\.\d+)?/g) ?? [];

/** The call that takes a printf conversion's value without its sign, and the header it is declared in. */
function absoluteOf(conversion: string): { call: string; header: string } | undefined {
  if (/[eEfgG]$/.test(conversion)) return { call: 'fabs', header: 'math.h' };
  if (!/[di]$/.test(conversion)) return undefined;
  return { call: /ll[di]$/.test(conversion) ? 'llabs' : /l[di]$/.test(conversion) ? 'labs' : 'abs', header: 'stdlib.h' };
}

/**
 * A value printed with a minus sign where the failing test expects the same number without it (an
 * area or a distance from coordinates in another order): each value a suspicious printf prints,
 * taken without its sign (`fabs(c)`, `abs(d)`), its header included where the program lacks it.
 */
export function absoluteValueEdits(root: SyntaxNode, suspicion: Suspicion, failing?: { expected: string; actual: string }): LogicEdit[] {
  const [printed, wanted] = [numbersPrinted(failing?.actual ?? ''), numbersPrinted(failing?.expected ?? '')];
  if (printed.length !== wanted.length || !printed.some((n, k) => n === `-${wanted[k]}`)) return [];
  const text = sourceOf(root);
  const found: LogicEdit[] = [];
  for (const call of root.descendantsOfType('call_expression')) {
    const args = call.childForFieldName('arguments')?.namedChildren ?? [];
    if (call.childForFieldName('function')?.text !== 'printf' || args[0]?.type !== 'string_literal' || !isSuspicious(suspicion, lineOf(call))) continue;
    const conversions = [...args[0].text.matchAll(CONVERSION)].map((m) => m[0]).filter((c) => c !== '%%');
    args.slice(1).forEach((arg, k) => {
      const absolute = conversions[k] && absoluteOf(conversions[k]);
      if (!absolute || arg.type === 'number_literal') return;
      found.push({ edits: [...includeEdits(text, absolute.header), { start: arg.startIndex, end: arg.endIndex, newText: `${absolute.call}(${arg.text})` }], line: lineOf(call), priority: 6, guided: true, why: 'the test expects the value without its minus sign' });
    });
  }
  return found;
}

/** The start of the operand that ends with token `k`: a name, a number, an element (`a[i]`) or a group; undefined for a call. */
function operandStart(tokens: readonly Token[], k: number): number | undefined {
  const t = tokens[k];
  if (t?.kind === 'identifier' || t?.kind === 'number') return k;
  const close = t?.text === ')' ? '(' : t?.text === ']' ? '[' : undefined;
  if (!close) return undefined;
  let depth = 0;
  for (let j = k; j >= 0; j--) {
    if (tokens[j].text === t.text) depth++;
    else if (tokens[j].text === close && --depth === 0) {
      if (close === '[') return operandStart(tokens, j - 1);
      return tokens[j - 1]?.kind === 'identifier' ? undefined : j;
    }
  }
  return undefined;
}

/**
 * `x ^ 2` meant as a square: `^` is C's exclusive or, not a power (and it binds looser than `+`, so
 * `(a - b)^2 + (c - d)^2` is not even grouped as meant). Each square written as a product of its
 * operand (a name, an element or a group, not a call), all of a line's at once, then each alone.
 */
export function xorSquareEdits(text: string, tokens: readonly Token[], suspicion: Suspicion): LogicEdit[] {
  const byLine = new Map<number, TextEdit[]>();
  tokens.forEach((t, k) => {
    if (t.text !== '^' || tokens[k + 1]?.text !== '2' || !isSuspicious(suspicion, t.line + 1)) return;
    const from = operandStart(tokens, k - 1);
    if (from === undefined) return;
    const operand = text.slice(tokens[from].start, tokens[k - 1].end);
    byLine.set(t.line, [...(byLine.get(t.line) ?? []), { start: tokens[from].start, end: tokens[k + 1].end, newText: `(${operand} * ${operand})` }]);
  });
  const why = '`^` is exclusive or in C, not a power: the square is a product';
  return [...byLine].flatMap(([line, edits]) => (edits.length > 1 ? [edits, ...edits.map((e) => [e])] : [edits]).map((e) => ({ edits: e, line: line + 1, priority: 10, why })));
}

/** The terms of a sum or difference (`a*a + b*b - r`: `a*a`, `b*b`, `r`), parentheses kept. */
function additiveTerms(e: SyntaxNode): SyntaxNode[] {
  return /^[+-]$/.test(operatorOf(e)) ? [...additiveTerms(e.childForFieldName('left')!), ...additiveTerms(e.childForFieldName('right')!)] : [e];
}

/** True when the term is a square: `x * x` of one operand, or `pow(x, 2)`. */
function isSquare(term: SyntaxNode): boolean {
  const t = unparenthesized(term)!;
  if (operatorOf(t) === '*') return t.childForFieldName('left')!.text.replace(/\s/g, '') === t.childForFieldName('right')!.text.replace(/\s/g, '');
  const args = t.type === 'call_expression' && t.childForFieldName('function')?.text === 'pow' ? t.childForFieldName('arguments')?.namedChildren : undefined;
  return args?.length === 2 && args[1].text === '2';
}

/**
 * A sum of squares with one term left unsquared (`(x-x1)*(x-x1) + (y-y1)*(y-y1) - r` for the power
 * of a point, where `r*r` was meant): each such plain term (a name or an element) squared.
 */
export function unsquaredTermEdits(root: SyntaxNode, suspicion: Suspicion): LogicEdit[] {
  const found: LogicEdit[] = [];
  for (const e of root.descendantsOfType('binary_expression')) {
    // The whole sum only: not a part of a larger one.
    if (!/^[+-]$/.test(operatorOf(e)) || /^[+-]$/.test(operatorOf(e.parent)) || !isSuspicious(suspicion, lineOf(e))) continue;
    const terms = additiveTerms(e);
    if (terms.filter(isSquare).length < 2) continue;
    for (const t of terms.filter((t) => /^(identifier|subscript_expression|field_expression)$/.test(t.type))) {
      found.push({ edits: [{ start: t.startIndex, end: t.endIndex, newText: `${t.text} * ${t.text}` }], line: lineOf(t), priority: 14, why: `the other terms of the sum are squares: \`${t.text}\` was meant squared too` });
    }
  }
  return found;
}

/** Operators that bind tighter than the ones they sit under, in the slips `precedenceEdits` looks for. */
const TIGHTER: Record<string, RegExp> = { '+': /^[*/%]$/, '-': /^[*/%]$/, '&': /^(==|!=|<|>|<=|>=)$/, '|': /^(==|!=|<|>|<=|>=)$/, '^': /^(==|!=|<|>|<=|>=)$/ };

/**
 * Parentheses where C's precedence groups otherwise than the student meant: `n - 1 / 2` divides
 * only the 1 (`(n - 1) / 2`), `a + b * c` meant as `(a + b) * c`... and `x & 1 == 0` compares
 * first (`(x & 1) == 0`). Single guesses, within the search's budget.
 */
export function precedenceEdits(root: SyntaxNode, suspicion: Suspicion): LogicEdit[] {
  const found: LogicEdit[] = [];
  const group = (from: SyntaxNode, to: SyntaxNode, line: number, why: string) =>
    found.push({ edits: [{ start: from.startIndex, end: from.startIndex, newText: '(' }, { start: to.endIndex, end: to.endIndex, newText: ')' }], line, priority: 24, why });
  for (const e of root.descendantsOfType('binary_expression')) {
    const outer = operatorOf(e);
    const [left, right] = [e.childForFieldName('left'), e.childForFieldName('right')];
    if (!TIGHTER[outer] || !left || !right || !isSuspicious(suspicion, lineOf(e))) continue;
    // `a + b / c`: the tighter operator on the right took b alone.
    if (TIGHTER[outer].test(operatorOf(right))) {
      const inner = right.childForFieldName('left')!;
      group(left, inner, lineOf(e), `\`${right.childForFieldName('operator')!.text}\` binds tighter than \`${outer}\`: it took \`${inner.text}\` alone`);
    }
    // `a * b + c` meant as `a * (b + c)`.
    if (/^[+-]$/.test(outer) && TIGHTER[outer].test(operatorOf(left))) {
      const inner = left.childForFieldName('right')!;
      group(inner, right, lineOf(e), `\`${left.childForFieldName('operator')!.text}\` binds tighter than \`${outer}\`: it took \`${inner.text}\` alone`);
    }
  }
  return found;
}
