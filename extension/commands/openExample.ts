/**
 * Try the Offline Example: the Fine-tune page for the example data shipped with the extension, with the example's
 * tiny BERT as the model, so a first run needs neither the Hub nor a dataset of one's own. The example stays in
 * the extension's folder (only read); the run is saved in the workspace's runs folder as any other.
 */
import * as path from 'node:path';
import type { CommandContext } from '../context';
import { fineTunePreset } from './fineTuneCsv';

/**
 * A random-weight model learns only from the data, so it needs a far higher rate than a pre-trained one's 5e-5,
 * and warm-up and ten epochs so that every seed tried separates all three topics (3 epochs left some at 2 of 3).
 */
const EXAMPLE_HYPERPARAMETERS = { learningRate: 2e-3, epochs: 10, warmupRatio: 0.1 };

export function openExample(ctx: CommandContext): void {
  const examples = path.join(ctx.extension.extensionPath, 'examples');
  fineTunePreset(ctx, path.join(examples, 'support-messages.csv'), {
    model: path.join(examples, 'tiny-bert'),
    ...EXAMPLE_HYPERPARAMETERS,
  });
}
