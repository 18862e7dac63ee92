// Small logic edits for a program that compiles but fails its tests: the slips that novices make
// most (a wrong relational or arithmetic operator, an off-by-one bound or constant, && for ||, an
// extra term in a condition, the wrong variable of the same type, a missing initialisation, an
// extra statement or a missing break, a wrong printf format or literal text, a `;` after a loop's
// header, `=` for `==`, two arguments, parameters, conditions or operands the wrong way round:
// swapEdits.ts; an operand one off: operandShiftEdits.ts), and the whole-statement patterns of
// patternEdits.ts, loopEdits.ts, returnEdits.ts, extraOutputEdits.ts, extremeEdits.ts,
// arraySizeEdits.ts, stringEdits.ts, jumpEdits.ts, branchOrderEdits.ts, indexEdits.ts and
// arithmeticEdits.ts.
// Each candidate is one small edit; the tests judge them. With a fault localization the most
// suspicious lines go first, and lines no failing test ran are left out.
import { codeTokens, Token } from '../c/lexer';
import { conditionsOf, enclosingLoop, lineOf, parseC, SyntaxNode } from '../c/parser';
import { declaredBy, namesInScope } from '../c/scopes';
import type { TextEdit } from '../oracle/compiler';
import { absoluteValueEdits, alphabetWrapEdits, characterValueEdits, dereferenceEdits, floatAbsEdits, floatCastEdits, fractionInputEdits, integerDivisionEdits, moduloEdits, moduloOffsetEdits, precedenceEdits, shortPiEdits, truncationEdits, unsquaredTermEdits, wideningEdits, xorSquareEdits } from './arithmeticEdits';
import { arraySizeEdits } from './arraySizeEdits';
import { branchStatementEdits } from './branchEdits';
import { branchOrderEdits } from './branchOrderEdits';
import { enclosingParen } from './cSyntax';
import { commentedCodeEdits } from './commentedCodeEdits';
import { leftoverPrintEdits, unwantedTextEdits } from './extraOutputEdits';
import { extremeIndexEdits, extremeStartEdits } from './extremeEdits';
import { blameDecisions, isSuspicious, suspicionStep, type Suspicion } from './faultLocalization';
import { formatArgumentEdits } from './formatArgumentEdits';
import { hardcodedValueEdits } from './hardcodedEdits';
import { indexElementEdits } from './indexEdits';
import { deadCodeEdits, jumpAfterIfEdits } from './jumpEdits';
import { unbracedBodyEdits } from './layoutEdits';
import { doWhileEdits, firstPassEdits, hoistedResetEdits, innerCounterEdits, loopAnswerEdits, nestBoundEdits, printOnceEdits, rowEndEdits, sameElementEdits, searchExitEdits, shiftBackEdits, sentinelEdits, stuckLoopEdits, unboundedWalkEdits, unusedCounterEdits } from './loopEdits';
import { operandShiftEdits } from './operandShiftEdits';
import { outputDiffEdits } from './outputDiffEdits';
import { outputLiteralEdits } from './outputEdits';
import {
  elseChainEdits, forgottenCallEdits, forgottenReadEdits, formatlessPrintEdits, lostSwapEdits, missingElseEdits, newlineOnceEdits, printedIndexEdits,
  printedNameEdits, readOrderEdits, renameEdits, resetEdits, scanfFormatEdits, readLoopEdits,
} from './patternEdits';
import { redirectedStreamEdits } from './redirectEdits';
import { droppedResultEdits, missingReturnEdits, printedResultEdits } from './returnEdits';
import { usedUpValueEdits } from './savedValueEdits';
import { argumentStepEdits } from './sideEffectEdits';
import { unterminatedStringEdits } from './stringEdits';
import { swapEdits } from './swapEdits';

