/**
 * The training step as one ONNX graph: (weights, Adam moments, batch, lr, step) →
 * (new weights, new moments, loss, grad norm, logits). Frozen weights are
 * initializers: loaded once, never differentiated. Also the evaluation graph.
 */
import { Graph } from '../onnx/builder';
import type { Value } from '../onnx/graph';
import type { HostTensor } from '../tensor';
import type { BertConfig } from '../bert/config';
import { buildModel } from '../bert/heads';
import { batchInputs, paramInputName, paramSource } from '../bert/forward';
import { ParamSpec, Task, WORD_EMBEDDINGS, noDecay } from '../bert/params';
import { gradients } from '../onnx/autodiff';
import { dropoutKey, hashedDropout } from '../onnx/hashDropout';
import { crossEntropy } from '../tasks/losses';
import { AdamWOptions, adamwScalars, adamwUpdate, clipCoefficient, globalNorm } from './adamw';

export const names = {
  param: paramInputName,
  m: (n: string) => `adam_m:${n}`,
  v: (n: string) => `adam_v:${n}`,
  newParam: (n: string) => `new:${n}`,
  newM: (n: string) => `new_adam_m:${n}`,
  newV: (n: string) => `new_adam_v:${n}`,
  grad: (n: string) => `grad:${n}`,
};

export interface StepGraphOptions {
  config: BertConfig;
  task: Exclude<Task, 'base'>;
  /** Parameters that train: graph inputs, with their moments. */
  trainable: ParamSpec[];
  /** Parameters that stay fixed: stored in the graph. */
  frozen: Map<string, HostTensor>;
  optimizer: AdamWOptions;
  /** Dropout in training mode (false for parity checks against the reference, which runs in eval mode); its seed is the input dropout_seed. */
  dropout: boolean;
  /** Fed as dropout_seed (42 by default); with the step it fixes every mask, on every execution provider. */
  dropoutSeed?: number;
  /** Also output every gradient before clipping (for checking against PyTorch). */
  outputGradients?: boolean;
  /** Per-class weights of the cross-entropy (single-label and token classification). */
  classWeights?: number[];
}

/** nn.Embedding(padding_idx): the padding row never receives a gradient. */
function withoutRow(g: Graph, grad: Value, row: number): Value {
  const rows = grad.shape[0] as number;
  if (row < 0 || row >= rows) return grad;
  const keep = new Array(rows).fill(1);
  keep[row] = 0;
  return g.mul(grad, g.constant('float32', [rows, 1], keep));
}

/** Inputs for the trainable parameters and their Adam moments. */
function trainableInputs(g: Graph, trainable: ParamSpec[]) {
  const params = new Map(trainable.map((s) => [s.name, g.input(names.param(s.name), 'float32', s.shape)] as const));
  const moments = trainable.map((s) => ({
    m: g.input(names.m(s.name), 'float32', s.shape),
    v: g.input(names.v(s.name), 'float32', s.shape),
  }));
  return { params, moments };
}

/** The learning rate and the optimizer step (1 for the first update), which also keys dropout. */
function scheduleInputs(g: Graph): { lr: Value; step: Value } {
  return { lr: g.input('lr', 'float32', []), step: g.input('step', 'float32', []) };
}

/** The run's dropout seed: with the step, it fixes every mask. */
const seedInput = (g: Graph) => g.input('dropout_seed', 'int32', []);

/** Backward from `loss`, clipping and AdamW for every trainable parameter, as graph outputs. */
function addUpdate(
  g: Graph,
  { lr, step }: { lr: Value; step: Value },
  loss: Value,
  trainable: ParamSpec[],
  inputs: ReturnType<typeof trainableInputs>,
  optimizer: AdamWOptions,
  padTokenId: number | null,
  outputGradients: boolean,
): void {
  const grads = gradients(g, loss, [...inputs.params.values()]);
  const all = trainable.map((s) => {
    const gr = grads.get(inputs.params.get(s.name)!);
    if (!gr) throw new Error(`parameter ${s.name} does not reach the loss`);
    return s.name === WORD_EMBEDDINGS && padTokenId !== null ? withoutRow(g, gr, padTokenId) : gr;
  });
  const norm = globalNorm(g, all);
  g.output(norm, 'grad_norm');
  const scale = optimizer.maxGradNorm > 0 ? clipCoefficient(g, norm, optimizer.maxGradNorm) : null;
  const scalars = adamwScalars(g, lr, step, optimizer, scale);
  trainable.forEach((s, i) => {
    if (outputGradients) g.output(all[i], names.grad(s.name));
    const next = adamwUpdate(
      g,
      { param: inputs.params.get(s.name)!, ...inputs.moments[i], grad: all[i], decay: !noDecay(s.name) },
      scalars,
    );
    g.output(next.param, names.newParam(s.name));
    g.output(next.m, names.newM(s.name));
    g.output(next.v, names.newV(s.name));
  });
}

export function buildTrainingStep(o: StepGraphOptions): Graph {
  const g = new Graph();
  const { x, labels } = batchInputs(g, o.task, o.config);
  const inputs = trainableInputs(g, o.trainable);
  const schedule = scheduleInputs(g);
  const model = buildModel(g, o.config, o.task, paramSource(g, inputs.params, o.frozen), x, labels, {
    training: o.dropout,
    dropoutInputs: o.dropout ? { seed: seedInput(g), step: schedule.step } : undefined,
    classWeights: o.classWeights,
  });
  g.output(model.loss!, 'loss');
  for (const [k, v] of Object.entries(model.outputs)) g.output(v, k);
  addUpdate(g, schedule, model.loss!, o.trainable, inputs, o.optimizer, o.config.padTokenId, !!o.outputGradients);
  return g;
}

/** The classifier on pooled features [B, H] (frozen-encoder mode trains on cached features). */
function headOnFeatures(g: Graph, c: BertConfig, p: Map<string, Value>, step: Value | null, classWeights?: number[]) {
  const pooled = g.input('pooled', 'float32', ['B', c.hiddenSize]);
  const labels = g.input('labels', 'int32', ['B']);
  const ratio = c.classifierDropout ?? c.hiddenDropoutProb;
  const x = step && ratio > 0 ? hashedDropout(g, pooled, ratio, dropoutKey(g, seedInput(g), step, 0)) : pooled;
  const logits = g.linear(x, p.get('classifier.weight')!, p.get('classifier.bias')!);
  const loss = crossEntropy(g, logits, labels, undefined, classWeights);
  g.output(loss, 'loss');
  g.output(logits, 'logits');
  return loss;
}

export function buildHeadStep(
  c: BertConfig,
  head: ParamSpec[],
  optimizer: AdamWOptions,
  classWeights?: number[],
): Graph {
  const g = new Graph();
  const inputs = trainableInputs(g, head);
  const schedule = scheduleInputs(g);
  const loss = headOnFeatures(g, c, inputs.params, schedule.step, classWeights);
  addUpdate(g, schedule, loss, head, inputs, optimizer, null, false);
  return g;
}

export function buildHeadForward(c: BertConfig, head: ParamSpec[]): Graph {
  const g = new Graph();
  headOnFeatures(
    g,
    c,
    new Map(head.map((s) => [s.name, g.input(names.param(s.name), 'float32', s.shape)] as const)),
    null,
  );
  return g;
}
