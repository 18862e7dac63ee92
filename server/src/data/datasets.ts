// Where the project's real student programs live: ../shared/data beside the repository, or
// $C_REPAIR_DATA. Read by the tests, the evaluation and training (never by the shipped extension).
import * as fs from 'node:fs';
import * as path from 'node:path';

export function datasetsDir(repoRoot: string): string {
  return process.env.C_REPAIR_DATA ?? path.resolve(repoRoot, '..', 'shared', 'data');
}

/** A dataset file's path; a clear error when it is missing. */
export function datasetFile(dir: string, relative: string): string {
  const file = path.join(dir, relative);
  if (!fs.existsSync(file)) throw new Error(`missing dataset file ${file} (set C_REPAIR_DATA to ../shared/data)`);
  return file;
}
