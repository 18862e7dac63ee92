// `npm run eval [-- --limit N]`: runs the batch CLI over each dev set, re-checks every result
// independently (recompiles it, reruns its tests) and prints a table of what was really repaired.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { lex, significantTokens } from '../../server/src/c/lexer';
import type { BatchInput, BatchOutput } from '../../server/src/cli/batch';
import { peersFor } from '../../server/src/cli/batchPeers';
import { compile } from '../../server/src/oracle/compiler';
import { errorClass } from '../../server/src/oracle/errorClass';
import { numberedTests, runTests } from '../../server/src/oracle/testRunner';
import { changedLines, changedTokenCount } from '../../server/src/repair/edits';
import { REPO_ROOT } from '../support/sharedData';
import { buildDevSets, DevItem, DevSet, Part } from './devSets';

const MAX_COMPILE_TOKENS = 10;
const MAX_TEST_LINES = 5;

const tokensOf = (text: string) => significantTokens(lex(text)).map((t) => t.text);

interface Row {
  set: string;
  /** Compile sets: programs and repairs by the class of the original's first error. */
  byClass?: Record<string, { programs: number; repaired: number }>;
  programs: number;
  alreadyOk: number;
  repaired: number;
  rate: number;
  sameAsStudent: number | null;
  medianMs: number;
  p90Ms: number;
  medianEdit: number | null;
}

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(q * s.length))] : 0;
};

/**
 * What guides a test set's logic repair: nothing, the instructor's reference, peers (other
 * students' correct programs of the same problem, the nearest in length as a batch picks them;
 * never the student's own programs), or both, as a class's batch with the reference on each line has.
 */
type Guide = 'none' | 'reference' | 'peers' | 'both';

function batchLine(item: DevItem, set: DevSet, guide: Guide): BatchInput {
  const { studentFix: _, student: __, problem, ...line } = item;
  if (problem === undefined || guide === 'none') return line;
  const reference = set.referenceOf?.get(problem);
  const instructors = guide !== 'peers' && reference ? [reference] : [];
  if (guide === 'reference') return { ...line, references: instructors };
  const own = new Set([item.source, item.studentFix]);
  const others = (set.peers ?? []).filter((p) => p.problem === problem && (p.student === undefined || p.student !== item.student) && !own.has(p.source));
  return { ...line, references: [...instructors, ...peersFor(item.source, others.map((p) => p.source))] };
}

