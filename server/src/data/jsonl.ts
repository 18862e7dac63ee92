// Streaming readers for JSON Lines files, plain or gzipped (the batch CLI and the datasets use them).
import * as fs from 'node:fs';
import * as readline from 'node:readline';
import * as zlib from 'node:zlib';

export type JsonlLine = { lineNumber: number; value: unknown } | { lineNumber: number; error: string };

/** Yields each non-blank line parsed, or the parse error for that line, so one bad line stops nothing. */
export async function* readJsonl(path: string): AsyncGenerator<JsonlLine> {
  let lineNumber = 0;
  for await (const line of rawLines(path)) {
    lineNumber++;
    if (line.trim() === '') continue;
    try {
      yield { lineNumber, value: JSON.parse(line) };
    } catch (e) {
      yield { lineNumber, error: (e as Error).message };
    }
  }
}

/** How many lines readJsonl yields (the non-blank ones), without parsing them. */
export async function countJsonlLines(path: string): Promise<number> {
  let n = 0;
  for await (const line of rawLines(path)) if (line.trim() !== '') n++;
  return n;
}

function rawLines(path: string): readline.Interface {
  const raw = fs.createReadStream(path);
  const input = path.endsWith('.gz') ? raw.pipe(zlib.createGunzip()) : raw;
  return readline.createInterface({ input, crlfDelay: Infinity });
}

/** Reads a whole trusted .jsonl(.gz) dataset file into memory; throws on a malformed line. */
export function readJsonlSync<T>(path: string): T[] {
  const buf = fs.readFileSync(path);
  const text = (path.endsWith('.gz') ? zlib.gunzipSync(buf) : buf).toString('utf8');
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as T);
}
