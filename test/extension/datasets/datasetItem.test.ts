// How a dataset reads in the tree, the Split command's inputs, and the tokens panel's message checks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { escapeMarkdown, itemView, labelBars, shortReason } from '../../../extension/datasets/datasetItem';
import { DATA_GLOB, excludeGlob, isSkipped } from '../../../extension/datasets/datasetFiles';
import { parseFraction, parseSeed, splitReport } from '../../../extension/datasets/splitInput';
import { parseFromDatasetTokens, parseToDatasetTokens } from '../../../extension/shared/protocol/datasetTokens';
import type { DatasetSummary } from '../../../extension/engine/data/inspect';

const summary = (more: Partial<DatasetSummary>): DatasetSummary => ({
  file: '/w/d.csv',
  kind: 'classification',
  task: 'cls',
  rows: 4,
  columns: ['text', 'label'],
  mapping: { text: 'text', textPair: null, label: 'label' },
  labelCounts: { a: 2, b: 2 },
  unlabeled: 0,
  problem: null,
  ...more,
});

test('label bars: longest bar 20 blocks, sorted by count, unlabeled last, long tails folded', () => {
  assert.equal(labelBars({ b: 5, a: 10 }, 0), `a  ${'█'.repeat(20)} 10\nb  ${'█'.repeat(10).padEnd(20)} 5`);
  assert.match(labelBars({ a: 1000 }, 1), /\(unlabeled\) {2}█ {20}1$/, 'a non-zero count always gets a block');
  const many = Object.fromEntries(Array.from({ length: 25 }, (_, i) => [`l${i}`, i + 1]));
  assert.match(labelBars(many, 0), /… 5 more labels$/);
});

