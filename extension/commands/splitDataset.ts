/**
 * Split into train/validation files…: asks the validation fraction and seed (0.2 / 42),
 * asks before replacing existing split files (modal; never silently), has the engine
 * write the stratified split beside the file. The new files show up in the Datasets
 * view, where the person is; the report offers the Explorer rather than jumping there.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CommandContext } from '../context';
import { targetFile } from '../datasets/datasetTarget';
import { splitFileNames } from '../shared/data/splitNames';
import {
  DEFAULT_SEED,
  DEFAULT_VALIDATION_FRACTION,
  parseFraction,
  parseSeed,
  splitReport,
} from '../datasets/splitInput';

async function exists(file: string): Promise<boolean> {
  return vscode.workspace.fs.stat(vscode.Uri.file(file)).then(
    () => true,
    () => false,
  );
}

export async function splitDataset(ctx: CommandContext, arg?: unknown): Promise<void> {
  const file = await targetFile(arg, 'Split which dataset?');
  if (!file) return;
  const title = `Split ${path.basename(file)}`;
  const fraction = await vscode.window.showInputBox({
    title,
    prompt: 'Share of each label that goes to the validation file (between 0 and 1)',
    value: String(DEFAULT_VALIDATION_FRACTION),
    validateInput: (v) => (parseFraction(v) === null ? 'A number between 0 and 1, e.g. 0.2 (or 20%)' : null),
  });
  if (fraction === undefined) return;
  const seed = await vscode.window.showInputBox({
    title,
    prompt: 'Seed for the shuffle (the same seed gives the same split)',
    value: String(DEFAULT_SEED),
    validateInput: (v) => (parseSeed(v) === null ? 'A whole number, 0 or more' : null),
  });
  if (seed === undefined) return;
  const names = splitFileNames(file);
  const present = [];
  for (const f of [names.train, names.validation]) if (await exists(f)) present.push(path.basename(f));
  let overwrite = false;
  if (present.length) {
    const choice = await vscode.window.showWarningMessage(
      `${present.join(' and ')} ${present.length > 1 ? 'exist' : 'exists'} already. Replace?`,
      { modal: true, detail: 'The split files will be written again from the current data.' },
      'Replace',
    );
    if (choice !== 'Replace') return;
    overwrite = true;
  }
  const engine = await ctx.engine.get();
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Splitting ${path.basename(file)}…` },
    () =>
      engine.split(file, {
        columns: ctx.datasets.get(file).mapping,
        testSize: parseFraction(fraction)!,
        seed: parseSeed(seed)!,
        overwrite,
      }),
  );
  // The halves are read as their parent is: a 12-row validation file would not look labelled on its own.
  const parent = ctx.datasets.get(file);
  for (const half of [result.train, result.validation])
    await ctx.datasets.update(half, { ...parent, mapping: { ...result.mapping, ...parent.mapping } });
  const reveal = 'Reveal in Explorer';
  if ((await vscode.window.showInformationMessage(splitReport(result), reveal)) === reveal) {
    await vscode.commands.executeCommand('revealInExplorer', vscode.Uri.file(result.train));
  }
}
