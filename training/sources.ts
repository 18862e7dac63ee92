// The datasets in /work/shared/data (or $C_REPAIR_DATA) and the fixed, seeded dev splits, which are
// written once to training/splits.json and then always read from there.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { datasetFile, datasetsDir } from '../server/src/data/datasets';
import { readJsonlSync } from '../server/src/data/jsonl';
import { rng } from '../server/src/data/random';

export { rng };

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const DATA_DIR = datasetsDir(REPO_ROOT);
export const SPLITS_FILE = path.join(REPO_ROOT, 'training', 'splits.json');

export interface TestCase { input: string; output: string }
export interface TracerPair { id: string; buggy: string; fixed: string; line: number[] | number; error: string }
export interface CpackPair { id: string; problem: string; year: string | number; kind: string; buggy: string; fixed: string; fails_plain_gcc: boolean | null }
export interface CpackSubmission { id: string; problem: string; year: string | number; verdict: string; source: string; fails_plain_gcc: boolean | null }
export interface Problem { problem: string; reference: string; tests: TestCase[] }
export interface ItspPair { id: string; problem: string; buggy: string; fixed: string; verified: boolean }
export interface IntroClassProgram { id: string; problem: string; source: string }
export interface CodeflawsPair { id: string; contest_problem: string; buggy: string; fixed: string; tests: TestCase[]; revealing_tests: number[] }

export interface Data {
  tracer: TracerPair[];
  cpackPairs: CpackPair[];
  cpackSubmissions: CpackSubmission[];
  cpackProblems: Problem[];
  itspPairs: ItspPair[];
  itspProblems: Problem[];
  introclassPrograms: IntroClassProgram[];
  introclassProblems: Problem[];
  codeflaws: CodeflawsPair[];
}

const read = <T>(file: string) => readJsonlSync<T>(datasetFile(DATA_DIR, file));

export function loadData(): Data {
  return {
    tracer: read('tracer/pairs.jsonl.gz'),
    cpackPairs: read('cpack/pairs.jsonl.gz'),
    cpackSubmissions: read('cpack/submissions.jsonl.gz'),
    cpackProblems: read('cpack/problems.jsonl.gz'),
    itspPairs: read('itsp/pairs.jsonl.gz'),
    itspProblems: read('itsp/problems.jsonl.gz'),
    introclassPrograms: read('introclass/programs.jsonl.gz'),
    introclassProblems: read('introclass/problems.jsonl.gz'),
    codeflaws: read('codeflaws/pairs.jsonl.gz'),
  };
}

export function shuffled<T>(items: T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

export interface Splits {
  seed: number;
  /** TRACER dev: a seeded 20% of pair ids. */
  tracer_dev: string[];
  /** C-Pack dev: everything of this year. */
  cpack_dev_year: string;
  /** ITSP dev: a seeded 20% of problems. */
  itsp_dev_problems: string[];
  /** Codeflaws dev: a seeded 10% of contest problems (logic repair's Codeflaws set; added after the others). */
  codeflaws_dev_problems: string[];
  /**
   * DeepFix problems the engine is built on; the evaluation reports the others apart (never looked
   * at). Written once by hand, kept as it is; training never reads DeepFix.
   */
  deepfix_build_problems?: string[];
}

/** A seeded 10% of Codeflaws' contest problems, drawn apart from the other splits so that adding it changed none of them. */
function codeflawsDevProblems(data: Data, seed: number): string[] {
  const problems = [...new Set(data.codeflaws.map((p) => p.contest_problem))].sort();
  return shuffled(problems, rng(seed + 1)).slice(0, Math.round(problems.length * 0.1)).sort();
}

export function loadSplits(data: Data): Splits {
  if (fs.existsSync(SPLITS_FILE)) {
    const splits = JSON.parse(fs.readFileSync(SPLITS_FILE, 'utf8')) as Splits;
    if (splits.codeflaws_dev_problems) return splits;
    splits.codeflaws_dev_problems = codeflawsDevProblems(data, splits.seed);
    fs.writeFileSync(SPLITS_FILE, JSON.stringify(splits, null, 1) + '\n');
    return splits;
  }
  const seed = 20261123;
  const random = rng(seed);
  const tracerIds = data.tracer.map((p) => p.id).sort();
  const problems = [...new Set(data.itspProblems.map((p) => p.problem))].sort();
  const splits: Splits = {
    seed,
    tracer_dev: shuffled(tracerIds, random).slice(0, Math.round(tracerIds.length * 0.2)).sort(),
    cpack_dev_year: 'year-3',
    itsp_dev_problems: shuffled(problems, random).slice(0, Math.round(problems.length * 0.2)).sort(),
    codeflaws_dev_problems: codeflawsDevProblems(data, seed),
  };
  fs.writeFileSync(SPLITS_FILE, JSON.stringify(splits, null, 1) + '\n');
  return splits;
}

export const isCpackDev = (splits: Splits, record: { id: string }) => record.id.startsWith(`${splits.cpack_dev_year}/`);
