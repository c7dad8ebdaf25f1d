/**
 * The training side of the task registry: how a task finds out a data file is
 * its own, turns it into examples, batches them and evaluates. Each entry lives
 * in its task's folder (training.ts) beside the model side (index.ts); the two
 * tables are kept apart so graph code never loads data code.
 */
import type { TaskName } from './task';
import type { ColumnMapping } from '../../shared/data/columns';
import type { TaskSetup, SetupRequest } from './setup';
import { clsTraining } from './cls/training';
import { qaTraining } from './qa/training';
import { tokenTraining } from './token/training';
import { multilabelTraining } from './multilabel/training';
import { regressionTraining } from './regression/training';

export interface TaskTraining {
  /** Whether `file` holds this task's data (columns as the user named them, if any). */
  detect(file: string, columns?: Partial<ColumnMapping>): Promise<boolean>;
  setup(r: SetupRequest): Promise<TaskSetup>;
  /** A fine-tuned model of this task, loaded once for many calls (the CLI's predict, the engine's predict request). */
  openPredictor(ref: string): Promise<TaskPredictions>;
}

/** What inference returns, per text (and pair; QA: question and context): as JSON and as a line of text. */
export interface TaskPredictions {
  predict(texts: string[], pairs: string[] | null): Promise<{ json: unknown; line: string }[]>;
  release(): Promise<void>;
}

export const TRAINING: Record<TaskName, TaskTraining> = {
  cls: clsTraining,
  qa: qaTraining,
  token: tokenTraining,
  multilabel: multilabelTraining,
  regression: regressionTraining,
};

/** Most specific first; single-label classification is what is left. */
const DETECTION_ORDER: TaskName[] = ['token', 'qa', 'multilabel', 'regression'];

export async function detectTask(file: string, columns?: Partial<ColumnMapping>): Promise<TaskName> {
  for (const t of DETECTION_ORDER) if (await TRAINING[t].detect(file, columns)) return t;
  return 'cls';
}
