// Synthetic bugs injected into clean programs. Compile errors follow the edits measured on real
// student fixes (measure_errors.ts: a missing ';' is a quarter of them, then ')' ',' '}' ...);
// logic errors are the usual CS1 slips (relational/arithmetic operator, off-by-one, wrong name).
// Each mutation edits the text at a token's offsets, so the rest of the program keeps its spacing.
import { lex, significantTokens, Token } from '../server/src/c/lexer';

type Random = () => number;
type Mutation = (text: string, tokens: Token[], random: Random) => string | undefined;

const pick = <T>(items: T[], random: Random): T | undefined => items[Math.floor(random() * items.length)];
const splice = (text: string, start: number, end: number, insert: string) => text.slice(0, start) + insert + text.slice(end);
const code = (tokens: Token[]) => tokens.filter((t) => !t.directive);

const deleteToken = (punct: string): Mutation => (text, tokens, random) => {
  const t = pick(code(tokens).filter((x) => x.text === punct), random);
  return t && splice(text, t.start, t.end, '');
};

/** Inserts `punct` right after a random token with text `after` (e.g. an extra ')' after ')'). */
const insertAfter = (punct: string, after: string[]): Mutation => (text, tokens, random) => {
  const t = pick(code(tokens).filter((x) => after.includes(x.text)), random);
  return t && splice(text, t.end, t.end, punct);
};

const replaceToken = (from: string, to: string): Mutation => (text, tokens, random) => {
  const t = pick(code(tokens).filter((x) => x.text === from), random);
  return t && splice(text, t.start, t.end, to);
};

/** A typo in a name: a dropped, doubled or swapped letter, or a wrong case. */
function typo(name: string, random: Random): string {
  const i = Math.floor(random() * name.length);
  switch (Math.floor(random() * 4)) {
    case 0:
      return name.length > 1 ? name.slice(0, i) + name.slice(i + 1) : name + name;
    case 1:
      return name.slice(0, i + 1) + name[i] + name.slice(i + 1);
    case 2:
      return i + 1 < name.length ? name.slice(0, i) + name[i + 1] + name[i] + name.slice(i + 2) : name + 'e';
    default:
      return name[0] === name[0].toUpperCase() ? name[0].toLowerCase() + name.slice(1) : name[0].toUpperCase() + name.slice(1);
  }
}

const misspellName: Mutation = (text, tokens, random) => {
  const t = pick(code(tokens).filter((x) => x.kind === 'identifier' && x.text !== 'main'), random);
  if (!t) return undefined;
  const wrong = typo(t.text, random);
  return wrong === t.text ? undefined : splice(text, t.start, t.end, wrong);
};

const TYPES = new Set(['int', 'float', 'double', 'char', 'long']);

const misspellType: Mutation = (text, tokens, random) => {
  const t = pick(code(tokens).filter((x) => TYPES.has(x.text)), random);
  return t && splice(text, t.start, t.end, pick(['Int', 'integer', 'itn', 'flaot', 'Float', 'doble', 'chr', 'String'], random)!);
};

/** Removes one variable's declaration: a whole `int x;` or one `, x` of a declaration list. */
const dropDeclaration: Mutation = (text, tokens, random) => {
  const sig = code(tokens);
  const candidates: [number, number][] = [];
  sig.forEach((t, i) => {
    if (!TYPES.has(t.text) || !['{', ';', '}'].includes(sig[i - 1]?.text ?? ';')) return;
    let j = i + 1;
    let depth = 0;
    const commas: number[] = [];
    for (; j < sig.length && !(depth === 0 && sig[j].text === ';'); j++) {
      if (sig[j].text === '(' || sig[j].text === '{') depth++;
      if (sig[j].text === ')' || sig[j].text === '}') depth--;
      if (depth === 0 && sig[j].text === ',') commas.push(j);
      if (depth < 0) return;
    }
    if (j >= sig.length || sig.slice(i, j).some((x) => x.text === '(' || x.text === '{')) return; // functions
    if (commas.length === 0) candidates.push([sig[i].start, sig[j].end]);
    else {
      const k = pick(commas, random)!;
      const next = commas.find((c) => c > k) ?? j;
      candidates.push([sig[k].start, sig[next - 1].end]);
    }
  });
  const span = pick(candidates, random);
  return span && splice(text, span[0], span[1], '');
};

