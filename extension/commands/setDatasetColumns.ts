/**
 * Set columns…: three quick picks over the file's columns (text, optional second
 * text, label or none), saved in the file's shared record; the Datasets view
 * re-inspects the file with it, and the setup page and labeler start from it.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CommandContext } from '../context';
import { summaryOf, targetFile } from '../datasets/datasetTarget';

type Pick = vscode.QuickPickItem & { column: string | null };

async function pickColumn(
  title: string,
  columns: string[],
  current: string | null | undefined,
  none?: string,
): Promise<Pick | undefined> {
  const items: Pick[] = [
    ...(none ? [{ label: none, column: null }] : []),
    ...columns.map((c) => ({ label: c, column: c })),
  ];
  for (const item of items) if (item.column === (current ?? null)) item.description = 'current';
  const qp = vscode.window.createQuickPick<Pick>();
  qp.title = title;
  qp.items = items;
  qp.activeItems = items.filter((i) => i.description === 'current');
  const chosen = await new Promise<Pick | undefined>((resolve) => {
    qp.onDidAccept(() => resolve(qp.selectedItems[0] ?? qp.activeItems[0]));
    qp.onDidHide(() => resolve(undefined));
    qp.show();
  });
  qp.dispose();
  return chosen;
}

export async function setDatasetColumns(ctx: CommandContext, arg?: unknown): Promise<void> {
  const file = await targetFile(arg, 'Set the columns of which dataset?');
  if (!file) return;
  const summary = await summaryOf(ctx, file);
  if (!summary.columns.length)
    throw new Error(
      `${path.basename(file)}: no columns could be read${summary.problem ? ` (${summary.problem})` : ''}`,
    );
  if (summary.kind === 'qa')
    throw new Error(`${path.basename(file)} is a SQuAD-style question answering file: its fields are fixed.`);
  const saved = ctx.datasets.get(file).mapping;
  const current = { ...summary.mapping, ...saved };
  const name = path.basename(file);
  const text = await pickColumn(`${name}: text column (1/3)`, summary.columns, current.text);
  if (!text?.column) return;
  const others = summary.columns.filter((c) => c !== text.column);
  const pair = await pickColumn(
    `${name}: second text for sentence pairs (2/3)`,
    others,
    current.textPair,
    '(none: single texts)',
  );
  if (!pair) return;
  const label = await pickColumn(
    `${name}: label column (3/3)`,
    others.filter((c) => c !== pair.column),
    current.label,
    '(none: label it later)',
  );
  if (!label) return;
  // New columns may make it another task's data (a label column of numbers, of lists): the setup page detects it again.
  await ctx.datasets.update(file, {
    mapping: { text: text.column, textPair: pair.column, label: label.column },
    task: undefined,
  });
}
