/** What the CLI tests share: the bin, a run of it, a fresh folder, and the flags that train the tiny model fast. */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const ROOT = path.join(__dirname, '..', '..', '..', '..');
export const BIN = path.join(ROOT, 'bin', 'bert-studio.js');

export const runCli = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });

export const tmpDir = (prefix: string) => fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));

/** A rate a random-init model learns at, batches of 16 and short sequences. */
export const fastTrainArgs = (model: string) => [
  '--model',
  model,
  '--learning_rate',
  '2e-3',
  '--per_device_train_batch_size',
  '16',
  '--max_length',
  '48',
];
