// The per-document analysis scheduler: what a request finds while an analysis is being prepared,
// debounced or superseded (the real compiler and engine do the analysing).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Analysis, analyze, AnalysisRequest, AnalysisScheduler, PreparedAnalysis } from '../../server/src/features/analysis';
import { fixture } from '../support/fixtures';

const URI = 'file:///tmp/c-repair-test/scheduled.c';
const request = (version: number, text: string): AnalysisRequest => ({
  uri: URI,
  version,
  text,
  feedback: 'repair',
  compiler: { family: 'gcc', path: '', args: [] },
  maxFileSizeKB: 256,
});
/** A preparation that takes `ms`, as reading a document's settings from the client does. */
const after = (ms: number, prepared: PreparedAnalysis | undefined) => () =>
  new Promise<PreparedAnalysis | undefined>((resolve) => setTimeout(() => resolve(prepared), ms));

test('an analysis is awaited from the moment it is asked for, while its settings are still being read', async () => {
  const done: Analysis[] = [];
  const scheduler = new AnalysisScheduler(analyze, (a) => done.push(a));
  scheduler.schedule(URI, after(100, { request: request(1, fixture('missing_semicolon.c')), delayMs: 0 }));
  const analysis = await scheduler.whenDone(URI);
  assert.equal(analysis?.version, 1);
  assert.equal(analysis?.outcome.kind, 'compiled');
  assert.ok(analysis?.outcome.kind === 'compiled' && analysis.outcome.repairs.some((r) => r.title.startsWith('insert `;` on line 9')));
  assert.deepEqual(done.map((a) => a.version), [1], 'published once');
});

test('a newer version supersedes one still being prepared or debounced; nothing to analyse settles at once', async () => {
  const done: Analysis[] = [];
  const scheduler = new AnalysisScheduler(analyze, (a) => done.push(a));
  scheduler.schedule(URI, after(50, { request: request(1, 'int main(void) { return 0 }\n'), delayMs: 0 }));
  const first = scheduler.whenDone(URI);
  scheduler.schedule(URI, after(0, { request: request(2, 'int main(void) { return 1 }\n'), delayMs: 200 }));
  const second = scheduler.whenDone(URI);
  scheduler.schedule(URI, after(0, { request: request(3, 'int main(void) { return 2; }\n'), delayMs: 20 }));
  assert.equal(await first, undefined, 'the version being prepared is superseded');
  assert.equal(await second, undefined, 'the debounced version is superseded');
  const third = await scheduler.whenDone(URI);
  assert.equal(third?.version, 3);
  assert.ok(third?.outcome.kind === 'compiled' && third.outcome.result.errorCount === 0);
  await new Promise((r) => setTimeout(r, 300));
  assert.deepEqual(done.map((a) => a.version), [3], 'only the newest version is published');

  scheduler.schedule(URI, after(10, undefined));
  assert.equal(await scheduler.whenDone(URI), undefined, 'feedback off: nothing is analysed');
  assert.deepEqual(done.map((a) => a.version), [3]);
});
