import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { exactMatch, f1Score, normalizeAnswer, squadScores } from '../../../extension/engine/train/squadMetrics';
import { bestSpans, qaFeatures } from '../../../extension/engine/train/qaFeatures';
import { BertTokenizer } from '../../../extension/engine/tokenize/bertTokenizer';
import { readQaExamples } from '../../../extension/engine/data/squad';
import { VOCAB } from './tinyModel';

test("SQuAD's normalisation, exact match and F1", () => {
  assert.equal(normalizeAnswer('The Cat!'), 'cat');
  assert.equal(normalizeAnswer('  an   Apple, a day.'), 'apple day');
  assert.equal(exactMatch('the Eiffel Tower', 'Eiffel tower.'), 1);
  assert.equal(f1Score('cat sat', 'the cat sat on the mat'), (2 * 1 * 0.5) / 1.5);
  assert.equal(f1Score('dog', 'cat'), 0);
  const s = squadScores(
    new Map([
      ['a', 'Paris'],
      ['b', 'in rome'],
    ]),
    new Map([
      ['a', ['paris', 'Paris France']],
      ['b', ['Rome']],
    ]),
  );
  assert.equal(s.exact_match, 50);
  assert.ok(Math.abs(s.f1 - (100 * (1 + 2 / 3)) / 2) < 1e-9);
});

test('QA features: stride windows, answer characters mapped to tokens, [CLS] where a window lacks the answer', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qa-'));
  fs.copyFileSync(VOCAB, path.join(dir, 'vocab.txt'));
  const tok = BertTokenizer.load(dir);
  const context = Array.from({ length: 40 }, (_, i) => (i === 30 ? 'the answer is paris.' : 'snow fall.')).join(' ');
  const start = context.indexOf('paris');
  const features = await qaFeatures(
    [{ id: 'x', question: 'where?', context, answers: [{ text: 'paris', start }] }],
    tok,
    32,
    8,
  );
  assert.ok(features.length > 3, `${features.length} windows`);
  const withAnswer = features.filter((f) => f.start !== 0);
  assert.ok(withAnswer.length >= 1);
  for (const f of withAnswer) {
    const [s, e] = [f.contextOffsets[f.start!]!, f.contextOffsets[f.end!]!];
    assert.equal(context.slice(s[0], e[1]), 'paris');
  }
  assert.ok(features.some((f) => f.start === 0 && f.end === 0));
  const w = withAnswer[0];
  const logits = (at: number) => w.inputIds.map((_, i) => (i === at ? 5 : 0));
  assert.equal(
    bestSpans(context, [{ start: logits(w.start!), end: logits(w.end!), offsets: w.contextOffsets }])[0].text,
    'paris',
  );
  const invalid = bestSpans(context, [{ start: logits(w.end!), end: logits(w.start! - 1), offsets: w.contextOffsets }]);
  assert.ok(
    invalid.every((a) => a.start <= a.end && a.text.length > 0),
    'end before start is never chosen',
  );
});

test('SQuAD JSON and CSV are read; an answer not at its offset is an error naming the example', async () => {
  const data = path.join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'data', 'squad-small.json');
  const ex = await readQaExamples(data);
  assert.equal(ex.length, 40);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qa-'));
  const csv = path.join(dir, 'qa.csv');
  fs.writeFileSync(
    csv,
    'id,question,context,answer_text,answer_start\n1,who?,anna went home,anna,0\n2,where?,anna went home,home,10\n',
  );
  assert.deepEqual((await readQaExamples(csv))[1].answers, [{ text: 'home', start: 10 }]);
  fs.writeFileSync(csv, 'id,question,context,answer_text,answer_start\n7,who?,anna went home,anna,3\n');
  await assert.rejects(readQaExamples(csv), /example 7: answer 'anna' is not at character 3/);
});
