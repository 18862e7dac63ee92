// Owns the repair model for the server: loads it in the background (diagnostics never wait for
// it), reloads it when its settings change, and reports its state for the status bar. Without a
// usable model the server keeps working with compiler fix-its, rewrites and edit search.
import * as path from 'node:path';
import { RepairModel } from './repairModel';
import type { StatusParams } from '../protocol';
import type { ModelSource } from '../repair/modelSource';
import type { Settings } from '../settings';

/** The models/ folder shipped beside dist/ (the bundles live in dist/). */
export const SHIPPED_MODEL_DIR = path.join(__dirname, '..', 'models');

export class ModelHost {
  private loading: Promise<RepairModel | undefined> | undefined;
  private key = '';

  constructor(
    private readonly report: (status: Partial<StatusParams>) => void,
    private readonly log: (line: string) => void,
  ) {}

  /** Starts loading for these settings unless that is already done or under way. */
  configure(settings: Settings): void {
    const key = `${settings.modelPath}\u0000${settings.executionProvider}`;
    if (key === this.key && this.loading) return;
    this.key = key;
    this.report({ model: 'loading', reason: undefined, provider: undefined });
    const loading = RepairModel.tryLoad({
      modelPath: settings.modelPath,
      shippedModelDir: SHIPPED_MODEL_DIR,
      executionProvider: settings.executionProvider,
    }).then(({ model, status }) => {
      if (this.loading !== loading) return model; // superseded by newer settings
      this.log(status.message);
      if (model) {
        this.report({ model: 'ready', provider: status.provider, reason: status.fallbackReason });
      } else {
        this.report({ model: status.problem === 'missing' ? 'absent' : 'failed', reason: status.message });
      }
      return model;
    });
    this.loading = loading;
  }

  /** Waits for the load under way to finish (for explicit commands, which may wait). */
  async whenLoaded(): Promise<ModelSource | undefined> {
    return this.loading;
  }

  /** The model if it is loaded and usable now; never waits for a load in progress. */
  async ifLoaded(): Promise<ModelSource | undefined> {
    const pending = this.loading;
    if (!pending) return undefined;
    const settled = await Promise.race([pending, Promise.resolve(LOADING)]);
    return settled === LOADING ? undefined : (settled as RepairModel | undefined);
  }
}

const LOADING = Symbol('loading');
