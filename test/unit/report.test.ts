// The instructor's report: CSV quoting, HTML escaping, and the real CLI's --report/--csv files
// checked against its own JSONL output (real gcc, small real programs).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import type { BatchOutput } from '../../server/src/cli/batch';
import { CSV_HEADER, csvField, renderCsv } from '../../server/src/cli/reportCsv';
import type { ReportEntry } from '../../server/src/cli/reportEntry';
import { escapeHtml, renderHtmlReport } from '../../server/src/cli/reportHtml';
import { batchInput, readOutput, runCli, SMALL_BATCH } from '../support/batchCli';

/** RFC 4180 read back: quoted fields may hold commas, doubled quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (quoted || (c !== ',' && c !== '\n')) {
      field += c;
    } else {
      row.push(field);
      field = '';
      if (c === '\n') {
        rows.push(row);
        row = [];
      }
    }
  }
  assert.ok(field === '' && row.length === 0 && !quoted, 'the CSV ends with a line break');
  return rows;
}

const output = (over: Partial<BatchOutput>): BatchOutput => ({
  id: 'x', status: 'repaired', repaired: null, edits: [], compiles: true, tests_passed: null, tests_total: null, ms: 5, forward_passes: 0, ...over,
});

test('csvField quotes commas, quotes and line breaks, and doubles quotes', () => {
  assert.equal(csvField('plain'), 'plain');
  assert.equal(csvField('a,b'), '"a,b"');
  assert.equal(csvField('say "hi"'), '"say ""hi"""');
  assert.equal(csvField('two\nlines'), '"two\nlines"');
  assert.equal(csvField('cr\r'), '"cr\r"');
  assert.equal(csvField(null), '');
  assert.equal(csvField('=HYPERLINK("http://x")'), '"\'=HYPERLINK(""http://x"")"', 'a formula opens as text');
  assert.equal(csvField('@SUM(A1)'), "'@SUM(A1)");
  assert.equal(csvField(-3), '-3', 'numbers stay numbers');
  assert.equal(csvField(0), '0');
  assert.equal(csvField(false), 'false');
});

test('renderCsv: a header and one row per submission that reads back exactly', () => {
  const hard = 'a,"b"\nc';
  const entries: ReportEntry[] = [
    { output: output({ id: hard, edits: [{ start: 0, end: 0, newText: ';', explanation: 'e' }], tests_passed: 1, tests_total: 2 }), source: '', errorClass: "expected 'X' before 'X' token" },
    { output: output({ id: 'ok', status: 'unchanged' }), source: '', errorClass: '(no compile error)' },
  ];
  const rows = parseCsv(renderCsv(entries));
  assert.deepEqual(rows, [
    CSV_HEADER,
    [hard, 'repaired', 'true', '1', '2', '1', "expected 'X' before 'X' token", '5'],
    ['ok', 'unchanged', 'true', '', '', '0', '(no compile error)', '5'],
  ]);
});

test('escapeHtml escapes the five characters that can change markup', () => {
  assert.equal(escapeHtml(`<a href="x" title='y'>&amp;</a>`), '&#60;a href=&#34;x&#34; title=&#39;y&#39;&#62;&#38;amp;&#60;/a&#62;');
});

test('renderHtmlReport: markup in an id, a source, an explanation or an error class stays text', () => {
  const source = '/* </script><b>bold</b> */\nint main(void) { return 0 }\n';
  const entries: ReportEntry[] = [{
    output: output({
      id: '<b>id</b>', repaired: source.replace('0 }', '0; }'),
      edits: [{ start: 0, end: 0, newText: ';', explanation: 'Insert `;` <img src=x onerror=alert(1)>' }],
      error: '</script><script>alert(2)</script>',
    }),
    source,
    errorClass: "'<b>' undeclared",
  }];
  const html = renderHtmlReport(entries, { input: '<i>in.jsonl</i>', generated: new Date(0) });
  assert.equal(html.match(/<script/g)?.length, 1, 'only the report\'s own script');
  assert.equal(html.match(/<\/script>/g)?.length, 1);
  assert.doesNotMatch(html, /<b>|<img|<i>/);
  assert.match(html, /&#60;\/script&#62;&#60;b&#62;bold&#60;\/b&#62;/, 'the source is shown as text');
  assert.match(html, /<span class="del">-int main\(void\) \{ return 0 \}<\/span>/);
  assert.match(html, /<span class="add">\+int main\(void\) \{ return 0; \}<\/span>/);
  assert.match(html, /Insert `;` &#60;img src=x onerror=alert\(1\)&#62;/);
});

