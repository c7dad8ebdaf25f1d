import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { scanJsonl } from '../../../extension/labeler/scanJsonl';
import { applyEdits } from '../../../extension/labeler/labelEdit';
import {
  addSpansEdit,
  removeSpanEdit,
  rowSpans,
  selectionSpan,
  spanColumnOf,
} from '../../../extension/labeler/spanEdit';
import { readSpanLabels, renameSpanLabel } from '../../../extension/labeler/spanSession';
import { toCodePoints, toUtf16 } from '../../../extension/shared/data/codePoints';
import type { Span } from '../../../extension/shared/protocol/labeler';

const FIXTURE = path.join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'data', 'ner-spans.jsonl');

/** The file after adding `spans` to row `row` (one edit, as the labeler applies it). */
function add(text: string, row: number, spans: Span[], skip = false): string {
  const { edit } = addSpansEdit(scanJsonl(text), text, row, 'spans', spans, skip);
  assert.ok(edit, 'an edit');
  return applyEdits(text, [edit]);
}
const remove = (text: string, row: number, s: Span) =>
  applyEdits(text, [removeSpanEdit(scanJsonl(text), text, row, 'spans', s)]);

test('the fixture is a span file; its spans and label set are read', () => {
  const text = fs.readFileSync(FIXTURE, 'utf8');
  const index = scanJsonl(text);
  assert.equal(spanColumnOf(index, text), 'spans');
  assert.deepEqual(rowSpans(index, text, 0, 'spans'), [{ start: 7, end: 10, label: 'PER' }]);
  const state = readSpanLabels(index, text, 'spans', ['LOC']);
  assert.deepEqual(state.names.slice(0, 3), ['LOC', 'PER', 'ORG']);
  assert.equal(state.rowLabels[1], 1);
  assert.equal(spanColumnOf(scanJsonl('{"text":"a","label":"x"}\n'), '{"text":"a","label":"x"}\n'), null);
});

test('adding a span changes only that row’s spans value: byte for byte, CRLF and other rows kept', () => {
  const rows = [
    '{"text": "We saw tom on the news .", "spans": [{"start": 7, "end": 10, "label": "PER"}], "id": 1}',
    '{"id":2,"text":"carol met henry","spans":[]}',
    '{"text":"bob","spans":[{"start":0,"end":3,"label":"PER"}]}',
  ];
  const text = '\ufeff' + rows.join('\r\n') + '\r\n';
  // Row 1: a span before the existing one, in its spacing and key order.
  assert.equal(
    add(text, 0, [{ start: 3, end: 6, label: 'X' }]),
    text.replace('"spans": [{', '"spans": [{"start": 3, "end": 6, "label": "X"}, {'),
  );
  // After it, and into an empty list (the row's own compact spacing).
  assert.equal(
    add(text, 0, [{ start: 18, end: 22, label: 'ORG' }]),
    text.replace('"PER"}], "id"', '"PER"}, {"start": 18, "end": 22, "label": "ORG"}], "id"'),
  );
  assert.equal(
    add(text, 1, [{ start: 10, end: 15, label: 'PER' }]),
    text.replace('"spans":[]}', '"spans":[{"start":10,"end":15,"label":"PER"}]}'),
  );
  // Removing the only span leaves an empty list; removing then adding the same span gives the bytes back.
  const removed = remove(text, 2, { start: 0, end: 3, label: 'PER' });
  assert.equal(removed, text.replace('"spans":[{"start":0,"end":3,"label":"PER"}]}', '"spans":[]}'));
  assert.equal(add(removed, 2, [{ start: 0, end: 3, label: 'PER' }]), text);
});

test('removal takes one separator; doccano lists and a missing key keep their shape', () => {
  const two = '{"text":"a b c","spans":[[0, 1, "A"], [2, 3, "B"], [4, 5, "C"]]}\n';
  assert.equal(remove(two, 0, { start: 2, end: 3, label: 'B' }), two.replace('[2, 3, "B"], ', ''));
  assert.equal(remove(two, 0, { start: 4, end: 5, label: 'C' }), two.replace(', [4, 5, "C"]', ''));
  assert.equal(
    add(remove(two, 0, { start: 2, end: 3, label: 'B' }), 0, [{ start: 2, end: 3, label: 'B' }]),
    two,
    'a list element is written as the others are',
  );
  assert.throws(() => remove(two, 0, { start: 2, end: 3, label: 'X' }), /row 1 has no X span at 2–3/);
  const missing = '{"text": "ann", "spans": [{"start": 0, "end": 3, "label": "P"}]}\n{"text": "bob"}\n';
  assert.equal(
    add(missing, 1, [{ start: 0, end: 3, label: 'P' }]),
    missing.replace('{"text": "bob"}', '{"text": "bob", "spans": [{"start": 0, "end": 3, "label": "P"}]}'),
  );
});

