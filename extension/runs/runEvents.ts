/** The Runs tree's two signals as a host service: the runs changed (training, export, delete), and the user selected one. */
import * as vscode from 'vscode';

export class RunEvents implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly selected = new vscode.EventEmitter<string>();
  readonly onDidChange = this.changed.event;
  /** The run folder selected in the Runs tree. */
  readonly onDidSelect = this.selected.event;

  refresh(): void {
    this.changed.fire();
  }

  select(folder: string): void {
    this.selected.fire(folder);
  }

  dispose(): void {
    this.changed.dispose();
    this.selected.dispose();
  }
}
