/**
 * Runs an engine call on a model. The first call for a model (per engine process) loads it,
 * which can take a while: it gets a progress notification. Later calls find the session warm
 * and only show a spinner in the status bar. Nothing here blocks the extension host.
 */
import * as vscode from 'vscode';
import type { CommandContext } from '../context';
import type { EngineClient } from '../engine/process/engineClient';
import { modelLabel } from './results';

const warm = new WeakMap<EngineClient, Set<string>>();

/** `kind` names what the engine loads (a classifier, an answerer, an embedder are separate sessions). */
export async function withModel<T>(
  ctx: CommandContext,
  kind: string,
  model: string,
  title: string,
  run: (engine: EngineClient) => Promise<T>,
): Promise<T> {
  const engine = await ctx.engine.get();
  const loaded = warm.get(engine) ?? new Set<string>();
  warm.set(engine, loaded);
  const key = `${kind}\n${model}`;
  if (loaded.has(key)) {
    return vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title }, () => run(engine));
  }
  const result = await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: `Loading ${modelLabel(model)} (first use; later calls are fast)…`,
    },
    () => run(engine),
  );
  loaded.add(key);
  return result;
}