test('overlapping spans are refused with a clear message, or skipped when accepting suggestions', () => {
  const text = '{"text":"yesterday henry met henry","spans":[{"start":10,"end":15,"label":"PER"}]}\n';
  assert.throws(
    () => add(text, 0, [{ start: 12, end: 19, label: 'ORG' }]),
    /the new ORG span \(12–19\) overlaps the PER span \(10–15\); remove that one first/,
  );
  const index = scanJsonl(text);
  const r = addSpansEdit(
    index,
    text,
    0,
    'spans',
    [
      { start: 10, end: 15, label: 'PER' },
      { start: 20, end: 25, label: 'PER' },
      { start: 22, end: 25, label: 'X' },
    ],
    true,
  );
  assert.equal(r.skipped, 2);
  assert.deepEqual(rowSpans(scanJsonl(applyEdits(text, [r.edit!])), applyEdits(text, [r.edit!]), 0, 'spans'), [
    { start: 10, end: 15, label: 'PER' },
    { start: 20, end: 25, label: 'PER' },
  ]);
  // Touching is not overlapping.
  assert.ok(addSpansEdit(index, text, 0, 'spans', [{ start: 15, end: 16, label: 'X' }]).edit);
});

test('a selection is trimmed of whitespace and counted in code points (an emoji before the entity)', () => {
  const t = '🙂 met  Bob \n🎉 in Paris';
  const bob = t.indexOf('Bob');
  assert.deepEqual(selectionSpan(t, bob - 2, bob + 4, 'PER'), { start: 7, end: 10, label: 'PER' });
  const paris = t.indexOf('Paris');
  assert.equal(paris, 19, 'UTF-16 units');
  assert.deepEqual(selectionSpan(t, paris, t.length, 'LOC'), { start: 17, end: 22, label: 'LOC' });
  assert.equal(toUtf16(t, 17), paris);
  assert.equal(toCodePoints(t, paris), 17);
  assert.throws(() => selectionSpan(t, bob - 2, bob, 'X'), /not only spaces/);
  assert.throws(() => selectionSpan(t, 4, 3, 'X'), /not within the row's text/);
  assert.throws(() => selectionSpan(t, 0, 99, 'X'), /not within the row's text/);
  assert.throws(() => selectionSpan(t, bob, bob + 3, 'two words'), /without spaces/);
  // The edit in a file keeps the non-ASCII bytes around it.
  const file = JSON.stringify({ text: t, spans: [] }) + '\n';
  assert.equal(
    add(file, 0, [selectionSpan(t, paris, t.length, 'LOC')]),
    file.replace('"spans":[]', '"spans":[{"start":17,"end":22,"label":"LOC"}]'),
  );
});

test('renaming a span label changes only those labels’ strings, in every span shape', () => {
  const text =
    '{"text":"ann bob","spans":[{"start":0,"end":3,"label":"PER"},{"start":4,"end":7,"label":"ORG"}]}\r\n' +
    '{"text": "cy", "spans": [[0, 2, "PER"]]}\r\n' +
    '{"text":"di","spans":[{"labels":["PER"],"end":2,"start":0}]}\r\n';
  const index = scanJsonl(text);
  const state = readSpanLabels(index, text, 'spans');
  const r = renameSpanLabel(index, text, 'spans', state, 'PER', 'PERSON');
  assert.deepEqual(r.names, ['PERSON', 'ORG']);
  assert.equal(applyEdits(text, r.edits), text.replace(/"PER"/g, '"PERSON"'));
  assert.throws(() => renameSpanLabel(index, text, 'spans', state, 'PER', 'a person'), /without spaces/);
  assert.throws(() => renameSpanLabel(index, text, 'spans', state, 'PER', 'ORG'), /already a label 'ORG'/);
});
