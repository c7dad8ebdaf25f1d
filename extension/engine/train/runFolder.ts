/**
 * One run per output folder. A folder that holds a run (checkpoints, results or a
 * model) is refused unless --overwrite_output_dir (which first removes that run's
 * files) or --resume (which continues it, only if it was made from the same data,
 * model and arguments, as recorded in bert-studio-run.json).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createHash } from 'node:crypto';
import type { TrainingArguments } from './arguments';
import { EVENTS_FILE } from '../../shared/runs/eventLog';
import { FAILURE_FILE, RUN_FILE } from '../../shared/runs/runFiles';
import { listCheckpoints } from './checkpoint';

export { RUN_FILE, FAILURE_FILE };
export const RESULT_FILES = ['all_results.json', 'train_results.json', 'eval_results.json'];

/** What a finished or interrupted run leaves that is worth keeping. */
const RUN_OUTPUTS = ['all_results.json', 'trainer_state.json', 'model.safetensors'];
/** Every file a run writes at the top of its folder (checkpoint-* and onnx/ besides). */
const RUN_FILES = [
  ...RESULT_FILES,
  'trainer_state.json',
  'training_args.json',
  'config.json',
  'model.safetensors',
  'tokenizer.json',
  'tokenizer_config.json',
  'special_tokens_map.json',
  'vocab.txt',
  RUN_FILE,
  EVENTS_FILE,
  FAILURE_FILE,
];
/**
 * Arguments a resumed run may change: where and how fast it runs, and how long (continuing a run for more
 * steps or epochs, as Transformers allows), not what each step computes.
 */
const MAY_CHANGE: (keyof TrainingArguments)[] = [
  'output_dir',
  'num_train_epochs',
  'max_steps',
  'overwrite_output_dir',
  'execution_provider',
  'threads',
  'logging_steps',
  'per_device_eval_batch_size',
  'export_onnx',
];

export interface RunRecord {
  model: string;
  data: string;
  /** sha256 of the data file (and of the validation file, if any), so an edited file is not resumed as the same. */
  data_sha256?: string;
  validation_sha256?: string;
  task: string;
  args?: Partial<TrainingArguments>;
}

const isCheckpoint = (name: string) => /^checkpoint-\d+$/.test(name);

export function fileSha256(file: string): string {
  const hash = createHash('sha256');
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.allocUnsafe(1 << 20);
    for (let n; (n = fs.readSync(fd, buf, 0, buf.length, null)) > 0;) hash.update(buf.subarray(0, n));
  } finally {
    fs.closeSync(fd);
  }
  return hash.digest('hex');
}

/** The record of what this run is made from (the data's hash read now). */
export function runRecord(req: { data: string; model: string }, task: string, a: TrainingArguments): RunRecord {
  const hashOf = (f: string) => (fs.existsSync(f) && fs.statSync(f).isFile() ? fileSha256(f) : undefined);
  const args = Object.fromEntries(
    Object.entries(a).filter(([k]) => !MAY_CHANGE.includes(k as keyof TrainingArguments)),
  );
  return {
    model: req.model,
    data: path.resolve(req.data),
    data_sha256: hashOf(req.data),
    validation_sha256: a.validation_file ? hashOf(a.validation_file) : undefined,
    task,
    args,
  };
}

function readRecord(dir: string): RunRecord | null {
  const file = path.join(dir, RUN_FILE);
  if (!fs.existsSync(file)) return null;
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as RunRecord;
  } catch (e) {
    throw new Error(`--resume: ${file} is not valid JSON (${(e as Error).message}); cannot tell what run this is`);
  }
}

/** How this run differs from the recorded one, in words; [] when it is the same. */
export function differences(old: RunRecord, now: RunRecord): string[] {
  const out: string[] = [];
  if (old.model !== now.model) out.push(`the model was ${old.model}, now ${now.model}`);
  if (old.data !== now.data) out.push(`the data file was ${old.data}, now ${now.data}`);
  else if (old.data_sha256 && now.data_sha256 && old.data_sha256 !== now.data_sha256)
    out.push(`${now.data} changed since the run started`);
  if (
    old.args &&
    old.validation_sha256 !== now.validation_sha256 &&
    old.args.validation_file === now.args?.validation_file
  )
    out.push(`${now.args?.validation_file} changed since the run started`);
  if (old.task && old.task !== now.task) out.push(`the task was ${old.task}, now ${now.task}`);
  for (const [k, v] of Object.entries(old.args ?? {})) {
    const n = (now.args as Record<string, unknown>)[k];
    if (JSON.stringify(n) !== JSON.stringify(v)) out.push(`--${k} was ${JSON.stringify(v)}, now ${JSON.stringify(n)}`);
  }
  return out;
}

function removeRun(dir: string): void {
  for (const name of fs.readdirSync(dir))
    if (isCheckpoint(name) || RUN_FILES.includes(name) || name === 'onnx')
      fs.rmSync(path.join(dir, name), { recursive: true, force: true });
}

/**
 * Makes `dir` ready for this run before anything is written to it: refuses a folder
 * holding another run, clears it with overwrite, and for resume checks the record
 * and drops the old results (so a failing resumed run does not look finished).
 */
export function claimRunFolder(dir: string, now: RunRecord, o: { resume: boolean; overwrite: boolean }): void {
  if (!fs.existsSync(dir)) {
    if (o.resume) throw new Error(`--resume: ${dir} does not exist`);
    return;
  }
  if (!fs.statSync(dir).isDirectory()) throw new Error(`--output_dir ${dir} is a file`);
  const names = fs.readdirSync(dir);
  if (o.resume) {
    const old = readRecord(dir);
    if (!old)
      throw new Error(
        `--resume: ${dir} has no ${RUN_FILE} saying what data, model and arguments made it; start a new run instead`,
      );
    const diff = differences(old, now);
    if (diff.length)
      throw new Error(
        `--resume: ${dir} holds a different run (${diff.join('; ')}); resume with the same data, model and arguments, or give --overwrite_output_dir instead of --resume to start over`,
      );
    if (!listCheckpoints(dir).length) throw new Error(`--resume: no checkpoint in ${dir}`);
    for (const f of [...RESULT_FILES, FAILURE_FILE]) fs.rmSync(path.join(dir, f), { force: true });
    return;
  }
  const used = names.filter((n) => isCheckpoint(n) || RUN_OUTPUTS.includes(n));
  if (used.length && !o.overwrite)
    throw new Error(
      `--output_dir ${dir} already holds a run (${used.slice(0, 3).join(', ')}${used.length > 3 ? ', …' : ''}): give --overwrite_output_dir to replace it, --resume to continue it, or another folder`,
    );
  // A run that failed before it saved anything leaves only its log and record: cleared without asking.
  removeRun(dir);
}
