/** A random-init BERT classifier of a given shape and its full fine-tuning step: what bench:train and the step probe time. */
import { parseBertConfig } from '../extension/engine/bert/config';
import { parameterSpecs } from '../extension/engine/bert/params';
import { initParameter } from '../extension/engine/bert/init';
import { TrainingStep } from '../extension/engine/train/trainingStep';
import { ADAMW_DEFAULTS } from '../extension/engine/train/adamw';
import type { HostTensor } from '../extension/engine/tensor';
import type { SessionOptions } from '../extension/engine/runtime/ort';
import { Rng } from '../extension/shared/rng';

export interface BertShape {
  layers: number;
  hidden: number;
  heads: number;
  inter: number;
  labels: number;
}

/** A Hugging Face config.json for a BERT of this shape (Transformers' defaults spelt out), naming the labels. */
export function configJson(s: Omit<BertShape, 'labels'>, labels: string[]): Record<string, unknown> {
  return {
    model_type: 'bert',
    vocab_size: 30522,
    hidden_size: s.hidden,
    num_hidden_layers: s.layers,
    num_attention_heads: s.heads,
    intermediate_size: s.inter,
    max_position_embeddings: 512,
    type_vocab_size: 2,
    hidden_act: 'gelu',
    hidden_dropout_prob: 0.1,
    attention_probs_dropout_prob: 0.1,
    layer_norm_eps: 1e-12,
    pad_token_id: 0,
    initializer_range: 0.02,
    id2label: Object.fromEntries(labels.map((l, i) => [String(i), l])),
    label2id: Object.fromEntries(labels.map((l, i) => [l, i])),
  };
}

/** Makes the random weights now; the function it returns builds the step, which takes them over. */
export function randomModel(s: BertShape): (session: SessionOptions) => Promise<TrainingStep> {
  const config = parseBertConfig(
    configJson(
      s,
      Array.from({ length: s.labels }, (_, i) => `l${i}`),
    ),
    'bench',
  );
  const specs = parameterSpecs(config, 'cls');
  const rng = new Rng(0);
  const params = new Map<string, HostTensor>(specs.map((p) => [p.name, initParameter(p.name, p.shape, config, rng)]));
  return (session) =>
    TrainingStep.create(
      {
        config,
        task: 'cls',
        trainable: specs,
        frozen: new Map(),
        dropout: true,
        optimizer: { ...ADAMW_DEFAULTS, weightDecay: 0.01 },
      },
      params,
      session,
    );
}
