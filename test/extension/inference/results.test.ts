import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  classificationBadge,
  classificationHover,
  modelLabel,
  placeAnswers,
} from '../../../extension/inference/results';
import { downloadProgressText } from '../../../extension/inference/download';
import {
  embeddingArray,
  embeddingFile,
  embeddingJson,
  embeddingSummary,
} from '../../../extension/inference/embedOutput';

test('the badge after the selection is the best label and its percentage; the hover lists every label', () => {
  const preds = [
    { label: 'sports', score: 0.934 },
    { label: 'weather', score: 0.05 },
    { label: 'a|b', score: 0.016 },
  ];
  assert.equal(classificationBadge(preds), 'sports 93%');
  const hover = classificationHover('/runs/news-run', preds);
  assert.match(hover, /\*\*news\\-run\*\*/);
  assert.match(hover, /\| sports \| 93\.4% \|/);
  assert.match(hover, /\| a\\\|b \| 1\.6% \|/, 'a label cannot break the table');
  assert.equal(classificationBadge([]), 'no labels');
});

test('a multi-label model: the badge names every label at or above its threshold; the hover shows the thresholds', () => {
  const preds = [
    { label: 'music', score: 0.81, threshold: 0.5, selected: true },
    { label: 'sports', score: 0.64, threshold: 0.4, selected: true },
    { label: 'cooking', score: 0.3, threshold: 0.35, selected: false },
  ];
  assert.equal(classificationBadge(preds), 'music 81%, sports 64%');
  assert.match(classificationHover('m', preds), /\| cooking \| 30\.0% \| 35% \| {2}\|/);
  assert.match(classificationHover('m', preds), /\| sports \| 64\.0% \| 40% \| ✓ \|/);
  assert.equal(classificationBadge(preds.map((p) => ({ ...p, selected: false }))), 'no label above its threshold');
});

test('answers are placed at the selection start plus their offsets, once per span, best first', () => {
  const doc = 'Header line\nAnna was born in Zürich 😀 and lives in Paris.\n';
  const start = doc.indexOf('Anna');
  const selected = doc.slice(start, doc.indexOf('\n', start));
  const at = (s: string) => selected.indexOf(s);
  const answers = [
    { text: 'Paris', score: 0.2, start: at('Paris'), end: at('Paris') + 5 },
    { text: 'Zürich', score: 0.7, start: at('Zürich'), end: at('Zürich') + 6 },
    { text: 'Zürich', score: 0.6, start: at('Zürich'), end: at('Zürich') + 6 },
  ];
  const placed = placeAnswers(start, selected, answers);
  assert.deepEqual(
    placed.map((a) => [a.text, a.score]),
    [
      ['Zürich', 0.7],
      ['Paris', 0.2],
    ],
  );
  for (const a of placed)
    assert.equal(doc.slice(a.start, a.end), a.text, 'the document holds the answer at the placed offsets');
  assert.throws(
    () => placeAnswers(start, selected, [{ text: 'Rome', score: 1, start: 0, end: 4 }]),
    /"Rome" is not the selected text at 0–4/,
  );
});

test('model labels: a folder by its name, a Hub id as it is', () => {
  assert.equal(modelLabel('/work/runs/run-3'), 'run-3');
  assert.equal(modelLabel('deepset/bert-base-cased-squad2'), 'deepset/bert-base-cased-squad2');
});

test('download progress from the engine is checked before it is shown', () => {
  assert.equal(
    downloadProgressText({ type: 'download', file: 'model.safetensors', bytes: 2 ** 20, total: 4 * 2 ** 20 }),
    'model.safetensors 1.0 / 4.0 MiB (25%)',
  );
  assert.equal(
    downloadProgressText({ type: 'download', file: 'config.json', bytes: 0, total: 0 }),
    'config.json 0.0 / 0.0 MiB (100%)',
  );
  assert.equal(downloadProgressText({ type: 'step', step: 1 }), null);
  assert.equal(downloadProgressText({ type: 'download', file: 'x', bytes: 'many', total: 3 }), null);
  assert.equal(downloadProgressText(null), null);
});

test('embeddings as JSON: a vector flat, token states one row per token; .npy by extension; the summary says when text was cut', () => {
  const tokens = { shape: [2, 3], data: [1, 2, 3, 4, 5, 6] };
  assert.deepEqual(embeddingArray(tokens), [
    [1, 2, 3],
    [4, 5, 6],
  ]);
  assert.equal(embeddingJson({ shape: [3], data: [0.5, -1, 2] }), '[0.5,-1,2]');
  assert.equal(embeddingFile('/tmp/e.json', tokens), '[[1,2,3],[4,5,6]]\n');
  const npy = embeddingFile('/tmp/E.NPY', tokens);
  assert.ok(npy instanceof Uint8Array && npy[0] === 0x93);
  assert.equal(embeddingSummary({ shape: [5, 32], tokens: ['a'], truncated: false }), '5 tokens × 32');
  assert.equal(
    embeddingSummary({ shape: [32], tokens: new Array(512).fill('x'), truncated: true }),
    "a vector of 32 (the selection was cut to 512 tokens, the model's maximum)",
  );
});