const RELATIONAL: Record<string, string[]> = {
  '<': ['<=', '>', '!='],
  '<=': ['<', '>=', '=='],
  '>': ['>=', '<', '!='],
  '>=': ['>', '<=', '=='],
  '==': ['!=', '<=', '>='],
  '!=': ['==', '<', '>'],
};
const LOGICAL: Record<string, string[]> = { '&&': ['||'], '||': ['&&'] };
const ARITHMETIC: Record<string, string[]> = {
  '+': ['-'], '-': ['+'], '*': ['/', '+'], '/': ['*', '%'], '%': ['/'],
  '+=': ['-='], '-=': ['+='], '++': ['--'], '--': ['++'],
  // A bitwise operator in novice code is a slip: `n & 10` for `n % 10`, `a > 0 | b > 0` for `||`.
  '&': ['%', '&&'], '|': ['||'],
};

/** An edit (one place, or the same change at sibling places), the 1-based line it is about, and how likely such a slip is (lower first). */
export interface LogicEdit {
  edits: TextEdit[];
  line: number;
  priority: number;
  /** Derived from the failing test's own output (not a guess): tried before all guesses. */
  guided?: boolean;
  /** The same change as the edit before it, also at the places that stand alike: extra to the search's budget. */
  sibling?: boolean;
  /** A whole-statement pattern (patternEdits.ts, loopEdits.ts, arithmeticEdits.ts; a numbered family renamed): a program has few, so all are tried, past the search's budget too. */
  pattern?: boolean;
  /** What the pattern found wrong, in words, for the edit's explanation. */
  why?: string;
  /** Digits of the failing test's expected output written into a literal: fitted to that test, so taken only when it passes every test. */
  fitsTest?: boolean;
}

export interface LogicSearchContext {
  /** Suspiciousness of lines from the tests (faultLocalization.ts). */
  suspicion?: Suspicion;
  /** The first failing test's output, for edits of the text the program prints, and its input. */
  failing?: { expected: string; actual: string; input?: string };
}

/**
 * True when the token sits in a condition: inside if/while/for parentheses, directly or, for an
 * operator that makes a truth value, through inner parentheses too (`if (!(a && b))`), but not
 * through a call's.
 */
function inCondition(tokens: readonly Token[], i: number): boolean {
  const decides = RELATIONAL[tokens[i].text] !== undefined || LOGICAL[tokens[i].text] !== undefined;
  for (let open = enclosingParen(tokens, i); open > 0; open = enclosingParen(tokens, open)) {
    if (/^(if|while|for)$/.test(tokens[open - 1].text)) return true;
    if (!decides || tokens[open - 1].kind === 'identifier') return false;
  }
  return false;
}

