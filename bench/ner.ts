/**
 * bench:ner — fine-tuning a tiny random-init BERT (L2 H32) on the NER fixture
 * (test/fixtures/data/ner-spans.jsonl, text + character spans) to entity F1 ≥ 0.9
 * on its validation split: wall time, epochs, entity scores per type, peak RSS.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { train } from '../extension/engine/train/trainer';
import { DEFAULT_ARGUMENTS } from '../extension/engine/train/arguments';
import { makeTinyBase, DATA } from '../test/engine/train/tinyModel';
import { peakRssMiB } from './common';

async function main(): Promise<void> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-ner-'));
  const model = makeTinyBase(path.join(tmp, 'tiny'));
  const start = performance.now();
  let reached: { epoch: number; seconds: number } | null = null;
  const results = await train({
    data: path.join(DATA, 'ner-spans.jsonl'),
    model,
    args: {
      ...DEFAULT_ARGUMENTS,
      output_dir: path.join(tmp, 'run'),
      num_train_epochs: 10,
      learning_rate: 2e-3,
      per_device_train_batch_size: 16,
      max_length: 48,
      save_strategy: 'no',
    },
    onEvent: (e) => {
      if (e.type === 'eval' && !reached && e.metrics.eval_f1 >= 0.9)
        reached = { epoch: e.epoch, seconds: (performance.now() - start) / 1000 };
    },
  });
  fs.rmSync(tmp, { recursive: true, force: true });
  const perType = Object.fromEntries(Object.entries(results).filter(([k]) => /^eval_[A-Z]+_f1$/.test(k)));
  process.stdout.write(
    JSON.stringify({
      bench: 'ner',
      data: 'ner-spans.jsonl (240 sentences, 20% validation)',
      model: 'random-init L2 H32',
      total_s: (performance.now() - start) / 1000,
      f1_0_9_reached: reached,
      eval_f1: results.eval_f1,
      eval_accuracy: results.eval_accuracy,
      per_type_f1: perType,
      peak_rss_mib: peakRssMiB(),
    }) + '\n',
  );
}

void main().catch((e) => {
  process.stderr.write(`${(e as Error).stack}\n`);
  process.exit(1);
});
