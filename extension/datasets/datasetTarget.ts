/**
 * The data file a dataset command acts on — the Datasets tree's item, an Explorer
 * Uri, or one picked from the datasets the tree knows — and its summary (the tree's
 * if it has a fresh one, else the engine inspects it with the saved mapping).
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CommandContext } from '../context';
import { DatasetsTree } from './datasetsTree';
import { itemView } from './datasetItem';
import type { DatasetSummary } from '../engine/process/protocol';

export async function targetFile(arg: unknown, title: string): Promise<string | undefined> {
  if (arg instanceof vscode.Uri) return arg.fsPath;
  if (
    arg &&
    typeof arg === 'object' &&
    (arg as { kind?: unknown }).kind === 'file' &&
    typeof (arg as { file?: unknown }).file === 'string'
  )
    return (arg as { file: string }).file;
  const known =
    DatasetsTree.current()
      ?.index.list()
      .filter((e) => itemView(e).group === 'datasets') ?? [];
  if (known.length) {
    const pick = await vscode.window.showQuickPick(
      known.map((e) => ({
        label: path.basename(e.file),
        description: vscode.workspace.asRelativePath(e.file),
        detail: itemView(e).description,
        file: e.file,
      })),
      { title },
    );
    return pick?.file;
  }
  return (await vscode.window.showOpenDialog({ title, filters: { Data: ['csv', 'tsv', 'jsonl', 'json'] } }))?.[0]
    ?.fsPath;
}

export async function summaryOf(ctx: CommandContext, file: string): Promise<DatasetSummary> {
  const entry = DatasetsTree.current()?.entry(file);
  if (entry?.state === 'inspected') return entry.summary;
  return (await ctx.engine.get()).inspect(file, ctx.datasets.get(file).mapping);
}

/** Saves the detected mapping (and task) into the file's shared record unless one is saved already. */
export async function saveDetectedMapping(ctx: CommandContext, file: string): Promise<void> {
  const record = ctx.datasets.get(file);
  if (record.mapping?.text) return;
  const s = await summaryOf(ctx, file).catch(() => null);
  if (!s?.mapping) return;
  await ctx.datasets.update(file, {
    mapping: s.mapping,
    ...(record.task || !s.task ? {} : { task: s.task }),
  });
}
