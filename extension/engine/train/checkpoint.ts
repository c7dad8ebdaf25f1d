/**
 * output_dir/checkpoint-<step>/: the model in Hugging Face layout, Adam moments,
 * trainer_state.json (log history, step, best metric) and the arguments. Each is
 * written to a temp folder renamed into place, so a kill never leaves a
 * checkpoint that looks complete but is not.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { HostTensor } from '../tensor';
import type { BertConfig } from '../bert/config';
import { modelFiles } from '../bert/save';
import { readSafetensors, writeSafetensors } from '../bert/safetensors';
import type { OptimizerState } from './trainingStep';
import type { Task } from '../bert/params';
import { writeFolderAtomically } from '../../shared/atomicWrite';

export interface TrainerState {
  global_step: number;
  epoch: number;
  log_history: Record<string, number>[];
  best_metric: number | null;
  best_model_checkpoint: string | null;
  /** Evaluations without improvement, for early stopping. */
  patience_used: number;
}

export interface Checkpoint {
  params: Map<string, HostTensor>;
  optimizer: OptimizerState;
  state: TrainerState;
}

export function saveCheckpoint(
  dir: string,
  config: BertConfig,
  task: Task,
  params: Map<string, HostTensor>,
  optimizer: OptimizerState,
  state: TrainerState,
  args: object,
  tokenizerFiles: Record<string, Uint8Array>,
): void {
  const moments = new Map<string, HostTensor>();
  for (const [k, v] of optimizer.m) moments.set(`m:${k}`, v);
  for (const [k, v] of optimizer.v) moments.set(`v:${k}`, v);
  writeFolderAtomically(dir, {
    ...modelFiles(config, task, params),
    ...tokenizerFiles,
    'optimizer.safetensors': (file: string) => writeSafetensors(file, moments, { updates: String(optimizer.updates) }),
    'trainer_state.json': JSON.stringify(state, null, 2) + '\n',
    'training_args.json': JSON.stringify(args, null, 2) + '\n',
  });
}

export function loadCheckpoint(dir: string): Checkpoint {
  const stateFile = path.join(dir, 'trainer_state.json');
  let state: TrainerState;
  try {
    state = JSON.parse(fs.readFileSync(stateFile, 'utf8')) as TrainerState;
  } catch (e) {
    throw new Error(
      `${stateFile}: cannot read the checkpoint's state (${(e as Error).message}); resume from an earlier checkpoint by removing this one, or start over`,
    );
  }
  if (!state || !Number.isInteger(state.global_step) || !Array.isArray(state.log_history))
    throw new Error(`${stateFile}: not a trainer state (no global_step or log_history)`);
  const moments = readSafetensors(path.join(dir, 'optimizer.safetensors'));
  const m = new Map<string, HostTensor>();
  const v = new Map<string, HostTensor>();
  for (const [k, t] of moments) (k.startsWith('m:') ? m : v).set(k.slice(2), t);
  return {
    params: readSafetensors(path.join(dir, 'model.safetensors')),
    optimizer: { updates: state.global_step, m, v },
    state,
  };
}

/** Complete checkpoints (those with trainer_state.json), oldest first. */
export function listCheckpoints(outputDir: string): string[] {
  if (!fs.existsSync(outputDir)) return [];
  return fs
    .readdirSync(outputDir)
    .map((n) => /^checkpoint-(\d+)$/.exec(n))
    .filter((m): m is RegExpExecArray => !!m && fs.existsSync(path.join(outputDir, m[0], 'trainer_state.json')))
    .sort((a, b) => Number(a[1]) - Number(b[1]))
    .map((m) => path.join(outputDir, m[0]));
}

/** Keeps the newest `limit` checkpoints (and the best one). */
export function rotateCheckpoints(outputDir: string, limit: number, keep: string | null): void {
  if (limit <= 0) return;
  const all = listCheckpoints(outputDir);
  const removable = all.filter((c) => c !== keep);
  const excess = all.length - limit;
  for (const c of removable.slice(0, Math.max(0, excess))) fs.rmSync(c, { recursive: true, force: true });
}
