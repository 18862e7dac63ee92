// Course compile commands ("gcc -Wall -Wextra -Werror -ansi -pedantic -lm") as compiler flags:
// the compiler's name, link libraries and output options are dropped; the rest is honoured.
export function flagsFromCommand(command: string | readonly string[] | undefined): string[] {
  if (command === undefined) return [];
  const words = typeof command === 'string' ? command.split(/\s+/).filter(Boolean) : [...command];
  if (words.length > 0 && /^(gcc|clang|cc)(-\d+)?$/.test(words[0])) words.shift();
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (w === '-o') {
      i++; // its argument too
      continue;
    }
    if (/^-l/.test(w) || /\.c$/.test(w) || w === '-c') continue;
    out.push(w);
  }
  return out;
}
