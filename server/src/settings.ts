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
}

export const DEFAULT_SETTINGS: Settings = {
  compiler: 'gcc',
  compilerPath: '',
  compilerArgs: [],
  modelPath: '',
  executionProvider: 'auto',
  debounceMs: 400,
  maxFileSizeKB: 256,
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
  };
}

/** Compiler options from settings; flags that would write files or run other programs are left out. */
export function compilerOptions(settings: Settings): CompilerOptions {
  return { family: settings.compiler, path: settings.compilerPath, args: safeFlags(settings.compilerArgs).kept };
}
