/** Every command, one table, registered in a loop; errors are shown, not swallowed. */
import * as vscode from 'vscode';
import type { CommandContext } from '../context';
import { showTokens } from './showTokens';
import { classifySelection } from './classifySelection';
import { askQuestion } from './askQuestion';
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

type Handler = (ctx: CommandContext, ...args: never[]) => unknown;

const COMMANDS: Record<string, Handler> = {
  'bertStudio.showTokens': showTokens,
  'bertStudio.classifySelection': classifySelection,
  'bertStudio.askQuestion': askQuestion,
  'bertStudio.selectModel': selectModel as Handler,
  'bertStudio.embedSelection': embedSelection,
  'bertStudio.downloadModel': downloadModel,
  'bertStudio.exportModel': exportModel as Handler,
  'bertStudio.fineTuneCsv': fineTuneCsv as Handler,
  'bertStudio.cancelTraining': cancelTraining,
  'bertStudio.openDashboard': openDashboard as Handler,
  'bertStudio.openLabeler': openLabelerCommand as Handler,
  'bertStudio.deleteRun': deleteRun as Handler,
  'bertStudio.refreshRuns': (ctx) => ctx.refreshRuns(),
  'bertStudio.labelDataset': labelDataset,
  'bertStudio.fineTuneDataset': fineTuneDataset,
  'bertStudio.showDatasetTokens': showDatasetTokens,
  'bertStudio.splitDataset': splitDataset,
  'bertStudio.revealDataset': revealDataset,
  'bertStudio.setDatasetColumns': setDatasetColumns,
  'bertStudio.refreshDatasets': () => DatasetsTree.current()?.scan(),
  'bertStudio.useRunForInference': ((ctx: CommandContext, node: { run: { folder: string } }) =>
    selectModel(ctx, node.run.folder)) as Handler,
  'bertStudio.revealRun': ((_ctx: CommandContext, node: { run: { folder: string } }) =>
    vscode.commands.executeCommand('revealFileInOS', vscode.Uri.file(node.run.folder))) as Handler,
};

export function registerCommands(ctx: CommandContext): vscode.Disposable[] {
  return Object.entries(COMMANDS).map(([id, handler]) =>
    vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      try {
        return await (handler as (c: CommandContext, ...a: unknown[]) => unknown)(ctx, ...args);
      } catch (e) {
        void vscode.window.showErrorMessage(`BERT Studio: ${(e as Error).message}`);
      }
    }),
  );
}
