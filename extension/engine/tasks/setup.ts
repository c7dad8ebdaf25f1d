/** What a task hands the trainer: its config, examples, how to batch them, and how to evaluate. */
import type { HostTensor } from '../tensor';
import type { BertConfig } from '../bert/config';
import type { ParamSpec } from '../bert/params';
import type { BertTokenizer } from '../tokenize/bertTokenizer';
import type { SessionOptions } from '../runtime/ort';
import type { Example } from '../data/batches';
import type { ColumnMapping } from '../../shared/data/columns';
import type { DataStats } from '../../shared/runs/trainEvent';
import type { EvalDetail } from '../../shared/runs/evalDetail';
import type { TrainingArguments } from '../train/arguments';
import type { TaskName } from './task';

export interface TaskEvaluator {
  evaluate(weights: Map<string, HostTensor>): Promise<{ metrics: Record<string, number>; detail?: EvalDetail }>;
  /** Files the last evaluation decided, saved with the model (e.g. multi-label thresholds). */
  files?(): Record<string, string>;
  release(): Promise<void>;
}

export interface TaskSetup {
  task: TaskName;
  config: BertConfig;
  architecture: string;
  train: Example[];
  validation: Example[];
  stats: { stats: DataStats | null; labels: string[]; mapping: ColumnMapping | null };
  /** Warnings about the data that still trains (logged before training starts). */
  notes: string[];
  /** The batch's model inputs and targets, padded to its longest example. */
  collate(batch: Example[]): Record<string, HostTensor>;
  /** Per-class weights of the cross-entropy, when asked for with --class_weights. */
  classWeights?: number[];
  createEvaluator(
    specs: ParamSpec[],
    frozen: Map<string, HostTensor>,
    session: SessionOptions,
    frozenMode: boolean,
  ): Promise<TaskEvaluator>;
}

export interface SetupRequest {
  data: string;
  tokenizer: BertTokenizer;
  base: BertConfig;
  args: TrainingArguments;
  columns?: Partial<ColumnMapping>;
  /** Progress lines while the data is read (e.g. a large file's indexing). */
  log?: (message: string) => void;
  /** A fine-tuned model's labels, kept in its order (evaluating it on new data). */
  labels?: string[];
}
