import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { inspectDataset } from '../../../extension/engine/data/inspect';
import { splitFileNames, writeSplitFiles } from '../../../extension/engine/data/splitFiles';
import { readTable } from '../../../extension/shared/data/records';

const DATA = path.join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'data');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inspect-'));
const file = (name: string, content: string) => {
  const f = path.join(dir, name);
  fs.writeFileSync(f, content);
  return f;
};

test('a dataset: rows, detected columns, label counts, unlabelled rows', async () => {
  const s = await inspectDataset(path.join(DATA, 'classify.csv'));
  assert.equal(s.kind, 'classification');
  assert.equal(s.rows, 330);
  assert.deepEqual(s.mapping, { text: 'text', textPair: null, label: 'label' });
  assert.deepEqual(
    s.labelCounts,
    { cooking: 110, sports: 110, weather: 100 },
    'the 10 unlabelled rows are all weather rows (i % 33 == 5)',
  );
  assert.equal(s.unlabeled, 10);
  assert.equal(s.problem, null);
  assert.equal((await inspectDataset(path.join(DATA, 'squad-small.json'))).kind, 'qa');
});

test('the summary names the task as training detects it: token for the three tagged formats, multilabel, regression', async () => {
  const of = async (name: string) => inspectDataset(path.join(DATA, name));
  const tasks = Object.fromEntries(
    await Promise.all(
      [
        'classify.csv',
        'pairs.csv',
        'squad-small.json',
        'ner.conll',
        'ner-tokens.jsonl',
        'ner-spans.jsonl',
        'multilabel.csv',
        'regression.csv',
      ].map(async (f) => [f, (await of(f)).task]),
    ),
  );
  assert.deepEqual(tasks, {
    'classify.csv': 'cls',
    'pairs.csv': 'cls',
    'squad-small.json': 'qa',
    'ner.conll': 'token',
    'ner-tokens.jsonl': 'token',
    'ner-spans.jsonl': 'token',
    'multilabel.csv': 'multilabel',
    'regression.csv': 'regression',
  });
  const spans = await of('ner-spans.jsonl');
  assert.deepEqual([spans.kind, spans.rows, spans.problem], ['classification', 240, null]);
  assert.deepEqual(spans.mapping, { text: 'text', textPair: null, label: 'spans' });
  assert.ok(spans.labelCounts.O > spans.labelCounts['B-PER'], 'words per tag, O the most');
  const conll = await of('ner.conll');
  assert.equal(conll.mapping, null, 'CoNLL has no columns to choose');
  assert.equal((await of('ner-tokens.jsonl')).mapping, null, 'words, not a text column');
  assert.deepEqual(Object.keys(conll.labelCounts), Object.keys((await of('ner-tokens.jsonl')).labelCounts));
  const multi = await of('multilabel.csv');
  assert.deepEqual(
    Object.keys(multi.labelCounts),
    ['cooking', 'music', 'sports', 'weather'],
    'labels, not combinations',
  );
  const numbers = await of('regression.csv');
  assert.deepEqual([numbers.mapping?.label, numbers.labelCounts], ['score', {}], 'numbers are not classes');
  const untagged = await inspectDataset(file('texts.jsonl', '{"text":"a b"}\n{"text":"c d"}\n'));
  assert.deepEqual([untagged.task, untagged.kind], [null, null], 'texts with no labels yet: no task');
});

test('files that are not usable say why', async () => {
  assert.match((await inspectDataset(file('numbers.csv', 'a,b\n1,2\n3,4\n'))).problem!, /no text column found/);
  const ragged = await inspectDataset(
    file('ragged.csv', 'text,label\nsome text here,x\nother text here,y\nbroken,row,here\n'),
  );
  assert.equal(ragged.kind, null);
  assert.match(ragged.problem!, /^row 3 has 3 fields, the header has 2/);
  assert.match(
    (await inspectDataset(file('one.csv', 'text,label\nsome words here,x\nmore words here,x\n'))).problem!,
    /only the class 'x'/,
  );
  const unlabelled = await inspectDataset(file('texts.csv', 'text\na first long sentence\na second long sentence\n'));
  assert.match(unlabelled.problem!, /no label column found; it can still be labelled/);
  assert.equal(unlabelled.rows, 2);
});

test('split files: stratified per label, seeded, beside the original, never overwritten unless asked', async () => {
  const src = path.join(dir, 'data.csv');
  fs.copyFileSync(path.join(DATA, 'classify.csv'), src);
  const r = await writeSplitFiles(src, { testSize: 0.2, seed: 1 });
  assert.deepEqual([r.train, r.validation], Object.values(splitFileNames(src)));
  const [tr, va] = [await readTable(r.train), await readTable(r.validation)];
  assert.equal(tr.rows.length + va.rows.length, 330, 'every row kept (unlabelled ones in train)');
  const count = (rows: Record<string, string>[], l: string) => rows.filter((x) => x.label === l).length;
  for (const l of ['cooking', 'sports', 'weather'])
    assert.equal(count(va.rows, l), Math.round(0.2 * count([...tr.rows, ...va.rows], l)));
  assert.equal(count(va.rows, ''), 0);
  assert.ok(
    tr.rows.some((x) => x.text.includes('\n')),
    'quoted newlines survive',
  );
  const first = fs.readFileSync(r.validation, 'utf8');
  await assert.rejects(writeSplitFiles(src, { testSize: 0.2, seed: 1 }), /data.train.csv exists; not overwriting it/);
  await writeSplitFiles(src, { testSize: 0.2, seed: 1, overwrite: true });
  assert.equal(fs.readFileSync(r.validation, 'utf8'), first, 'same seed, same split');
});

test('JSONL split files keep the original lines byte for byte', async () => {
  const lines = Array.from({ length: 20 }, (_, i) =>
    JSON.stringify({ text: `sample text ${i}`, label: i % 2, score: i / 3 }),
  );
  const src = file('d.jsonl', lines.join('\n') + '\n');
  const r = await writeSplitFiles(src, { testSize: 0.25 });
  const out = [
    ...fs.readFileSync(r.train, 'utf8').trim().split('\n'),
    ...fs.readFileSync(r.validation, 'utf8').trim().split('\n'),
  ];
  assert.deepEqual(out.sort(), [...lines].sort());
});

test('a large file is indexed incrementally: progress as it streams, label counts without keeping the rows', async () => {
  const big = path.join(dir, 'big.csv');
  const fd = fs.openSync(big, 'w');
  fs.writeSync(fd, 'id,text,label\n');
  for (let i = 0; i < 120000; i += 1000) {
    fs.writeSync(
      fd,
      Array.from(
        { length: 1000 },
        (_, k) => `${i + k},"review number ${i + k}, quite long",${['pos', 'neg', ''][(i + k) % 3]}\n`,
      ).join(''),
    );
  }
  fs.closeSync(fd);
  const seen: { rows: number; bytes: number; total: number }[] = [];
  const s = await inspectDataset(big, undefined, (p) => seen.push(p));
  assert.equal(s.rows, 120000);
  assert.deepEqual(s.labelCounts, { neg: 40000, pos: 40000 });
  assert.equal(s.unlabeled, 40000);
  assert.ok(seen.length >= 10, `${seen.length} progress reports`);
  assert.ok(
    seen.every((p, i) => i === 0 || (p.rows >= seen[i - 1].rows && p.bytes >= seen[i - 1].bytes)),
    'monotonic',
  );
  assert.equal(seen[seen.length - 1].bytes, fs.statSync(big).size);
});
