// Scratch folders for tests that write files: removed when the test process exits, so that test
// runs leave nothing in the temporary folder.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const made: string[] = [];
process.once('exit', () => made.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

/** A new folder in the temporary folder, named `prefix` and a random tail. */
export function scratchFolder(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}
