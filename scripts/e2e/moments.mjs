// The browser side of the tests' "moments" (see test/e2e/harness.ts): a test asks, through a file,
// for the page to be checked, photographed and acted on as a person would; the answer goes back
// through a file too.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { log, sleep } from './processes.mjs';

const CHECK_MS = 10_000;

export async function handleMoment(page, request, resultsDir) {
  const failures = [];
  const deadline = Date.now() + CHECK_MS;
  for (const check of request.checks) {
    let locator = page.locator(check.selector);
    if (check.text) locator = locator.filter({ hasText: check.text });
    const what = `${check.absent ? 'no ' : ''}${check.selector}${check.text ? ` with text ${JSON.stringify(check.text)}` : ''}`;
    try {
      await locator.first().waitFor({ state: check.absent ? 'hidden' : 'visible', timeout: Math.max(1, deadline - Date.now()) });
    } catch {
      const seen = check.absent ? '' : ` (seen: ${JSON.stringify((await page.locator(check.selector).allInnerTexts().catch(() => [])).slice(0, 5))})`;
      failures.push(`expected ${what} on the page${seen}`);
    }
  }
  await sleep(300); // let animations (hover fade-in, menus) settle before the picture
  const screenshot = path.join(resultsDir, `${request.name}.png`);
  await page.screenshot({ path: screenshot }).catch((e) => failures.push(`screenshot failed: ${e.message}`));
  for (const action of request.actions) {
    try {
      if ('press' in action) await page.keyboard.press(action.press);
      else if ('click' in action) await page.locator(action.click).first().click({ timeout: 5000 });
      else await page.locator(action.clickText.selector).filter({ hasText: action.clickText.text }).first().click({ timeout: 5000 });
    } catch (e) {
      failures.push(`action ${JSON.stringify(action)} failed: ${e.message.split('\n')[0]}`);
    }
  }
  // A failed check keeps the page's DOM, to see what was there instead.
  if (failures.length) fs.writeFileSync(path.join(resultsDir, `${request.name}.html`), await page.content().catch(() => ''));
  log(`moment ${request.name}: ${failures.length ? `FAILED: ${failures.join('; ')}` : 'ok'}`);
  return { ok: failures.length === 0, failures, screenshot };
}

/** Answers moment requests until results.json appears; throws on a timeout or a dead server. */
export async function serveMoments(page, resultsDir, { timeoutMs, startTimeoutMs, server, suite }) {
  const resultsFile = path.join(resultsDir, 'results.json');
  const momentsDir = path.join(resultsDir, 'moments');
  const handled = new Set();
  const deadline = Date.now() + timeoutMs;
  const startDeadline = Date.now() + startTimeoutMs;
  while (!fs.existsSync(resultsFile)) {
    const started = fs.existsSync(path.join(resultsDir, 'tests.log'));
    if (Date.now() > deadline || (!started && Date.now() > startDeadline)) {
      await page.screenshot({ path: path.join(resultsDir, 'timeout.png') }).catch(() => undefined);
      throw new Error(
        started
          ? `the ${suite} tests did not finish within ${timeoutMs / 1000} s (see ${resultsDir})`
          : `the ${suite} tests did not start within ${startTimeoutMs / 1000} s (see ${resultsDir}/browser.log and server.log)`,
      );
    }
    if (server.exitCode !== null) throw new Error(`the VS Code server exited with ${server.exitCode} during the tests`);
    for (const f of fs.existsSync(momentsDir) ? fs.readdirSync(momentsDir) : []) {
      if (!f.endsWith('.request.json') || handled.has(f)) continue;
      handled.add(f);
      const request = JSON.parse(fs.readFileSync(path.join(momentsDir, f), 'utf8'));
      const result = await handleMoment(page, request, resultsDir);
      fs.writeFileSync(path.join(momentsDir, `${request.name}.done.json`), JSON.stringify(result));
    }
    await sleep(100);
  }
  return JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
}
