// Builds the linux-x64 .vsix. The bundles need no node_modules except onnxruntime-node (a native
// addon), and .vscodeignore keeps only its linux-x64 binaries: other platforms' are never shipped.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';

const { version } = JSON.parse(fs.readFileSync('package.json', 'utf8'));
const out = `c-repair-linux-x64-${version}.vsix`;
execFileSync(
  process.execPath,
  ['node_modules/@vscode/vsce/vsce', 'package', '--target', 'linux-x64', '--allow-missing-repository', '--no-rewrite-relative-links', '--out', out],
  { stdio: 'inherit' },
);
const mb = fs.statSync(out).size / 1024 / 1024;
console.log(`${out}: ${mb.toFixed(1)} MB`);
if (mb > 80) {
  console.error(`the .vsix is over the 80 MB budget`);
  process.exit(1);
}
