// The repository's test fixtures (test/fixtures), read as text.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from './sharedData';

export const fixture = (name: string) => fs.readFileSync(path.join(REPO_ROOT, 'test', 'fixtures', name), 'utf8');

/** A hostile student program (test/fixtures/hostile/NAME.c). */
export const hostileProgram = (name: string) => fixture(path.join('hostile', `${name}.c`));
