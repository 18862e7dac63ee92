// Decoding student files: valid UTF-8 as UTF-8, anything else as Latin-1 (one character per byte),
// so that every file round-trips byte for byte; and recognising files that are not C text at all.

export type SourceEncoding = 'utf8' | 'latin1';

export function decodeSource(bytes: Uint8Array): { text: string; encoding: SourceEncoding } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf8' };
  } catch {
    return { text: Buffer.from(bytes).toString('latin1'), encoding: 'latin1' };
  }
}

/** Text with NUL characters, or mostly control characters, is a binary file, not a C program. */
export function looksBinary(text: string): boolean {
  const sample = text.slice(0, 8192);
  if (sample.includes('\u0000')) return true;
  let control = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) control++;
  }
  return sample.length > 0 && control / sample.length > 0.1;
}

export interface NotRepairable {
  reason: 'too-large' | 'binary';
  /** One sentence for the user, naming `what` and the limit's setting. */
  message: string;
}

/**
 * The one check every way in makes before compiling: not over the size limit, not binary.
 * `what`: how to name the file ("this file", a path); `limitName`: the setting or option to raise.
 */
export function checkRepairable(text: string, byteLength: number, maxFileSizeKB: number, what: string, limitName: string): NotRepairable | undefined {
  if (byteLength > maxFileSizeKB * 1024) {
    const message = `c-repair: ${what} is ${Math.ceil(byteLength / 1024)} KB, over the ${maxFileSizeKB} KB limit (${limitName}), so it is not compiled or repaired.`;
    return { reason: 'too-large', message };
  }
  if (looksBinary(text)) return { reason: 'binary', message: `c-repair: ${what} looks binary, not C source, so it is not compiled.` };
  return undefined;
}