test('the real CLI writes --report and --csv that agree with its JSONL output', () => {
  const { dir, input } = batchInput(SMALL_BATCH);
  const out = path.join(dir, 'out.jsonl');
  const report = path.join(dir, 'report.html');
  const csv = path.join(dir, 'report.csv');
  const r = runCli(['batch', '--in', input, '--out', out, '--jobs', '2', '--no-model', '--report', report, '--csv', csv]);
  assert.equal(r.status, 0, r.stderr);
  const lines = readOutput(out);
  assert.equal(lines.length, SMALL_BATCH.length);
  const html = fs.readFileSync(report, 'utf8');

  // The summary's counts are the JSONL's counts, every status present in this batch.
  const counts = new Map<string, number>();
  for (const o of lines) counts.set(o.status, (counts.get(o.status) ?? 0) + 1);
  assert.equal(counts.size, 4, `every status occurs: ${[...counts.keys()]}`);
  for (const status of ['repaired', 'unchanged', 'failed', 'error']) {
    const row = new RegExp(`<tr><td>${status}</td><td class="n">(\\d+)</td></tr>`).exec(html);
    assert.equal(Number(row?.[1]), counts.get(status), status);
  }
  assert.match(html, new RegExp(`<title>c-repair report: ${lines.length} submissions</title>`));

  // One section per submission, in input order, each with its id as its heading.
  const headings = [...html.matchAll(/<article class="submission" data-status="(\w+)"[^>]*>\n<h2 id="sub-\d+">([^<]*) <span/g)];
  assert.deepEqual(headings.map((h) => h[2]), lines.map((o) => escapeHtml(o.id)));
  assert.deepEqual(headings.map((h) => h[1]), lines.map((o) => o.status));
  assert.match(html, /<span class="add">\+        sum \+= i;<\/span>/, 'the fixture\'s repair as a diff');
  assert.match(html, /Insert `;` on line 9, because the compiler reports/, 'each edit explained');
  assert.match(html, /<dt>Tests<\/dt><dd>0\/1 passed<\/dd>/);
  assert.doesNotMatch(html, /<b>/, 'the id and source with markup stay text');

  // One CSV row per submission, agreeing with the JSONL line.
  const rows = parseCsv(fs.readFileSync(csv, 'utf8'));
  assert.deepEqual(rows[0], CSV_HEADER);
  assert.equal(rows.length, lines.length + 1);
  rows.slice(1).forEach((row, i) => {
    const o = lines[i];
    assert.deepEqual([row[0], row[1], row[2], row[3], row[4], row[5], row[7]],
      [o.id, o.status, String(o.compiles), String(o.tests_passed ?? ''), String(o.tests_total ?? ''), String(o.edits.length), String(o.ms)]);
  });
  const classOf = new Map(rows.slice(1).map((row) => [row[0], row[6]]));
  assert.equal(classOf.get('missing_semicolon'), "expected 'X' before 'X' token");
  assert.equal(classOf.get('clean'), '(no compile error)');
  assert.equal(classOf.get('line-4'), '(not compiled)');
  // The chart's bars carry the same class names as text.
  assert.match(html, /<text x="0" y="\d+">expected &#39;X&#39; before &#39;X&#39; token<\/text>/);
});
