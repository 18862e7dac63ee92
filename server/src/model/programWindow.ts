// Programs too long for the model's positions are repaired a window of lines at a time: the lines
// around the first error, cut from the whole program's abstraction (so line markers keep the
// original line numbers and names keep their slots), and the repaired window spliced back.
import type { AbstractProgram } from '../c/abstraction';
import { buildPrompt, headerDiagnostics, type PromptDiagnostic, type RepairProblem } from './prompt';

export interface ProgramWindow {
  /** 1-based source lines, inclusive. */
  firstLine: number;
  lastLine: number;
  /** The window's model tokens are program.modelTokens[tokenStart, tokenEnd). */
  tokenStart: number;
  tokenEnd: number;
}

interface LineSpan {
  line: number;
  start: number;
  end: number;
}

/** Model-token ranges of the program's lines (each starts at its line marker). */
export function lineSpans(program: AbstractProgram): LineSpan[] {
  const spans: LineSpan[] = [];
  program.modelTokens.forEach((_, i) => {
    if (program.tokenSource[i] >= 0) return;
    const next = program.tokenSource[i + 1];
    const line = next !== undefined && next >= 0 ? program.significant[next].line + 1 : spans.length + 1;
    if (spans.length) spans[spans.length - 1].end = i;
    spans.push({ line, start: i, end: program.modelTokens.length });
  });
  return spans;
}

/**
 * The widest run of lines around `centerLine` that `fits`, grown one line at a time on alternate
 * sides; undefined when not even the center line fits.
 */
export function chooseWindow(
  program: AbstractProgram,
  centerLine: number,
  fits: (window: ProgramWindow) => boolean,
): ProgramWindow | undefined {
  const spans = lineSpans(program);
  if (spans.length === 0) return undefined;
  // The last line starting at or before the center (an error may point past the last token).
  let center = 0;
  spans.forEach((s, k) => {
    if (s.line <= centerLine) center = k;
  });
  const make = (a: number, b: number): ProgramWindow => ({
    firstLine: spans[a].line,
    lastLine: spans[b].line,
    tokenStart: spans[a].start,
    tokenEnd: spans[b].end,
  });
  let a = center;
  let b = center;
  if (!fits(make(a, b))) return undefined;
  let growDown = true;
  for (;;) {
    const options = growDown ? [[a, b + 1], [a - 1, b]] : [[a - 1, b], [a, b + 1]];
    const next = options.find(([x, y]) => x >= 0 && y < spans.length && fits(make(x, y)));
    if (!next) break;
    [a, b] = next;
    growDown = !growDown;
  }
  return make(a, b);
}

/** The window's tokens as an AbstractProgram the prompt builder can take (same pools). */
export function windowProgram(program: AbstractProgram, window: ProgramWindow): AbstractProgram {
  return {
    ...program,
    modelTokens: program.modelTokens.slice(window.tokenStart, window.tokenEnd),
    tokenSource: program.tokenSource.slice(window.tokenStart, window.tokenEnd),
  };
}

/** The whole program's tokens with the window replaced by its repair. */
export function spliceWindow(program: AbstractProgram, window: ProgramWindow, repaired: readonly string[]): string[] {
  return [...program.modelTokens.slice(0, window.tokenStart), ...repaired, ...program.modelTokens.slice(window.tokenEnd)];
}

/** The line of the first error (or, with no errors, warning); undefined for a failing test. */
export function firstProblemLine(problem: RepairProblem): number | undefined {
  const chosen = headerDiagnostics(problem);
  return chosen.length ? Math.min(...chosen.map((d) => d.line)) : undefined;
}

/** Smallest room for the output to grow past the input (inserted tokens) for a prompt to count as fitting. */
const MIN_EXTRA_OUTPUT_TOKENS = 24;

/** Whether a prompt for `program` plus an output about its length fits the model's positions. */
export const fitsPositions = (maxPositions: number) => (program: AbstractProgram, problem: RepairProblem) =>
  buildPrompt(program, problem).tokens.length + program.modelTokens.length + MIN_EXTRA_OUTPUT_TOKENS <= maxPositions;

export interface WindowedProblem {
  window: ProgramWindow;
  program: AbstractProgram;
  problem: PromptDiagnostic[];
}

/**
 * The part of a program the model repairs when `fits` rejects the whole: the widest window around
 * the problem's first line that fits, with the diagnostics that fall inside it. Undefined for a
 * failing test (no line) or when not even that line fits. Training cuts its windows here too.
 */
export function cutWindow(
  program: AbstractProgram,
  problem: RepairProblem,
  fits: (program: AbstractProgram, problem: PromptDiagnostic[]) => boolean,
): WindowedProblem | undefined {
  const centerLine = firstProblemLine(problem);
  if (centerLine === undefined || !Array.isArray(problem)) return undefined;
  const inWindow = (w: ProgramWindow) => problem.filter((d) => d.line >= w.firstLine && d.line <= w.lastLine);
  const window = chooseWindow(program, centerLine, (w) => fits(windowProgram(program, w), inWindow(w)));
  return window && { window, program: windowProgram(program, window), problem: inWindow(window) };
}
