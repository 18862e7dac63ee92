// Compiler flags from settings or submission files must not make the compiler write files of their
// choosing or run other programs: those are dropped, and the caller says so.
const UNSAFE = [
  /^-o$/, /^-o./, // output files: c-repair chooses them
  /^-wrapper/, /^-fplugin/, /^-iplugindir/, /^-specs/, /^--specs/, /^-B/, // run or load other programs
  /^@/, // read more flags from a file
  /^-save-temps/, /^-M[DFMGQT]?D?$/, /^-MF/, /^-fdump-/, /^-fprofile-/, /^-fcallgraph-info/, /^-aux-info/, // write files
  /^-dumpdir/, /^-dumpbase/,
];

export function isUnsafeFlag(flag: string): boolean {
  return UNSAFE.some((re) => re.test(flag));
}

/** The flags that are safe to pass, and those dropped. */
export function safeFlags(flags: readonly string[]): { kept: string[]; dropped: string[] } {
  const kept: string[] = [];
  const dropped: string[] = [];
  for (let i = 0; i < flags.length; i++) {
    if (!isUnsafeFlag(flags[i])) {
      kept.push(flags[i]);
      continue;
    }
    dropped.push(flags[i]);
    if (/^(-o|-MF|-wrapper|-iplugindir|-B|-dumpdir|-dumpbase)$/.test(flags[i]) && i + 1 < flags.length) dropped.push(flags[++i]);
  }
  return { kept, dropped };
}
