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

/** The graph input that carries parameter `n` when it is not stored in the graph. */
export const paramInputName = (n: string) => `param:${n}`;

/**
 * Token ids, masks, labels and positions are int32 inside every graph: WebGPU computes with int32 and runs no
 * int64 op. The engine's own graphs take them as int32 (Session converts int64 batches on the host); an exported
 * model keeps the int64 inputs Transformers' exporters use and casts them.
 */
export type IndexType = 'int32' | 'int64';

export function batchInputs(g: Graph, task: Task, indexType: IndexType = 'int32'): { x: BertInputs; labels: Labels } {
  const index = (name: string, shape: string[]) => g.cast(g.input(name, indexType, shape), 'int32');
  const x = {
    inputIds: index('input_ids', ['B', 'T']),
    attentionMask: index('attention_mask', ['B', 'T']),
    tokenTypeIds: index('token_type_ids', ['B', 'T']),
  };
  if (task === 'cls') return { x, labels: { labels: index('labels', ['B']) } };
  if (task === 'qa') {
    return {
      x,
      labels: {
        startPositions: index('start_positions', ['B']),
        endPositions: index('end_positions', ['B']),
      },
    };
  }
  return { x, labels: {} };
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
  const { x, labels } = batchInputs(g, opts.withLabels ? task : 'base', opts.indexType);
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
