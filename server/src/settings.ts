// The user's settings (package.json "contributes.configuration"), with their defaults.
import type { CompilerFamily, CompilerOptions } from './oracle/compiler';
import { safeFlags } from './oracle/safeFlags';

export interface Settings {
  compiler: CompilerFamily;
  compilerPath: string;
  compilerArgs: string[];
  modelPath: string;
  executionProvider: 'auto' | 'cpu' | 'cuda';
  debounceMs: number;
  maxFileSizeKB: number;
  /** Repair assignment's budget for one file. */
  repairTimeoutSeconds: number;
  /** Fix all's budget (on save): compile repair only, what was verified by then is applied. */
  fixAllTimeoutMs: number;
  /** What c-repair offers: repairs, hints in words without the new code, or nothing. */
  feedback: Feedback;
}

export type Feedback = 'repair' | 'hint' | 'off';

export const DEFAULT_SETTINGS: Settings = {
  compiler: 'gcc',
  compilerPath: '',
  compilerArgs: [],
  modelPath: '',
  executionProvider: 'auto',
  debounceMs: 400,
  maxFileSizeKB: 256,
  repairTimeoutSeconds: 60,
  fixAllTimeoutMs: 5000,
  feedback: 'repair',
};

/** Fills gaps and drops values of the wrong type, so a broken settings.json cannot crash the server. */
export function normalizeSettings(raw: unknown): Settings {
  const r = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const pick = <K extends keyof Settings>(key: K, valid: (v: unknown) => boolean): Settings[K] =>
    valid(r[key]) ? (r[key] as Settings[K]) : DEFAULT_SETTINGS[key];
  const positive = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v >= 0;
  return {
    compiler: pick('compiler', (v) => v === 'gcc' || v === 'clang'),
    compilerPath: pick('compilerPath', (v) => typeof v === 'string'),
    compilerArgs: pick('compilerArgs', (v) => Array.isArray(v) && v.every((a) => typeof a === 'string')),
    modelPath: pick('modelPath', (v) => typeof v === 'string'),
    executionProvider: pick('executionProvider', (v) => v === 'auto' || v === 'cpu' || v === 'cuda'),
    debounceMs: pick('debounceMs', positive),
    maxFileSizeKB: pick('maxFileSizeKB', (v) => positive(v) && (v as number) > 0),
    repairTimeoutSeconds: pick('repairTimeoutSeconds', (v) => positive(v) && (v as number) > 0),
    fixAllTimeoutMs: pick('fixAllTimeoutMs', (v) => positive(v) && (v as number) > 0),
    feedback: pick('feedback', (v) => v === 'repair' || v === 'hint' || v === 'off'),
  };
}

/** Compiler options from settings; flags that would write files or run other programs are left out. */
export function compilerOptions(settings: Settings): CompilerOptions {
  return { family: settings.compiler, path: settings.compilerPath, args: safeFlags(settings.compilerArgs).kept };
}

/**
 * Where the server gets settings: pulled per document from the client (workspace/configuration)
 * when it can, else the ones given at start or pushed with a change notification. Pulled settings
 * are cached per document until the next change.
 */
export class SettingsSource {
  private canPull = false;
  /** From initializationOptions, or the last pushed change: used when pulling is not possible. */
  private given: Settings = normalizeSettings(undefined);
  private readonly cache = new Map<string, Promise<Settings>>();

  /** `pull(uri)`: the client's `c-repair` section for that document, or the workspace's without one. */
  constructor(private readonly pull: (scopeUri?: string) => Promise<unknown>) {}

  /** Settings come from the client's workspace/configuration (so it must tell the server of changes). */
  get pulled(): boolean {
    return this.canPull;
  }

  initialize(canPull: boolean, initializationSettings: unknown): void {
    this.canPull = canPull;
    this.given = normalizeSettings(initializationSettings);
  }

  /** A change notification; `pushed` is its `c-repair` section when the client sends one. */
  changed(pushed: unknown): void {
    this.cache.clear();
    if (pushed !== undefined) this.given = normalizeSettings(pushed);
  }

  forDocument(uri: string): Promise<Settings> {
    if (!this.canPull) return Promise.resolve(this.given);
    let cached = this.cache.get(uri);
    if (!cached) {
      cached = this.pull(uri).then(normalizeSettings, () => this.given);
      this.cache.set(uri, cached);
    }
    return cached;
  }

  /** Settings that are not per file (the model's): the workspace's. */
  global(): Promise<Settings> {
    if (!this.canPull) return Promise.resolve(this.given);
    return this.pull().then(normalizeSettings, () => this.given);
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }
}
