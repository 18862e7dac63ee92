// What the user sees of the server's state: the notification for the status bar and the language
// status (model, provider, compiler, last analysis time) and, once per cause, a message when the
// environment stops analyses (no compiler, no temporary folder). A failure is said again only after
// an analysis has succeeded since.
import { CompilerUnavailableError, TemporaryFolderError } from '../oracle/compiler';
import type { StatusParams } from '../protocol';
import type { AnalysisOutcome } from './analysis';

export class StatusReporter {
  private status: StatusParams = { model: 'absent', active: true };
  private readonly told = new Set<string>();

  constructor(
    private readonly send: (status: StatusParams) => void,
    private readonly showError: (message: string) => void,
    /** Asks the compiler for its version again (it was missing, and an analysis now compiled). */
    private readonly recheckCompiler: () => void = () => undefined,
  ) {}

  update(change: Partial<StatusParams>): void {
    this.status = { ...this.status, ...change };
    this.send(this.status);
  }

  /** After each analysis: its time on success; a failure of the environment said once. */
  analysed(outcome: AnalysisOutcome): void {
    if (outcome.kind === 'compiled') {
      this.told.clear();
      this.update({ lastAnalysisMs: outcome.ms });
      if (this.status.compiler?.problem) this.recheckCompiler();
      return;
    }
    if (outcome.kind !== 'failed') return;
    if (outcome.error instanceof CompilerUnavailableError && this.status.compiler?.problem !== outcome.error.reason) {
      const family = this.status.compiler?.family ?? '';
      this.update({ compiler: { family, executable: outcome.error.executable, problem: outcome.error.reason } });
    }
    const environmental = outcome.error instanceof CompilerUnavailableError || outcome.error instanceof TemporaryFolderError;
    if (!environmental || this.told.has(outcome.message)) return;
    this.told.add(outcome.message);
    this.showError(outcome.error instanceof CompilerUnavailableError ? `${outcome.message}. Set c-repair.compiler or c-repair.compilerPath.` : outcome.message);
  }
}
