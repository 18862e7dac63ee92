// Locates ../shared/data (the real student programs) and lists every C source in it.
import * as path from 'node:path';
import { datasetFile, datasetsDir } from '../../server/src/data/datasets';
import { readJsonlSync } from '../../server/src/data/jsonl';

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
export const DATA_DIR = datasetsDir(REPO_ROOT);

export const dataFile = (relative: string): string => datasetFile(DATA_DIR, relative);

type Rec = Record<string, unknown>;

/** Every C program in the datasets, buggy and fixed sides and references included. */
export function allPrograms(): { id: string; source: string }[] {
  const out: { id: string; source: string }[] = [];
  const take = (file: string, fields: string[]) => {
    for (const r of readJsonlSync<Rec>(dataFile(file))) {
      for (const f of fields) {
        if (typeof r[f] === 'string') out.push({ id: `${file}:${String(r.id ?? r.problem)}:${f}`, source: r[f] as string });
      }
    }
  };
  take('tracer/pairs.jsonl.gz', ['buggy', 'fixed']);
  take('cpack/submissions.jsonl.gz', ['source', 'manual_fix']);
  take('cpack/pairs.jsonl.gz', ['buggy', 'fixed']);
  take('cpack/problems.jsonl.gz', ['reference']);
  take('itsp/pairs.jsonl.gz', ['buggy', 'fixed']);
  take('itsp/problems.jsonl.gz', ['reference']);
  take('introclass/programs.jsonl.gz', ['source']);
  take('introclass/problems.jsonl.gz', ['reference']);
  take('codeflaws/pairs.jsonl.gz', ['buggy', 'fixed']);
  return out;
}
