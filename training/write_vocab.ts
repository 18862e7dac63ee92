// Writes models/vocab.json from the server's vocabulary (its single source of truth).
// Run: npx tsc -b training && node out/training/write_vocab.js
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildVocabulary, vocabularySha256 } from '../server/src/c/vocabulary';
import { REPO_ROOT } from './sources';

if (require.main === module) {
  const tokens = buildVocabulary();
  const file = path.join(REPO_ROOT, 'models', 'vocab.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(tokens) + '\n');
  console.log(`${file}: ${tokens.length} tokens, sha256 ${vocabularySha256(tokens)}`);
}
