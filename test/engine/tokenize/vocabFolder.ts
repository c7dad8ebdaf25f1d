/** Model folders holding the real bert-base-uncased vocabulary, for tokenizer tests. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BertTokenizer } from '../../../extension/engine/tokenize/bertTokenizer';

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

export function vocabFolder(files: Record<string, string> = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tok-'));
  fs.copyFileSync(VOCAB, path.join(dir, 'vocab.txt'));
  for (const [k, v] of Object.entries(files)) fs.writeFileSync(path.join(dir, k), v);
  return dir;
}

/** bert-base-uncased as Transformers loads it: 512 positions, 30522 embedding rows. */
export const uncased = () =>
  BertTokenizer.load(
    vocabFolder({ 'tokenizer_config.json': JSON.stringify({ do_lower_case: true, model_max_length: 512 }) }),
    { maxPositions: 512, vocabSize: 30522 },
  );