async function evaluateSet(set: DevSet, workDir: string, jobs: number, timeoutS: number, extraArgs: string[], guide: Guide, cli: string): Promise<Row> {
  const slug = set.name.replace(/[^A-Za-z0-9]+/g, '-').toLowerCase();
  const input = path.join(workDir, `${slug}.in.jsonl`);
  const output = path.join(workDir, `${slug}.out.jsonl`);
  fs.writeFileSync(input, set.items.map((item) => JSON.stringify(batchLine(item, set, guide))).join('\n') + '\n');
  const run = spawnSync(process.execPath, [cli, 'batch', '--in', input, '--out', output, '--jobs', String(jobs), '--timeout', String(timeoutS), ...extraArgs], {
    stdio: ['ignore', 'inherit', 'pipe'],
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`batch failed on ${set.name}: ${run.stderr}`);
  const results = new Map(
    fs.readFileSync(output, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as BatchOutput).map((o) => [o.id, o]),
  );
  const items = new Map<string, DevItem>(set.items.map((i) => [i.id, i]));
  const byClass: Record<string, { programs: number; repaired: number }> = {};
  let alreadyOk = 0;
  let repaired = 0;
  let same = 0;
  const ms: number[] = [];
  const edits: number[] = [];
  for (const [id, item] of items) {
    const o = results.get(id);
    if (!o) throw new Error(`no result for ${id}`);
    ms.push(o.ms);
    const final = o.repaired ?? item.source;
    const klass = set.goal === 'compile' ? (errorClass(await compile(item.source, { family: 'gcc', args: set.checkFlags })) ?? '(none)') : undefined;
    // The independent re-check: the batch's own claims are not trusted.
    const compiled = await compile(final, { family: 'gcc', args: set.checkFlags });
    let ok = compiled.errorCount === 0;
    if (ok && set.goal === 'tests') {
      const report = await runTests(final, numberedTests(item.tests ?? []), { compiler: { family: 'gcc', args: set.checkFlags } });
      ok = report.passed === report.total;
    }
    if (o.repaired === null) {
      if (ok) alreadyOk++;
      continue;
    }
    const size = set.goal === 'compile' ? changedTokenCount(item.source, final) : changedLines(item.source, final);
    const fixed = ok && size <= (set.goal === 'compile' ? MAX_COMPILE_TOKENS : MAX_TEST_LINES);
    if (klass !== undefined) {
      const c = (byClass[klass] ??= { programs: 0, repaired: 0 });
      c.programs++;
      if (fixed) c.repaired++;
    }
    if (fixed) {
      repaired++;
      edits.push(size);
      if (item.studentFix !== undefined && tokensOf(final).join(' ') === tokensOf(item.studentFix).join(' ')) same++;
    }
  }
  const denominator = items.size - alreadyOk;
  return {
    set: set.name,
    programs: items.size,
    alreadyOk,
    repaired,
    rate: denominator > 0 ? repaired / denominator : 0,
    sameAsStudent: set.items.some((i) => i.studentFix !== undefined) ? same : null,
    medianMs: quantile(ms, 0.5),
    p90Ms: quantile(ms, 0.9),
    medianEdit: edits.length ? quantile(edits, 0.5) : null,
    ...(set.goal === 'compile' ? { byClass } : {}),
  };
}

/** Per set, the error classes with at least `min` programs (the rest together), most frequent first. */
function classTable(rows: Row[], min = 10): string {
  const out: string[] = [];
  for (const r of rows.filter((x) => x.byClass)) {
    const classes = Object.entries(r.byClass!).sort((a, b) => b[1].programs - a[1].programs);
    const big = classes.filter(([, c]) => c.programs >= min);
    const rest = classes.filter(([, c]) => c.programs < min).reduce((t, [, c]) => ({ programs: t.programs + c.programs, repaired: t.repaired + c.repaired }), { programs: 0, repaired: 0 });
    out.push(`\n${r.set}, by the original's first error:\n\n| first error | programs | repaired | rate |\n|---|---:|---:|---:|`);
    for (const [k, c] of [...big, ...(rest.programs ? [[`(${classes.length - big.length} other classes)`, rest] as const] : [])]) {
      out.push(`| ${k.replace(/\|/g, '\\|')} | ${c.programs} | ${c.repaired} | ${((100 * c.repaired) / c.programs).toFixed(1)}% |`);
    }
  }
  return out.join('\n');
}

function table(rows: Row[]): string {
  const head = '| dev set | programs | already ok | repaired | rate | = student fix | median ms | p90 ms | median edit |';
  const lines = rows.map((r) =>
    `| ${r.set} | ${r.programs} | ${r.alreadyOk} | ${r.repaired} | ${(100 * r.rate).toFixed(1)}% | ${r.sameAsStudent ?? '–'} | ${r.medianMs} | ${r.p90Ms} | ${r.medianEdit ?? '–'} |`,
  );
  return [head, '|---|---:|---:|---:|---:|---:|---:|---:|---:|', ...lines].join('\n');
}

async function main() {
  const { values } = parseArgs({
    options: {
      limit: { type: 'string', default: '100' }, jobs: { type: 'string', default: '2' }, timeout: { type: 'string', default: '30' }, only: { type: 'string' },
      'no-model': { type: 'boolean', default: false }, 'only-model': { type: 'boolean', default: false },
      guide: { type: 'string', default: 'none' }, part: { type: 'string', default: 'all' },
      // At most this many programs of one problem (0: no cap), so that a sample spreads over problems.
      'per-problem': { type: 'string', default: '0' },
      // Another build's CLI (e.g. a checkout of an earlier commit), judged by this evaluation: a baseline on the same programs.
      cli: { type: 'string', default: path.join(REPO_ROOT, 'bin', 'c-repair.js') },
      // Where the batch inputs, outputs and results go: a folder per run keeps runs apart for comparison.
      'work-dir': { type: 'string', default: path.join(REPO_ROOT, '.cache', 'eval') },
    },
  });
  const guide = values.guide as Guide;
  const part = values.part as Part;
  if (!['none', 'reference', 'peers', 'both'].includes(guide) || !['build', 'held-out', 'all'].includes(part)) {
    throw new Error('--guide takes none, reference, peers or both; --part takes build, held-out or all');
  }
  const workDir = path.resolve(values['work-dir']);
  fs.mkdirSync(workDir, { recursive: true });
  const sets = buildDevSets(Number(values.limit), part, Number(values['per-problem'])).filter((s) => !values.only || s.name.toLowerCase().includes(values.only.toLowerCase()));
  const rows: Row[] = [];
  for (const set of sets) {
    const started = Date.now();
    rows.push(await evaluateSet(set, workDir, Number(values.jobs), Number(values.timeout), values['no-model'] ? ['--no-model'] : values['only-model'] ? ['--only-model'] : [], guide, values.cli));
    console.error(`${set.name}: ${((Date.now() - started) / 1000).toFixed(0)} s`);
  }
  const note = `Repaired: the re-checked result compiles (compile sets: with <= ${MAX_COMPILE_TOKENS} changed tokens) or passes all tests (test sets: with <= ${MAX_TEST_LINES} changed lines). Rate = repaired / (programs - already ok). Limit ${values.limit} per set (0 = all), sorted by id. Test sets: part ${part} (by problem), at most ${values['per-problem']} per problem (0 = no cap), guided by ${guide}. CLI: ${path.relative(REPO_ROOT, values.cli) || values.cli}.`;
  const report = `${table(rows)}\n\n${note}\n${classTable(rows)}\n`;
  fs.writeFileSync(path.join(workDir, 'results.md'), report);
  fs.writeFileSync(path.join(workDir, 'results.json'), JSON.stringify(rows, null, 2));
  console.log(report);
}

void main();
