// C's arithmetic types as a declaration spells them (`DeclaredName.type`: `unsigned long`,
// `long long int`), for the edits that depend on whether a value is an integer or a floating one.
import type { DeclaredName } from './scopes';

const SIGNED_INTEGER = new Set(['int', 'signed', 'signed int', 'short', 'short int', 'long', 'long int', 'long long', 'long long int']);
const UNSIGNED_INTEGER = new Set(['unsigned', 'unsigned int', 'unsigned short', 'unsigned long', 'unsigned long int', 'unsigned long long', 'size_t']);
const FLOATING = new Set(['float', 'double', 'long double']);

/** An integer type; `char`, which programs use for characters, is not one. */
export const isIntegerType = (type: string) => SIGNED_INTEGER.has(type) || UNSIGNED_INTEGER.has(type);
export const isSignedIntegerType = (type: string) => SIGNED_INTEGER.has(type);
export const isFloatingType = (type: string) => FLOATING.has(type);

/** A variable that holds one integer: not an array, not a pointer (`char` too where `withChar`). */
export const isIntegerVariable = (d: DeclaredName, withChar = false) =>
  d.arrayDims === 0 && d.pointers === 0 && (isIntegerType(d.type) || (withChar && d.type === 'char'));

/** Each arithmetic type's spellings (a declaration's, and gcc's in its format warnings) by one name. */
const CANONICAL: Record<string, string> = {
  int: 'int', signed: 'int', 'signed int': 'int', unsigned: 'unsigned', 'unsigned int': 'unsigned',
  short: 'short', 'short int': 'short', 'unsigned short': 'unsigned short', 'short unsigned int': 'unsigned short',
  long: 'long', 'long int': 'long', 'unsigned long': 'unsigned long', 'unsigned long int': 'unsigned long', 'long unsigned int': 'unsigned long',
  'long long': 'long long', 'long long int': 'long long', 'unsigned long long': 'unsigned long long', 'long long unsigned int': 'unsigned long long',
  char: 'char', float: 'float', double: 'double', 'long double': 'long double', 'char *': 'char *', 'const char *': 'char *',
};

/** The conversion (its length and letter) that printf and scanf take for each type. */
const CONVERSIONS: Record<string, { printf: string; scanf: string }> = {
  int: { printf: 'd', scanf: 'd' }, unsigned: { printf: 'u', scanf: 'u' }, short: { printf: 'd', scanf: 'hd' }, 'unsigned short': { printf: 'u', scanf: 'hu' },
  long: { printf: 'ld', scanf: 'ld' }, 'unsigned long': { printf: 'lu', scanf: 'lu' }, 'long long': { printf: 'lld', scanf: 'lld' },
  'unsigned long long': { printf: 'llu', scanf: 'llu' }, char: { printf: 'c', scanf: 'c' }, float: { printf: 'f', scanf: 'f' },
  double: { printf: 'f', scanf: 'lf' }, 'long double': { printf: 'Lf', scanf: 'Lf' }, 'char *': { printf: 's', scanf: 's' },
};

/** The conversion, without its `%`, that `use` needs for a value of `type` (`long long int`: `lld`). */
export function conversionFor(type: string, use: 'printf' | 'scanf'): string | undefined {
  const canonical = CANONICAL[type.replace(/\s+/g, ' ').trim()];
  return canonical === undefined ? undefined : CONVERSIONS[canonical][use];
}
