// The model's fixed vocabulary. This file is its single source of truth: `models/vocab.json` is
// generated from it (npm run vocab) and a unit test checks that the two agree, so the trainer
// (Python) and the server (TypeScript) always see the same token ids.
import { createHash } from 'node:crypto';
import { C_KEYWORDS, C_PUNCTUATORS } from './lexer';

/** Control tokens of the prompt and the output. */
export const SPECIAL_TOKENS = [
  '<pad>', '<unk>', '<bos>', '<eos>', '<fix>', '<err>', '<warn>', '<note>', '<test>', '<input>',
  '<expected>', '<actual>', '<nl>', '<more>',
] as const;

/** Line markers <L1>..<L{MAX_LINE_MARKER}>; later lines share the last marker. */
export const MAX_LINE_MARKER = 512;

/** Sizes of the per-program pools (DeepFix): identifiers and literals become POOL_k by first use. */
export const POOL_SIZES = { ID: 128, NUM: 48, STR: 48, CHR: 24, OTHER: 16 } as const;
export type PoolName = keyof typeof POOL_SIZES;

/** Names students use from the C library and common macros: kept as themselves, not pooled. */
export const LIBRARY_NAMES = [
  // directives and predefined macros
  'include', 'define', 'undef', 'ifdef', 'ifndef', 'elif', 'endif', 'pragma', 'error', 'defined',
  'NULL', 'EOF', 'EXIT_SUCCESS', 'EXIT_FAILURE', 'RAND_MAX', 'INT_MAX', 'INT_MIN', 'LONG_MAX',
  'LONG_MIN', 'LLONG_MAX', 'LLONG_MIN', 'UINT_MAX', 'CHAR_MAX', 'FLT_MAX', 'DBL_MAX', 'M_PI',
  'true', 'false', 'bool', 'size_t', 'FILE', 'stdin', 'stdout', 'stderr', 'main', 'argc', 'argv',
  // stdio
  'printf', 'scanf', 'puts', 'gets', 'fgets', 'getchar', 'putchar', 'fprintf', 'fscanf', 'sprintf',
  'sscanf', 'snprintf', 'fopen', 'fclose', 'fflush', 'getc', 'putc', 'fputs', 'fputc', 'fgetc',
  'fread', 'fwrite', 'perror',
  // stdlib
  'malloc', 'calloc', 'realloc', 'free', 'exit', 'abs', 'labs', 'llabs', 'atoi', 'atol', 'atof',
  'rand', 'srand', 'qsort', 'bsearch', 'system', 'strtol', 'strtod',
  // string
  'strlen', 'strcpy', 'strncpy', 'strcat', 'strncat', 'strcmp', 'strncmp', 'strchr', 'strrchr',
  'strstr', 'strtok', 'strdup', 'memset', 'memcpy', 'memmove', 'memcmp',
  // ctype
  'isdigit', 'isalpha', 'isalnum', 'isspace', 'isupper', 'islower', 'ispunct', 'toupper', 'tolower',
  // math
  'sqrt', 'pow', 'fabs', 'floor', 'ceil', 'round', 'log', 'log10', 'log2', 'exp', 'sin', 'cos',
  'tan', 'atan', 'atan2', 'asin', 'acos', 'fmod', 'hypot', 'cbrt', 'trunc',
  // time, assert
  'time', 'clock', 'assert',
  // integer types
  'int8_t', 'int16_t', 'int32_t', 'int64_t', 'uint8_t', 'uint16_t', 'uint32_t', 'uint64_t',
];

export const HEADER_NAMES = [
  '<stdio.h>', '<stdlib.h>', '<string.h>', '<math.h>', '<ctype.h>', '<stdbool.h>', '<limits.h>',
  '<time.h>', '<assert.h>', '<stdint.h>', '<float.h>', '<stddef.h>', '<conio.h>', '<malloc.h>',
  '<unistd.h>', '<inttypes.h>',
];

/** Literals common enough to keep as themselves; all others go to the NUM/STR/CHR pools. */
export const COMMON_LITERALS = [
  '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '100', '1000', '0.0', '1.0', '0.5', '2.0',
  "'\\n'", "'\\0'", "' '", "'0'", "'9'", "'a'", "'z'", "'A'", "'Z'",
  '""', '"\\n"', '" "', '"%d"', '"%d\\n"', '"%d "', '"%d %d"', '"%d\\n%d"', '"%d%d"', '"%f"',
  '"%f\\n"', '"%.2f"', '"%.2f\\n"', '"%lf"', '"%lf\\n"', '"%c"', '"%c\\n"', '"%s"', '"%s\\n"',
  '"%ld"', '"%lld"', '"%u"', '"%i"', '"%d %d\\n"', '"%d,"', '"%d, "', '"%.1f"', '"%.3f"',
  '"%f %f"', '"%lf %lf"', '"%d %d %d"', '"YES"', '"NO"', '"Yes"', '"No"',
];

/**
 * Words of compiler messages (gcc and clang), kept as themselves in the error header. Quoted
 * fragments of a message are lexed and abstracted like program text instead.
 */
