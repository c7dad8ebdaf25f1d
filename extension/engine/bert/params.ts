/** BERT's parameters with Transformers' names and shapes, derived from the config and the task's head. */
import type { BertConfig } from './config';
import type { TaskName } from '../tasks/task';
import { TASKS } from '../tasks/registry';

/** A registered task, or 'base' for BertModel alone (encoder and pooler). */
export type Task = 'base' | TaskName;

export interface ParamSpec {
  name: string;
  shape: number[];
}

const linear = (prefix: string, out: number, inp: number): ParamSpec[] => [
  { name: `${prefix}.weight`, shape: [out, inp] },
  { name: `${prefix}.bias`, shape: [out] },
];
const layerNorm = (prefix: string, h: number): ParamSpec[] => [
  { name: `${prefix}.LayerNorm.weight`, shape: [h] },
  { name: `${prefix}.LayerNorm.bias`, shape: [h] },
];

export function layerPrefix(i: number): string {
  return `bert.encoder.layer.${i}`;
}

export function parameterSpecs(c: BertConfig, task: Task): ParamSpec[] {
  const h = c.hiddenSize;
  const specs: ParamSpec[] = [
    { name: WORD_EMBEDDINGS, shape: [c.vocabSize, h] },
    { name: 'bert.embeddings.position_embeddings.weight', shape: [c.maxPositionEmbeddings, h] },
    { name: 'bert.embeddings.token_type_embeddings.weight', shape: [c.typeVocabSize, h] },
    ...layerNorm('bert.embeddings', h),
  ];
  for (let i = 0; i < c.numHiddenLayers; i++) {
    const p = layerPrefix(i);
    specs.push(
      ...linear(`${p}.attention.self.query`, h, h),
      ...linear(`${p}.attention.self.key`, h, h),
      ...linear(`${p}.attention.self.value`, h, h),
      ...linear(`${p}.attention.output.dense`, h, h),
      ...layerNorm(`${p}.attention.output`, h),
      ...linear(`${p}.intermediate.dense`, c.intermediateSize, h),
      ...linear(`${p}.output.dense`, h, c.intermediateSize),
      ...layerNorm(`${p}.output`, h),
    );
  }
  // Some heads are built without the pooler (BertForQuestionAnswering, BertForTokenClassification), as in Transformers.
  if (task === 'base' || TASKS[task].pooler) specs.push(...linear('bert.pooler.dense', h, h));
  if (task !== 'base') specs.push(...TASKS[task].headParams(c));
  return specs;
}

export const WORD_EMBEDDINGS = 'bert.embeddings.word_embeddings.weight';

/** The task head's parameters: trained from scratch when a base checkpoint lacks them. */
export function isHead(name: string): boolean {
  return !name.startsWith('bert.');
}

/** Trainer's rule: no weight decay on biases and LayerNorm weights. */
export function noDecay(name: string): boolean {
  return name.endsWith('bias') || name.includes('LayerNorm.weight');
}
