// The untrusted-workspace check, driven from the page alone: VS Code trusts every workspace while
// extension tests run, so this suite runs no extension tests. It opens a C file in Restricted Mode
// as a person would and reads the status bar: c-repair must say it is off and compile nothing.
import * as path from 'node:path';
import { log, sleep } from './processes.mjs';

async function step(results, name, fn) {
  const t0 = Date.now();
  try {
    await fn();
    results.push({ name, ok: true, ms: Date.now() - t0 });
  } catch (e) {
    results.push({ name, ok: false, ms: Date.now() - t0, error: e.message });
  }
  log(`${name}: ${results.at(-1).ok ? 'ok' : 'FAILED'}`);
}

export async function runUntrusted(page, resultsDir) {
  const results = [];
  const shot = (name) => page.screenshot({ path: path.join(resultsDir, `${name}.png`) });
  await step(results, 'the workspace opens in Restricted Mode', async () => {
    await page.locator('.statusbar-item').filter({ hasText: 'Restricted Mode' }).first().waitFor({ timeout: 60_000 });
  });
  await step(results, 'c-repair says it is off in the status bar, and compiles nothing', async () => {
    await page.locator('.explorer-folders-view .monaco-list-row').filter({ hasText: 'broken.c' }).first().click({ timeout: 30_000 });
    await page.locator('.statusbar-item').filter({ hasText: 'c-repair: off (untrusted)' }).first().waitFor({ timeout: 30_000 });
    await sleep(3000); // time enough for a compile, were one (wrongly) started
    await shot('12-untrusted');
    const squiggles = await page.locator('.squiggly-error').count();
    if (squiggles > 0) throw new Error(`${squiggles} error squiggles in an untrusted workspace: something compiled`);
  });
  return { suite: 'untrusted', tests: results };
}
