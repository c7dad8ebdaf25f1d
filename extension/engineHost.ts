/**
 * The engine process as the extension sees it: started on first use with the
 * settings' Hub options, its output in an Output channel, and when it dies the
 * user sees why (exit code or signal, last lines, "Show Log"); the next request
 * starts a fresh one.
 */
import * as vscode from 'vscode';
import { EngineClient } from './engine/process/engineClient';
import { OutputTail } from './engineTail';

export class EngineHost implements vscode.Disposable {
  private client: Promise<EngineClient> | null = null;
  private stopping = false;
  readonly log = vscode.window.createOutputChannel('BERT Studio');

  get(): Promise<EngineClient> {
    this.client ??= this.start();
    return this.client;
  }

  private async start(): Promise<EngineClient> {
    const settings = vscode.workspace.getConfiguration('bertStudio');
    const env: NodeJS.ProcessEnv = { ...process.env };
    const endpoint = settings.get<string>('hubEndpoint');
    if (endpoint) env.HF_ENDPOINT = endpoint;
    if (settings.get<boolean>('offline')) env.HF_HUB_OFFLINE = '1';
    // No entry: EngineClient forks the engineMain.js beside its own code — dist/ in the VSIX's bundle,
    // out/extension/engine/process/ when run from tsc's output.
    const tail = new OutputTail(3);
    const client = await EngineClient.start({
      env,
      onStderr: (t) => {
        this.log.append(t);
        tail.append(t);
      },
    }).catch((e: Error) => {
      this.client = null;
      throw e;
    });
    this.log.appendLine(`engine started (pid ${client.pid})`);
    void client.exited.then(({ code, signal }) => {
      this.client = null;
      if (this.stopping) return;
      const why = signal ? `signal ${signal}` : `exit code ${code}`;
      this.log.appendLine(`engine exited (${why})`);
      const last = tail.text();
      const said = last.length ? ` Its last output: ${last.map((l) => l.trim()).join(' ⏎ ')}.` : '';
      void vscode.window
        .showErrorMessage(
          `BERT Studio's engine stopped (${why}).${said} The next command starts a new one.`,
          'Show Log',
        )
        .then((choice) => {
          if (choice) this.log.show();
        });
    });
    return client;
  }

  dispose(): void {
    this.stopping = true;
    void this.client?.then((c) => c.stop());
    this.log.dispose();
  }
}
