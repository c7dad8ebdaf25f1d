import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFromWebview, parseToWebview } from '../../../extension/shared/protocol/labeler';

test('span messages are validated both ways; extra fields are dropped', () => {
  const add = {
    type: 'addSpans',
    row: 2,
    spans: [{ start: 1, end: 4, label: 'PER', text: 'tom', extra: 1 }],
    skipOverlapping: false,
  };
  assert.deepEqual(parseFromWebview(add), { ...add, spans: [{ start: 1, end: 4, label: 'PER', text: 'tom' }] });
  for (const bad of [
    { ...add, row: -1 },
    { ...add, spans: [{ start: 4, end: 1, label: 'X', text: '' }] },
    { ...add, spans: [{ start: 1.5, end: 4, label: 'X', text: '' }] },
    { ...add, spans: [{ start: 1, end: 4, label: 'X' }] },
    { ...add, skipOverlapping: 'yes' },
    { ...add, spans: Array.from({ length: 1001 }, () => ({ start: 0, end: 1, label: 'X', text: 'a' })) },
    { type: 'removeSpan', row: 0, span: { start: 0, end: 1 } },
  ])
    assert.throws(() => parseFromWebview(bad), /labeler message: (addSpans|removeSpan) needs/);
  assert.deepEqual(parseFromWebview({ type: 'removeSpan', row: 0, span: { start: 0, end: 1, label: 'A', x: 2 } }), {
    type: 'removeSpan',
    row: 0,
    span: { start: 0, end: 1, label: 'A' },
  });
  const spans = { type: 'spans', row: 0, spans: [{ start: 0, end: 3, label: 'A' }], suggested: [] };
  assert.deepEqual(parseToWebview(spans), spans);
  assert.throws(() => parseToWebview({ ...spans, suggested: [{ start: 0, end: 3 }] }), /spans needs/);
  const reset = {
    type: 'reset',
    file: 'f.jsonl',
    format: 'jsonl',
    rows: 1,
    columns: ['text', 'spans'],
    mapping: { text: 'text', textPair: null, label: 'spans' },
    labels: [],
    counts: [],
    rowLabels: [-1],
    warnings: [],
    error: null,
    textsChanged: true,
    spanColumn: 'spans',
  };
  assert.equal((parseToWebview(reset) as { spanColumn: string | null }).spanColumn, 'spans');
  assert.throws(() => parseToWebview({ ...reset, spanColumn: 3 }), /reset is malformed/);
});
