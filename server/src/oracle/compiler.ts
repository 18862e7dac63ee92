// The compiler oracle: compiles a program text with a real gcc or clang and returns its
// diagnostics with exact offsets into that text, and the compiler's own fix-its.
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { compilerEnv, runProcess } from './process';
import { byteColumnToOffset, lineStarts } from './positions';
import { parseClangOutput } from './clangDiagnostics';
import { parseGccJson, parseGccPlainText } from './gccDiagnostics';

export type CompilerFamily = 'gcc' | 'clang';

export interface CompilerOptions {
  family: CompilerFamily;
  /** Executable to run; empty means the family's name looked up on PATH. */
  path?: string;
  /** Extra flags, e.g. ['-std=c99', '-Wall']. */
  args?: readonly string[];
  /** The compiler is killed after this long (a compiler can hang on pathological input). */
  timeoutMs?: number;
  /** How the text's characters map to bytes in the file the compiler reads. */
  encoding?: 'utf8' | 'latin1';
}

export interface TextEdit {
  /** UTF-16 offsets into the compiled text; `end` is exclusive. */
  start: number;
  end: number;
  newText: string;
}

export type Severity = 'error' | 'warning' | 'note';

export interface CompilerDiagnostic {
  severity: Severity;
  message: string;
  /** UTF-16 offsets of the reported range in the text (start === end for a caret). */
  start: number;
  end: number;
  /** 0-based line of `start`. */
  line: number;
  /** The warning option that produced it, e.g. -Wimplicit-function-declaration. */
  option?: string;
  /** The compiler's suggested fix: edits that belong together (from this diagnostic and its notes). */
  fixits: TextEdit[];
  /** The compiler's notes on it (e.g. "previous declaration of 'x' was here"), each where it points. */
  notes: CompilerNote[];
}

/** A note: in the compiled text (offsets), in another file such as a header (its path), or nowhere. */
export interface CompilerNote {
  message: string;
  /** UTF-16 offsets in the compiled text, when the note points into it. */
  start?: number;
  end?: number;
  /** When it points into another file: its path and the compiler's 1-based line and column there. */
  elsewhere?: { file: string; line: number; column: number };
}

export interface CompileResult {
  diagnostics: CompilerDiagnostic[];
  errorCount: number;
  warningCount: number;
  /** The compiler exited non-zero. */
  failed: boolean;
  ms: number;
}

export class CompilerUnavailableError extends Error {
  constructor(
    readonly executable: string,
    readonly reason: string,
  ) {
    super(`The C compiler '${executable}' could not be run: ${reason}`);
    this.name = 'CompilerUnavailableError';
  }
}

export class CompilerTimeoutError extends Error {
  constructor(readonly ms: number) {
    super(`The compiler did not finish within ${ms} ms and was stopped.`);
    this.name = 'CompilerTimeoutError';
  }
}

/** A location as compilers report it: 1-based line and 1-based byte column. */
export interface RawLocation {
  line: number;
  byteColumn: number;
}

/** A diagnostic as parsed from a compiler's output, before mapping to offsets. */
export interface RawDiagnostic {
  severity: Severity;
  message: string;
  file: string;
  caret?: RawLocation;
  /** Inclusive end of the highlighted range (gcc's "finish"). */
  finish?: RawLocation;
  option?: string;
  fixits: { start: RawLocation; end: RawLocation; newText: string }[];
  notes: RawDiagnostic[];
}

/** The temporary folder is missing, read-only or full: nothing can be compiled until that is fixed. */
export class TemporaryFolderError extends Error {
  constructor(cause: Error) {
    const code = (cause as NodeJS.ErrnoException).code;
    const why = code === 'ENOSPC' ? 'the disk is full' : code === 'EACCES' || code === 'EROFS' ? 'it is not writable' : cause.message;
    super(`c-repair cannot write its temporary files in ${os.tmpdir()}: ${why}.`);
    this.name = 'TemporaryFolderError';
  }
}

export const DEFAULT_COMPILE_TIMEOUT_MS = 10_000;

/**
 * Compiles to an object file rather than with -fsyntax-only: some warnings that course flags make
 * errors (e.g. "control reaches end of non-void function") come only from the compiler's later passes.
 */
export function compilerArgs(family: CompilerFamily, file: string, extra: readonly string[]): string[] {
  const common = ['-c', '-o', file.replace(/\.c$/, '.o'), ...extra, file];
  return family === 'gcc'
    ? ['-fdiagnostics-format=json', ...common]
    : ['-fdiagnostics-parseable-fixits', '-fno-color-diagnostics', ...common];
}