/** Candidate logic edits, most promising first (those derived from the failing output marked `guided`). */
export function logicMutations(text: string, context: LogicSearchContext = {}): LogicEdit[] {
  const tokens = codeTokens(text);
  const found: LogicEdit[] = withSiblings(tokens, tokenEdits(tokens));
  const root = context.suspicion && parseC(text).rootNode;
  if (root && context.suspicion) {
    // Scope-aware edits multiply the candidates: only on lines the failing tests point at.
    const suspicion = context.suspicion;
    found.push(...variableEdits(root, tokens, suspicion), ...memberEdits(root, suspicion), ...subscriptEdits(root, suspicion), ...statementEdits(root, suspicion), ...initialisationEdits(root, suspicion));
    found.push(...conditionTermEdits(root, suspicion), ...classicSlipEdits(root, suspicion), ...swapEdits(root, suspicion));
    // A nested loop's constants as the outer counter: a few per loop, so guesses within the budget.
    found.push(...renameEdits(root, suspicion), ...precedenceEdits(root, suspicion), ...innerCounterEdits(root, suspicion), ...hardcodedValueEdits(root, suspicion), ...branchStatementEdits(root, suspicion));
    found.push(...operandShiftEdits(root, suspicion));
    const patterns = [
      ...printedIndexEdits(root, suspicion, context.failing), ...resetEdits(root, suspicion), ...newlineOnceEdits(root, suspicion, context.failing),
      ...scanfFormatEdits(root, suspicion), ...missingElseEdits(root, suspicion, context.failing),
      ...leftoverPrintEdits(root, suspicion, context.failing), ...unwantedTextEdits(root, context.failing), ...forgottenReadEdits(root, suspicion, context.failing), ...readOrderEdits(root, suspicion), ...forgottenCallEdits(root, suspicion), ...formatlessPrintEdits(root, suspicion),
      ...printedNameEdits(root, suspicion), ...lostSwapEdits(root, suspicion), ...missingReturnEdits(root, suspicion), ...droppedResultEdits(root, suspicion), ...printedResultEdits(root, suspicion), ...readLoopEdits(root, suspicion),
      ...elseChainEdits(root, suspicion, context.failing), ...branchOrderEdits(root, suspicion, context.failing), ...redirectedStreamEdits(root), ...xorSquareEdits(text, tokens, suspicion), ...unsquaredTermEdits(root, suspicion), ...commentedCodeEdits(root, suspicion), ...formatArgumentEdits(root, suspicion), ...argumentStepEdits(root, suspicion),
      ...loopAnswerEdits(root, suspicion), ...searchExitEdits(root, suspicion), ...sentinelEdits(root, suspicion), ...doWhileEdits(root, suspicion), ...stuckLoopEdits(root, suspicion), ...unusedCounterEdits(root, suspicion), ...sameElementEdits(root, suspicion), ...shiftBackEdits(root, suspicion), ...unboundedWalkEdits(root, suspicion), ...unbracedBodyEdits(root, suspicion), ...usedUpValueEdits(root, suspicion), ...deadCodeEdits(root, suspicion), ...jumpAfterIfEdits(root, suspicion),
      ...hoistedResetEdits(root, suspicion), ...nestBoundEdits(root, suspicion), ...printOnceEdits(root, suspicion, context.failing), ...rowEndEdits(root, suspicion, context.failing), ...firstPassEdits(root, suspicion),
      ...integerDivisionEdits(root, suspicion), ...wideningEdits(root, suspicion), ...truncationEdits(root, suspicion), ...fractionInputEdits(root, suspicion, context.failing), ...floatAbsEdits(root, suspicion), ...floatCastEdits(root, suspicion), ...moduloEdits(root, suspicion), ...alphabetWrapEdits(root, suspicion), ...absoluteValueEdits(root, suspicion, context.failing), ...shortPiEdits(root, suspicion), ...dereferenceEdits(root, suspicion), ...characterValueEdits(root, suspicion), ...indexElementEdits(root, suspicion), ...moduloOffsetEdits(root, suspicion), ...extremeStartEdits(root, suspicion), ...extremeIndexEdits(root, suspicion), ...arraySizeEdits(root, suspicion), ...unterminatedStringEdits(root, suspicion),
    ];
    found.push(...patterns.map((e) => ({ ...e, pattern: true })));
  }
  if (context.failing) found.push(...outputLiteralEdits(tokens, context.failing), ...outputDiffEdits(tokens, context.failing));
  return rank(found, root && context.suspicion && blameDecisions(root, context.suspicion));
}

/**
 * Edits derived from the failing output first, then the most suspicious lines (in steps of 0.1, so
 * that near-equal lines share a step), then the likelier slip. Without a localization the slip's
 * likelihood alone orders the guesses.
 */
function rank(found: LogicEdit[], suspicion?: Suspicion): LogicEdit[] {
  const step = (e: LogicEdit) => suspicionStep(suspicion, e.line);
  return found
    .filter((e) => !suspicion || isSuspicious(suspicion, e.line))
    .sort((a, b) => Number(b.guided ?? false) - Number(a.guided ?? false) || step(b) - step(a) || a.priority - b.priority || a.edits[0].start - b.edits[0].start);
}

