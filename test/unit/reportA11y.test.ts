// The instructor's report in a real browser: Debian's chromium (headless, driven by playwright-core)
// opens the real CLI's report; axe-core's WCAG 2 A and AA rules (headings, labels, contrast, lang,
// title, names of images...) must find no violation; the page fetches nothing; markup from a
// submission stays text; the status filter hides sections. Skipped only where chromium is absent.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import type { AxeResults } from 'axe-core';
import { chromium } from 'playwright-core';
import { batchInput, readOutput, runCli, SMALL_BATCH } from '../support/batchCli';

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const skip = fs.existsSync(CHROMIUM) ? false : `no chromium at ${CHROMIUM} (Debian package chromium; .ci/run installs it)`;

test('the HTML report passes axe-core WCAG 2 A/AA in chromium, fetches nothing, and its filter works', { skip, timeout: 180000 }, async () => {
  const { dir, input } = batchInput(SMALL_BATCH);
  const out = path.join(dir, 'out.jsonl');
  const report = path.join(dir, 'report.html');
  const r = runCli(['batch', '--in', input, '--out', out, '--no-model', '--report', report]);
  assert.equal(r.status, 0, r.stderr);
  const lines = readOutput(out);
  const url = pathToFileURL(report).href;

  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage();
    const requests: string[] = [];
    page.on('request', (req) => requests.push(req.url()));
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(url);
    assert.deepEqual(requests, [url], 'the report loads nothing but itself');

    assert.equal(await page.evaluate('document.querySelectorAll("b, img, i").length'), 0, 'no markup from a submission');
    assert.equal(await page.evaluate('document.scripts.length'), 1, 'only the report\'s own script');

    await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
    const results = (await page.evaluate(`axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } })`)) as AxeResults;
    const found = results.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `  ${n.target.join(' ')}: ${n.failureSummary}`).join('\n')}`);
    assert.deepEqual(found, [], `axe-core violations:\n${found.join('\n')}`);
    assert.ok(results.passes.some((p) => p.id === 'color-contrast'), 'contrast was checked');
    assert.ok(results.passes.some((p) => p.id === 'select-name'), 'the filter\'s label was checked');

    const visible = async () => (await page.locator('article[data-status]:visible h2').allTextContents()).map((t) => t.trim());
    assert.equal((await visible()).length, lines.length, 'one section per submission');
    await page.getByLabel('Show submissions with status').selectOption('failed');
    const failed = lines.filter((o) => o.status === 'failed');
    assert.ok(failed.length > 0);
    assert.deepEqual(await visible(), failed.map((o) => `${o.id} failed`));
    assert.equal(await page.locator('#shown').textContent(), `Showing ${failed.length} of ${lines.length} submissions.`);
    await page.getByLabel('Show submissions with status').selectOption('');
    assert.equal((await visible()).length, lines.length);
    assert.deepEqual(pageErrors, []);
  } finally {
    await browser.close();
  }
});