/** Compiles `text` from a private temporary file and returns the diagnostics for that file. */
export async function compile(text: string, options: CompilerOptions, signal?: AbortSignal): Promise<CompileResult> {
  const started = Date.now();
  const family = options.family;
  const executable = options.path || family;
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'c-repair-')).catch((e: Error) => {
    throw new TemporaryFolderError(e);
  });
  const file = path.join(dir, 'main.c');
  try {
    await fs.writeFile(file, Buffer.from(text, options.encoding ?? 'utf8')).catch((e: Error) => {
      throw new TemporaryFolderError(e);
    });
    const timeoutMs = options.timeoutMs ?? DEFAULT_COMPILE_TIMEOUT_MS;
    const run = await runProcess(executable, compilerArgs(family, file, options.args ?? []), {
      cwd: dir,
      timeoutMs,
      maxOutputBytes: 8 * 1024 * 1024,
      env: compilerEnv(dir),
      signal,
    });
    if (run.spawnError) throw new CompilerUnavailableError(executable, run.spawnError);
    if (run.timedOut) throw new CompilerTimeoutError(timeoutMs);
    let raw = family === 'gcc' ? parseGccJson(run.stderr) : parseClangOutput(run.stderr);
    // gcc that gives up on the file prints plain text and no JSON: a broken file, not a broken compiler.
    if (family === 'gcc' && run.exitCode !== 0 && raw.length === 0) raw = parseGccPlainText(run.stderr, file);
    if (run.exitCode !== 0 && raw.length === 0 && !signal?.aborted) {
      const firstLine = run.stderr.split('\n').find((l) => l.trim() !== '') ?? (run.signal ? `it crashed (${run.signal})` : `exit code ${run.exitCode}`);
      throw new CompilerUnavailableError(executable, firstLine.slice(0, 300));
    }
    const diagnostics = toDiagnostics(raw, text, file, options.encoding ?? 'utf8');
    return {
      diagnostics,
      errorCount: diagnostics.filter((d) => d.severity === 'error').length,
      warningCount: diagnostics.filter((d) => d.severity === 'warning').length,
      failed: run.exitCode !== 0,
      ms: Date.now() - started,
    };
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

function toDiagnostics(raw: RawDiagnostic[], text: string, file: string, encoding: 'utf8' | 'latin1'): CompilerDiagnostic[] {
  const starts = lineStarts(text);
  const inOurFile = (d: RawDiagnostic) => path.basename(d.file) === path.basename(file);
  const offset = (loc: RawLocation) => byteColumnToOffset(text, starts, loc.line, loc.byteColumn, encoding);
  const out: CompilerDiagnostic[] = [];
  for (const d of raw) {
    if (d.severity === 'note') continue; // notes are reported with the diagnostic they belong to
    // A diagnostic inside a header is shown where our file includes it, or at the top.
    const anchor = inOurFile(d) ? d : d.notes.find(inOurFile);
    const start = anchor?.caret ? offset(anchor.caret) : 0;
    const end = anchor?.finish && inOurFile(d) ? Math.max(start, offset(anchor.finish) + 1) : start;
    const fixits = [d, ...d.notes]
      .filter(inOurFile)
      .flatMap((x) => x.fixits)
      .map((f) => ({ start: offset(f.start), end: offset(f.end), newText: f.newText }));
    out.push({
      severity: d.severity,
      message: d.message,
      start: Math.min(start, text.length),
      end: Math.min(end, text.length),
      line: anchor?.caret ? anchor.caret.line - 1 : 0,
      option: d.option,
      fixits: dedupeEdits(fixits),
      notes: d.notes.map((n): CompilerNote => {
        if (!n.caret) return { message: n.message };
        if (!inOurFile(n)) return { message: n.message, elsewhere: { file: n.file, line: n.caret.line, column: n.caret.byteColumn } };
        const noteStart = Math.min(offset(n.caret), text.length);
        const noteEnd = n.finish ? Math.min(Math.max(noteStart, offset(n.finish) + 1), text.length) : noteStart;
        return { message: n.message, start: noteStart, end: noteEnd };
      }),
    });
  }
  return out;
}

function dedupeEdits(edits: TextEdit[]): TextEdit[] {
  const seen = new Set<string>();
  return edits.filter((e) => {
    const key = `${e.start}:${e.end}:${e.newText}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
