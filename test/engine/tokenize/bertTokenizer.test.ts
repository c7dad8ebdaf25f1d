import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BertTokenizer } from '../../../extension/engine/tokenize/bertTokenizer';
import { VOCAB, uncased, vocabFolder } from './vocabFolder';

test("Transformers' reference ids for bert-base-uncased", async () => {
  const t = uncased();
  assert.deepEqual((await t.encode('I love Paris')).inputIds, [101, 1045, 2293, 3000, 102]);
  assert.deepEqual((await t.encode('i love kathmandu')).inputIds, [101, 1045, 2293, 28045, 102]);
  const batch = await t.encodeBatch(['I love Paris', 'birds fly', 'snow fall'], null, {
    padding: 'max_length',
    maxLength: 5,
  });
  assert.deepEqual(
    batch.map((e) => e.inputIds),
    [
      [101, 1045, 2293, 3000, 102],
      [101, 5055, 4875, 102, 0],
      [101, 4586, 2991, 102, 0],
    ],
  );
  assert.deepEqual(
    batch.map((e) => e.attentionMask),
    [
      [1, 1, 1, 1, 1],
      [1, 1, 1, 1, 0],
      [1, 1, 1, 1, 0],
    ],
  );
  const longest = await t.encodeBatch(['I love Paris', 'snow'], null, { padding: 'longest' });
  assert.deepEqual(
    longest.map((e) => e.inputIds),
    [
      [101, 1045, 2293, 3000, 102],
      [101, 4586, 102, 0, 0],
    ],
  );
  assert.deepEqual(longest[1].specialTokensMask, [1, 0, 1, 1, 1]);
});

