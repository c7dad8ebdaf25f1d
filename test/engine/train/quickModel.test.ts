import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EngineClient } from '../../../extension/engine/process/engineClient';
import { parseRequest } from '../../../extension/engine/process/protocol';
import { readTable } from '../../../extension/shared/data/records';
import { DATA, makeTinyBase } from './tinyModel';

const model = makeTinyBase(path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'quick-')), 'tiny'));

test('quickSuggest requests are validated field by field', () => {
  const ok = {
    id: 1,
    type: 'quickSuggest',
    model: 'm',
    request: { labels: ['a', 'b'], train: [{ text: 'x', label: 1 }], predict: [{ text: 'y', pair: 'z' }] },
  };
  assert.equal(parseRequest(ok).type, 'quickSuggest');
  assert.throws(() => parseRequest({ ...ok, model: 3 }), /quickSuggest needs/);
  assert.throws(
    () => parseRequest({ ...ok, request: { ...ok.request, train: [{ text: 'x', label: -1 }] } }),
    /each train item needs/,
  );
  assert.throws(
    () => parseRequest({ ...ok, request: { ...ok.request, train: [{ text: 'x' }] } }),
    /each train item needs/,
  );
  assert.throws(
    () => parseRequest({ ...ok, request: { ...ok.request, predict: [{ text: 1 }] } }),
    /each predict item needs/,
  );
  assert.throws(() => parseRequest({ ...ok, request: { ...ok.request, labels: 'a,b' } }), /quickSuggest needs/);
});

test('the quick model learns from labelled rows in the engine process and caches the frozen features', async () => {
  const table = await readTable(path.join(DATA, 'classify.csv'));
  const rows = table.rows.filter((r) => r.label);
  const labels = [...new Set(rows.map((r) => r.label))].sort();
  const train = rows.slice(0, 150).map((r) => ({ text: r.text, label: labels.indexOf(r.label) }));
  const held = rows.slice(150, 250);
  const engine = await EngineClient.start();
  try {
    const first = await engine.quickSuggest(model, { labels, train, predict: held.map((r) => ({ text: r.text })) });
    assert.equal(first.trained, 150);
    assert.equal(first.extracted, 250, 'every text is encoded once');
    assert.equal(first.probs.length, 100);
    for (const p of first.probs) {
      assert.equal(p.length, 3);
      assert.ok(Math.abs(p.reduce((a, b) => a + b, 0) - 1) < 1e-5);
    }
    const predicted = first.probs.map((p) => labels[p.indexOf(Math.max(...p))]);
    const accuracy = predicted.filter((l, i) => l === held[i].label).length / held.length;
    assert.ok(accuracy > 0.5, `held-out accuracy ${accuracy} (chance is about 0.33)`);
    // A retrain after more labels: only the new texts are encoded; the head alone trains again.
    const more = rows.slice(150, 170).map((r) => ({ text: r.text, label: labels.indexOf(r.label) }));
    const second = await engine.quickSuggest(model, {
      labels,
      train: [...train, ...more],
      predict: [{ text: 'snow and frost and a cloudy storm' }],
    });
    assert.equal(second.extracted, 1);
    assert.equal(second.trained, 170);
    await assert.rejects(
      engine.quickSuggest(model, { labels, train: train.filter((t) => t.label === 0), predict: [] }),
      /at least two different labels first \(\d+ labelled so far, all 'cooking'\)/,
    );
    await assert.rejects(
      engine.quickSuggest(model, { labels, train: [{ text: 'x', label: 7 }], predict: [] }),
      /label 7 is not one of the 3 labels/,
    );
  } finally {
    await engine.stop();
  }
});
