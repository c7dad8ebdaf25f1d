import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Embedder } from '../../../extension/engine/infer/embed';
import { readSafetensors } from '../../../extension/engine/bert/safetensors';
import { float32, HostTensor } from '../../../extension/engine/tensor';
import { assertClose } from '../closeness';
import { makeTinyBase } from '../train/tinyModel';

const FIXTURES = path.join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'parity');
// The texts of batch-cls.json's first three rows (ids 101 1045 2293 3000 102, 101 5055 4875 102, 101 4586 2991 102).
const TEXTS = ['I love Paris', 'birds fly', 'snow fall'];
const LENGTHS = [5, 4, 4];

/** Row b of PyTorch's [B, T, H] tensor, its first n positions. */
function rows(ref: HostTensor, b: number, n: number): Float32Array {
  const [, t, h] = ref.shape;
  return (ref.data as Float32Array).slice(b * t * h, (b * t + n) * h);
}

test('token states, pooler output and mean pooling match PyTorch on a fine-tuned checkpoint (batch with padding)', async () => {
  const ref = readSafetensors(path.join(FIXTURES, 'forward-cls.safetensors'));
  const last = ref.get('hidden_states.2')!;
  const h = last.shape[2];
  const embedder = await Embedder.load(path.join(FIXTURES, 'tiny-cls'));
  try {
    const tokens = await embedder.embed(TEXTS, 'tokens');
    const pooled = await embedder.embed(TEXTS, 'pooler');
    const mean = await embedder.embed(TEXTS, 'mean');
    TEXTS.forEach((_, b) => {
      const n = LENGTHS[b];
      assert.deepEqual(tokens[b].tokens, [
        '[CLS]',
        ...(b === 0 ? ['i', 'love', 'paris'] : b === 1 ? ['birds', 'fly'] : ['snow', 'fall']),
        '[SEP]',
      ]);
      assert.deepEqual(tokens[b].shape, [n, h]);
      assertClose(
        float32([n, h], tokens[b].data),
        float32([n, h], rows(last, b, n)),
        `last hidden state of ${TEXTS[b]}`,
        1e-5,
        1e-5,
      );
      const pooler = ref.get('pooler_output')!;
      assertClose(
        float32([h], pooled[b].data),
        float32([h], (pooler.data as Float32Array).slice(b * h, (b + 1) * h)),
        `pooler output of ${TEXTS[b]}`,
        1e-5,
        1e-5,
      );
      // Mean pooling of PyTorch's states over the attention mask, in double precision.
      const expected = new Float32Array(h);
      const states = rows(last, b, n);
      for (let c = 0; c < h; c++) {
        let s = 0;
        for (let r = 0; r < n; r++) s += states[r * h + c];
        expected[c] = s / n;
      }
      assert.deepEqual(mean[b].shape, [h]);
      assertClose(float32([h], mean[b].data), float32([h], expected), `mean pooling of ${TEXTS[b]}`, 1e-5, 1e-5);
      assert.equal(tokens[b].truncated, false);
    });
  } finally {
    await embedder.release();
  }
});

test('a base checkpoint embeds, long text is cut at max_length and says so; a QA checkpoint has no pooler', async () => {
  const base = makeTinyBase(path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'embed-')), 'tiny'));
  const embedder = await Embedder.load(base);
  const long = 'word '.repeat(600);
  const [cut] = await embedder.embed([long], 'tokens');
  assert.equal(cut.truncated, true);
  assert.deepEqual(cut.shape, [512, 32]);
  assert.equal(cut.data.length, 512 * 32);
  assert.equal(cut.tokens[511], '[SEP]');
  assert.ok(cut.data.every(Number.isFinite));
  await embedder.release();

  const qa = await Embedder.load(path.join(FIXTURES, 'tiny-qa'));
  await assert.rejects(qa.embed(['snow fall'], 'pooler'), /question-answering model: it has no pooler/);
  const [states] = await qa.embed(['snow fall'], 'tokens');
  assert.deepEqual(states.shape, [4, 32]);
  const [mean] = await qa.embed(['snow fall'], 'mean');
  for (let c = 0; c < 32; c++) {
    const m = (states.data[c] + states.data[32 + c] + states.data[64 + c] + states.data[96 + c]) / 4;
    assert.ok(Math.abs(mean.data[c] - m) < 1e-6, `mean of column ${c}`);
  }
  await qa.release();
});
