// The Datasets view's index through the real engine process: detection, progress, debouncing, stale answers, deletes.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EngineClient } from '../../../extension/engine/process/engineClient';
import { DatasetIndex, Inspect } from '../../../extension/datasets/datasetIndex';
import { itemView } from '../../../extension/datasets/datasetItem';
import type { ColumnMapping } from '../../../extension/shared/data/columns';

const DATA = path.join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'data');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dataset-index-'));
const write = (name: string, content: string) => {
  const f = path.join(dir, name);
  fs.writeFileSync(f, content);
  return f;
};
const engine = EngineClient.start();
after(async () => (await engine).stop());

/** The engine's inspect, counting the calls per file. */
function counted(): { inspect: Inspect; calls: Map<string, number> } {
  const calls = new Map<string, number>();
  return {
    calls,
    inspect: async (file, columns, onProgress) => {
      calls.set(path.basename(file), (calls.get(path.basename(file)) ?? 0) + 1);
      return (await engine).inspect(file, columns, onProgress);
    },
  };
}

const view = (index: DatasetIndex, file: string) => itemView(index.get(file)!);

test('detection: a dataset, a CSV of numbers, a parse error at a known row, a huge file indexed with progress', async () => {
  const dataset = path.join(dir, 'classify.csv');
  fs.copyFileSync(path.join(DATA, 'classify.csv'), dataset);
  const numbers = write('numbers.csv', 'x,y,z\n1,2,3\n4,5,6\n7,8,9\n');
  const broken = write(
    'broken.csv',
    'text,label\na first sentence,pos\na second sentence,neg\nthird,"unclosed,neg\nfourth sentence,pos\n',
  );
  const ragged = write('ragged.csv', 'text,label\nsome text here,x\nother text here,y\nbroken,row,here\n');
  const settings = write('settings.json', '{"editor.fontSize": 14}');
  const squad = path.join(dir, 'squad-small.json');
  fs.copyFileSync(path.join(DATA, 'squad-small.json'), squad);
  const huge = path.join(dir, 'huge.csv');
  const fd = fs.openSync(huge, 'w');
  fs.writeSync(fd, 'id,text,label\n');
  for (let i = 0; i < 200_000; i += 1000)
    fs.writeSync(
      fd,
      Array.from(
        { length: 1000 },
        (_, k) => `${i + k},"review number ${i + k}, fairly long text",${['pos', 'neg', 'meh', ''][(i + k) % 4]}\n`,
      ).join(''),
    );
  fs.closeSync(fd);

  const { inspect } = counted();
  const index = new DatasetIndex(inspect, { debounceMs: 20 });
  const hugeDescriptions: string[] = [];
  index.onDidChange((f) => {
    if (f === huge) hugeDescriptions.push(view(index, huge).description);
  });
  index.reset([dataset, numbers, broken, ragged, settings, squad, huge]);
  assert.ok(
    index.list().every((e) => e.state === 'inspecting'),
    'every file starts as inspecting',
  );
  assert.equal(view(index, dataset).icon, 'loading');
  await index.idle();

  const d = view(index, dataset);
  assert.deepEqual([d.group, d.icon, d.description], ['datasets', 'usable', '330 rows · 3 labels · 10 unlabeled']);
  assert.deepEqual(d.actions, ['label', 'train', 'tokens', 'split', 'columns', 'reveal']);
  assert.match(d.tooltip, /Columns: `id`, `text`, `label`/);
  assert.match(d.tooltip, /Mapping: text → `text`, label → `label`/);
  assert.match(d.tooltip, /cooking {6}█{20} 110\n/, 'label counts as a text bar chart');
  assert.match(d.tooltip, /weather {6}█{18} {3}100\n\(unlabeled\) {2}██ {19}10/);

  const n = view(index, numbers);
  assert.deepEqual([n.group, n.icon], ['other', 'other'], 'a CSV of numbers is not a dataset');
  assert.match(n.description, /^not a dataset: no text column found/);

  const b = view(index, broken);
  assert.deepEqual([b.group, b.icon], ['datasets', 'warning']);
  assert.match(b.tooltip, /row 3/, `the parse error names its row: ${b.tooltip}`);
  const r = view(index, ragged);
  assert.equal(r.icon, 'warning');
  assert.match(r.description, /row 3 has 3 fields/);

  assert.equal(view(index, settings).group, 'hidden', 'a .json that is not SQuAD-style is not listed');
  const q = view(index, squad);
  assert.deepEqual([q.group, q.icon, q.actions], ['datasets', 'qa', ['train', 'reveal']]);

  const h = view(index, huge);
  assert.equal(h.description, '200,000 rows · 3 labels · 50,000 unlabeled');
  const percents = hugeDescriptions
    .map((s) => /inspecting… (\d+)%/.exec(s)?.[1])
    .filter((p) => p !== undefined)
    .map(Number);
  assert.ok(percents.length >= 2, `progress shown while the huge file streams: ${hugeDescriptions.join(' | ')}`);
  assert.ok(
    percents.every((p, i) => i === 0 || p >= percents[i - 1]),
    'progress only grows',
  );
  index.dispose();
});

