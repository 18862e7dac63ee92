// What the repair engine needs from the neural model: N-best outputs for a prompt. The decoder
// (server/src/model) provides it; the engine works without one (fix-its and edit search only).
import type { AbstractProgram } from '../c/abstraction';
import type { Prompt } from '../model/prompt';

export interface ModelProposal {
  /** The output program's model tokens (after <fix>, without <eos>). */
  tokens: string[];
  /** Sum of log-probabilities. */
  score: number;
}

export interface ModelSource {
  propose(
    text: string,
    program: AbstractProgram,
    prompt: Prompt,
    options: { n: number; signal?: AbortSignal },
  ): Promise<{ candidates: ModelProposal[]; forwardPasses: number }>;
}
