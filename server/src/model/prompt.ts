// The one prompt format of the repair model, shared by training (training/build_dataset.ts) and the
// server, so that the model sees at inference exactly the tokens it was trained on.
//
//   <bos> HEADER  PROGRAM  <fix>  FIXED PROGRAM  <eos>
//
// HEADER is either up to two compiler errors (`<err> <Lk> message words`) or one failing test
// (`<test> <input> .. <expected> .. <actual> ..`). PROGRAM is the buggy program's model tokens;
// the FIXED PROGRAM (the training target, the model's output) is abstracted with the buggy
// program's pools, so unchanged names keep their slots and the model can copy them.
import { abstractFragment, abstractProgram, AbstractProgram, copyPools, Pools } from '../c/abstraction';
import { lex, significantTokens } from '../c/lexer';
import { lineMarker, VOCABULARY } from '../c/vocabulary';

export interface PromptDiagnostic {
  /** 1-based line of the diagnostic. */
  line: number;
  message: string;
  /** 'error', 'fatal error', 'warning' or 'note'. */
  severity: string;
}

export interface FailingTest {
  input: string;
  expected: string;
  actual: string;
}

export type RepairProblem = PromptDiagnostic[] | FailingTest;

/** The compiler's diagnostics (0-based lines, as the oracle gives them) as the prompt describes them. */
export function promptDiagnostics(diagnostics: readonly { line: number; message: string; severity: string }[]): PromptDiagnostic[] {
  return diagnostics.map((d) => ({ line: d.line + 1, message: d.message, severity: d.severity }));
}

export interface Prompt {
  /** Model tokens from <bos> up to and including <fix>. */
  tokens: string[];
  /** The program's pools, extended by names that only the compiler's messages mention. */
  pools: Pools;
}

/** How many compiler errors go into the header. */
export const MAX_HEADER_ERRORS = 2;
/** Token caps that keep the header short: per message, per quoted fragment, per test part. */
export const MAX_MESSAGE_TOKENS = 24;
export const MAX_FRAGMENT_TOKENS = 8;
export const MAX_TEST_PART_TOKENS = 24;

export function buildPrompt(program: AbstractProgram, problem: RepairProblem): Prompt {
  const pools = copyPools(program.pools);
  const header = Array.isArray(problem) ? diagnosticsHeader(problem, pools) : testHeader(problem, pools);
  return { tokens: ['<bos>', ...header, ...program.modelTokens, '<fix>'], pools };
}

/** The output the model should write for `fixedText`: its model tokens under `pools`, then <eos>. */
export function targetTokens(fixedText: string, pools: Pools): { tokens: string[]; program: AbstractProgram } {
  const program = abstractProgram(fixedText, pools);
  return { tokens: [...program.modelTokens, '<eos>'], program };
}

const isError = (d: PromptDiagnostic) => d.severity.includes('error');

/** The diagnostics a header describes: the errors, or the warnings when there are none (strict flags off). */
export function headerDiagnostics(problem: RepairProblem): PromptDiagnostic[] {
  if (!Array.isArray(problem)) return [];
  return problem.some(isError) ? problem.filter(isError) : problem.filter((d) => d.severity === 'warning');
}

function diagnosticsHeader(diagnostics: PromptDiagnostic[], pools: Pools): string[] {
  return headerDiagnostics(diagnostics).slice(0, MAX_HEADER_ERRORS).flatMap((d) => [
    isError(d) ? '<err>' : '<warn>',
    lineMarker(d.line),
    ...messageTokens(d.message, pools),
  ]);
}

/** Words kept if the vocabulary has them, quoted fragments abstracted like program text. */
export function messageTokens(message: string, pools: Pools): string[] {
  const out: string[] = [];
  const parts = message.match(/'[^']*'|\u2018[^\u2019]*\u2019|[A-Za-z_][A-Za-z0-9_-]*|\d+|\S/g) ?? [];
  for (const part of parts) {
    if (/^['\u2018]/.test(part) && part.length >= 2) {
      out.push(...abstractFragment(part.slice(1, -1), pools).slice(0, MAX_FRAGMENT_TOKENS));
    } else {
      out.push(VOCABULARY.has(part) ? part : '<unk>');
    }
  }
  return capped(collapseUnknowns(out), MAX_MESSAGE_TOKENS);
}

function testHeader(test: FailingTest, pools: Pools): string[] {
  return [
    '<test>',
    '<input>', ...textTokens(test.input, pools),
    '<expected>', ...textTokens(test.expected, pools),
    '<actual>', ...textTokens(test.actual, pools),
  ];
}

/**
 * Test data as tokens: vocabulary words and the program's existing slots are kept, newlines become
 * <nl>, anything else <unk>. Pools are only read, so test data never invents slots.
 */
export function textTokens(text: string, pools: Pools): string[] {
  const slotOf = new Map<string, string>();
  (['NUM', 'STR', 'CHR', 'ID'] as const).forEach((pool) =>
    pools[pool].forEach((value, k) => slotOf.has(value) || slotOf.set(value, `${pool}_${k}`)),
  );
  const out: string[] = [];
  let lastLine = 0;
  for (const token of significantTokens(lex(text.trimEnd()))) {
    if (token.line !== lastLine) out.push('<nl>');
    lastLine = token.line;
    out.push(VOCABULARY.has(token.text) ? token.text : slotOf.get(token.text) ?? '<unk>');
  }
  return capped(collapseUnknowns(out), MAX_TEST_PART_TOKENS);
}

function collapseUnknowns(tokens: string[]): string[] {
  return tokens.filter((t, i) => !(t === '<unk>' && tokens[i - 1] === '<unk>'));
}

function capped(tokens: string[], max: number): string[] {
  return tokens.length <= max ? tokens : [...tokens.slice(0, max - 1), '<more>'];
}
