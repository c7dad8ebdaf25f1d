import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BertTokenizer } from '../../../extension/engine/tokenize/bertTokenizer';

const VOCAB = path.join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'vocab', 'bert-base-uncased-vocab.txt');

function folder(files: Record<string, string> = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tok-'));
  fs.copyFileSync(VOCAB, path.join(dir, 'vocab.txt'));
  for (const [k, v] of Object.entries(files)) fs.writeFileSync(path.join(dir, k), v);
  return dir;
}
const uncased = () => BertTokenizer.load(folder(), { maxPositions: 512, vocabSize: 30522 });

test("Transformers' reference ids for bert-base-uncased", async () => {
  const t = uncased();
  assert.deepEqual((await t.encode('I love Paris')).inputIds, [101, 1045, 2293, 3000, 102]);
  assert.deepEqual((await t.encode('i love kathmandu')).inputIds, [101, 1045, 2293, 28045, 102]);
  const batch = await t.encodeBatch(['I love Paris', 'birds fly', 'snow fall'], null, { padding: 'max_length', maxLength: 5 });
  assert.deepEqual(batch.map((e) => e.inputIds), [[101, 1045, 2293, 3000, 102], [101, 5055, 4875, 102, 0], [101, 4586, 2991, 102, 0]]);
  assert.deepEqual(batch.map((e) => e.attentionMask), [[1, 1, 1, 1, 1], [1, 1, 1, 1, 0], [1, 1, 1, 1, 0]]);
});

test('pairs: segment ids, sequence ids, special-token mask', async () => {
  const e = await uncased().encode('I love Paris', 'snow fall');
  assert.deepEqual(e.inputIds, [101, 1045, 2293, 3000, 102, 4586, 2991, 102]);
  assert.deepEqual(e.tokenTypeIds, [0, 0, 0, 0, 0, 1, 1, 1]);
  assert.deepEqual(e.sequenceIds, [null, 0, 0, 0, null, 1, 1, null]);
  assert.deepEqual(e.specialTokensMask, [1, 0, 0, 0, 1, 0, 0, 1]);
  const batch = await uncased().encodeBatch(['I love Paris', 'birds fly'], ['snow fall', 'snow'], { padding: 'longest' });
  assert.deepEqual(batch[0].inputIds, e.inputIds);
  assert.deepEqual(batch[1].inputIds, [101, 5055, 4875, 102, 4586, 102, 0, 0]);
  assert.deepEqual(batch[1].tokenTypeIds, [0, 0, 0, 0, 1, 1, 0, 0]);
  assert.deepEqual(batch[1].attentionMask, [1, 1, 1, 1, 1, 1, 0, 0]);
});

test('normalization: accents stripped when lowercasing, CJK one per token, control characters dropped, long words [UNK]', async () => {
  const t = uncased();
  assert.deepEqual((await t.encode('Café NAÏVE')).tokens, ['[CLS]', 'cafe', 'naive', '[SEP]']);
  assert.deepEqual((await t.encode('日本語')).inputIds, [101, 1864, 1876, 1950, 102]);
  assert.deepEqual((await t.encode('snow\u0000\u0007 fall')).tokens, ['[CLS]', 'snow', 'fall', '[SEP]']);
  assert.deepEqual((await t.encode('a'.repeat(101))).tokens, ['[CLS]', '[UNK]', '[SEP]']);
  assert.deepEqual((await t.encode('a'.repeat(100))).tokens.includes('[UNK]'), false);
  assert.deepEqual((await t.encode('unaffable')).tokens, ['[CLS]', 'una', '##ffa', '##ble', '[SEP]']);
});

test('offsets index the original JS string, astral characters included', async () => {
  const text = '🙂 Café 日本';
  const e = await uncased().encode(text);
  const pieces = e.offsets.map(([s, t]) => text.slice(s, t));
  assert.deepEqual(pieces, ['', '🙂', 'Café', '日', '本', '']);
  assert.deepEqual(e.wordIds, [null, 0, 1, 2, 3, null]);
});

