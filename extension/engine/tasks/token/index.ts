/**
 * Token classification (named entities): BertForTokenClassification — no pooler,
 * dropout and a linear layer over every token, cross-entropy over the tokens whose
 * label is not -100 (special tokens, padding, and word pieces after a word's first).
 */
import type { TaskDefinition } from '../task';
import { SAVED_AS } from '../../../shared/tasks';
import { classifierDropout, linearParams } from '../task';
import { IGNORE_INDEX, crossEntropy } from '../losses';

export const token: TaskDefinition = {
  name: 'token',
  ...SAVED_AS.token,
  pooler: false,
  headParams: (c) => linearParams('classifier', c.id2label.length, c.hiddenSize),
  targets: [{ name: 'labels', dtype: 'int64', dims: ['B', 'T'] }],
  head({ g, config, p, encoder, dropout, classWeights }, targets) {
    const k = config.id2label.length;
    // On [B, T, H] directly: no run-time shape arithmetic (int64, on the CPU under WebGPU).
    const hidden = dropout(encoder.sequence, classifierDropout(config));
    const logits = g.add(g.matmul(hidden, g.transpose(p('classifier.weight'), [1, 0])), p('classifier.bias'));
    if (!targets) return { outputs: { logits }, loss: null };
    const flat = g.reshape(logits, [-1, k], ['B*T', k]);
    const labels = g.reshape(targets.labels, [-1], ['B*T']);
    return { outputs: { logits }, loss: crossEntropy(g, flat, labels, IGNORE_INDEX, classWeights) };
  },
};
