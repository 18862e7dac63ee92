// The instructor's report as one self-contained HTML file: nothing is fetched (inline CSS, SVG and
// a few lines of script). A summary (counts by status and by the original's first compile error,
// as tables and bar charts), then one section per submission: status, tests, each edit's
// explanation and the unified diff. Every text from a submission is escaped.
import { unifiedDiff } from '../repair/edits';
import { ReportEntry, ReportSummary, STATUSES, summarize } from './reportEntry';

export interface ReportMeta {
  /** What the batch read, e.g. the input file and its shard. */
  input: string;
  generated: Date;
}

/** Text for HTML content or a quoted attribute value. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Classes beyond this many are shown together in the chart (the table lists them all). */
const CHART_CLASSES = 12;

const STYLE = `
body { font: 16px/1.5 system-ui, sans-serif; color: #1b1b1b; background: #fff; margin: 0 auto; max-width: 60rem; padding: 1rem; }
h1 { font-size: 1.75rem; } h2 { font-size: 1.35rem; margin-top: 2rem; } h3 { font-size: 1.1rem; }
table { border-collapse: collapse; margin: .5rem 0 1rem; }
th, td { border: 1px solid #8c959f; padding: .2rem .6rem; text-align: left; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
svg text { font: 13px system-ui, sans-serif; fill: #1b1b1b; }
.bar { fill: #2f5f98; }
.submission { border-top: 2px solid #8c959f; }
.badge { font-size: .9rem; padding: .1rem .5rem; border-radius: .6rem; margin-left: .5rem; }
.repaired { background: #dafbe1; color: #0f5323; } .unchanged { background: #eaeef2; color: #24292f; }
.failed { background: #fff1e5; color: #762c00; } .error { background: #ffebe9; color: #86061d; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0 1rem; } dt { font-weight: 600; } dd { margin: 0; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; background: #f6f8fa; padding: .5rem; border: 1px solid #d0d7de; }
.add { background: #dafbe1; display: block; } .del { background: #ffebe9; display: block; }
.hunk { color: #0a4a9e; display: block; }
[hidden] { display: none !important; }
`;

const SCRIPT = `
const filter = document.getElementById('status-filter');
const shown = document.getElementById('shown');
const sections = document.querySelectorAll('article[data-status]');
filter.addEventListener('change', () => {
  let n = 0;
  for (const s of sections) {
    s.hidden = filter.value !== '' && s.dataset.status !== filter.value;
    if (!s.hidden) n++;
  }
  shown.textContent = 'Showing ' + n + ' of ' + sections.length + ' submissions.';
});
`;

/** A horizontal bar chart with a text label and the count on every bar. */
function barChart(id: string, title: string, rows: [string, number][]): string {
  const rowHeight = 34;
  const width = 720;
  const barMax = 560;
  const max = Math.max(1, ...rows.map(([, n]) => n));
  const bars = rows.map(([label, n], i) => {
    const y = i * rowHeight;
    const w = Math.max(n > 0 ? 2 : 0, Math.round((barMax * n) / max));
    const shortLabel = label.length > 100 ? `${label.slice(0, 99)}…` : label;
    return `<text x="0" y="${y + 13}">${escapeHtml(shortLabel)}</text>` +
      `<rect class="bar" x="0" y="${y + 17}" width="${w}" height="12"/>` +
      `<text x="${w + 6}" y="${y + 28}">${n}</text>`;
  });
  return `<svg role="img" aria-labelledby="${id}" viewBox="0 0 ${width} ${rows.length * rowHeight}" width="100%" style="max-width:${width}px">` +
    `<title id="${id}">${escapeHtml(title)}</title>${bars.join('')}</svg>`;
}

function countTable(caption: string, head: string, rows: [string, number][]): string {
  const body = rows.map(([k, n]) => `<tr><td>${escapeHtml(k)}</td><td class="n">${n}</td></tr>`).join('');
  return `<table><caption>${escapeHtml(caption)}</caption><thead><tr><th scope="col">${head}</th><th scope="col">programs</th></tr></thead><tbody>${body}</tbody></table>`;
}

