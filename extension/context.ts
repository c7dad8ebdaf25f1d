/**
 * The host's services, made once by activate and handed to every command, view, panel and editor provider:
 * the extension context, the engine, the per-file dataset records, the training in progress and the runs' signals.
 */
import * as vscode from 'vscode';
import type { EngineHost } from './engineHost';
import type { DatasetRecords } from './datasets/datasetRecords';
import type { TrainingSession } from './training/trainingSession';
import type { RunEvents } from './runs/runEvents';

export interface CommandContext {
  extension: vscode.ExtensionContext;
  engine: EngineHost;
  /** Column mapping and label set per data file, shared by the Fine-tune setup, the labeler and the Datasets view. */
  datasets: DatasetRecords;
  /** The training run in progress (one at a time), its status-bar item and its events. */
  training: TrainingSession;
  /** "The runs changed" (the Runs tree redraws) and "a run was selected" (the Metrics view shows it). */
  runs: RunEvents;
}

/** The one way a command table, view, panel or editor provider joins the extension: activate calls it once. */
export type Register = (ctx: CommandContext) => vscode.Disposable;

/** The selection's text and where it starts, or a message when there is none. */
export function selection(): { editor: vscode.TextEditor; text: string; start: number } | null {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.selection.isEmpty) {
    void vscode.window.showInformationMessage('Select some text first.');
    return null;
  }
  return {
    editor,
    text: editor.document.getText(editor.selection),
    start: editor.document.offsetAt(editor.selection.start),
  };
}
