/**
 * What a task is, in one place: the Transformers architecture and problem_type it
 * saves as, its head's parameters (Transformers' names), the head graph and its loss,
 * and the targets a batch carries. Each task is one folder beside this file,
 * registered in registry.ts; nothing outside the registry asks which task it is.
 */
import type { Graph } from '../onnx/builder';
import type { Value } from '../onnx/graph';
import type { BertConfig } from '../bert/config';
import type { BertInputs, EncoderOutputs, ParamSource } from '../bert/model';
import type { ParamSpec } from '../bert/params';
import type { TaskName } from '../../shared/taskName';

export type { TaskName } from '../../shared/taskName';

/** A target tensor of the batch: B = batch, T = sequence, L = labels. */
export interface TargetSpec {
  name: string;
  dtype: 'int64' | 'float32';
  dims: ('B' | 'T' | 'L')[];
}

/** What a head may use: the graph, the encoder's outputs, parameters by name, and dropout in the model's mode. */
export interface HeadContext {
  g: Graph;
  config: BertConfig;
  p: ParamSource;
  x: BertInputs;
  encoder: EncoderOutputs;
  dropout(v: Value, ratio: number): Value;
  /** Per-class loss weights (class-weighted cross-entropy), where the task supports them. */
  classWeights?: number[];
}

export interface HeadResult {
  /** Named results: logits, or start_logits / end_logits. */
  outputs: Record<string, Value>;
  /** The mean loss, when targets were given. */
  loss: Value | null;
}

export interface TaskDefinition {
  name: TaskName;
  /** Transformers' class, saved in config.json's architectures. */
  architecture: string;
  /** config.json's problem_type (null: Transformers' default for the architecture). */
  problemType: string | null;
  /** Whether the model has BERT's pooler (BertForTokenClassification and ForQuestionAnswering have none). */
  pooler: boolean;
  /** The head's parameters with Transformers' names; everything not under `bert.` is head. */
  headParams(c: BertConfig): ParamSpec[];
  /** The batch's targets, as bert_reference.py's batch files name them. */
  targets: TargetSpec[];
  /** How a sequence head's logits become label probabilities: one softmax over labels, or a sigmoid per label. */
  scores?: 'softmax' | 'sigmoid';
  /** The head on the encoder's outputs, and its loss when `targets` is given. */
  head(ctx: HeadContext, targets: Record<string, Value> | null): HeadResult;
}

/** The dropout Transformers puts before a classifier: classifier_dropout, else hidden_dropout_prob. */
export const classifierDropout = (c: BertConfig): number => c.classifierDropout ?? c.hiddenDropoutProb;

export const linearParams = (prefix: string, out: number, inp: number): ParamSpec[] => [
  { name: `${prefix}.weight`, shape: [out, inp] },
  { name: `${prefix}.bias`, shape: [out] },
];