/** Operators, logical connectives, and off-by-one integer constants (conditions first). */
function tokenEdits(tokens: readonly Token[]): LogicEdit[] {
  const found: LogicEdit[] = [];
  tokens.forEach((token, i) => {
    const base = inCondition(tokens, i) ? 0 : 20;
    const replace = (texts: string[], priority: number) =>
      texts.forEach((newText, k) => found.push({ edits: [{ start: token.start, end: token.end, newText }], line: token.line + 1, priority: priority + k }));
    if (token.kind === 'punct' && RELATIONAL[token.text]) replace(RELATIONAL[token.text], base);
    else if (token.kind === 'punct' && LOGICAL[token.text]) replace(LOGICAL[token.text], base + 2);
    else if (token.kind === 'punct' && ARITHMETIC[token.text] && !isUnary(tokens, i)) replace(ARITHMETIC[token.text], base + 8);
    else if (token.kind === 'number' && /^\d+$/.test(token.text)) {
      const n = Number(token.text);
      replace([String(n + 1), ...(n > 0 ? [String(n - 1)] : [])], base + 4);
    }
  });
  return found;
}

/** Where a token stands: its text and its neighbours', names abstracted (`i<m-1;` and `j<n-1;` stand alike). */
function siblingKey(tokens: readonly Token[], i: number): string {
  const shape = (t: Token | undefined) => (t === undefined ? '' : t.kind === 'identifier' ? 'ID' : t.text);
  return [shape(tokens[i - 2]), shape(tokens[i - 1]), tokens[i].text, shape(tokens[i + 1])].join(' ');
}

/** At most this many places take one change together. */
const MAX_SIBLINGS = 4;

/**
 * Each one-token edit, and also the same change at every place that stands alike (the same slip made
 * consistently: both loop bounds `m-1` and `n-1`) and at those of its line, ranked just after the
 * edit alone (its priority plus a half).
 */
function withSiblings(tokens: readonly Token[], edits: LogicEdit[]): LogicEdit[] {
  const at = new Map(tokens.map((t, i) => [t.start, i]));
  const places = new Map<string, number[]>();
  tokens.forEach((_, i) => {
    const key = siblingKey(tokens, i);
    places.set(key, [...(places.get(key) ?? []), i]);
  });
  const found: LogicEdit[] = [];
  for (const e of edits) {
    found.push(e);
    const i = at.get(e.edits[0].start)!;
    const alike = places.get(siblingKey(tokens, i))!;
    // A line copied within itself carries its slip along (`abs(a-b)*abs(a-b)`): the places alike on
    // the edit's line take the change together too, where the program has more of them elsewhere.
    const onLine = alike.filter((j) => tokens[j].line === tokens[i].line);
    const newText = e.edits[0].newText;
    for (const group of [alike, onLine]) {
      if (group.length < 2 || group.length > MAX_SIBLINGS || (group === onLine && onLine.length === alike.length)) continue;
      found.push({ ...e, edits: group.map((j) => ({ start: tokens[j].start, end: tokens[j].end, newText })), priority: e.priority + 0.5, sibling: true });
    }
  }
  return found;
}

/** A '-' or '+' with no operand before it (e.g. `x = -1`), or '*' dereferencing: not arithmetic. */
function isUnary(tokens: readonly Token[], i: number): boolean {
  const prev = tokens[i - 1];
  if (!prev) return true;
  return prev.kind === 'punct' && !/^[)\]]$/.test(prev.text) && !['++', '--'].includes(prev.text);
}


/** A variable used on a suspicious line replaced by another in scope of the same type and shape. */
function variableEdits(root: SyntaxNode, tokens: readonly Token[], suspicion: Suspicion): LogicEdit[] {
  const found: LogicEdit[] = [];
  tokens.forEach((token, i) => {
    if (token.kind !== 'identifier' || !isSuspicious(suspicion, token.line + 1)) return;
    if (tokens[i + 1]?.text === '(' || /^(\.|->)$/.test(tokens[i - 1]?.text ?? '')) return; // calls, members
    const visible = namesInScope(root, token.start);
    const self = visible.find((n) => n.name === token.text);
    if (!self || self.at === token.start) return; // not a variable, or its own declaration
    const seen = new Set([token.text]);
    visible
      .filter((n) => n.type === self.type && n.arrayDims === self.arrayDims && n.pointers === self.pointers)
      .filter((n) => !seen.has(n.name) && seen.add(n.name))
      .slice(0, 4)
      .forEach((n, k) => found.push({ edits: [{ start: token.start, end: token.end, newText: n.name }], line: token.line + 1, priority: 30 + k }));
  });
  return found;
}

