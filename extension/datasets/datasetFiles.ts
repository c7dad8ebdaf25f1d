/**
 * Which workspace files the Datasets view looks at: the data extensions the engine
 * reads, outside node_modules, .git and the runs folder, at most MAX_DATA_FILES of
 * them (a workspace with thousands of CSVs lists the first ones and says so).
 * No VS Code import: the globs are strings the host hands to findFiles and the watcher.
 */
import * as path from 'node:path';

export const DATA_GLOB = '**/*.{csv,tsv,tab,jsonl,ndjson,json}';
export const MAX_DATA_FILES = 500;

const SKIPPED_FOLDERS = ['node_modules', '.git', '.bert-studio'];

/** The findFiles exclude: skipped folders anywhere, and the runs folder when it lies inside the workspace folder. */
export function excludeGlob(workspaceFolder: string | null, runsFolder: string | null): string {
  const globs = SKIPPED_FOLDERS.map((f) => `**/${f}/**`);
  const rel = workspaceFolder && runsFolder ? path.relative(workspaceFolder, runsFolder) : '';
  if (rel && !rel.startsWith('..') && !path.isAbsolute(rel)) globs.push(`${rel.split(path.sep).join('/')}/**`);
  return `{${globs.join(',')}}`;
}

/** The same rule for a single path (the watcher reports every match of DATA_GLOB). */
export function isSkipped(file: string, runsFolder: string | null): boolean {
  const parts = path.resolve(file).split(path.sep);
  if (parts.some((p) => SKIPPED_FOLDERS.includes(p))) return true;
  if (!runsFolder) return false;
  const rel = path.relative(path.resolve(runsFolder), path.resolve(file));
  return !rel.startsWith('..') && !path.isAbsolute(rel);
}
