import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bertConfigToJson, parseBertConfig } from '../../../extension/engine/bert/config';

const base = { model_type: 'bert', vocab_size: 100, hidden_size: 32, num_hidden_layers: 2, num_attention_heads: 2, intermediate_size: 64 };

test("optional fields take Transformers' BertConfig defaults", () => {
  const c = parseBertConfig(base, 'config.json');
  assert.equal(c.layerNormEps, 1e-12);
  assert.equal(c.hiddenDropoutProb, 0.1);
  assert.equal(c.maxPositionEmbeddings, 512);
  assert.equal(c.typeVocabSize, 2);
  assert.equal(c.classifierDropout, null);
  assert.deepEqual(c.id2label, ['LABEL_0', 'LABEL_1']);
});

test('missing or invalid structural fields name the file and the field', () => {
  const noHidden: Record<string, unknown> = { ...base };
  delete noHidden.hidden_size;
  assert.throws(() => parseBertConfig(noHidden, '/m/config.json'), /\/m\/config.json: hidden_size is missing/);
  assert.throws(() => parseBertConfig({ ...base, num_attention_heads: 5 }, 'c.json'), /hidden_size 32 is not a multiple of num_attention_heads 5/);
  assert.throws(() => parseBertConfig({ ...base, vocab_size: -1 }, 'c.json'), /vocab_size is -1/);
});

test('other architectures and activations are refused with what is supported', () => {
  assert.throws(() => parseBertConfig({ ...base, model_type: 'roberta' }, 'c.json'), /model_type "roberta" is not supported; supported: bert/);
  assert.throws(() => parseBertConfig({ ...base, hidden_act: 'swish' }, 'c.json'), /hidden_act "swish" is not supported; supported: gelu/);
  const untyped: Record<string, unknown> = { ...base };
  delete untyped.model_type;
  assert.equal(parseBertConfig({ ...untyped, architectures: ['BertForMaskedLM'] }, 'c.json').modelType, 'bert');
});

test('id2label in any key order; gaps refused; round trip through config.json names', () => {
  const c = parseBertConfig({ ...base, id2label: { 1: 'pos', 0: 'neg' }, extra_key: 7 }, 'c.json');
  assert.deepEqual(c.id2label, ['neg', 'pos']);
  assert.throws(() => parseBertConfig({ ...base, id2label: { 0: 'a', 2: 'c' } }, 'c.json'), /id2label key '2'/);
  const json = bertConfigToJson(c);
  assert.deepEqual(json.label2id, { neg: 0, pos: 1 });
  assert.equal(json.extra_key, 7);
  assert.deepEqual(parseBertConfig(json, 'c.json').id2label, ['neg', 'pos']);
});
