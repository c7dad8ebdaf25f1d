/**
 * The runs under the runs folder, read from what the trainer writes: finished
 * (all_results.json), interrupted (checkpoints but no results), running (a live
 * engine says so), failed (the host recorded it). No VS Code import: the Runs tree
 * and the tests share it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { taskMetrics } from '../shared/runs/taskMetrics';
import { FAILURE_FILE } from '../shared/runs/runFiles';
import { SAVED_TASK_TYPES, isTaskName, taskOfSaved, type TaskName } from '../shared/tasks';

export type RunStatus = 'running' | 'finished' | 'interrupted' | 'failed' | 'empty';

export interface RunInfo {
  name: string;
  folder: string;
  status: RunStatus;
  /** The registry's task: from the saved config.json, else the task the run was started for (bert-studio-run.json). */
  task: TaskName | null;
  model: string | null;
  /** The first of the task's headline metrics (shared/runs/taskMetrics.ts) the results have. */
  bestMetric: { name: string; value: number } | null;
  /** Every number in all_results.json, evaluation first. */
  metrics: { name: string; value: number }[];
  checkpoints: string[];
  exported: string[];
  failure: string | null;
}

const readJson = (file: string): Record<string, unknown> | null => {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
};

export { FAILURE_FILE };

const mtime = (file: string) => {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return -Infinity;
  }
};

/** A run's task: what its config.json was saved as, else (before the model is saved) what the run was started for. */
export function taskOfRun(
  config: Record<string, unknown> | null,
  run: Record<string, unknown> | null,
): TaskName | null {
  const architectures = Array.isArray(config?.architectures) ? config.architectures : [];
  const id2label = config?.id2label && typeof config.id2label === 'object' ? Object.keys(config.id2label).length : 0;
  const saved =
    typeof architectures[0] === 'string'
      ? taskOfSaved(
          SAVED_TASK_TYPES,
          architectures[0],
          typeof config?.problem_type === 'string' ? config.problem_type : null,
          id2label || (typeof config?.num_labels === 'number' ? config.num_labels : 2),
        )
      : null;
  return saved?.name ?? (isTaskName(run?.task) ? run.task : null);
}

export function readRun(folder: string, running: Set<string> = new Set()): RunInfo {
  const files = fs.existsSync(folder) ? fs.readdirSync(folder) : [];
  const results = readJson(path.join(folder, 'all_results.json'));
  const run = readJson(path.join(folder, 'bert-studio-run.json'));
  const config = readJson(path.join(folder, 'config.json'));
  const failure = readJson(path.join(folder, FAILURE_FILE));
  const checkpoints = files
    .filter((f) => /^checkpoint-\d+$/.test(f))
    .sort((a, b) => Number(a.split('-')[1]) - Number(b.split('-')[1]));
  // A failure recorded after the results (a re-run that failed) outranks them.
  const failedLast =
    !!failure && mtime(path.join(folder, FAILURE_FILE)) >= mtime(path.join(folder, 'all_results.json'));
  const status: RunStatus = running.has(path.resolve(folder))
    ? 'running'
    : failedLast
      ? 'failed'
      : results
        ? 'finished'
        : checkpoints.length
          ? 'interrupted'
          : 'empty';
  const task = taskOfRun(config, run);
  const metric = taskMetrics(task).headline.find((k) => typeof results?.[k] === 'number');
  return {
    name: path.basename(folder),
    folder,
    status,
    task,
    model: typeof run?.model === 'string' ? run.model : null,
    bestMetric: metric ? { name: metric, value: results![metric] as number } : null,
    metrics: Object.entries(results ?? {})
      .filter((e): e is [string, number] => typeof e[1] === 'number')
      .map(([name, value]) => ({ name, value }))
      .sort((a, b) => Number(b.name.startsWith('eval_')) - Number(a.name.startsWith('eval_'))),
    checkpoints,
    exported: fs.existsSync(path.join(folder, 'onnx', 'model.onnx')) ? ['onnx/model.onnx'] : [],
    failure: typeof failure?.message === 'string' ? failure.message : null,
  };
}

/** Every run folder under `root`, newest first. */
export function listRuns(root: string, running: Set<string> = new Set()): RunInfo[] {
  if (!fs.existsSync(root)) return [];
  return fs
    .readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('.'))
    .map((d) => path.join(root, d.name))
    .sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs)
    .map((f) => readRun(f, running));
}
