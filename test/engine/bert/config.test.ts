import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { bertConfigToJson, loadBertConfig, parseBertConfig, withLabels } from '../../../extension/engine/bert/config';

const base = {
  model_type: 'bert',
  vocab_size: 100,
  hidden_size: 32,
  num_hidden_layers: 2,
  num_attention_heads: 2,
  intermediate_size: 64,
};

test("optional fields take Transformers' BertConfig defaults", () => {
  const c = parseBertConfig(base, 'config.json');
  assert.equal(c.modelType, 'bert');
  assert.equal(c.hiddenAct, 'gelu');
  assert.equal(c.layerNormEps, 1e-12);
  assert.equal(c.hiddenDropoutProb, 0.1);
  assert.equal(c.attentionProbsDropoutProb, 0.1);
  assert.equal(c.maxPositionEmbeddings, 512);
  assert.equal(c.typeVocabSize, 2);
  assert.equal(c.initializerRange, 0.02);
  assert.equal(c.padTokenId, 0);
  assert.equal(c.classifierDropout, null);
  assert.equal(c.problemType, null);
  assert.deepEqual(c.architectures, []);
  assert.deepEqual(c.id2label, ['LABEL_0', 'LABEL_1']);
  assert.deepEqual(parseBertConfig({ ...base, num_labels: 3 }, 'c.json').id2label, ['LABEL_0', 'LABEL_1', 'LABEL_2']);
});

test('missing or invalid structural fields name the file and the field', () => {
  for (const field of ['vocab_size', 'hidden_size', 'num_hidden_layers', 'num_attention_heads', 'intermediate_size']) {
    const missing: Record<string, unknown> = { ...base };
    delete missing[field];
    assert.throws(
      () => parseBertConfig(missing, '/m/config.json'),
      new RegExp(`^Error: /m/config.json: ${field} is missing; it must be a positive integer`),
    );
    assert.throws(() => parseBertConfig({ ...base, [field]: 1.5 }, 'c.json'), new RegExp(`c.json: ${field} is 1.5`));
  }
  assert.throws(() => parseBertConfig({ ...base, vocab_size: -1 }, 'c.json'), /vocab_size is -1/);
  assert.throws(() => parseBertConfig({ ...base, hidden_size: '32' }, 'c.json'), /hidden_size is "32"/);
  assert.throws(
    () => parseBertConfig({ ...base, num_attention_heads: 5 }, 'c.json'),
    /c.json: hidden_size 32 is not a multiple of num_attention_heads 5.*divisible/,
  );
  assert.throws(
    () => parseBertConfig({ ...base, hidden_dropout_prob: 1.5 }, 'c.json'),
    /c.json: hidden_dropout_prob must be a probability/,
  );
  assert.throws(
    () => parseBertConfig({ ...base, pad_token_id: 100 }, 'c.json'),
    /pad_token_id 100 is outside the vocabulary/,
  );
  assert.throws(() => parseBertConfig([base], 'c.json'), /c.json: config is not a JSON object/);
});

test('other architectures and activations are refused with what is supported', () => {
  for (const type of ['roberta', 'gpt2', 'distilbert']) {
    assert.throws(
      () => parseBertConfig({ ...base, model_type: type }, 'c.json'),
      new RegExp(`c.json: model_type "${type}" is not supported; supported: bert`),
    );
  }
  assert.throws(
    () => parseBertConfig({ ...base, hidden_act: 'swish' }, 'c.json'),
    /c.json: hidden_act "swish" is not supported; supported: gelu/,
  );
  const untyped: Record<string, unknown> = { ...base };
  delete untyped.model_type;
  assert.equal(
    parseBertConfig({ ...untyped, architectures: ['BertForMaskedLM', 'BertModel'] }, 'c.json').modelType,
    'bert',
  );
  assert.throws(
    () => parseBertConfig({ ...untyped, architectures: ['RobertaModel'] }, 'c.json'),
    /model_type is missing .*supported: bert/,
  );
  assert.throws(() => parseBertConfig(untyped, 'c.json'), /model_type is missing/);
});

test('id2label in any key order; gaps and bad keys refused', () => {
  const c = parseBertConfig({ ...base, id2label: { 2: 'neutral', 1: 'pos', 0: 'neg' }, num_labels: 2 }, 'c.json');
  assert.deepEqual(c.id2label, ['neg', 'pos', 'neutral'], 'id2label wins over num_labels, as in Transformers');
  assert.throws(
    () => parseBertConfig({ ...base, id2label: { 0: 'a', 2: 'c' } }, 'c.json'),
    /c.json: id2label key '2' is not an index 0..1/,
  );
  assert.throws(() => parseBertConfig({ ...base, id2label: { 0: 'a', '01': 'b' } }, 'c.json'), /id2label key '01'/);
  assert.throws(() => parseBertConfig({ ...base, id2label: { '': 'a' } }, 'c.json'), /id2label key ''/);
  assert.throws(() => parseBertConfig({ ...base, id2label: 'neg,pos' }, 'c.json'), /id2label must be an object/);
});

test('round trip through config.json names keeps unknown keys; withLabels replaces the labels', () => {
  const c = parseBertConfig(
    {
      ...base,
      id2label: { 1: 'pos', 0: 'neg' },
      extra_key: 7,
      problem_type: 'single_label_classification',
      classifier_dropout: 0.2,
    },
    'c.json',
  );
  const json = bertConfigToJson(c);
  assert.deepEqual(json.id2label, { 0: 'neg', 1: 'pos' });
  assert.deepEqual(json.label2id, { neg: 0, pos: 1 });
  assert.equal(json.extra_key, 7);
  assert.equal(json.hidden_size, 32);
  assert.equal(json.layer_norm_eps, 1e-12);
  const again = parseBertConfig(JSON.parse(JSON.stringify(json)), 'c.json');
  assert.deepEqual({ ...again, raw: null }, { ...c, raw: null });
  const relabeled = bertConfigToJson(
    withLabels(parseBertConfig({ ...base, num_labels: 2 }, 'c.json'), ['a', 'b', 'c']),
  );
  assert.deepEqual(relabeled.label2id, { a: 0, b: 1, c: 2 });
  assert.equal(relabeled.num_labels, 3);
  assert.throws(() => withLabels(c, ['a', 'a']), /label "a" appears twice/);
  assert.throws(() => withLabels(c, []), /at least one label/);
});

test('loadBertConfig names a missing file and one that is not JSON', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cfg-'));
  const file = path.join(dir, 'config.json');
  assert.throws(() => loadBertConfig(file), new RegExp(`${file}: config.json not found`));
  fs.writeFileSync(file, '{"model_type": ');
  assert.throws(() => loadBertConfig(file), new RegExp(`${file}: not valid JSON`));
  fs.writeFileSync(file, JSON.stringify(base));
  assert.equal(loadBertConfig(file).hiddenSize, 32);
});
