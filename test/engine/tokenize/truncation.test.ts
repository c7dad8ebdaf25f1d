import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BertTokenizer } from '../../../extension/engine/tokenize/bertTokenizer';
import { uncased, vocabFolder } from './vocabFolder';

const words = (n: number) =>
  Array.from({ length: n }, (_, i) => ['snow', 'fall', 'birds', 'fly', 'love', 'paris'][i % 6]).join(' ');

test('truncation defaults to min(model_max_length, max_position_embeddings)', async () => {
  assert.equal((await uncased().encode(words(600))).inputIds.length, 512);
  const small = BertTokenizer.load(
    vocabFolder({ 'tokenizer_config.json': JSON.stringify({ model_max_length: 512 }) }),
    { maxPositions: 128 },
  );
  assert.equal(small.maxLength, 128);
  assert.equal((await small.encode(words(600))).inputIds.length, 128);
  assert.equal(BertTokenizer.load(vocabFolder()).maxLength, 512, "BERT's 512 when neither says");
  assert.equal((await uncased().encode(words(600), null, { truncation: false })).inputIds.length, 602);
});

test('pair truncation: longest_first, only_first, only_second', async () => {
  const t = uncased();
  const a = 'one two three four five six';
  const b = 'birds fly snow fall';
  const lf = await t.encode(a, b, { maxLength: 9, truncation: 'longest_first' });
  assert.deepEqual(lf.tokens, ['[CLS]', 'one', 'two', 'three', '[SEP]', 'birds', 'fly', 'snow', '[SEP]']);
  const os2 = await t.encode(b, a, { maxLength: 9, truncation: 'only_second' });
  assert.deepEqual(os2.tokens, ['[CLS]', 'birds', 'fly', 'snow', 'fall', '[SEP]', 'one', 'two', '[SEP]']);
  const of = await t.encode(a, 'birds fly', { maxLength: 7, truncation: 'only_first' });
  assert.deepEqual(of.tokens, ['[CLS]', 'one', 'two', '[SEP]', 'birds', 'fly', '[SEP]']);
});

test('stride and overflow: QA windows over a long context overlap by the stride', async () => {
  const context = words(30);
  const t = uncased();
  const e = await t.encode('who', context, { maxLength: 12, truncation: 'only_second', stride: 3 });
  const windows = [e, ...e.overflowing];
  assert.deepEqual(
    e.inputIds,
    (await t.encode('who', context, { maxLength: 12, truncation: 'only_second' })).inputIds,
    'the first window is the plain truncation',
  );
  // 8 context tokens a window, a new one every 8 - 3 = 5 tokens: starts 0, 5, 10, 15, 20, 25 (the last reaches the end).
  assert.equal(windows.length, 6);
  const ctx = windows.map((w) => w.offsets.filter((_, i) => w.sequenceIds[i] === 1));
  for (const w of windows) {
    assert.ok(w.inputIds.length <= 12);
    assert.deepEqual(w.tokens.slice(0, 3), ['[CLS]', 'who', '[SEP]'], 'every window repeats the question');
    assert.deepEqual(
      w.tokenTypeIds,
      w.tokens.map((_, i) => (i < 3 ? 0 : 1)),
    );
  }
  for (let i = 1; i < ctx.length; i++) {
    assert.deepEqual(
      ctx[i].slice(0, 3),
      ctx[i - 1].slice(-3),
      `window ${i} starts with the last 3 context tokens of window ${i - 1}`,
    );
  }
  for (const w of ctx)
    for (const [s, end] of w)
      assert.match(context.slice(s, end), /^(snow|fall|birds|fly|love|paris)$/, 'offsets index the original context');
  assert.equal(new Set(ctx.flat().map((o) => o[0])).size, 30, 'every context word appears in some window');
  const padded = await t.encode('who', context, {
    maxLength: 12,
    truncation: 'only_second',
    stride: 3,
    padding: 'max_length',
  });
  assert.ok(
    [padded, ...padded.overflowing].every((w) => w.inputIds.length === 12),
    'each window padded to max_length',
  );
});

test('overflow of a single text, and a context that already fits', async () => {
  const t = uncased();
  const e = await t.encode(words(10), null, { maxLength: 6, returnOverflowing: true });
  assert.deepEqual(
    [e, ...e.overflowing].map((w) => w.tokens.slice(1, -1).length),
    [4, 4, 2],
    'no stride: windows side by side',
  );
  const fits = await t.encode('who', 'snow fall', { maxLength: 12, truncation: 'only_second', stride: 3 });
  assert.deepEqual(fits.tokens, ['[CLS]', 'who', '[SEP]', 'snow', 'fall', '[SEP]']);
  assert.deepEqual(fits.overflowing, []);
});

test('windows that cannot be built are refused plainly', async () => {
  const t = uncased();
  await assert.rejects(
    t.encode(words(7), 'x y z', { maxLength: 9, truncation: 'only_second', stride: 1 }),
    /the first text takes 7 tokens, leaving 0 of max length 9 for windows of the second: that must be more than the stride \(1\)/,
  );
  await assert.rejects(
    t.encode('who', words(30), { maxLength: 12, truncation: 'longest_first', stride: 2 }),
    /need truncation 'only_first' or 'only_second'/,
  );
});
