// Custom messages between the c-repair server and its client, beyond standard LSP.
import type { CodeAction } from 'vscode-languageserver-protocol';

/** The `source` of every diagnostic the server publishes (the client finds its own by it). */
export const DIAGNOSTIC_SOURCE = 'c-repair';

/** Server -> client notification: the state shown in the status bar. */
export const STATUS_NOTIFICATION = 'c-repair/status';

export interface StatusParams {
  /** The repair model: not configured/absent, loading, ready, or failed (with the reason). */
  model: 'absent' | 'loading' | 'ready' | 'failed';
  /** Why the model failed, or why the execution provider fell back to the CPU. */
  reason?: string;
  /** The execution provider in use, e.g. 'cpu' or 'cuda'. */
  provider?: string;
  /** How long the last analysis of a document took (compile and verified quick fixes), in ms. */
  lastAnalysisMs?: number;
  /** The compiler that judges the programs, once the server has asked it for its version. */
  compiler?: CompilerStatus;
  /** False while the workspace is untrusted (then nothing is compiled or run). */
  active: boolean;
}

export interface CompilerStatus {
  /** The family from the settings, `gcc` or `clang`. */
  family: string;
  /** What is run: the setting c-repair.compilerPath, or the family's name on PATH. */
  executable: string;
  /** Its version, e.g. `12.2.0`, when it answered `--version`. */
  version?: string;
  /** Why it cannot be run (e.g. `not found`); absent when it can. */
  problem?: string;
}

/**
 * Client -> server request: the inline diff's proposals for a whole document, chosen by the server
 * (the preferred quick fix of each diagnostic, each once, none overlapping another). Empty outside
 * the feedback mode `repair`.
 */
export const INLINE_PROPOSALS_REQUEST = 'c-repair/inlineProposals';
export interface InlineProposalsParams {
  textDocument: { uri: string };
}
/** The proposals are code actions whose edits are tied to `version`; null when the document is not open. */
export type InlineProposalsResult = { version: number; proposals: CodeAction[] } | null;

/**
 * How a whole-file repair ended: `repaired` (compiles and passes the tests found), `unchanged`
 * (nothing to repair: it already did), `failed` (no verified repair of everything; `edits` may
 * still hold accepted partial progress).
 */
export type RepairStatus = 'repaired' | 'unchanged' | 'failed';

/** Client -> server request (via workspace/executeCommand): whole-file repair of an open document. */
export const REPAIR_DOCUMENT_COMMAND = 'c-repair.repairDocument';

/**
 * The answer to REPAIR_DOCUMENT_COMMAND: the repaired text and its explained edits, or why not. With
 * the setting c-repair.feedback at `hint`: `repaired` null, no edits, and `hints` in their place.
 */
export type RepairDocumentResult =
  | {
      uri: string;
      version: number;
      repaired: string | null;
      /** Hint mode: where a change is needed and of what kind, in words (1-based lines). */
      hints?: { line: number; message: string }[];
      edits: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string; explanation: string }[];
      errorsBefore: number;
      errorsAfter: number;
      testsPassedBefore: number | null;
      testsPassedAfter: number | null;
      testsTotal: number | null;
      /** Where the failing tests point (1-based lines, most suspicious first, with an Ochiai score in (0, 1]). */
      faultLines: { line: number; score: number }[];
      status: RepairStatus;
    }
  | { error: string };