test('pair truncation: longest_first and only_second', async () => {
  const t = uncased();
  const a = 'one two three four five six';
  const b = 'birds fly snow fall';
  const lf = await t.encode(a, b, { maxLength: 9, truncation: 'longest_first' });
  assert.deepEqual(lf.tokens, ['[CLS]', 'one', 'two', 'three', '[SEP]', 'birds', 'fly', 'snow', '[SEP]']);
  const os2 = await t.encode(b, a, { maxLength: 9, truncation: 'only_second' });
  assert.deepEqual(os2.tokens, ['[CLS]', 'birds', 'fly', 'snow', 'fall', '[SEP]', 'one', 'two', '[SEP]']);
});

test('stride and overflow: QA windows over a long context overlap by the stride', async () => {
  const context = Array.from({ length: 30 }, (_, i) => ['snow', 'fall', 'birds', 'fly', 'love', 'paris'][i % 6]).join(' ');
  const t = uncased();
  const e = await t.encode('who', context, { maxLength: 12, truncation: 'only_second', stride: 3 });
  const windows = [e, ...e.overflowing];
  assert.deepEqual(e.inputIds, (await t.encode('who', context, { maxLength: 12, truncation: 'only_second' })).inputIds, 'the first window is the plain truncation');
  assert.ok(windows.length >= 4, `${windows.length} windows`);
  const ctx = windows.map((w) => w.offsets.filter((_, i) => w.sequenceIds[i] === 1));
  for (const w of windows) assert.ok(w.inputIds.length <= 12);
  for (let i = 1; i < ctx.length; i++) {
    const prevTail = ctx[i - 1].slice(-3).map((o) => o.join());
    assert.deepEqual(ctx[i].slice(0, 3).map((o) => o.join()), prevTail, `window ${i} starts with the last 3 context tokens of window ${i - 1}`);
  }
  const covered = new Set(ctx.flat().map((o) => o[0]));
  assert.equal(covered.size, 30, 'every context word appears in some window');
});

test('decode skips special tokens and joins word pieces', async () => {
  const t = uncased();
  assert.equal(await t.decode([101, 1045, 2293, 3000, 102]), 'i love paris');
  assert.equal(await t.decode([101, 1045, 102], false), '[CLS] i [SEP]');
});

test('save writes the Hugging Face files; loading tokenizer.json gives identical encodings', async () => {
  const t = uncased();
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'tok-save-'));
  await t.save(out);
  assert.deepEqual(fs.readdirSync(out).sort(), ['special_tokens_map.json', 'tokenizer.json', 'tokenizer_config.json', 'vocab.txt']);
  const back = BertTokenizer.load(out);
  for (const [a, b] of [['Café 日本 unaffable', null], ['I love Paris', 'snow fall']] as const) {
    assert.deepEqual(await back.encode(a, b), await t.encode(a, b));
  }
  assert.equal(back.maxLength, 512);
  assert.equal(fs.readFileSync(path.join(out, 'vocab.txt'), 'utf8'), fs.readFileSync(VOCAB, 'utf8'));
});

test('cased models keep case and accents (do_lower_case false)', async () => {
  const t = BertTokenizer.load(folder({ 'tokenizer_config.json': JSON.stringify({ do_lower_case: false }) }));
  assert.deepEqual((await t.encode('Paris')).tokens, ['[CLS]', '[UNK]', '[SEP]']);
});

test('bad tokenizers: another model type, a vocab larger than the embeddings, nothing to load', () => {
  const bpe = folder({ 'tokenizer.json': JSON.stringify({ model: { type: 'BPE', vocab: {}, merges: [] } }) });
  assert.throws(() => BertTokenizer.load(bpe), /tokenizer.json: a BPE tokenizer, but BERT models use WordPiece/);
  assert.throws(() => BertTokenizer.load(folder(), { vocabSize: 1000 }), /the tokenizer has 30522 tokens but the model's embeddings have 1000 rows/);
  const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'tok-empty-'));
  assert.throws(() => BertTokenizer.load(empty), /has neither tokenizer.json nor vocab.txt/);
});
