/**
 * Which workspace files the Datasets view looks at: the data extensions the engine
 * reads, outside node_modules, .git and the runs folder, at most MAX_DATA_FILES of
 * them (a workspace with thousands of CSVs lists the first ones and says so).
 * No VS Code import: the globs are strings the host hands to findFiles and the watcher.
 */
import * as path from 'node:path';
import { isWithin } from '../paths';
import { CONLL_EXTENSIONS } from '../shared/data/conll';

export const DATA_GLOB = `**/*.{${['csv', 'tsv', 'tab', 'jsonl', 'ndjson', 'json', ...CONLL_EXTENSIONS.map((e) => e.slice(1))].join(',')}}`;
export const MAX_DATA_FILES = 500;

const SKIPPED_FOLDERS = ['node_modules', '.git', '.bert-studio'];

/** The findFiles exclude: skipped folders anywhere, and the runs folder when it lies inside the workspace folder. */
export function excludeGlob(workspaceFolder: string | null, runsFolder: string | null): string {
  const globs = SKIPPED_FOLDERS.map((f) => `**/${f}/**`);
  const rel =
    workspaceFolder && runsFolder && isWithin(runsFolder, workspaceFolder)
      ? path.relative(workspaceFolder, runsFolder)
      : '';
  if (rel) globs.push(`${rel.split(path.sep).join('/')}/**`);
  return `{${globs.join(',')}}`;
}

/** The same rule for a single path (the watcher reports every match of DATA_GLOB). */
export function isSkipped(file: string, runsFolder: string | null): boolean {
  const parts = path.resolve(file).split(path.sep);
  if (parts.some((p) => SKIPPED_FOLDERS.includes(p))) return true;
  return runsFolder !== null && isWithin(file, runsFolder);
}
