import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { multilineNote, readTable } from '../../../extension/shared/data/records';
import { detectColumns } from '../../../extension/shared/data/columns';
import { buildLabels } from '../../../extension/engine/data/labels';
import { stratifiedSplit } from '../../../extension/engine/data/split';
import { collate, epochOrder, groupByLength } from '../../../extension/engine/data/batches';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'data-'));
const file = (name: string, content: string | Buffer) => {
  const f = path.join(dir, name);
  fs.writeFileSync(f, content);
  return f;
};

test('CSV: BOM, CRLF, quoted fields with commas, quotes and newlines', async () => {
  const t = await readTable(file('a.csv', '\ufefftext,label\r\n"one, two",x\r\n"say ""hi""\r\nthere",y\r\n\r\n'));
  assert.deepEqual(t.columns, ['text', 'label']);
  assert.deepEqual(t.rows, [
    { text: 'one, two', label: 'x' },
    { text: 'say "hi"\r\nthere', label: 'y' },
  ]);
});

test('TSV and JSONL', async () => {
  assert.deepEqual((await readTable(file('a.tsv', 'sentence\tclass\nhello, world\tpos\n'))).rows, [
    { sentence: 'hello, world', class: 'pos' },
  ]);
  const j = await readTable(
    file('a.jsonl', '{"text": "a", "label": 1}\n\n{"text": "b", "label": null, "extra": [1]}\n'),
  );
  assert.deepEqual(j.columns, ['text', 'label', 'extra']);
  assert.deepEqual(j.rows[1], { text: 'b', label: '', extra: '[1]' });
});

test('bad files name the file, the row or line, and what is wrong', async () => {
  await assert.rejects(readTable(path.join(dir, 'missing.csv')), /missing.csv: no such file/);
  await assert.rejects(readTable(file('empty.csv', '')), /empty.csv: the file is empty/);
  await assert.rejects(
    readTable(file('ragged.csv', 'text,label\na,b\nc,d,e\n')),
    /ragged.csv: row 2 has 3 fields, the header has 2/,
  );
  await assert.rejects(readTable(file('bad.jsonl', '{"a":1}\n{"a":2}\n{oops\n')), /bad.jsonl: line 3 is not JSON/);
  await assert.rejects(readTable(file('arr.jsonl', '[1,2]\n')), /line 1 is not a JSON object/);
  await assert.rejects(
    readTable(
      file(
        'latin1.csv',
        Buffer.concat([Buffer.from('text,label\nok,a\ncaf'), Buffer.from([0xe9]), Buffer.from(',b\n')]),
      ),
    ),
    /latin1.csv: invalid UTF-8 in row 2, column 'text' \(line 3, byte 19\)/,
  );
  await assert.rejects(
    readTable(file('open.csv', 'text,label\nok,a\n"never closed,b\nmore,c\n')),
    /open.csv: row 2, column 'text': a quoted field is never closed/,
  );
  const bad = Buffer.concat([Buffer.from('{"text":"ok"}\n{"text":"caf'), Buffer.from([0xff]), Buffer.from('"}\n')]);
  await assert.rejects(
    readTable(file('bad8.jsonl', bad)),
    /bad8.jsonl: invalid UTF-8 in a JSON line \(line 2, byte 26\)/,
  );
});

test('a multi-byte character split across read chunks decodes; a bad byte deep in a big file is found', async () => {
  const row = 'é'.repeat(40) + ',x\n';
  const rows = 5000; // > one 64 KiB read chunk, with 2-byte characters straddling chunk edges
  const t = await readTable(file('big.csv', 'text,label\n' + row.repeat(rows)));
  assert.equal(t.rows.length, rows);
  assert.ok(t.rows.every((r) => r.text === 'é'.repeat(40)));
  const head = Buffer.from('text,label\n' + row.repeat(3000));
  const broken = Buffer.concat([head, Buffer.from('ok'), Buffer.from([0xc3]), Buffer.from(',y\n')]);
  await assert.rejects(
    readTable(file('deep.csv', broken)),
    new RegExp(`row 3001, column 'text' \\(line 3002, byte ${head.length + 2}\\)`),
  );
});

test('columns by name, then by content; explicit names checked', async () => {
  const t = await readTable(
    file(
      'c.csv',
      'id,review,stars\n1,a long enough review text,5\n2,another fairly long review,1\n3,and one more long review,5\n4,still writing reviews here,1\n5,the last long review text,5\n',
    ),
  );
  assert.deepEqual(detectColumns(t), { text: 'review', textPair: null, label: 'stars' });
  assert.throws(
    () => detectColumns(t, { label: 'nope' }),
    /no column 'nope' for the label \(columns: id, review, stars\)/,
  );
  const numbers = await readTable(file('n.csv', 'a,b\n1,2\n3,4\n'));
  assert.throws(() => detectColumns(numbers), /no text column found/);
  const pairs = await readTable(file('p.csv', 'sentence1,sentence2,label\nx y z w,a b c d,same\n'));
  assert.deepEqual(detectColumns(pairs), { text: 'sentence1', textPair: 'sentence2', label: 'label' });
});

