import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { previewDataset } from '../../../extension/engine/data/preview';
import { readTable } from '../../../extension/shared/data/records';
import { uncased } from '../tokenize/vocabFolder';
import { lengthHistogram } from '../../../extension/shared/data/lengthHistogram';

const DATA = path.join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'data');

test('the histogram counts every length once, marks those past max_length, and its percentiles are order statistics', () => {
  const h = lengthHistogram([3, 5, 5, 9, 12, 40], 10, 4);
  assert.deepEqual(h.edges, [0, 11, 22, 33, 44]);
  assert.deepEqual(h.counts, [4, 1, 0, 1]);
  assert.equal(h.truncated, 2);
  assert.equal(h.measured, 6);
  assert.equal(h.longest, 40);
  assert.equal(h.p50, 9);
});

test('preview of a CSV: first rows tokenized as training sees them, lengths of every row from the real tokenizer', async () => {
  const tokenizer = await uncased();
  const file = path.join(DATA, 'classify.csv');
  const p = await previewDataset(file, tokenizer, { maxLength: 12, show: 5 });
  assert.deepEqual(p.mapping, { text: 'text', textPair: null, label: 'label' });
  assert.equal(p.rows.length, 5);
  assert.equal(p.totalRows, 330);
  const first = await tokenizer.encode(p.rows[0].text, null, { truncation: false });
  assert.equal(p.fullLengths[0], first.inputIds.length);
  assert.deepEqual(p.encoded[0].tokens.slice(0, 4), first.tokens.slice(0, 4));
  assert.equal(p.encoded[0].inputIds.length, Math.min(12, first.inputIds.length));
  assert.equal(p.lengths.measured, 330);
  const table = await readTable(file);
  const all = await Promise.all(table.rows.map((r) => tokenizer.encode(r.text, null, { truncation: false })));
  assert.equal(p.lengths.truncated, all.filter((e) => e.inputIds.length > 12).length);
});

test('pairs are measured together; the limit bounds the rows tokenized but not the row count', async () => {
  const tokenizer = await uncased();
  const p = await previewDataset(path.join(DATA, 'pairs.csv'), tokenizer, { limit: 7, show: 2 });
  assert.ok(p.mapping.textPair);
  assert.equal(p.lengths.measured, 7);
  assert.ok(p.totalRows > 7);
  assert.ok(p.encoded[0].tokenTypeIds.includes(1), 'the second text is segment 1');
  const empty = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'preview-')), 'none.csv');
  await assert.rejects(previewDataset(empty, tokenizer), /none.csv: no such file/);
});
