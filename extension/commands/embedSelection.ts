/**
 * Embed selection: token states, pooler output or mean pooling of the selected text, from the
 * inference model (else the default model: embeddings need no trained head), then copied as JSON
 * or saved as .json / .npy.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { CommandContext, selection } from '../context';
import { inferenceModel, settings } from '../settings';
import { withModel } from '../inference/withModel';
import { embeddingFile, embeddingJson, embeddingSummary } from '../inference/embedOutput';
import { modelLabel } from '../inference/results';
import { writeFileAtomic } from '../shared/atomicWrite';
import type { Pooling } from '../engine/process/protocol';

const POOLING_ITEMS: (vscode.QuickPickItem & { pooling: Pooling })[] = [
  {
    label: 'Mean pooling',
    description: 'the attention-mask mean of the last hidden states: one vector',
    pooling: 'mean',
  },
  { label: 'Pooler output', description: '[CLS] through the pooler (dense + tanh): one vector', pooling: 'pooler' },
  {
    label: 'Token states',
    description: 'the last hidden state of every token: one vector per token',
    pooling: 'tokens',
  },
];

export async function embedSelection(ctx: CommandContext): Promise<void> {
  const sel = selection();
  if (!sel) return;
  const model = inferenceModel(ctx.extension) ?? settings().defaultModel;
  const pick = await vscode.window.showQuickPick(POOLING_ITEMS, {
    title: `Embed the selection with ${modelLabel(model)}`,
  });
  if (!pick) return;
  const [embedding] = await withModel(ctx, 'embedder', model, `Embedding with ${modelLabel(model)}`, (engine) =>
    engine.embed(model, [sel.text], pick.pooling),
  );
  const choice = await vscode.window.showInformationMessage(
    `${pick.label} of the selection: ${embeddingSummary(embedding)}.`,
    'Copy as JSON',
    'Save as…',
  );
  if (choice === 'Copy as JSON') {
    await vscode.env.clipboard.writeText(embeddingJson(embedding));
    void vscode.window.setStatusBarMessage('Embedding copied as a JSON array', 4000);
  } else if (choice === 'Save as…') {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const uri = await vscode.window.showSaveDialog({
      title: 'Save the embedding',
      filters: { 'NumPy array': ['npy'], JSON: ['json'] },
      defaultUri: folder ? vscode.Uri.joinPath(folder, `embedding-${pick.pooling}.npy`) : undefined,
    });
    if (!uri) return;
    writeFileAtomic(uri.fsPath, embeddingFile(uri.fsPath, embedding));
    void vscode.window.setStatusBarMessage(`Embedding saved to ${path.basename(uri.fsPath)}`, 4000);
  }
}
