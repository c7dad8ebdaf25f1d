/**
 * bench:finetune — (1) fine-tuning the fixture CSV with a tiny random-init BERT
 * to ≥ 0.9 validation accuracy: wall time; (2) epoch time, full fine-tuning vs
 * frozen encoder with cached features, on a BERT-mini-shaped model (L4 H256).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { train } from '../extension/engine/train/trainer';
import { DEFAULT_ARGUMENTS } from '../extension/engine/train/arguments';
import { makeTinyBase, DATA } from '../test/engine/train/tinyModel';
import { peakRssMiB } from './common';
import { TrainEvent } from '../extension/shared/runs/trainEvent';

const CSV = path.join(DATA, 'classify.csv');

async function epochTimes(
  model: string,
  mode: 'full' | 'frozen',
  epochs: number,
): Promise<{ total_s: number; epochs_s: number[]; accuracy: number }> {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-ft-'));
  const marks: number[] = [];
  const start = performance.now();
  let perEpoch = 0;
  const results = await train({
    data: CSV,
    model,
    args: {
      ...DEFAULT_ARGUMENTS,
      output_dir: out,
      mode,
      num_train_epochs: epochs,
      learning_rate: mode === 'full' ? 2e-3 : 1e-2,
      per_device_train_batch_size: 16,
      max_length: 48,
      save_strategy: 'no',
      eval_strategy: 'no',
    },
    onEvent: (e: TrainEvent) => {
      if (e.type === 'step') {
        perEpoch ||= Math.round(e.total / epochs);
        if (e.step % perEpoch === 0) marks.push(performance.now());
      }
    },
  });
  fs.rmSync(out, { recursive: true, force: true });
  const epochsS = marks.map((t, i) => (t - (i ? marks[i - 1] : start)) / 1000);
  return { total_s: (performance.now() - start) / 1000, epochs_s: epochsS, accuracy: results.eval_accuracy };
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-models-'));
  const tiny = makeTinyBase(path.join(dir, 'tiny'));
  const accuracyRun = await epochTimes(tiny, 'full', 10);
  const mini = makeTinyBase(path.join(dir, 'mini'), { layers: 4, hidden: 256, heads: 4, inter: 1024 });
  const full = await epochTimes(mini, 'full', 3);
  const frozen = await epochTimes(mini, 'frozen', 3);
  const later = (r: { epochs_s: number[] }) =>
    r.epochs_s.slice(1).reduce((a, b) => a + b, 0) / Math.max(1, r.epochs_s.length - 1);
  const result = {
    bench: 'finetune',
    threads: os.cpus().length,
    fixture: {
      data: 'test/fixtures/data/classify.csv (330 rows, 3 classes)',
      model: 'BERT L2 H32 A2, random init, bert-base-uncased vocab',
      epochs: 10,
      wall_s: accuracyRun.total_s,
      eval_accuracy: accuracyRun.accuracy,
    },
    frozen_vs_full: {
      model: 'BERT L4 H256 A4 I1024 (BERT-mini shape), random init',
      batch: 16,
      max_length: 48,
      full_epoch_s: later(full),
      frozen_first_epoch_s: frozen.epochs_s[0],
      frozen_later_epoch_s: later(frozen),
      speedup_after_first_epoch: later(full) / later(frozen),
    },
    peak_rss_mib: peakRssMiB(),
  };
  process.stdout.write(JSON.stringify(result, null, 2) + '\n');
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack}\n`);
  process.exit(1);
});
