// Course compile commands ("gcc -Wall -Wextra -Werror -ansi -pedantic -lm") as compiler flags:
// the compiler's name, link libraries, source files and unsafe flags are dropped; the rest is honoured.
import { safeFlags } from './safeFlags';

export function flagsFromCommand(command: string | readonly string[] | undefined): string[] {
  if (command === undefined) return [];
  const words = typeof command === 'string' ? command.split(/\s+/).filter(Boolean) : [...command];
  if (words.length > 0 && /^(gcc|clang|cc)(-\d+)?$/.test(words[0])) words.shift();
  return safeFlags(words.filter((w) => !/^-l/.test(w) && !/\.c$/.test(w) && w !== '-c')).kept;
}
