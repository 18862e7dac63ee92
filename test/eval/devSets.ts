// The held-out dev sets, built from ../shared/data with the splits listed in training/splits.json.
// None of these programs is ever trained on.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { readJsonlSync } from '../../server/src/data/jsonl';
import type { BatchInput } from '../../server/src/cli/batch';
import { SPLITS_FILE, type Splits } from '../../training/sources';
import { dataFile } from '../support/sharedData';

export interface DevItem extends BatchInput {
  /** The student's own next version, when the set has one. */
  studentFix?: string;
  /** Who wrote it, where the set says: a student's own programs are never their peers. */
  student?: string;
}

export interface DevSet {
  name: string;
  /** 'compile': judged by compiling; 'tests': judged by the tests. */
  goal: 'compile' | 'tests';
  /** Flags the independent re-check compiles with (the course's, where it has them). */
  checkFlags: string[];
  items: DevItem[];
  /** Test sets: the instructor's reference program of each problem. */
  referenceOf?: Map<string, string>;
  /** Test sets: correct programs of other students, by problem (never the item's own fix). */
  peers?: DevItem[];
}

/** How the Codeflaws data was checked (its README): gcc -std=gnu11 -w -O1 ... -lm (the test runner links -lm). */
const CODEFLAWS_FLAGS = ['-std=gnu11', '-w', '-O1'];
const COURSE_FLAGS = 'gcc -Wall -Wextra -Werror -ansi -pedantic -lm';
/** TRACER's course used clang, which rejects implicit declarations; gcc does so with this flag. */
const TRACER_FLAGS = ['-Werror=implicit-function-declaration'];

/** Where authors are not named: the pairs' fixed programs serve as peers of the problem. */
function fixesAsPeers(items: DevItem[]): DevItem[] {
  return items.map((p) => ({ ...p, id: `peer/${p.id}`, source: p.studentFix!, studentFix: undefined }));
}

export function readSplits(): Splits {
  return JSON.parse(fs.readFileSync(SPLITS_FILE, 'utf8')) as Splits;
}

type Rec = Record<string, unknown>;
type Test = { input: string; output: string };

/**
 * The test sets' two halves, by problem: logic repair is built and tuned looking at 'build' only,
 * and its figures are reported on 'held-out', whose programs nobody looked at while building it.
 */
export type Part = 'build' | 'held-out' | 'all';

export const partOf = (problem: string): Exclude<Part, 'all'> =>
  createHash('sha256').update(problem).digest()[0] % 2 === 0 ? 'build' : 'held-out';

/**
 * Every dev set, each sorted by id and cut to `limit` items (0: all); test sets keep the problems of
 * `part`. `perProblem` > 0 keeps at most that many items of a problem (the first by id), so that a
 * sample spreads over problems instead of filling up with one problem's many submissions.
 */
