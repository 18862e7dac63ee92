// A proposed repair: minimal edits on the original text, why each is made, and the oracle's verdict.
import type { CompilerDiagnostic, CompileResult, TextEdit } from '../oracle/compiler';

export type RepairSource = 'compiler-fixit' | 'strict-rule' | 'scope-rule' | 'error-rule' | 'model' | 'syntax-search' | 'reference' | 'logic-search';

export interface ExplainedEdit extends TextEdit {
  explanation: string;
}

export interface Repair {
  /** Short summary for the lightbulb, e.g. "insert `;` on line 3". */
  title: string;
  source: RepairSource;
  edits: ExplainedEdit[];
  /** The diagnostic this repair answers. */
  diagnostic: CompilerDiagnostic;
  /** What the compiler says about the repaired text. */
  after: CompileResult;
}
