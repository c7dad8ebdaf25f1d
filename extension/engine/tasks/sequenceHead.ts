/** BertForSequenceClassification's head, shared by single-label, multi-label and regression: dropout, then a linear layer on the pooled [CLS]. */
import type { Value } from '../onnx/graph';
import type { BertConfig } from '../bert/config';
import type { ParamSpec } from '../bert/params';
import { HeadContext, classifierDropout, linearParams } from './task';

export const sequenceHeadParams = (c: BertConfig, labels = c.id2label.length): ParamSpec[] =>
  linearParams('classifier', labels, c.hiddenSize);

/** logits [B, num_labels] */
export function sequenceLogits({ g, config, p, encoder, dropout }: HeadContext): Value {
  const pooled = dropout(encoder.pooled!, classifierDropout(config));
  return g.linear(pooled, p('classifier.weight'), p('classifier.bias'));
}