/**
 * A struct member on a suspicious line replaced by another member of the same type of that struct
 * (`t.start = i; t.start = j;` where `t.end = j` was meant).
 */
function memberEdits(root: SyntaxNode, suspicion: Suspicion): LogicEdit[] {
  // Each struct's members with their types, by member name (a member name may serve several structs).
  const structsOf = new Map<string, { name: string; type: string }[][]>();
  for (const list of root.descendantsOfType('field_declaration_list')) {
    const members = list.namedChildren.filter((f) => f.type === 'field_declaration').flatMap((f) => declaredBy(f).map((d) => ({ name: d.name, type: `${d.type}${'*'.repeat(d.pointers)}${'[]'.repeat(d.arrayDims)}` })));
    for (const m of members) structsOf.set(m.name, [...(structsOf.get(m.name) ?? []), members]);
  }
  const found: LogicEdit[] = [];
  for (const access of root.descendantsOfType('field_expression')) {
    const field = access.childForFieldName('field');
    if (!field || !isSuspicious(suspicion, lineOf(access))) continue;
    const seen = new Set([field.text]);
    for (const members of structsOf.get(field.text) ?? []) {
      const type = members.find((m) => m.name === field.text)!.type;
      members.filter((m) => m.type === type && !seen.has(m.name) && seen.add(m.name)).slice(0, 4).forEach((m, k) =>
        found.push({ edits: [{ start: field.startIndex, end: field.endIndex, newText: m.name }], line: lineOf(access), priority: 30 + k }));
    }
  }
  return found;
}

/**
 * An array indexed one way on a suspicious line and, elsewhere in the function, by the same index
 * with more to it: the other form taken (`ara[str[i]] = 1` where the check reads `ara[str[i] - 97]`).
 */
function subscriptEdits(root: SyntaxNode, suspicion: Suspicion): LogicEdit[] {
  const found: LogicEdit[] = [];
  const compact = (n: SyntaxNode) => n.text.replace(/\s+/g, '');
  for (const f of root.descendantsOfType('function_definition')) {
    const accesses = f.descendantsOfType('subscript_expression')
      .map((s) => ({ node: s, array: s.childForFieldName('argument')?.text ?? '', index: s.childForFieldName('index') }))
      .filter((a): a is { node: SyntaxNode; array: string; index: SyntaxNode } => a.index !== null && /^\w+$/.test(a.array));
    for (const a of accesses) {
      if (!isSuspicious(suspicion, lineOf(a.node))) continue;
      const mine = compact(a.index);
      const longer = new Set(accesses.filter((b) => b.array === a.array && compact(b.index) !== mine && compact(b.index).includes(mine)).map((b) => b.index.text));
      [...longer].slice(0, 3).forEach((index, k) =>
        found.push({ edits: [{ start: a.index.startIndex, end: a.index.endIndex, newText: index }], line: lineOf(a.node), priority: 32 + k }));
    }
  }
  return found;
}

/**
 * Statements on suspicious lines: an extra one removed, or a missing `break;` after one in a loop
 * (a loop that goes on after it found its answer, printing "Yes" many times).
 */
