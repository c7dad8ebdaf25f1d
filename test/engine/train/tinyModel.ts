/** A tiny random-init BERT base checkpoint on the real bert-base-uncased vocabulary, written for tests. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseBertConfig } from '../../../extension/engine/bert/config';
import { parameterSpecs } from '../../../extension/engine/bert/params';
import { initParameter } from '../../../extension/engine/bert/init';
import { writeSafetensors } from '../../../extension/engine/bert/safetensors';
import { Rng } from '../../../extension/shared/rng';

export const VOCAB = path.join(
  __dirname,
  '..',
  '..',
  '..',
  '..',
  'test',
  'fixtures',
  'vocab',
  'bert-base-uncased-vocab.txt',
);
export const DATA = path.join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'data');

export function makeTinyBase(dir: string, size = { layers: 2, hidden: 32, heads: 2, inter: 64 }, seed = 0): string {
  const json = {
    architectures: ['BertForMaskedLM'],
    model_type: 'bert',
    vocab_size: 30522,
    hidden_size: size.hidden,
    num_hidden_layers: size.layers,
    num_attention_heads: size.heads,
    intermediate_size: size.inter,
    max_position_embeddings: 512,
  };
  const config = parseBertConfig(json, 'tiny');
  const rng = new Rng(seed);
  const params = new Map(
    parameterSpecs(config, 'base').map((s) => [s.name, initParameter(s.name, s.shape, config, rng)]),
  );
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify(json));
  writeSafetensors(path.join(dir, 'model.safetensors'), params, { format: 'pt' });
  fs.copyFileSync(VOCAB, path.join(dir, 'vocab.txt'));
  return dir;
}
