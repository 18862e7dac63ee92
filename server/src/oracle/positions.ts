// Converts compiler locations (1-based line, 1-based byte column) into UTF-16 offsets of the text.

/** Offsets where each line starts; a line ends at \n, \r\n or a lone \r, as compilers count them. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) starts.push(i + 1);
  }
  return starts;
}

export function byteColumnToOffset(
  text: string,
  starts: readonly number[],
  line1: number,
  byteColumn1: number,
  encoding: 'utf8' | 'latin1',
): number {
  if (line1 < 1) return 0;
  if (line1 > starts.length) return text.length;
  const lineStart = starts[line1 - 1];
  const lineEnd = line1 < starts.length ? starts[line1] : text.length;
  let contentEnd = lineEnd;
  while (contentEnd > lineStart && (text[contentEnd - 1] === '\n' || text[contentEnd - 1] === '\r')) contentEnd--;
  let bytes = Math.max(0, byteColumn1 - 1);
  let i = lineStart;
  while (i < contentEnd && bytes > 0) {
    const cp = text.codePointAt(i)!;
    bytes -= encoding === 'latin1' ? 1 : utf8Length(cp);
    i += cp > 0xffff ? 2 : 1;
  }
  return i; // a column past the line's end points at its end, never into the next line
}

function utf8Length(cp: number): number {
  return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}
