/**
 * The evaluator of a task scored from its head's logits on the validation set (token, multi-label, regression):
 * full fine-tuning only, one forward pass over the examples, and the task's own scoring of the logits.
 */
import type { HostTensor } from '../tensor';
import type { Example } from '../data/batches';
import type { BertConfig } from '../bert/config';
import type { ParamSpec } from '../bert/params';
import type { SessionOptions } from '../runtime/ort';
import type { EvalDetail } from '../../shared/runs/evalDetail';
import type { TaskEvaluator } from './setup';
import type { TaskName } from './task';
import { LogitsEvaluator } from './logitsEvaluator';

export interface LogitsScoring {
  task: TaskName;
  /** What the task is called in the refusal of frozen-encoder mode. */
  title: string;
  config: BertConfig;
  validation: Example[];
  batchSize: number;
  collate(batch: Example[]): Record<string, HostTensor>;
  /** The metrics (eval_loss included) and the dashboard's detail, from each example's logits and the mean loss. */
  score(logits: number[][][], loss: number): { metrics: Record<string, number>; detail?: EvalDetail };
  /** Files the last evaluation decided, saved with the model. */
  files?(): Record<string, string>;
}

export async function logitsTaskEvaluator(
  s: LogitsScoring,
  specs: ParamSpec[],
  frozen: Map<string, HostTensor>,
  session: SessionOptions,
  frozenMode: boolean,
): Promise<TaskEvaluator> {
  if (frozenMode)
    throw new Error(`frozen-encoder mode is for single-label classification; train ${s.title} with --mode full`);
  const ev = await LogitsEvaluator.create(s.config, s.task, specs, frozen, session, s.collate);
  return {
    async evaluate(weights) {
      const { logits, loss } = await ev.run(s.validation, weights, s.batchSize);
      return s.score(logits, loss);
    },
    files: s.files,
    release: () => ev.release(),
  };
}
