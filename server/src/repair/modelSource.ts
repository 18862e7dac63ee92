// What the repair engine needs from the neural model: N-best repaired programs for a program and
// its problem. server/src/model's RepairModel provides it; the engine works without one.
import type { AbstractProgram, Pools } from '../c/abstraction';
import type { RepairProblem } from '../model/prompt';

export interface ModelProposal {
  /** The output program's model tokens (after <fix>, without <eos>), under `pools`. */
  tokens: string[];
  /** Sum of log-probabilities; higher is better. */
  score: number;
}

export interface ModelSource {
  propose(
    text: string,
    problem: RepairProblem,
    options: { n?: number; signal?: AbortSignal },
  ): Promise<{ candidates: ModelProposal[]; program: AbstractProgram; pools: Pools; forwardPasses: number }>;
}