test('what came from the file cannot inject Markdown or end the code block', () => {
  assert.equal(escapeMarkdown('[x](command:evil) *b*'), '\\[x\\]\\(command:evil\\) \\*b\\*');
  const v = itemView({
    file: '/w/[evil](command:x).csv',
    state: 'inspected',
    summary: summary({ columns: ['te`xt', 'label'], labelCounts: { '```\n[a](b)': 2, b: 2 } }),
  });
  assert.match(v.tooltip, /^\*\*\\\[evil\\\]\\\(command:x\\\)\\\.csv\*\*/);
  assert.ok(!v.tooltip.includes('te`xt') && v.tooltip.includes("te'xt"));
  assert.equal(v.tooltip.match(/```/g)!.length, 2, 'only the fences themselves');
});

test('descriptions, problems and which actions apply', () => {
  assert.equal(shortReason('row 3 has 3 fields, the header has 2 (line 4)'), 'row 3 has 3 fields, the header has 2');
  const one = itemView({
    file: '/w/one.csv',
    state: 'inspected',
    summary: summary({
      kind: null,
      mapping: null,
      labelCounts: {},
      rows: 2,
      problem: "column label has only the class 'x'; classification needs at least 2 classes",
    }),
  });
  assert.deepEqual([one.icon, one.description], ['warning', "2 rows · column label has only the class 'x'"]);
  assert.deepEqual(
    one.actions,
    ['label', 'columns', 'reveal'],
    'a one-class file can be labelled further but not trained or split',
  );
  const jsonl = itemView({ file: '/w/d.jsonl', state: 'inspected', summary: summary({}) });
  assert.deepEqual(jsonl.actions, ['label', 'train', 'tokens', 'split', 'columns', 'reveal']);
  const failed = itemView({ file: '/w/gone.csv', state: 'failed', error: 'ENOENT: no such file' });
  assert.deepEqual([failed.icon, failed.description], ['warning', 'ENOENT: no such file']);
  const again = itemView({ file: '/w/d.csv', state: 'inspecting', fraction: 0.4, previous: summary({}) });
  assert.deepEqual(
    [again.icon, again.description, again.actions.includes('split')],
    ['loading', 'inspecting… 40%', true],
  );
});

test('which files are looked at', () => {
  assert.equal(excludeGlob('/w', '/w/.runs/x'), '{**/node_modules/**,**/.git/**,**/.bert-studio/**,.runs/x/**}');
  assert.equal(excludeGlob('/w', '/elsewhere/runs'), '{**/node_modules/**,**/.git/**,**/.bert-studio/**}');
  assert.ok(isSkipped('/w/node_modules/pkg/data.csv', null));
  assert.ok(isSkipped('/w/runs/r1/eval.csv', '/w/runs'));
  assert.ok(!isSkipped('/w/data/runs.csv', '/w/runs'));
});

test('split inputs: fractions and seeds, and the report', () => {
  assert.deepEqual(['0.2', ' 0.25 ', '20%', '0', '1', '-0.1', 'abc', '', '%'].map(parseFraction), [
    0.2,
    0.25,
    0.2,
    null,
    null,
    null,
    null,
    null,
    null,
  ]);
  assert.deepEqual(['42', '0', ' 7 ', '-1', '1.5', 'x', ''].map(parseSeed), [42, 0, 7, null, null, null, null]);
  assert.equal(
    splitReport({
      train: '/w/d.train.csv',
      validation: '/w/d.validation.csv',
      mapping: { text: 'text', textPair: null, label: 'label' },
      trainRows: 12,
      validationRows: 3,
      trainCounts: { a: 5, b: 5, '': 2 },
      validationCounts: { a: 2, b: 1 },
    }),
    'Wrote d.train.csv (12 rows) and d.validation.csv (3 rows); validation per label: a 2, b 1; 2 unlabeled rows kept in the training file.',
  );
});

test("the tokens panel's messages are checked on both sides", () => {
  const view = (v: unknown) => {
    if (!v || typeof v !== 'object') throw new Error('bad view');
    return v as never;
  };
  assert.deepEqual(parseFromDatasetTokens({ type: 'options', model: ' bert ', maxLength: 64 }), {
    type: 'options',
    model: 'bert',
    maxLength: 64,
  });
  assert.throws(() => parseFromDatasetTokens({ type: 'options', model: 'bert', maxLength: 1 }), /max_length/);
  assert.throws(() => parseFromDatasetTokens({ type: 'options', model: '', maxLength: 64 }), /model/);
  assert.throws(() => parseFromDatasetTokens({ type: 'run' }), /unknown message/);
  const lengths = {
    edges: [0, 8, 16],
    counts: [3, 1],
    maxLength: 8,
    truncated: 1,
    measured: 4,
    p50: 5,
    p95: 12,
    longest: 12,
  };
  const preview = {
    file: 'd.csv',
    model: 'm',
    maxLength: 8,
    totalRows: 4,
    mapping: { text: 'text', textPair: null, label: 'label' },
    rows: [{ texts: ['hi'], label: 'a', view: {} }],
    lengths,
  };
  assert.equal(parseToDatasetTokens({ type: 'preview', preview }, view).type, 'preview');
  assert.throws(
    () =>
      parseToDatasetTokens({ type: 'preview', preview: { ...preview, lengths: { ...lengths, counts: [3] } } }, view),
    /histogram/,
  );
  assert.throws(
    () =>
      parseToDatasetTokens(
        { type: 'preview', preview: { ...preview, rows: [{ texts: [1], label: null, view: {} }] } },
        view,
      ),
    /row/,
  );
  assert.throws(
    () =>
      parseToDatasetTokens(
        { type: 'preview', preview: { ...preview, rows: [{ texts: ['x'], label: null, view: null }] } },
        view,
      ),
    /bad view/,
  );
});

test('a dataset says its detected task', () => {
  const view = (more: Partial<DatasetSummary>) =>
    itemView({ file: '/w/n.jsonl', state: 'inspected', summary: summary(more) }).tooltip;
  assert.match(view({ task: 'token' }), /— named entities \\\(token classification\\\)/);
  assert.match(view({ task: 'regression' }), /— regression \\\(a number per text\\\)/);
  assert.match(view({ task: 'cls' }), /— text classification/);
  // A CoNLL file: the Datasets view finds it, and offers Fine-tune but no columns to show as tokens.
  assert.ok(DATA_GLOB.includes('conll'), DATA_GLOB);
  const conll = itemView({
    file: '/w/n.conll',
    state: 'inspected',
    summary: summary({ file: '/w/n.conll', task: 'token', mapping: null, columns: ['tokens', 'tag'] }),
  });
  assert.deepEqual([conll.group, conll.icon, conll.actions], ['datasets', 'usable', ['train', 'reveal']]);
});
