/**
 * Fine-tune on CSV: pick the data and the model, train in the engine process with
 * progress (cancellable) and a status-bar item, report the final metrics.
 * Untrusted workspaces cannot train on their files.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { DEFAULT_ARGUMENTS } from '../engine/train/arguments';
import { runsFolder, settings } from '../settings';
import type { CommandContext } from './context';

export async function fineTuneCsv(ctx: CommandContext, uri?: vscode.Uri): Promise<void> {
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage('Training on workspace files needs a trusted workspace (Workspace Trust).');
    return;
  }
  if (ctx.training) {
    void vscode.window.showInformationMessage('A training run is already in progress.');
    return;
  }
  const data = uri?.fsPath ?? (await vscode.window.showOpenDialog({ title: 'Data to fine-tune on', filters: { Data: ['csv', 'tsv', 'jsonl', 'json'] } }))?.[0]?.fsPath;
  if (!data) return;
  const model = await vscode.window.showInputBox({ title: 'Model to fine-tune (folder or Hugging Face id)', value: settings().defaultModel });
  if (!model) return;
  const root = runsFolder();
  if (!root) {
    void vscode.window.showWarningMessage('Open a folder first: runs are saved in it.');
    return;
  }
  const s = settings();
  const output = path.join(root, `${path.basename(data, path.extname(data))}-${new Date().toISOString().replace(/[:.]/g, '-')}`);
  const args = { ...DEFAULT_ARGUMENTS, output_dir: output, execution_provider: s.executionProvider, threads: s.threads };
  const status = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Left);
  status.text = '$(sync~spin) BERT Studio: starting';
  status.show();
  try {
    const engine = await ctx.engine.get();
    const results = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Fine-tuning ${model}`, cancellable: true }, async (progress, token) => {
      let done = 0;
      const job = engine.train({ data, model, args }, (e) => {
        if (e.type === 'step') {
          const pct = (100 * e.step) / e.total;
          progress.report({ increment: pct - done, message: `step ${e.step}/${e.total} · loss ${e.loss.toFixed(4)} · ETA ${Math.round(e.eta_s)} s` });
          done = pct;
          status.text = `$(sync~spin) BERT Studio ${pct.toFixed(0)}% · loss ${e.loss.toFixed(3)}`;
        } else if (e.type === 'log') {
          ctx.engine.log.appendLine(e.message);
        } else if (e.type === 'eval') {
          ctx.engine.log.appendLine(`eval at step ${e.step}: ${JSON.stringify(e.metrics)}`);
        }
      });
      ctx.training = { id: job.id, cancel: () => engine.cancel(job.id) };
      token.onCancellationRequested(() => void engine.cancel(job.id).catch(() => undefined));
      return job.result;
    });
    const headline = ['eval_accuracy', 'eval_f1', 'eval_exact_match'].filter((k) => k in results).map((k) => `${k} ${results[k].toFixed(3)}`).join(', ');
    const choice = await vscode.window.showInformationMessage(`Fine-tuned ${path.basename(output)}: ${headline}`, 'Use for inference');
    if (choice) await vscode.commands.executeCommand('bertStudio.selectModel', output);
  } catch (e) {
    void vscode.window.showErrorMessage(`Fine-tuning failed: ${(e as Error).message}`, 'Show Log').then((c) => { if (c) ctx.engine.log.show(); });
  } finally {
    ctx.training = null;
    status.dispose();
    ctx.refreshRuns();
  }
}

export async function cancelTraining(ctx: CommandContext): Promise<void> {
  if (!ctx.training) {
    void vscode.window.showInformationMessage('No training run is in progress.');
    return;
  }
  await ctx.training.cancel();
}
