/** Download model…: a Hub id into the Hugging Face cache, in the engine, with bytes in a cancellable notification. */
import * as vscode from 'vscode';
import type { CommandContext } from '../context';
import { downloadProgressText } from '../inference/download';

export async function downloadModel(ctx: CommandContext): Promise<void> {
  const id = (
    await vscode.window.showInputBox({
      title: 'Download a model from the Hugging Face Hub',
      placeHolder: 'bert-base-uncased or deepset/bert-base-cased-squad2',
      ignoreFocusOut: true,
      validateInput: (v) => (/^[\w.-]+(\/[\w.-]+)?$/.test(v.trim()) ? null : 'a Hub id: name or owner/name'),
    })
  )?.trim();
  if (!id) return;
  const folder = await downloadWithProgress(ctx, id);
  if (!folder) return;
  const choice = await vscode.window.showInformationMessage(
    `${id} is in the Hugging Face cache (${folder}).`,
    'Use for Inference',
  );
  if (choice) await vscode.commands.executeCommand('bertStudio.selectModel', id);
}

/** The snapshot folder, or undefined when the user cancelled (errors are thrown with the engine's message). */
export async function downloadWithProgress(ctx: CommandContext, id: string): Promise<string | undefined> {
  const engine = await ctx.engine.get();
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Downloading ${id}`, cancellable: true },
    async (progress, token) => {
      const download = engine.download(id, (e) => {
        const text = downloadProgressText(e);
        if (text) progress.report({ message: text });
      });
      let cancelled = false;
      const sub = token.onCancellationRequested(() => {
        cancelled = true;
        void engine.cancel(download.id).catch(() => undefined);
      });
      try {
        return (await download.result).folder;
      } catch (e) {
        if (cancelled) {
          void vscode.window.showInformationMessage(
            `Download of ${id} cancelled; what was fetched is kept and resumes next time.`,
          );
          return undefined;
        }
        throw e;
      } finally {
        sub.dispose();
      }
    },
  );
}
