// Pairs of logic edits, for bugs that no single edit repairs (a bound and a missing break, a wrong
// operator and an extra statement). Trying every pair is far too many builds; a pair that repairs a
// failing test is usually made of edits that each change what the program prints for it. So the
// single edits' runs on the round's failing test are recorded, those that changed its output are
// kept as stepping stones, closest to the expected output first, and only pairs of those are tried.
// The closest stones are also the engine's steps when nothing passes more tests (engine.ts, closerStep).
import type { TextEdit } from '../oracle/compiler';
import type { TestResult } from '../oracle/testRunner';
import { editsOverlap } from './edits';
import { spacingOnly } from './outputEdits';

/** Words and line ends compared at most: enough to rank outputs, cheap on a flooded one. */
const MAX_OUTPUT_TOKENS = 400;

function outputTokens(text: string): string[] {
  return (text.match(/[^\s]+|\n/g) ?? []).slice(0, MAX_OUTPUT_TOKENS);
}

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)$/;

/** 0 for equal words, 1 for different ones; numbers count by how far apart they are (3 is nearer 6 than -3 is). */
function wordDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (!NUMBER.test(a) || !NUMBER.test(b)) return 1;
  const x = Number(a);
  const y = Number(b);
  return Math.min(1, Math.abs(x - y) / Math.max(Math.abs(x), Math.abs(y)));
}

/** Edit distance between two outputs, in words and line ends, a changed number costing by how far it moved. */
export function outputDistance(a: string, b: string): number {
  const x = outputTokens(a);
  const y = outputTokens(b);
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const row = [i];
    for (let j = 1; j <= y.length; j++) {
      row[j] = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + wordDistance(x[i - 1], y[j - 1]));
    }
    previous = row;
  }
  return previous[y.length];
}

/** Nearer than any output with a word wrong: every expected character printed, spaced otherwise (the output edits space it in the next round). */
const SPACED_OTHERWISE = 0.5;

/** How near an edit brought the failing test's output: its distance, at most SPACED_OTHERWISE when only the spacing differs. */
export function stepDistance(actual: string, expected: string): number {
  const distance = outputDistance(actual, expected);
  return spacingOnly(actual, expected) ? Math.min(distance, SPACED_OTHERWISE) : distance;
}

interface Stone {
  edits: TextEdit[];
  distance: number;
  /** When its single edit was proposed (ties keep the search's own order). */
  order: number;
}

/** The single edits of one test round whose run changed the failing test's output. */
export class SteppingStones {
  private readonly stones: Stone[] = [];
  private proposed = 0;
  private readonly orderOf = new Map<string, { edits: TextEdit[]; order: number }>();

  constructor(private readonly failing: { expected: string; actual: string }) {}

  /** Remembers which edits made a candidate text (called as candidates are proposed). */
  propose(candidateText: string, edits: TextEdit[]): void {
    if (!this.orderOf.has(candidateText)) this.orderOf.set(candidateText, { edits, order: this.proposed++ });
  }

  /**
   * The candidate's run of the failing test: kept when it ended normally (not cut, crashed or
   * flooding, whose output says nothing of how near the edit came) and printed something else than the program's own.
   */
  record(candidateText: string, run: Pick<TestResult, 'actual' | 'status'> | undefined): void {
    const proposal = this.orderOf.get(candidateText);
    if (!proposal || !run || (run.status !== 'passed' && run.status !== 'wrong-output') || run.actual === this.failing.actual) return;
    this.stones.push({ ...proposal, distance: stepDistance(run.actual, this.failing.expected) });
  }

  /** The edits of the `limit` stones nearer to the expected output than `distance`, the nearest first. */
  closest(distance: number, limit: number): TextEdit[][] {
    return this.ranked().filter((stone) => stone.distance < distance).slice(0, limit).map((stone) => stone.edits);
  }

  private ranked(): Stone[] {
    return [...this.stones].sort((a, b) => a.distance - b.distance || a.order - b.order);
  }

  /**
   * Pairs of the `width` closest stones, the closest pairs first, edits that overlap left out;
   * at most `limit` of them.
   */
  pairs(limit: number, width = 8): TextEdit[][] {
    const best = this.ranked().slice(0, width);
    const pairs: { edits: TextEdit[]; rank: number; second: number }[] = [];
    for (let i = 0; i < best.length; i++) {
      for (let j = i + 1; j < best.length; j++) {
        const edits = [...best[i].edits, ...best[j].edits];
        if (!editsOverlap(edits)) pairs.push({ edits, rank: i + j, second: j });
      }
    }
    return pairs.sort((a, b) => a.rank - b.rank || a.second - b.second).slice(0, limit).map((p) => p.edits);
  }
}