function statementEdits(root: SyntaxNode, suspicion: Suspicion): LogicEdit[] {
  const found: LogicEdit[] = [];
  for (const s of root.descendantsOfType('expression_statement')) {
    if (!isSuspicious(suspicion, lineOf(s)) || s.parent?.type !== 'compound_statement') continue;
    found.push({ edits: [{ start: s.startIndex, end: s.endIndex, newText: '' }], line: lineOf(s), priority: 36 });
    if (enclosingLoop(s) && s.nextNamedSibling?.type !== 'break_statement') {
      found.push({ edits: [{ start: s.endIndex, end: s.endIndex, newText: ' break;' }], line: lineOf(s), priority: 37 });
    }
  }
  return found;
}

/**
 * An extra term in a condition: each side of an `&&` or `||` on a suspicious line kept alone (a check
 * the task does not ask for, `c != 'n'`). In `a && b && c` every term can go: the outer node drops
 * `c` or `a && b`, the inner one `a` or `b`.
 */
function conditionTermEdits(root: SyntaxNode, suspicion: Suspicion): LogicEdit[] {
  const found: LogicEdit[] = [];
  for (const node of root.descendantsOfType('binary_expression')) {
    if (!/^(&&|\|\|)$/.test(node.childForFieldName('operator')?.text ?? '') || !isSuspicious(suspicion, lineOf(node))) continue;
    for (const kept of [node.childForFieldName('left'), node.childForFieldName('right')]) {
      if (kept) found.push({ edits: [{ start: node.startIndex, end: node.endIndex, newText: kept.text }], line: lineOf(node), priority: 10 });
    }
  }
  return found;
}

/**
 * The slips of a beginner's C that still compile: a `;` right after a loop's or an `if`'s header (the
 * statement meant as its body runs once, or always), `=` for `==` in a condition, `==` for `=` as a
 * statement of its own, `i + 2` for `i += 2` as a statement or a loop's step.
 */
function classicSlipEdits(root: SyntaxNode, suspicion: Suspicion): LogicEdit[] {
  const found: LogicEdit[] = [];
  const at = (node: SyntaxNode, newText: string, priority: number, why: string) =>
    found.push({ edits: [{ start: node.startIndex, end: node.endIndex, newText }], line: lineOf(node), priority, why });
  for (const s of root.descendantsOfType(['for_statement', 'while_statement', 'if_statement'])) {
    const body = s.childForFieldName(s.type === 'if_statement' ? 'consequence' : 'body');
    if (body?.type === 'expression_statement' && body.namedChildCount === 0 && isSuspicious(suspicion, lineOf(s))) {
      const after = s.type === 'if_statement' ? 'runs whatever the condition' : 'runs once, after the loop';
      at(body, '', 3, `the \`;\` right after the ${s.type.replace('_statement', '')}'s header is its whole body: the statement after it ${after}`);
    }
  }
  for (const condition of conditionsOf(root)) {
    if (!isSuspicious(suspicion, lineOf(condition))) continue;
    const operators = assignmentsAsTruthValues(condition).map((a) => a.childForFieldName('operator')!);
    for (const operator of operators) at(operator, '==', 1, '`=` in a condition assigns instead of comparing');
    if (operators.length > 1) {
      // `(a=1)&&(b=1)`: always true until every one of them compares.
      const edits = operators.map((operator) => ({ start: operator.startIndex, end: operator.endIndex, newText: '==' }));
      found.push({ edits, line: lineOf(condition), priority: 1, why: 'each `=` in the condition assigns instead of comparing' });
    }
  }
  // `s =+ x` (written together, `=` then a sign) assigns `+x`: `s += x` was meant.
  for (const a of root.descendantsOfType('assignment_expression')) {
    const [operator, right] = [a.childForFieldName('operator'), a.childForFieldName('right')];
    const sign = right?.type === 'unary_expression' ? right.childForFieldName('operator') : null;
    if (operator?.text !== '=' || !sign || !/^[+-]$/.test(sign.text) || sign.startIndex !== operator.endIndex || !isSuspicious(suspicion, lineOf(a))) continue;
    found.push({ edits: [{ start: operator.startIndex, end: sign.endIndex, newText: `${sign.text}=` }], line: lineOf(a), priority: 1, why: `\`=${sign.text}\` assigns the value with its sign: \`${sign.text}=\` adds it` });
  }
  // `while (--j)` tests j after the step, `while (j--)` before it: one is often written for the other.
  for (const condition of conditionsOf(root)) {
    if (!isSuspicious(suspicion, lineOf(condition))) continue;
    for (const u of condition.descendantsOfType('update_expression')) {
      const argument = u.childForFieldName('argument');
      const op = u.childForFieldName('operator')?.text;
      if (!argument || !op) continue;
      const prefix = u.startIndex < argument.startIndex;
      at(u, prefix ? `${argument.text}${op}` : `${op}${argument.text}`, 6, `\`${u.text}\` in the condition tests the value ${prefix ? 'after' : 'before'} the step`);
    }
  }
  // A statement, or a `for`'s step, that computes and drops the value: `==` for `=`, `i + 2` for `i += 2`.
  const steps = root.descendantsOfType('for_statement').map((f) => f.childForFieldName('update')).filter((u): u is SyntaxNode => u !== null);
  for (const e of [...root.descendantsOfType('expression_statement').map((s) => s.namedChild(0)), ...steps]) {
    const operator = e?.type === 'binary_expression' ? e.childForFieldName('operator') : null;
    if (!e || !operator || !isSuspicious(suspicion, lineOf(e))) continue;
    if (operator.text === '==') at(operator, '=', 1, '`==` as a statement compares and drops the result instead of assigning');
    if (/^[-+*/]$/.test(operator.text) && e.childForFieldName('left')?.type === 'identifier') {
      at(operator, `${operator.text}=`, 1, `\`${e.text}\` computes a value and drops it: \`${operator.text}=\` keeps it`);
    }
  }
  return found;
}