test('pairs: segment ids, sequence ids, special-token mask', async () => {
  const e = await uncased().encode('I love Paris', 'snow fall');
  assert.deepEqual(e.inputIds, [101, 1045, 2293, 3000, 102, 4586, 2991, 102]);
  assert.deepEqual(e.tokenTypeIds, [0, 0, 0, 0, 0, 1, 1, 1]);
  assert.deepEqual(e.sequenceIds, [null, 0, 0, 0, null, 1, 1, null]);
  assert.deepEqual(e.specialTokensMask, [1, 0, 0, 0, 1, 0, 0, 1]);
  assert.deepEqual(e.wordIds, [null, 0, 1, 2, null, 0, 1, null]);
  const batch = await uncased().encodeBatch(['I love Paris', 'birds fly'], ['snow fall', 'snow'], {
    padding: 'longest',
  });
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

test('tokenizer_config.json options: do_lower_case, strip_accents, tokenize_chinese_chars', async () => {
  const cfg = (c: object) => BertTokenizer.load(vocabFolder({ 'tokenizer_config.json': JSON.stringify(c) }));
  // The uncased vocabulary has no capitalised words, no 'café' and no '##é': each is one [UNK].
  assert.deepEqual((await cfg({ do_lower_case: false }).encode('Paris')).tokens, ['[CLS]', '[UNK]', '[SEP]']);
  assert.deepEqual((await cfg({ strip_accents: false }).encode('Café')).tokens, ['[CLS]', '[UNK]', '[SEP]']);
  assert.deepEqual((await cfg({ tokenize_chinese_chars: false }).encode('日本語')).tokens, [
    '[CLS]',
    '日',
    '##本',
    '##語',
    '[SEP]',
  ]);
});

test('offsets index the original JS strings of both texts, astral and combining characters included', async () => {
  const text = '🙂 Café 日本';
  const e = await uncased().encode(text);
  assert.deepEqual(
    e.offsets.map(([s, t]) => text.slice(s, t)),
    ['', '🙂', 'Café', '日', '本', ''],
  );
  assert.deepEqual(e.wordIds, [null, 0, 1, 2, 3, null]);
  const q = 'Où est 🙂?';
  const c = 'Cafe\u0301 日本 🙂x';
  const p = await uncased().encode(q, c);
  assert.deepEqual(p.tokens, ['[CLS]', 'ou', 'est', '[UNK]', '?', '[SEP]', 'cafe', '日', '本', '[UNK]', '[SEP]']);
  const pieces = p.offsets.map(([s, t], i) => (p.sequenceIds[i] === 0 ? q : c).slice(s, t));
  // The combining accent is dropped by strip_accents and belongs to no token, as in Python.
  assert.deepEqual(pieces, ['', 'Où', 'est', '🙂', '?', '', 'Cafe', '日', '本', '🙂x', '']);
});

test('decode skips special tokens, joins word pieces and cleans up spaces as Transformers does', async () => {
  const t = uncased();
  assert.equal(await t.decode([101, 1045, 2293, 3000, 102]), 'i love paris');
  assert.equal(await t.decode([101, 1045, 102], false), '[CLS] i [SEP]');
  const text = "Hello, World! It's naïve: résumés don't cost $5.";
  assert.equal(await t.decode((await t.encode(text)).inputIds), "hello, world! it's naive : resumes don't cost $ 5.");
  const raw = BertTokenizer.load(
    vocabFolder({ 'tokenizer_config.json': JSON.stringify({ clean_up_tokenization_spaces: false }) }),
  );
  assert.equal(await raw.decode((await raw.encode("it's")).inputIds), "it ' s");
});

test('save writes the Hugging Face files; loading tokenizer.json gives identical encodings', async () => {
  const t = uncased();
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'tok-save-'));
  await t.save(out);
  assert.deepEqual(fs.readdirSync(out).sort(), [
    'special_tokens_map.json',
    'tokenizer.json',
    'tokenizer_config.json',
    'vocab.txt',
  ]);
  const back = BertTokenizer.load(out);
  for (const [a, b] of [
    ['Café 日本 unaffable', null],
    ['I love Paris', 'snow fall'],
    ['🙂 x\u0007y', 'Où?'],
  ] as const) {
    assert.deepEqual(await back.encode(a, b), await t.encode(a, b));
  }
  assert.equal(back.maxLength, 512);
  assert.equal(fs.readFileSync(path.join(out, 'vocab.txt'), 'utf8'), fs.readFileSync(VOCAB, 'utf8'));
  const json = JSON.parse(fs.readFileSync(path.join(out, 'tokenizer.json'), 'utf8'));
  assert.equal(json.model.type, 'WordPiece');
  assert.deepEqual(json.normalizer, {
    type: 'BertNormalizer',
    clean_text: true,
    handle_chinese_chars: true,
    strip_accents: true,
    lowercase: true,
  });
  const config = JSON.parse(fs.readFileSync(path.join(out, 'tokenizer_config.json'), 'utf8'));
  assert.equal(config.tokenizer_class, 'BertTokenizer');
  assert.equal(config.do_lower_case, true);
  assert.deepEqual(JSON.parse(fs.readFileSync(path.join(out, 'special_tokens_map.json'), 'utf8')), {
    unk_token: '[UNK]',
    sep_token: '[SEP]',
    pad_token: '[PAD]',
    cls_token: '[CLS]',
    mask_token: '[MASK]',
  });
  const again = fs.mkdtempSync(path.join(os.tmpdir(), 'tok-save-'));
  await back.save(again);
  assert.equal(
    fs.readFileSync(path.join(again, 'tokenizer.json'), 'utf8'),
    fs.readFileSync(path.join(out, 'tokenizer.json'), 'utf8'),
    'a saved tokenizer saves the same',
  );
});

test('bad tokenizers: another model type, a vocab larger than the embeddings, nothing to load', () => {
  const bpe = vocabFolder({ 'tokenizer.json': JSON.stringify({ model: { type: 'BPE', vocab: {}, merges: [] } }) });
  assert.throws(() => BertTokenizer.load(bpe), /tokenizer.json: a BPE tokenizer, but BERT models use WordPiece/);
  assert.throws(
    () => BertTokenizer.load(vocabFolder(), { vocabSize: 1000 }),
    /the tokenizer has 30522 tokens but the model's embeddings have 1000 rows/,
  );
  assert.equal(BertTokenizer.load(vocabFolder(), { vocabSize: 30522 }).vocabSize, 30522);
  assert.equal(
    BertTokenizer.load(vocabFolder(), { vocabSize: 30600 }).vocabSize,
    30522,
    'spare embedding rows are fine',
  );
  const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'tok-empty-'));
  assert.throws(() => BertTokenizer.load(empty), /has neither tokenizer.json nor vocab.txt/);
  assert.throws(() => BertTokenizer.load(vocabFolder({ 'tokenizer.json': '{oops' })), /tokenizer.json: not valid JSON/);
});

test('token ↔ id lookups', () => {
  const t = uncased();
  assert.equal(t.tokenToId('paris'), 3000);
  assert.equal(t.idToToken(28045), 'kathmandu');
  assert.equal(t.tokenToId('no-such-token'), null);
});
