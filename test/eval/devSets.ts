// The held-out dev sets, built from ../shared/data with the splits listed in training/splits.json.
// None of these programs is ever trained on.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readJsonlSync } from '../../server/src/data/jsonl';
import type { BatchInput } from '../../server/src/cli/batch';
import { dataFile, REPO_ROOT } from '../support/sharedData';

export interface DevItem extends BatchInput {
  /** The student's own next version, when the set has one. */
  studentFix?: string;
}

export interface DevSet {
  name: string;
  /** 'compile': judged by compiling; 'tests': judged by the tests. */
  goal: 'compile' | 'tests';
  /** Flags the independent re-check compiles with (the course's, where it has them). */
  checkFlags: string[];
  items: DevItem[];
}

const COURSE_FLAGS = 'gcc -Wall -Wextra -Werror -ansi -pedantic -lm';
/** TRACER's course used clang, which rejects implicit declarations; gcc does so with this flag. */
const TRACER_FLAGS = ['-Werror=implicit-function-declaration'];

interface Splits {
  tracer_dev: string[];
  cpack_dev_year: string;
  itsp_dev_problems: string[];
  /** DeepFix problems the engine is built on; the others are reported apart, never looked at. */
  deepfix_build_problems: string[];
}

export function readSplits(): Splits {
  return JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'training', 'splits.json'), 'utf8')) as Splits;
}

type Rec = Record<string, unknown>;
type Test = { input: string; output: string };

/** Every dev set, each sorted by id and cut to `limit` items (0: all). */
export function buildDevSets(limit: number): DevSet[] {
  const splits = readSplits();
  const cut = <T extends { id: string }>(items: T[]) =>
    [...items].sort((a, b) => (a.id < b.id ? -1 : 1)).slice(0, limit > 0 ? limit : undefined);

  const tracerDev = new Set(splits.tracer_dev);
  const tracer = readJsonlSync<Rec>(dataFile('tracer/pairs.jsonl.gz'))
    .filter((r) => tracerDev.has(r.id as string))
    .map((r) => ({ id: r.id as string, source: r.buggy as string, studentFix: r.fixed as string, compile_flags: TRACER_FLAGS }));

  const cpackTests = new Map(readJsonlSync<Rec>(dataFile('cpack/problems.jsonl.gz')).map((p) => [p.problem as string, p.tests as Test[]]));
  const year3 = readJsonlSync<Rec>(dataFile('cpack/submissions.jsonl.gz')).filter((s) => s.year === splits.cpack_dev_year);
  const cpackCompile = (plain: boolean) =>
    year3
      .filter((s) => s.verdict === 'compile' && s.fails_plain_gcc === plain)
      .map((s) => ({ id: s.id as string, source: s.source as string, compile_flags: COURSE_FLAGS }));
  const cpackLogic = readJsonlSync<Rec>(dataFile('cpack/pairs.jsonl.gz'))
    .filter((p) => p.year === splits.cpack_dev_year && p.kind === 'logic')
    .map((p) => ({ id: p.id as string, source: p.buggy as string, studentFix: p.fixed as string, tests: cpackTests.get(p.problem as string), compile_flags: COURSE_FLAGS }));

  const itspDev = new Set(splits.itsp_dev_problems);
  const itspTests = new Map(readJsonlSync<Rec>(dataFile('itsp/problems.jsonl.gz')).map((p) => [p.problem as string, p.tests as Test[]]));
  const itsp = readJsonlSync<Rec>(dataFile('itsp/pairs.jsonl.gz'))
    .filter((p) => itspDev.has(p.problem as string) && p.verified === true)
    .map((p) => ({ id: p.id as string, source: p.buggy as string, studentFix: p.fixed as string, tests: itspTests.get(p.problem as string), compile_flags: ['-std=gnu99', '-w'] }));

  const introTests = new Map(readJsonlSync<Rec>(dataFile('introclass/problems.jsonl.gz')).map((p) => [p.problem as string, p.tests as Test[]]));
  const intro = readJsonlSync<Rec>(dataFile('introclass/programs.jsonl.gz'))
    .filter((p) => p.nondeterministic !== true)
    .map((p) => ({ id: p.id as string, source: p.source as string, tests: introTests.get(p.problem as string) }));

  const deepfixBuild = new Set(splits.deepfix_build_problems);
  const deepfix = readJsonlSync<Rec>(dataFile('deepfix/programs.jsonl.gz')).map((r) => ({ id: r.id as string, problem: r.problem as string, source: r.source as string }));
  const deepfixSet = (build: boolean) => deepfix.filter((r) => deepfixBuild.has(r.problem) === build).map(({ problem: _, ...item }) => item);

  return [
    { name: 'DeepFix dev: build problems (compile)', goal: 'compile', checkFlags: [], items: cut(deepfixSet(true)) },
    { name: 'DeepFix dev: held-out problems (compile)', goal: 'compile', checkFlags: [], items: cut(deepfixSet(false)) },
    { name: 'TRACER dev (compile)', goal: 'compile', checkFlags: TRACER_FLAGS, items: cut(tracer) },
    { name: 'C-Pack y3 compile: fails plain gcc', goal: 'compile', checkFlags: flags(COURSE_FLAGS), items: cut(cpackCompile(true)) },
    { name: 'C-Pack y3 compile: strict flags only', goal: 'compile', checkFlags: flags(COURSE_FLAGS), items: cut(cpackCompile(false)) },
    { name: 'ITSP held-out problems (tests)', goal: 'tests', checkFlags: ['-std=gnu99', '-w'], items: cut(itsp) },
    { name: 'C-Pack y3 logic (tests)', goal: 'tests', checkFlags: flags(COURSE_FLAGS), items: cut(cpackLogic) },
    { name: 'IntroClass (tests, strict output)', goal: 'tests', checkFlags: [], items: cut(intro) },
  ];
}

function flags(command: string): string[] {
  return command.split(/\s+/).slice(1).filter((f) => !f.startsWith('-l'));
}