export const MESSAGE_WORDS = [
  'expected', 'before', 'after', 'at', 'end', 'of', 'input', 'token', 'identifier', 'expression',
  'statement', 'declaration', 'declarations', 'specifiers', 'specifier', 'undeclared', 'first',
  'use', 'in', 'this', 'function', 'implicit', 'incompatible', 'type', 'types', 'for', 'argument',
  'arguments', 'too', 'few', 'many', 'to', 'conflicting', 'redefinition', 'redeclaration',
  'previous', 'definition', 'was', 'here', 'with', 'no', 'linkage', 'unknown', 'name', 'storage',
  'size', 'lvalue', 'required', 'as', 'left', 'right', 'operand', 'assignment', 'invalid',
  'operands', 'binary', 'unary', 'subscripted', 'value', 'is', 'neither', 'array', 'nor', 'pointer',
  'vector', 'called', 'object', 'not', 'a', 'an', 'the', 'integer', 'from', 'without', 'cast',
  'makes', 'format', 'expects', 'of', 'has', 'but', 'unterminated', 'comment', 'missing',
  'terminating', 'character', 'stray', 'program', 'label', 'used', 'defined', 'variable', 'set',
  'unused', 'control', 'reaches', 'non-void', 'return', 'void', 'returning', 'non', 'break',
  'continue', 'switch', 'case', 'else', 'if', 'while', 'do', 'struct', 'union', 'enum', 'member',
  'named', 'request', 'something', 'structure', 'did', 'you', 'mean', 'declared', 'inside',
  'parameter', 'list', 'will', 'be', 'visible', 'outside', 'definition', 'or', 'and', 'unexpected',
  'extra', 'semicolon', 'empty', 'body', 'suggest', 'braces', 'around', 'parentheses', 'comparison',
  'between', 'signed', 'unsigned', 'always', 'true', 'false', 'due', 'range', 'data', 'may',
  'uninitialized', 'uninitialised', 'initializer', 'element', 'constant', 'excess', 'elements',
  'scalar', 'string', 'literal', 'incomplete', 'field', 'has', 'bit', 'precision', 'too', 'long',
  'overflow', 'division', 'by', 'zero', 'file', 'directory', 'such', 'include', 'provide',
  'mixed', 'code', 'ISO', 'C90', 'C99', 'forbids', 'length', 'mismatch', 'shadows', 'local',
  'global', 'old-style', 'prototype', 'does', 'specify', 'default', 'int', 'char', 'float',
  'double', 'short', 'const', 'static', 'extern', 'only', 'allowed', 'mode', 'loop', 'initial',
  'outside', 'jump', 'into', 'scope', 'multiple', 'same', 'array', 'index', 'above', 'bounds',
  'passing', 'differ', 'signedness', 'qualifiers', 'discards', 'qualifier', 'target', 'attempt',
  'use', 'result', 'ignored', 'statement', 'effect', 'computed', 'parse', 'issue', 'error',
  'warning', 'note', 'fatal', 'compilation', 'terminated', 'generated', 'errors', 'use',
  'undefined', 'reference', 'symbol', 'type-specifier', 'specifier-qualifier-list', 'function-like',
  'macro', 'invocation', 'unbalanced', 'brace', 'parenthesis', 'bracket', 'match', 'matching',
  'ld', 'returned', 'exit', 'status', 'collect2', 'lacks', 'lacking', 'then', 'incorrect',
  // measured: the most frequent words of gcc 12 errors on TRACER and C-Pack that were missing above
  'have', 'comma', 'suffix', 'on', 'defaults', 'are', 'C11', 'C', 'built-in', 'right-hand',
  'left-hand', 'clause', 'guard', 'truth', 'translation', 'unit', 'different', 'aka', 'numeric',
  'nested', 'functions', 'preprocessing', 'directive', 'redeclared', 'kind', 'when', 'assigning',
  'variable-sized', 'initialized', 'explicit', 'ambiguous', 'expressions', 'conflict', 'marker',
];

/** The whole vocabulary in id order, without duplicates (first occurrence wins). */
export function buildVocabulary(): string[] {
  const lines = Array.from({ length: MAX_LINE_MARKER }, (_, k) => `<L${k + 1}>`);
  const pools = (Object.keys(POOL_SIZES) as PoolName[]).flatMap((pool) =>
    Array.from({ length: POOL_SIZES[pool] }, (_, k) => `${pool}_${k}`),
  );
  const all = [
    ...SPECIAL_TOKENS, ...lines, ...C_KEYWORDS, ...C_PUNCTUATORS, ...LIBRARY_NAMES, ...HEADER_NAMES,
    ...COMMON_LITERALS, ...pools, ...MESSAGE_WORDS,
  ];
  return [...new Set(all)];
}

export class Vocabulary {
  readonly tokens: readonly string[];
  private readonly ids: Map<string, number>;

  constructor(tokens: readonly string[] = buildVocabulary()) {
    this.tokens = tokens;
    this.ids = new Map(tokens.map((t, i) => [t, i]));
  }

  get size(): number {
    return this.tokens.length;
  }

  has(token: string): boolean {
    return this.ids.has(token);
  }

  id(token: string): number {
    return this.ids.get(token) ?? this.ids.get('<unk>')!;
  }

  token(id: number): string {
    return this.tokens[id] ?? '<unk>';
  }
}

export const VOCABULARY = new Vocabulary();

/** A vocabulary's fingerprint, as model.json's `vocab_sha256` holds it: sha256 of the tokens joined by '\n'. */
export function vocabularySha256(tokens: readonly string[]): string {
  return createHash('sha256').update(tokens.join('\n'), 'utf8').digest('hex');
}

export function lineMarker(line1: number): string {
  return `<L${Math.min(Math.max(line1, 1), MAX_LINE_MARKER)}>`;
}

export function isLineMarker(token: string): boolean {
  return /^<L\d+>$/.test(token);
}