function summarySection(s: ReportSummary): string {
  const statusRows = STATUSES.map((k) => [k, s.byStatus[k]] as [string, number]);
  const top = s.byClass.slice(0, CHART_CLASSES);
  const rest = s.byClass.slice(CHART_CLASSES);
  const classChart: [string, number][] = rest.length ? [...top, [`(${rest.length} other classes)`, rest.reduce((t, [, n]) => t + n, 0)]] : top;
  return `<section aria-labelledby="summary"><h2 id="summary">Summary</h2>
<h3>By status</h3>
${barChart('chart-status', `Submissions by status, of ${s.total}`, statusRows)}
${countTable('Submissions by status', 'status', statusRows)}
<h3>By the original's first compile error</h3>
<p>The first error the compiler reports for the submitted program, with names and tokens replaced by X.</p>
${barChart('chart-class', 'Submissions by the first compile error of the original program', classChart)}
${countTable("Submissions by the original's first compile error", 'first compile error', s.byClass)}
</section>`;
}

/** The unified diff with added, removed and hunk lines marked; every line escaped. */
function diffBlock(id: string, before: string, after: string): string {
  // Without the patch's ===== separator line: one submission, one file.
  const lines = unifiedDiff(id, before, after).replace(/\n$/, '').split('\n').filter((l) => !/^=+$/.test(l));
  const marked = lines.map((l) => {
    const cls = l.startsWith('@@') ? 'hunk' : l.startsWith('+') && !l.startsWith('+++') ? 'add' : l.startsWith('-') && !l.startsWith('---') ? 'del' : '';
    return cls ? `<span class="${cls}">${escapeHtml(l)}</span>` : `${escapeHtml(l)}\n`;
  });
  return `<pre><code>${marked.join('')}</code></pre>`;
}

function submissionSection(e: ReportEntry, index: number): string {
  const o = e.output;
  const heading = `sub-${index + 1}`;
  const tests = o.tests_total === null ? 'no tests' : `${o.tests_passed ?? 0}/${o.tests_total} passed`;
  // A --hints batch has hints (words, no code) where the edits would be.
  const edits = o.hints
    ? `<ol>${o.hints.map((h) => `<li>${escapeHtml(h)}</li>`).join('')}</ol>`
    : o.edits.length
      ? `<ol>${o.edits.map((x) => `<li>${escapeHtml(x.explanation)}</li>`).join('')}</ol>`
      : '<p>No edits.</p>';
  const diff = o.repaired !== null && e.source !== undefined ? diffBlock(o.id, e.source, o.repaired) : '<p>No change to the program.</p>';
  return `<article class="submission" data-status="${o.status}" aria-labelledby="${heading}">
<h2 id="${heading}">${escapeHtml(o.id)} <span class="badge ${o.status}">${o.status}</span></h2>
<dl><dt>Status</dt><dd>${o.status}</dd><dt>Compiles after</dt><dd>${o.compiles ? 'yes' : 'no'}</dd><dt>Tests</dt><dd>${tests}</dd>
<dt>First compile error</dt><dd>${escapeHtml(e.errorClass)}</dd><dt>Time</dt><dd>${o.ms} ms</dd></dl>
${o.error ? `<p><strong>Error:</strong> ${escapeHtml(o.error)}</p>` : ''}
<h3>${o.hints ? 'Hints' : 'Edits'}</h3>
${edits}
<h3>Diff</h3>
${diff}
</article>`;
}

export function renderHtmlReport(entries: readonly ReportEntry[], meta: ReportMeta): string {
  const s = summarize(entries);
  const options = STATUSES.map((k) => `<option value="${k}">${k} (${s.byStatus[k]})</option>`).join('');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>c-repair report: ${s.total} submissions</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>c-repair report</h1>
<p>${s.total} submissions from ${escapeHtml(meta.input)}, ${escapeHtml(meta.generated.toISOString())}.</p>
</header>
<main>
${summarySection(s)}
<section aria-labelledby="filter-heading">
<h2 id="filter-heading">Submissions</h2>
<p><label for="status-filter">Show submissions with status</label>
<select id="status-filter"><option value="">all (${s.total})</option>${options}</select></p>
<p id="shown" aria-live="polite">Showing ${s.total} of ${s.total} submissions.</p>
</section>
${entries.map(submissionSection).join('\n')}
</main>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
