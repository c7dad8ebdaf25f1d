/**
 * The model's forward graph, used by inference, export, evaluation and feature extraction: the batch
 * inputs, the parameters (graph inputs named param:NAME, or stored when frozen), the outputs.
 * The training step (train/stepGraph) builds on the same pieces.
 */
import { Graph } from '../onnx/builder';
import type { Value } from '../onnx/graph';
import type { HostTensor } from '../tensor';
import type { BertConfig } from './config';
import { buildModel, Labels } from './heads';
import type { BertInputs } from './model';
import type { ParamSpec, Task } from './params';
import { TASKS } from '../tasks/registry';

/** The graph input that carries parameter `n` when it is not stored in the graph. */
export const paramInputName = (n: string) => `param:${n}`;

/**
 * Token ids, masks, labels and positions are int32 inside every graph: WebGPU computes with int32 and runs no
 * int64 op. The engine's own graphs take them as int32 (Session converts int64 batches on the host); an exported
 * model keeps the int64 inputs Transformers' exporters use and casts them.
 */
export type IndexType = 'int32' | 'int64';

/**
 * The batch: token inputs, and the task's targets (as the task registry declares them) when a loss is wanted.
 * Integer targets (labels, positions, token labels) are indices like the token ids; float targets stay float32.
 */
export function batchInputs(
  g: Graph,
  task: Task,
  c: BertConfig,
  indexType: IndexType = 'int32',
): { x: BertInputs; labels: Labels } {
  const index = (name: string, shape: (string | number)[]) => g.cast(g.input(name, indexType, shape), 'int32');
  const x = {
    inputIds: index('input_ids', ['B', 'T']),
    attentionMask: index('attention_mask', ['B', 'T']),
    tokenTypeIds: index('token_type_ids', ['B', 'T']),
  };
  if (task === 'base') return { x, labels: {} };
  const dim = (d: 'B' | 'T' | 'L') => (d === 'L' ? c.id2label.length : d);
  const labels = Object.fromEntries(
    TASKS[task].targets.map((t) => {
      const dims = t.dims.map(dim);
      return [t.name, t.dtype === 'int64' ? index(t.name, dims) : g.input(t.name, t.dtype, dims)] as const;
    }),
  );
  return { x, labels };
}

export function paramSource(
  g: Graph,
  trainable: Map<string, Value>,
  frozen: Map<string, HostTensor>,
): (n: string) => Value {
  const stored = new Map<string, Value>();
  return (name) => {
    const t = trainable.get(name) ?? stored.get(name);
    if (t) return t;
    const data = frozen.get(name);
    if (!data) throw new Error(`parameter ${name} is neither trainable nor given as frozen`);
    const v = g.initializer(data, name);
    stored.set(name, v);
    return v;
  };
}

/**
 * Forward only, dropout off: parameters are inputs (named like the step graph's) unless frozen.
 * With labels the loss is an output too; with hiddenStates every layer's output is.
 */
export function buildForward(
  config: BertConfig,
  task: Task,
  params: ParamSpec[],
  frozen: Map<string, HostTensor>,
  opts: { withLabels?: boolean; hiddenStates?: boolean; indexType?: IndexType } = {},
): Graph {
  const g = new Graph();
  const { x, labels } = batchInputs(g, opts.withLabels ? task : 'base', config, opts.indexType);
  const inputs = new Map(
    params
      .filter((s) => !frozen.has(s.name))
      .map((s) => [s.name, g.input(paramInputName(s.name), 'float32', s.shape)] as const),
  );
  const model = buildModel(g, config, task, paramSource(g, inputs, frozen), x, labels, {
    training: false,
    hiddenStates: opts.hiddenStates,
  });
  for (const [k, v] of Object.entries(model.outputs)) g.output(v, k);
  if (model.loss) g.output(model.loss, 'loss');
  model.hiddenStates.forEach((h, i) => g.output(h, `hidden_states.${i}`));
  return g;
}
