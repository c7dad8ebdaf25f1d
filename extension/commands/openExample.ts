/**
 * Try the Offline Example: the Fine-tune page for the example data shipped with the extension, with the example's
 * tiny BERT as the model, so a first run needs neither the Hub nor a dataset of one's own. The example stays in
 * the extension's folder (only read); the run is saved in the workspace's runs folder as any other.
 */
import * as path from 'node:path';
import type { CommandContext } from '../context';
import { fineTunePreset } from './fineTuneCsv';

/** A random-weight model learns only from the data, so it needs a far higher rate than a pre-trained one's 5e-5. */
const EXAMPLE_LEARNING_RATE = 2e-3;

export function openExample(ctx: CommandContext): void {
  const examples = path.join(ctx.extension.extensionPath, 'examples');
  fineTunePreset(ctx, path.join(examples, 'support-messages.csv'), {
    model: path.join(examples, 'tiny-bert'),
    learningRate: EXAMPLE_LEARNING_RATE,
  });
}
