// The instructor's command line: the same engine as the language server.
//   c-repair FILE.c [--tests DIR] [--apply]
//   c-repair batch --in IN.jsonl[.gz] --out OUT.jsonl [--jobs N] [--timeout S] [--shard K/N] [--report R.html] [--csv R.csv]
import { batchCommand } from './batch';
import { exitCleanlyOnSignals } from './interrupt';
import { FILE_USAGE, repairFileCommand, UsageError } from './repairFile';
import { SHIPPED_MODEL_DIR } from '../model/modelHost';
import { RepairModel } from '../model/repairModel';
import type { ModelSource } from '../repair/modelSource';

/** The shipped repair model, when it can be loaded; the engine works without it (and says so). */
async function loadModel(): Promise<ModelSource | undefined> {
  const { model, status } = await RepairModel.tryLoad({ shippedModelDir: SHIPPED_MODEL_DIR, modelPath: process.env.C_REPAIR_MODEL ?? '' });
  if (!model) console.error(`c-repair: ${status.message}; repairing without the model.`);
  return model;
}

async function main(argv: string[]): Promise<number> {
  exitCleanlyOnSignals();
  if (argv[0] === '--help' || argv[0] === '-h') {
    console.log(FILE_USAGE);
    return 0;
  }
  try {
    return argv[0] === 'batch' ? await batchCommand(argv.slice(1), loadModel) : await repairFileCommand(argv, loadModel);
  } catch (e) {
    if (e instanceof UsageError || (e as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error((e as Error).message === FILE_USAGE ? FILE_USAGE : `${(e as Error).message}\n${FILE_USAGE}`);
      return 2;
    }
    throw e;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: Error) => {
    console.error(`c-repair: ${err.message}`);
    process.exitCode = 2;
  },
);