test('labels: integers in numeric order, strings sorted, empty is unlabeled; one class and free text refused', async () => {
  const t = await readTable(file('l.csv', 'text,label\na,10\nb,9\nc,\nd,10\n'));
  const l = buildLabels(t, 'label');
  assert.deepEqual(l.names, ['9', '10']);
  assert.deepEqual(l.ids, [1, 0, null, 1]);
  assert.equal(l.unlabeled, 1);
  const one = await readTable(file('one.csv', 'text,label\na,x\nb,x\n'));
  assert.throws(() => buildLabels(one, 'label'), /only the class 'x'; classification needs at least 2 classes/);
  const many = await readTable(
    file('many.csv', 'text,label\n' + Array.from({ length: 200 }, (_, i) => `t${i},v${i}`).join('\n')),
  );
  assert.throws(() => buildLabels(many, 'label'), /200 distinct values in 200 rows: it looks like free text/);
});

test('stratified split: per-class counts, seed stability, unlabeled rows left out', () => {
  const labels = [...Array(50).fill(0), ...Array(30).fill(1), null, null];
  const a = stratifiedSplit(labels, 0.2, 42);
  assert.equal(a.validation.filter((i) => labels[i] === 0).length, 10);
  assert.equal(a.validation.filter((i) => labels[i] === 1).length, 6);
  assert.equal(a.train.length + a.validation.length, 80);
  assert.deepEqual(stratifiedSplit(labels, 0.2, 42), a);
  assert.notDeepEqual(stratifiedSplit(labels, 0.2, 43).validation, a.validation);
});

test('dynamic padding pads to the longest in the batch; epoch order depends only on (seed, epoch)', () => {
  const b = collate([
    { inputIds: [101, 7, 102], tokenTypeIds: [0, 0, 0], label: 1 },
    { inputIds: [101, 102], tokenTypeIds: [0, 0], label: 0 },
  ]);
  assert.deepEqual(b.input_ids.shape, [2, 3]);
  assert.deepEqual(Array.from(b.input_ids.data as BigInt64Array, Number), [101, 7, 102, 101, 102, 0]);
  assert.deepEqual(Array.from(b.attention_mask.data as BigInt64Array, Number), [1, 1, 1, 1, 1, 0]);
  assert.deepEqual(epochOrder(20, 42, 3), epochOrder(20, 42, 3));
  assert.notDeepEqual(epochOrder(20, 42, 3), epochOrder(20, 42, 4));
  assert.deepEqual(
    [...epochOrder(20, 42, 3)].sort((x, y) => x - y),
    Array.from({ length: 20 }, (_, i) => i),
  );
});

test('group_by_length sorts within megabatches only, keeping every index', () => {
  const order = Array.from({ length: 120 }, (_, i) => i);
  const lengths = order.map((i) => (i * 37) % 11);
  const grouped = groupByLength(order, lengths, 1);
  assert.deepEqual(
    [...grouped].sort((a, b) => a - b),
    order,
  );
  const first = grouped.slice(0, 50).map((i) => lengths[i]);
  assert.deepEqual(
    first,
    [...first].sort((a, b) => b - a),
  );
  assert.deepEqual(new Set(grouped.slice(0, 50)), new Set(order.slice(0, 50)));
});

test('TSV has no quoting: a field starting with " and a later one ending with " stay in their own rows', async () => {
  const lines = Array.from({ length: 60 }, (_, i) => `row ${i + 1} words\t${i % 2 ? 'pos' : 'neg'}`);
  lines[5] = '"quoted start of row 6\tpos';
  lines[10] = 'row 11 ends with a quote"\tneg';
  const t = await readTable(file('quotes.tsv', `text\tlabel\n${lines.join('\n')}\n`));
  assert.equal(t.rows.length, 60);
  assert.equal(t.rows[5].text, '"quoted start of row 6');
  assert.equal(t.rows[10].text, 'row 11 ends with a quote"');
  assert.equal(multilineNote(t), null);
});

test('CSV rows that span lines are reported, never silent; labels 1, 01 and 1.0 are warned about', async () => {
  const t = await readTable(file('span.csv', 'text,label\n"opens here,1\nb,01\nc,1.0\nand closes"" here",1\nd,2\n'));
  assert.equal(t.rows.length, 2);
  assert.match(
    multilineNote(t)!,
    /span\.csv: 1 of 2 rows span more than one line \(quoted fields holding line breaks: row 1\)/,
  );
  const labels = buildLabels(await readTable(file('nums.csv', 'text,label\na,1\nb,01\nc,1.0\nd,2\ne,x\n')), 'label');
  assert.deepEqual(labels.names, ['01', '1', '1.0', '2', 'x']);
  assert.match(
    labels.warning!,
    /same number written differently \(01, 1, 1\.0\); they are trained as different classes/,
  );
  assert.equal(buildLabels(await readTable(file('ok.csv', 'text,label\na,1\nb,2\n')), 'label').warning, null);
});
