// Turns the model's output (the whole repaired program as abstract tokens) into minimal text edits
// on the student's original text: tokens the model copied keep their original spelling, spacing
// and comments; only the changed tokens are written, with pool slots mapped back to names.
import { diffArrays } from 'diff';
import { AbstractProgram, concretizeToken, Pools } from '../c/abstraction';
import { lex, significantTokens } from '../c/lexer';
import { isLineMarker } from '../c/vocabulary';
import type { TextEdit } from '../oracle/compiler';
import { applyEdits } from './edits';

export type Concretized = { text: string; edits: TextEdit[]; changedTokens: number } | { error: string };

const WORD = /[A-Za-z0-9_$]/;
const NO_SPACE_BEFORE = new Set([';', ',', ')', ']', '.', '->', '++', '--']);
const NO_SPACE_AFTER = new Set(['(', '[', '.', '->', '!', '~', '#']);

/** Joins tokens the way a person would write them on one line. */
function joinTokens(texts: readonly string[]): string {
  let out = '';
  for (let i = 0; i < texts.length; i++) {
    const t = texts[i];
    const space = i > 0 && !NO_SPACE_BEFORE.has(t) && !NO_SPACE_AFTER.has(texts[i - 1]);
    out += (space ? ' ' : '') + t;
  }
  return out;
}

/** Pads new text with a space where it would otherwise glue onto a neighbouring word. */
function pad(text: string, start: number, end: number, newText: string): string {
  const before = start > 0 ? text[start - 1] : '';
  const after = end < text.length ? text[end] : '';
  if (newText === '') return WORD.test(before) && WORD.test(after) ? ' ' : ''; // "return=0" -> "return 0"
  const lead = WORD.test(before) && WORD.test(newText[0]) ? ' ' : '';
  const trail = WORD.test(after) && WORD.test(newText[newText.length - 1]) ? ' ' : '';
  return lead + newText + trail;
}

/**
 * `pools` are the prompt's pools (the program's, plus names only the compiler's messages mention);
 * `original` is the text `program` was abstracted from.
 */
export function concretize(program: AbstractProgram, pools: Pools, output: readonly string[], original: string): Concretized {
  const inTokens: string[] = [];
  const inSource: number[] = [];
  program.modelTokens.forEach((t, i) => {
    if (program.tokenSource[i] >= 0) {
      inTokens.push(t);
      inSource.push(program.tokenSource[i]);
    }
  });
  const outTokens = output.filter((t) => !isLineMarker(t));
  const sig = program.significant;
  const edits: TextEdit[] = [];
  const expectedTexts: string[] = [];
  let inIndex = 0;
  let changedTokens = 0;
  const parts = diffArrays(inTokens, outTokens);
  for (let p = 0; p < parts.length; p++) {
    const part = parts[p];
    if (!part.added && !part.removed) {
      for (let k = 0; k < part.value.length; k++) expectedTexts.push(sig[inSource[inIndex + k]].text);
      inIndex += part.value.length;
      continue;
    }
    // A hunk: removed tokens (maybe none) followed by added tokens (maybe none).
    const removed = part.removed ? part.value.length : 0;
    const addedPart = part.removed && parts[p + 1]?.added ? parts[++p] : part.added ? part : undefined;
    const added = addedPart?.value ?? [];
    const texts: string[] = [];
    for (const t of added) {
      const concrete = concretizeToken(t, pools);
      if (concrete === undefined) return { error: `the model wrote ${t}, which names nothing in this program` };
      texts.push(concrete);
    }
    changedTokens += Math.max(removed, added.length);
    const start = removed > 0 ? sig[inSource[inIndex]].start : inIndex > 0 ? sig[inSource[inIndex - 1]].end : 0;
    const end = removed > 0 ? sig[inSource[inIndex + removed - 1]].end : start;
    edits.push({ start, end, newText: pad(original, start, end, joinTokens(texts)) });
    expectedTexts.push(...texts);
    inIndex += removed;
  }
  let text: string;
  try {
    text = applyEdits(original, edits);
  } catch (e) {
    return { error: `the model's change could not be placed: ${(e as Error).message}` };
  }
  // The edited text must read back as exactly the tokens the model wrote (no accidental gluing).
  const actual = significantTokens(lex(text)).map((t) => t.text);
  if (actual.length !== expectedTexts.length || actual.some((t, i) => t !== expectedTexts[i])) {
    return { error: 'the repaired tokens do not read back as written' };
  }
  return { text, edits, changedTokens };
}
