// "Split into train/validation files" as the Datasets view runs it: the engine's 'split' request.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EngineClient } from '../../../extension/engine/process/engineClient';
import { ProtocolError, parseRequest } from '../../../extension/engine/process/protocol';
import { readTable } from '../../../extension/shared/data/records';
import { splitFileNames } from '../../../extension/shared/data/splitNames';

const DATA = path.join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'data');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'split-request-'));
const engine = EngineClient.start();
after(async () => (await engine).stop());

const labelsOf = async (file: string) => {
  const counts: Record<string, number> = {};
  for (const r of (await readTable(file)).rows) counts[r.label] = (counts[r.label] ?? 0) + 1;
  return counts;
};

test('split requests are validated', () => {
  assert.throws(
    () => parseRequest({ id: 1, type: 'split', file: 'a.csv', testSize: 1, seed: 42, overwrite: false }),
    ProtocolError,
  );
  assert.throws(
    () => parseRequest({ id: 1, type: 'split', file: 'a.csv', testSize: 0.2, seed: -1, overwrite: false }),
    /seed/,
  );
  assert.throws(() => parseRequest({ id: 1, type: 'split', file: 'a.csv', testSize: 0.2, seed: 42 }), /overwrite/);
  assert.throws(
    () => parseRequest({ id: 1, type: 'split', file: 'a.csv', testSize: '0.2', seed: 42, overwrite: false }),
    /testSize/,
  );
  assert.throws(
    () =>
      parseRequest({ id: 1, type: 'split', file: 'a.csv', testSize: 0.2, seed: 42, overwrite: false, columns: 'text' }),
    /columns/,
  );
  assert.deepEqual(parseRequest({ id: 3, type: 'split', file: 'a.csv', testSize: 0.25, seed: 7, overwrite: true }), {
    id: 3,
    type: 'split',
    file: 'a.csv',
    columns: undefined,
    testSize: 0.25,
    seed: 7,
    overwrite: true,
  });
});

test("the engine writes a stratified split: the counts per label it reports are the files' counts", async () => {
  const src = path.join(dir, 'reviews.csv');
  fs.copyFileSync(path.join(DATA, 'classify.csv'), src);
  const r = await (await engine).split(src, { testSize: 0.2, seed: 42, overwrite: false });
  assert.deepEqual({ train: r.train, validation: r.validation }, splitFileNames(src));
  assert.deepEqual(
    [path.basename(r.train), path.basename(r.validation)],
    ['reviews.train.csv', 'reviews.validation.csv'],
  );
  assert.deepEqual(
    r.validationCounts,
    { cooking: 22, sports: 22, weather: 20 },
    '20% of 110, 110 and 100 labelled rows',
  );
  assert.deepEqual(
    r.trainCounts,
    { cooking: 88, sports: 88, weather: 80, '': 10 },
    'unlabelled rows stay in the training file',
  );
  assert.deepEqual(await labelsOf(r.validation), r.validationCounts);
  assert.deepEqual(await labelsOf(r.train), r.trainCounts);
  assert.equal(r.trainRows + r.validationRows, 330);
  assert.deepEqual(
    r.mapping,
    { text: 'text', textPair: null, label: 'label' },
    'the columns the split was made with, for the halves to share',
  );
});

test('the same seed gives the same files; another seed another split; existing files are never replaced unless asked', async () => {
  const src = path.join(dir, 'seeded.csv');
  fs.copyFileSync(path.join(DATA, 'classify.csv'), src);
  const e = await engine;
  const names = splitFileNames(src);
  await e.split(src, { testSize: 0.3, seed: 5, overwrite: false });
  const first = fs.readFileSync(names.validation, 'utf8');
  const firstTrain = fs.readFileSync(names.train, 'utf8');
  await assert.rejects(
    e.split(src, { testSize: 0.3, seed: 6, overwrite: false }),
    /seeded\.train\.csv exists; not overwriting it/,
  );
  assert.equal(fs.readFileSync(names.validation, 'utf8'), first, 'a refused split leaves the files as they were');
  await e.split(src, { testSize: 0.3, seed: 6, overwrite: true });
  assert.notEqual(fs.readFileSync(names.validation, 'utf8'), first, 'another seed, other rows');
  await e.split(src, { testSize: 0.3, seed: 5, overwrite: true });
  assert.equal(
    fs.readFileSync(names.validation, 'utf8'),
    first,
    'seed 5 again: byte for byte the same validation file',
  );
  assert.equal(fs.readFileSync(names.train, 'utf8'), firstTrain);
  fs.rmSync(names.train);
  await assert.rejects(
    e.split(src, { testSize: 0.3, seed: 5, overwrite: false }),
    /seeded\.validation\.csv exists/,
    'either file existing is enough to refuse',
  );
  assert.ok(!fs.existsSync(names.train), 'nothing written when refused');
});

test('a file without labels cannot be split, and says why', async () => {
  const src = path.join(dir, 'texts.csv');
  fs.writeFileSync(src, 'text\na first long sentence\na second long sentence\n');
  await assert.rejects(
    (await engine).split(src, { testSize: 0.2, seed: 42, overwrite: false }),
    /texts\.csv: no label column to stratify by/,
  );
});
