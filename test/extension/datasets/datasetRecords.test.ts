import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { DatasetRecords, KeyValueStore, parseDatasetRecord } from '../../../extension/datasets/datasetRecords';

class MapStore implements KeyValueStore {
  readonly map = new Map<string, unknown>();
  get<T>(key: string): T | undefined {
    return this.map.get(key) as T | undefined;
  }
  async update(key: string, value: unknown): Promise<void> {
    if (value === undefined) this.map.delete(key);
    else this.map.set(key, JSON.parse(JSON.stringify(value)));
  }
}

test('one record per file, merged field by field, shared by every reader', async () => {
  const store = new MapStore();
  const a = new DatasetRecords(store);
  const b = new DatasetRecords(store);
  const seen: string[] = [];
  a.onDidChange((file, r) => seen.push(`${file}:${r.mapping?.label}`));
  await a.update('data/x.csv', { mapping: { text: 'review', label: 'stars' }, task: 'regression' });
  await a.update(path.resolve('data/x.csv'), { mapping: { label: 'sentiment' }, labels: ['neg', 'pos', 'neg'] });
  assert.deepEqual(b.get('./data/../data/x.csv'), {
    mapping: { text: 'review', label: 'sentiment' },
    task: 'regression',
    labels: ['neg', 'pos'],
  });
  assert.deepEqual(seen, [`${path.resolve('data/x.csv')}:stars`, `${path.resolve('data/x.csv')}:sentiment`]);
  await b.forget('data/x.csv');
  assert.deepEqual(a.get('data/x.csv'), {});
});

test('stored state of the wrong shape is not trusted', () => {
  assert.equal(parseDatasetRecord('nope'), undefined);
  assert.deepEqual(parseDatasetRecord({ mapping: { text: 3, label: null }, task: 'rm', labels: ['a', 1] }), {
    mapping: { label: null },
  });
});

test('tasks are saved as the registry names; the names saved before it read as cls', () => {
  for (const task of ['cls', 'qa', 'token', 'multilabel', 'regression'])
    assert.deepEqual(parseDatasetRecord({ task }), { task });
  assert.deepEqual(parseDatasetRecord({ task: 'classification' }), { task: 'cls' });
  assert.deepEqual(parseDatasetRecord({ task: 'pair', mapping: { textPair: 'b' } }), {
    task: 'cls',
    mapping: { textPair: 'b' },
  });
  assert.deepEqual(parseDatasetRecord({ task: 'ner' }), {}, 'an unknown name is dropped, not trusted');
});
