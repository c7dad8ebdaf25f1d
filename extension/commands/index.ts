/** Every command in one table: its id and its handler. */
import * as vscode from 'vscode';
import type { CommandContext, Register } from '../context';
import { showTokens } from './showTokens';
import { classifySelection } from './classifySelection';
import { askQuestion } from './askQuestion';
import { tagEntities } from './tagEntities';
import { selectModel } from './selectModel';
import { embedSelection } from './embedSelection';
import { downloadModel } from './downloadModel';
import { exportModel } from './exportModel';
import { cancelTraining, fineTuneCsv } from './fineTuneCsv';
import { openDashboard } from './openDashboard';
import { openLabelerCommand } from './openLabeler';
import { labelDataset } from './labelDataset';
import { fineTuneDataset } from './fineTuneDataset';
import { showDatasetTokens } from './showDatasetTokens';
import { splitDataset } from './splitDataset';
import { revealDataset } from './revealDataset';
import { setDatasetColumns } from './setDatasetColumns';
import { DatasetsTree } from '../datasets/datasetsTree';
import { deleteRun } from './deleteRun';
import { runFolderArg } from './args';
import { openExample } from './openExample';

/**
 * A command's handler. VS Code passes whatever the caller gave (a tree node, an Explorer URI, a string, or
 * nothing), so arguments arrive unknown and each handler checks the ones it reads.
 */
type Handler = (ctx: CommandContext, ...args: unknown[]) => unknown;

const COMMANDS: Record<string, Handler> = {
  'bertStudio.showTokens': showTokens,
  'bertStudio.classifySelection': classifySelection,
  'bertStudio.askQuestion': askQuestion,
  'bertStudio.tagEntities': tagEntities,
  'bertStudio.selectModel': (ctx, preset) => selectModel(ctx, typeof preset === 'string' ? preset : undefined),
  'bertStudio.embedSelection': embedSelection,
  'bertStudio.downloadModel': downloadModel,
  'bertStudio.exportModel': exportModel,
  'bertStudio.fineTuneCsv': fineTuneCsv,
  'bertStudio.cancelTraining': cancelTraining,
  'bertStudio.openDashboard': openDashboard,
  'bertStudio.openLabeler': openLabelerCommand,
  'bertStudio.deleteRun': deleteRun,
  'bertStudio.refreshRuns': (ctx) => ctx.runs.refresh(),
  'bertStudio.openExample': openExample,
  'bertStudio.labelDataset': labelDataset,
  'bertStudio.fineTuneDataset': fineTuneDataset,
  'bertStudio.showDatasetTokens': showDatasetTokens,
  'bertStudio.splitDataset': splitDataset,
  'bertStudio.revealDataset': revealDataset,
  'bertStudio.setDatasetColumns': setDatasetColumns,
  'bertStudio.refreshDatasets': () => DatasetsTree.current()?.scan(),
  'bertStudio.useRunForInference': (ctx, node) => selectModel(ctx, requireRunFolder(node)),
  'bertStudio.revealRun': (_ctx, node) =>
    vscode.commands.executeCommand('revealFileInOS', vscode.Uri.file(requireRunFolder(node))),
};

/** Run-tree commands hidden from the palette: without a run node there is nothing to act on. */
function requireRunFolder(node: unknown): string {
  const folder = runFolderArg(node);
  if (folder === undefined) throw new Error('choose a run in the Runs view');
  return folder;
}

/** Every command, registered in a loop; errors are shown, not swallowed. */
export const registerCommands: Register = (ctx) =>
  vscode.Disposable.from(
    ...Object.entries(COMMANDS).map(([id, handler]) =>
      vscode.commands.registerCommand(id, async (...args: unknown[]) => {
        try {
          return await handler(ctx, ...args);
        } catch (e) {
          void vscode.window.showErrorMessage(`BERT Studio: ${(e as Error).message}`);
        }
      }),
    ),
  );