export function buildDevSets(limit: number, part: Part = 'all', perProblem = 0): DevSet[] {
  const splits = readSplits();
  const inPart = (item: DevItem) => part === 'all' || item.problem === undefined || partOf(item.problem) === part;
  const cut = <T extends DevItem>(items: T[]) => {
    const taken = new Map<string, number>();
    const spread = (item: DevItem) => {
      if (perProblem <= 0 || item.problem === undefined) return true;
      const count = (taken.get(item.problem) ?? 0) + 1;
      taken.set(item.problem, count);
      return count <= perProblem;
    };
    return [...items].filter(inPart).sort((a, b) => (a.id < b.id ? -1 : 1)).filter(spread).slice(0, limit > 0 ? limit : undefined);
  };

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
  const cpackProblems = readJsonlSync<Rec>(dataFile('cpack/problems.jsonl.gz'));
  const cpackLogic = readJsonlSync<Rec>(dataFile('cpack/pairs.jsonl.gz'))
    .filter((p) => p.year === splits.cpack_dev_year && p.kind === 'logic')
    .map((p) => ({
      id: p.id as string, source: p.buggy as string, studentFix: p.fixed as string, tests: cpackTests.get(p.problem as string), compile_flags: COURSE_FLAGS,
      problem: p.problem as string, student: p.student as string,
    }));
  const cpackPeers = year3
    .filter((s) => s.verdict === 'correct')
    .map((s) => ({ id: `peer/${s.id as string}`, source: s.source as string, tests: cpackTests.get(s.problem as string), compile_flags: COURSE_FLAGS, problem: s.problem as string, student: s.student as string }));

  const itspDev = new Set(splits.itsp_dev_problems);
  const itspProblems = readJsonlSync<Rec>(dataFile('itsp/problems.jsonl.gz'));
  const itspTests = new Map(itspProblems.map((p) => [p.problem as string, p.tests as Test[]]));
  const itsp = readJsonlSync<Rec>(dataFile('itsp/pairs.jsonl.gz'))
    .filter((p) => itspDev.has(p.problem as string) && p.verified === true)
    .map((p) => ({
      id: p.id as string, source: p.buggy as string, studentFix: p.fixed as string, tests: itspTests.get(p.problem as string), compile_flags: ['-std=gnu99', '-w'],
      problem: p.problem as string,
    }));
  // ITSP names no students: its peers are the other pairs' fixed programs, each item's own fix left out (evaluate.ts).
  const itspPeers = fixesAsPeers(itsp);

  const introProblems = readJsonlSync<Rec>(dataFile('introclass/problems.jsonl.gz'));
  const introTests = new Map(introProblems.map((p) => [p.problem as string, p.tests as Test[]]));
  const intro = readJsonlSync<Rec>(dataFile('introclass/programs.jsonl.gz'))
    .filter((p) => p.nondeterministic !== true)
    .map((p) => ({ id: p.id as string, source: p.source as string, tests: introTests.get(p.problem as string), problem: p.problem as string }));
  // Codeflaws: contest problems of the dev split, pairs whose buggy program fails a kept test; built as the data was checked.
  const codeflawsDev = new Set(splits.codeflaws_dev_problems);
  const codeflaws = readJsonlSync<Rec>(dataFile('codeflaws/pairs.jsonl.gz'))
    .filter((p) => codeflawsDev.has(p.contest_problem as string) && (p.revealing_tests as number[]).length > 0)
    .map((p) => ({
      id: p.id as string, source: p.buggy as string, studentFix: p.fixed as string, compile_flags: CODEFLAWS_FLAGS,
      tests: (p.tests as Test[]).map(({ input, output }) => ({ input, output })), problem: p.contest_problem as string,
    }));
  // Contestants are not named: a problem's peers are the other pairs' accepted programs, the item's own fix left out (evaluate.ts).
  const codeflawsPeers = fixesAsPeers(codeflaws);
  const referenceOf = (problems: Rec[]) => new Map(problems.map((p) => [p.problem as string, p.reference as string]));

  const deepfixBuild = new Set(splits.deepfix_build_problems ?? []);
  const deepfix = readJsonlSync<Rec>(dataFile('deepfix/programs.jsonl.gz')).map((r) => ({ id: r.id as string, problem: r.problem as string, source: r.source as string }));
  const deepfixSet = (build: boolean) => deepfix.filter((r) => deepfixBuild.has(r.problem) === build).map(({ problem: _, ...item }) => item);

  return [
    { name: 'DeepFix dev: build problems (compile)', goal: 'compile', checkFlags: [], items: cut(deepfixSet(true)) },
    { name: 'DeepFix dev: held-out problems (compile)', goal: 'compile', checkFlags: [], items: cut(deepfixSet(false)) },
    { name: 'TRACER dev (compile)', goal: 'compile', checkFlags: TRACER_FLAGS, items: cut(tracer) },
    { name: 'C-Pack y3 compile: fails plain gcc', goal: 'compile', checkFlags: flags(COURSE_FLAGS), items: cut(cpackCompile(true)) },
    { name: 'C-Pack y3 compile: strict flags only', goal: 'compile', checkFlags: flags(COURSE_FLAGS), items: cut(cpackCompile(false)) },
    { name: 'ITSP held-out problems (tests)', goal: 'tests', checkFlags: ['-std=gnu99', '-w'], items: cut(itsp), referenceOf: referenceOf(itspProblems), peers: itspPeers },
    { name: 'C-Pack y3 logic (tests)', goal: 'tests', checkFlags: flags(COURSE_FLAGS), items: cut(cpackLogic), referenceOf: referenceOf(cpackProblems), peers: cpackPeers },
    { name: 'Codeflaws dev (tests)', goal: 'tests', checkFlags: CODEFLAWS_FLAGS, items: cut(codeflaws), referenceOf: new Map(), peers: codeflawsPeers },
    { name: 'IntroClass (tests, strict output)', goal: 'tests', checkFlags: [], items: cut(intro), referenceOf: referenceOf(introProblems), peers: [] },
  ];
}

function flags(command: string): string[] {
  return command.split(/\s+/).slice(1).filter((f) => !f.startsWith('-l'));
}