const dropInclude: Mutation = (text, tokens, random) => {
  const includes = tokens.filter((t) => t.kind === 'header');
  const h = pick(includes, random);
  if (!h) return undefined;
  const lineStart = text.lastIndexOf('\n', h.start - 1) + 1;
  const lineEnd = text.indexOf('\n', h.end);
  return splice(text, lineStart, lineEnd < 0 ? text.length : lineEnd, '');
};

/** Weights roughly as measured on 4,384 real compile fixes (insert X there = delete X here). */
const COMPILE_MUTATIONS: [number, Mutation][] = [
  [30, deleteToken(';')],
  [7, deleteToken(')')],
  [3, deleteToken('(')],
  [5, deleteToken(',')],
  [6, deleteToken('}')],
  [2, deleteToken('{')],
  [4, insertAfter('}', ['}', ';'])],
  [3, insertAfter(')', [')'])],
  [2, insertAfter('(', ['('])],
  [2, insertAfter(';', [')', ';'])],
  [2, insertAfter(',', [','])],
  [3, replaceToken(';', ',')],
  [1, replaceToken(',', ';')],
  [3, replaceToken('==', '=')],
  [1, replaceToken('->', '.')],
  [2, replaceToken('<=', '=<')],
  [8, misspellName],
  [2, misspellType],
  [16, dropDeclaration],
  [3, dropInclude],
];

const LOGIC_SWAPS: Record<string, string[]> = {
  '<': ['<=', '>'], '<=': ['<', '>='], '>': ['>=', '<'], '>=': ['>', '<='], '==': ['!='], '!=': ['=='],
  '+': ['-'], '-': ['+'], '*': ['/', '+'], '/': ['*', '%'], '%': ['/'], '&&': ['||'], '||': ['&&'],
  '++': ['--'], '--': ['++'], '+=': ['-='], '-=': ['+='],
};

const swapOperator: Mutation = (text, tokens, random) => {
  const t = pick(code(tokens).filter((x) => x.text in LOGIC_SWAPS), random);
  return t && splice(text, t.start, t.end, pick(LOGIC_SWAPS[t.text], random)!);
};

const offByOne: Mutation = (text, tokens, random) => {
  const t = pick(code(tokens).filter((x) => x.kind === 'number' && /^\d+$/.test(x.text)), random);
  return t && splice(text, t.start, t.end, String(Math.max(0, Number(t.text) + (random() < 0.5 ? -1 : 1))));
};

const wrongVariable: Mutation = (text, tokens, random) => {
  const ids = code(tokens).filter((x) => x.kind === 'identifier');
  const names = [...new Set(ids.map((x) => x.text))].filter((n) => n.length <= 3); // short names: variables
  const t = pick(ids.filter((x) => names.includes(x.text)), random);
  const other = t && pick(names.filter((n) => n !== t.text), random);
  return t && other ? splice(text, t.start, t.end, other) : undefined;
};

const LOGIC_MUTATIONS: [number, Mutation][] = [
  [5, swapOperator],
  [3, offByOne],
  [2, wrongVariable],
];

function weightedPick(table: [number, Mutation][], random: Random): Mutation {
  const total = table.reduce((s, [w]) => s + w, 0);
  let r = random() * total;
  for (const [w, m] of table) if ((r -= w) < 0) return m;
  return table[table.length - 1][1];
}

function mutate(text: string, table: [number, Mutation][], random: Random, count: number): string | undefined {
  let current = text;
  for (let k = 0; k < count; k++) {
    let next: string | undefined;
    for (let tries = 0; tries < 5 && next === undefined; tries++) {
      next = weightedPick(table, random)(current, significantTokens(lex(current)), random);
    }
    if (next === undefined) return undefined;
    current = next;
  }
  return current === text ? undefined : current;
}

/**
 * How many errors to inject: 1 (50%), 2 (25%), 3 (15%) or 4 (10%), so that gcc's error messages per
 * program come near the real multi-error mix (measure_mix.ts on DeepFix: 39% one, 27% two, 11%
 * three, 22% four or more), where undeclared names are the commonest message (dropDeclaration).
 */
function errorCount(random: Random): number {
  const r = random();
  return r < 0.5 ? 1 : r < 0.75 ? 2 : r < 0.9 ? 3 : 4;
}

/** One to four injected compile errors; undefined if no mutation applied. */
export const injectCompileError = (text: string, random: Random) => mutate(text, COMPILE_MUTATIONS, random, errorCount(random));

export const injectLogicError = (text: string, random: Random) => mutate(text, LOGIC_MUTATIONS, random, 1);