test('changes are debounced per file: a burst of writes is inspected once, with the last content', async () => {
  const f = write('burst.csv', 'text,label\nfirst long sentence,a\nsecond long sentence,b\n');
  const other = write('other.csv', 'text,label\nanother long sentence,a\nand one more sentence,b\n');
  const { inspect, calls } = counted();
  const index = new DatasetIndex(inspect, { debounceMs: 50 });
  index.reset([f, other]);
  await index.idle();
  assert.deepEqual([calls.get('burst.csv'), calls.get('other.csv')], [1, 1]);
  for (let i = 0; i < 10; i++) {
    fs.appendFileSync(f, `appended sentence ${i},${i % 2 ? 'a' : 'b'}\n`);
    index.changed(f);
  }
  assert.match(view(index, f).description, /^2 rows/, 'the old summary stays until the file is quiet');
  await index.idle();
  assert.equal(calls.get('burst.csv'), 2, 'ten changes, one inspection');
  assert.equal(calls.get('other.csv'), 1, 'a change re-inspects only that file');
  assert.equal(view(index, f).description, '12 rows · 2 labels');
  index.dispose();
});

test('an answer for content that changed meanwhile is dropped; deletes and rescans remove entries', async () => {
  const f = write('moving.csv', 'text,label\nfirst long sentence,a\nsecond long sentence,b\n');
  let release!: () => void;
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  const { inspect: real } = counted();
  let first = true;
  // The first inspection reads the file, then is held back until the file has changed and been re-inspected.
  const inspect: Inspect = async (file, columns, onProgress) => {
    const result = real(file, columns, onProgress);
    if (first) {
      first = false;
      await result;
      await gate;
    }
    return result;
  };
  const index = new DatasetIndex(inspect, { debounceMs: 10 });
  index.reset([f]);
  await new Promise((resolve) => setTimeout(resolve, 200));
  fs.appendFileSync(f, 'third long sentence,c\n');
  index.changed(f);
  await new Promise((resolve) => setTimeout(resolve, 300));
  release();
  await index.idle();
  assert.equal(view(index, f).description, '3 rows · 3 labels', 'the stale 2-row answer never replaced the newer one');

  index.deleted(f);
  assert.equal(index.get(f), undefined);
  const g = write('kept.csv', 'text,label\nfirst long sentence,a\nsecond long sentence,b\n');
  index.reset([g, f]);
  index.reset([g]);
  await index.idle();
  assert.deepEqual(
    index.list().map((e) => path.basename(e.file)),
    ['kept.csv'],
  );
  index.dispose();
});

test('the saved column mapping is what the file is inspected with', async () => {
  const f = path.join(dir, 'mapped.csv');
  fs.copyFileSync(path.join(DATA, 'classify.csv'), f);
  let mapping: Partial<ColumnMapping> | undefined = { text: 'text', label: null };
  const { inspect } = counted();
  const index = new DatasetIndex(inspect, { mappingFor: () => mapping });
  index.reset([f]);
  await index.idle();
  const v = view(index, f);
  assert.deepEqual([v.icon, v.description], ['unlabeled', '330 rows · no label column found']);
  mapping = { text: 'nope' };
  index.refresh(f);
  await index.idle();
  assert.match(view(index, f).tooltip, /no column 'nope' for the text/);
  assert.equal(view(index, f).icon, 'warning');
  index.dispose();
});
