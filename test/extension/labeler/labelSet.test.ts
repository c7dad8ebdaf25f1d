import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanDocument } from '../../../extension/labeler/scan';
import { applyEdits } from '../../../extension/labeler/labelEdit';
import { addLabel, readLabels, removeLabel, renameLabel } from '../../../extension/labeler/labelSet';
import { best, entropy, margin, orderByUncertainty } from '../../../extension/shared/uncertainty';

const text = 'text,label\r\na,pos\r\nb, neg \r\nc,\r\nd,"pos"\r\n';

test('the label set: the stored order first, then values from the column; counts and unlabeled rows', () => {
  const ix = scanDocument(text, 'csv');
  const s = readLabels(ix, text, 1, ['neutral', 'neg']);
  assert.deepEqual(s.names, ['neutral', 'neg', 'pos']);
  assert.deepEqual([...s.rowLabels], [2, 1, -1, 2]);
  assert.deepEqual(s.counts, [0, 1, 2]);
  assert.equal(s.labeled, 3);
});

test('rename rewrites every row holding the label and nothing else', () => {
  const ix = scanDocument(text, 'csv');
  const s = readLabels(ix, text, 1);
  const r = renameLabel(ix, text, 'label', s, 'pos', 'positive, really');
  assert.deepEqual(r.names, ['positive, really', 'neg']);
  assert.equal(
    applyEdits(text, r.edits),
    'text,label\r\na,"positive, really"\r\nb, neg \r\nc,\r\nd,"positive, really"\r\n',
  );
  assert.throws(() => renameLabel(ix, text, 'label', s, 'pos', 'neg'), /already a label 'neg'/);
  assert.throws(() => renameLabel(ix, text, 'label', s, 'nope', 'x'), /no label 'nope'/);
});

test('add refuses duplicates and blanks; remove only when unused', () => {
  const ix = scanDocument(text, 'csv');
  const s = readLabels(ix, text, 1, ['spare']);
  assert.deepEqual(addLabel(s.names, ' new '), ['spare', 'pos', 'neg', 'new']);
  assert.throws(() => addLabel(s.names, 'pos'), /already a label 'pos'/);
  assert.throws(() => addLabel(s.names, '  '), /needs a name/);
  assert.deepEqual(removeLabel(s, 'spare'), ['pos', 'neg']);
  assert.throws(() => removeLabel(s, 'pos'), /'pos' is still on 2 rows/);
});

test('uncertainty: entropy and margin order the least certain rows first', () => {
  assert.equal(entropy([1, 0, 0]), 0);
  assert.ok(Math.abs(entropy([0.5, 0.5]) - Math.log(2)) < 1e-12);
  assert.ok(Math.abs(margin([0.2, 0.5, 0.3]) - 0.2) < 1e-12);
  const items = [
    { row: 0, probs: [0.9, 0.05, 0.05] },
    { row: 1, probs: [0.4, 0.4, 0.2] },
    { row: 2, probs: [0.5, 0.45, 0.05] },
    { row: 3, probs: [0.34, 0.33, 0.33] },
  ];
  assert.deepEqual(orderByUncertainty(items, 'entropy'), [3, 1, 2, 0]);
  // Margin looks only at the top two: row 1 (0), row 3 (0.01), row 2 (0.05), row 0.
  assert.deepEqual(orderByUncertainty(items, 'margin'), [1, 3, 2, 0]);
  assert.deepEqual(best([0.1, 0.7, 0.2]), { label: 1, p: 0.7 });
});