/**
 * The plain assignments in a condition whose value is taken as true or false: the condition itself, an
 * operand of `&&`, `||` or `!` (through parentheses), not `(c = getchar()) != EOF`, whose value is compared.
 */
function assignmentsAsTruthValues(condition: SyntaxNode): SyntaxNode[] {
  return condition.descendantsOfType('assignment_expression').filter((a) => {
    if (a.childForFieldName('operator')?.text !== '=') return false;
    let node = a;
    while (node.parent && node.parent.type === 'parenthesized_expression' && node.startIndex !== condition.startIndex) node = node.parent;
    if (node.startIndex === condition.startIndex && node.endIndex === condition.endIndex) return true;
    const parent = node.parent;
    if (parent?.type === 'unary_expression') return parent.childForFieldName('operator')?.text === '!';
    return parent?.type === 'binary_expression' && /^(&&|\|\|)$/.test(parent.childForFieldName('operator')?.text ?? '');
  });
}

/** A local variable declared without a value, given 0 or 1 (a sum or a product that starts from garbage). */
function initialisationEdits(root: SyntaxNode, suspicion: Suspicion): LogicEdit[] {
  const found: LogicEdit[] = [];
  for (const declaration of root.descendantsOfType('declaration')) {
    if (declaration.parent?.type !== 'compound_statement') continue;
    const type = declaration.childForFieldName('type')?.text ?? '';
    if (!/^(int|long|short|unsigned|float|double|char|long long|unsigned int|long int)$/.test(type)) continue;
    for (const declarator of declaration.childrenForFieldName('declarator')) {
      if (declarator.type !== 'identifier') continue;
      // Where it is used decides how suspicious leaving it unset is.
      const uses = declaration.parent.descendantsOfType('identifier').filter((n) => n.text === declarator.text && n.startIndex > declarator.endIndex);
      const line = uses.map(lineOf).sort((a, b) => (suspicion.get(b) ?? 0) - (suspicion.get(a) ?? 0))[0];
      if (line === undefined) continue;
      ['0', '1'].forEach((value, k) =>
        found.push({ edits: [{ start: declarator.endIndex, end: declarator.endIndex, newText: ` = ${value}` }], line, priority: 12 + k }));
    }
  }
  return found;
}
