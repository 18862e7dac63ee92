// DeepFix's per-program abstraction: keywords, punctuation, common library names and common
// literals stay as themselves; every other identifier and literal becomes a pool slot (ID_3, STR_0)
// numbered by first use. Line markers precede the first token of each line. Exactly reversible:
// the pools and the lexer's trivia give back the original text byte for byte.
import { lex, significantTokens, Token } from './lexer';
import { COMMON_LITERALS, HEADER_NAMES, LIBRARY_NAMES, lineMarker, POOL_SIZES, PoolName } from './vocabulary';

export type Pools = Record<PoolName, string[]>;

export interface AbstractProgram {
  /** Every lexer token of the text (trivia included). */
  lexed: Token[];
  /** The tokens that carry meaning, in order. */
  significant: Token[];
  /** Model tokens: a line marker before each line's first token, then one per significant token. */
  modelTokens: string[];
  /** For each model token, the index of its significant token, or -1 for a line marker. */
  tokenSource: number[];
  /** Pool slot k of pool P holds the text that `P_k` stands for. */
  pools: Pools;
  /** Texts abstracted to <unk> because their pool was full, in order of appearance. */
  overflow: string[];
}

const literals = new Set(COMMON_LITERALS);
/** Which token texts stay as themselves, by kind; everything else of these kinds is pooled. */
const KEPT_AS_THEMSELVES: Partial<Record<Token['kind'], ReadonlySet<string>>> = {
  identifier: new Set(LIBRARY_NAMES),
  header: new Set(HEADER_NAMES),
  number: literals,
  string: literals,
  char: literals,
};

const emptyPools = (): Pools => ({ ID: [], NUM: [], STR: [], CHR: [], OTHER: [] });

export const copyPools = (pools: Pools): Pools => ({
  ID: [...pools.ID], NUM: [...pools.NUM], STR: [...pools.STR], CHR: [...pools.CHR], OTHER: [...pools.OTHER],
});

function poolOf(token: Token): PoolName {
  switch (token.kind) {
    case 'identifier':
      return 'ID';
    case 'number':
      return 'NUM';
    case 'string':
      return 'STR';
    case 'char':
      return 'CHR';
    default:
      return 'OTHER'; // header names, unknown characters, rare keywords-as-text
  }
}

/** Maps program text to pooled tokens; `pools` may be pre-seeded and is extended in place. */
class Abstractor {
  readonly overflow: string[] = [];
  private readonly slots = new Map<string, string>();

  constructor(
    readonly pools: Pools,
  ) {
    for (const pool of Object.keys(pools) as PoolName[]) {
      pools[pool].forEach((text, k) => this.slots.set(`${pool}\u0000${text}`, `${pool}_${k}`));
    }
  }

  abstract(token: Token): string {
    if (token.kind === 'keyword' || token.kind === 'punct' || KEPT_AS_THEMSELVES[token.kind]?.has(token.text)) {
      return token.text;
    }
    const pool = poolOf(token);
    const key = `${pool}\u0000${token.text}`;
    const known = this.slots.get(key);
    if (known) return known;
    if (this.pools[pool].length >= POOL_SIZES[pool]) {
      this.overflow.push(token.text);
      return '<unk>';
    }
    const slot = `${pool}_${this.pools[pool].length}`;
    this.pools[pool].push(token.text);
    this.slots.set(key, slot);
    return slot;
  }
}

/**
 * Abstracts a program. With `seedPools` (copied, not changed) names already in them keep their
 * slots: a fixed program abstracted with its buggy version's pools gives unchanged names the same
 * slots, which is what the repair model is trained to copy.
 */
export function abstractProgram(text: string, seedPools?: Pools): AbstractProgram {
  const lexed = lex(text);
  const significant = significantTokens(lexed);
  const abstractor = new Abstractor(seedPools ? copyPools(seedPools) : emptyPools());
  const modelTokens: string[] = [];
  const tokenSource: number[] = [];
  let lastLine = -1;
  significant.forEach((token, index) => {
    if (token.line !== lastLine) {
      modelTokens.push(lineMarker(token.line + 1));
      tokenSource.push(-1);
      lastLine = token.line;
    }
    modelTokens.push(abstractor.abstract(token));
    tokenSource.push(index);
  });
  return { lexed, significant, modelTokens, tokenSource, pools: abstractor.pools, overflow: abstractor.overflow };
}

/**
 * Abstracts a fragment (e.g. a quoted name in a compiler message) with an existing program's pools,
 * so that the same name gets the same slot; names the program never used get new slots.
 */
export function abstractFragment(fragment: string, pools: Pools): string[] {
  const abstractor = new Abstractor(pools);
  return significantTokens(lex(fragment)).map((t) => abstractor.abstract(t));
}

/** The source text of one model token, or undefined for a slot the pools do not hold. */
export function concretizeToken(modelToken: string, pools: Pools): string | undefined {
  const m = /^(ID|NUM|STR|CHR|OTHER)_(\d+)$/.exec(modelToken);
  if (m) return pools[m[1] as PoolName][Number(m[2])];
  if (/^<[^>]*>$/.test(modelToken) && !HEADER_NAMES.includes(modelToken)) {
    return undefined; // control tokens and line markers have no source text
  }
  return modelToken;
}

/** Rebuilds the exact original text from an abstract program: the reverse of abstractProgram. */
export function restoreText(program: AbstractProgram): string {
  const overflow = [...program.overflow];
  const texts = program.modelTokens
    .filter((_, i) => program.tokenSource[i] >= 0)
    .map((t) => (t === '<unk>' ? overflow.shift() : concretizeToken(t, program.pools)));
  let k = 0;
  return program.lexed
    .map((token) => {
      const isSignificant = token.kind !== 'whitespace' && token.kind !== 'newline' && token.kind !== 'comment';
      if (!isSignificant) return token.text;
      const text = texts[k++];
      if (text === undefined) throw new Error(`abstraction lost token ${k - 1}`);
      return text;
    })
    .join('');
}
