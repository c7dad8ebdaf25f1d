/** Show tokens: the dataset's first rows through the chosen model's tokenizer and its token-length histogram, in a panel. */
import type { CommandContext } from '../context';
import { targetFile } from '../datasets/datasetTarget';
import { DatasetTokensPanel } from '../panels/datasetTokensPanel';

export async function showDatasetTokens(ctx: CommandContext, arg?: unknown): Promise<void> {
  const file = await targetFile(arg, 'Show the tokens of which dataset?');
  if (file) DatasetTokensPanel.show(ctx, file);
}
