// Tag Entities' offsets end to end without VS Code: a tiny model trained on the NER fixture tags a document's
// multi-line CRLF selection with accents and emoji around the entities; the entities land on their characters.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { train } from '../../../extension/engine/train/trainer';
import { DEFAULT_ARGUMENTS } from '../../../extension/engine/train/arguments';
import { TRAINING } from '../../../extension/engine/tasks/training';
import { DATA, makeTinyBase } from '../../engine/train/tinyModel';
import { chunksOf, parseEntities, placeEntities } from '../../../extension/inference/entities';

test('a trained tagger: entities of a CRLF, multi-line selection with accents and emoji land on their characters', async (t) => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tag-doc-'));
  t.after(() => fs.rmSync(tmp, { recursive: true, force: true }));
  const out = path.join(tmp, 'run');
  // bench/ner.ts's settings: entity F1 ≥ 0.9 on the fixture's validation split in a few seconds.
  const metrics = await train({
    data: path.join(DATA, 'ner-spans.jsonl'),
    model: makeTinyBase(path.join(tmp, 'tiny')),
    args: {
      ...DEFAULT_ARGUMENTS,
      output_dir: out,
      num_train_epochs: 10,
      learning_rate: 2e-3,
      per_device_train_batch_size: 16,
      max_length: 48,
      save_strategy: 'no',
    },
    onEvent: () => undefined,
  });
  assert.ok(metrics.eval_f1 >= 0.9, `eval_f1 ${metrics.eval_f1}`);
  const predictor = await TRAINING.token.openPredictor(out);
  t.after(() => predictor.release());

  const doc =
    'Notes 🎉 für heute\r\nyesterday henry met henry at the office of google .\r\n\r\n🛫 the trip from rome to berlin took tom two days . ✓\r\nend';
  const selStart = doc.indexOf('yesterday');
  const selection = doc.slice(selStart, doc.indexOf('\r\nend'));
  const chunks = chunksOf(selection);
  const raw = await predictor.predict(
    chunks.map((c) => c.text),
    null,
  );
  const placed = placeEntities(
    selStart,
    chunks,
    chunks.map((c, i) => parseEntities(raw[i].json, c.text, `line ${i + 1}`)),
  );
  for (const e of placed) assert.equal(doc.slice(e.start, e.end), e.text, `${e.type} "${e.text}" at ${e.start}`);
  const found = placed.map((e) => `${e.type}:${e.text}`);
  for (const want of ['PER:henry', 'ORG:google', 'LOC:rome', 'LOC:berlin', 'PER:tom'])
    assert.ok(found.includes(want), `${want} in ${found.join(', ')}`);
  assert.equal(doc.slice(placed.at(-1)!.start).split('\r\n')[0], 'tom two days . ✓');
});
