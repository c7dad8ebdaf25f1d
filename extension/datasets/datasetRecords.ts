/**
 * One persisted record per data file: its column mapping, task and label set.
 * The Fine-tune setup, the labeler and the Datasets view all read and write it
 * here, so the three agree. Kept in workspace state (a Memento in the extension;
 * any get/update store in tests); no VS Code import.
 */
import * as path from 'node:path';
import type { ColumnMapping } from '../shared/data/columns';
import { isTaskName, type TaskName } from '../shared/tasks';

/** The registry's task names (a sentence pair is cls with a second text column). */
export type DatasetTask = TaskName;

export interface DatasetRecord {
  mapping?: Partial<ColumnMapping>;
  task?: DatasetTask;
  /** The label set in the order the person chose (the labeler's buttons, the model's ids). */
  labels?: string[];
}

/** The part of vscode.Memento this needs. */
export interface KeyValueStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): PromiseLike<void>;
}

const PREFIX = 'bertStudio.dataset:';
/** Names saved before the registry: single-sentence and pair classification are both cls. */
const OLD_TASKS: Record<string, DatasetTask> = { classification: 'cls', pair: 'cls' };

const isStringOrNull = (x: unknown) => x === null || typeof x === 'string';

/** What was stored, if it still has the expected shape (state written by an older version is dropped, not trusted). */
export function parseDatasetRecord(x: unknown): DatasetRecord | undefined {
  if (!x || typeof x !== 'object' || Array.isArray(x)) return undefined;
  const r = x as Record<string, unknown>;
  const out: DatasetRecord = {};
  if (r.mapping && typeof r.mapping === 'object') {
    const m = r.mapping as Record<string, unknown>;
    const mapping: Partial<ColumnMapping> = {};
    if (typeof m.text === 'string') mapping.text = m.text;
    if (isStringOrNull(m.textPair)) mapping.textPair = m.textPair as string | null;
    if (isStringOrNull(m.label)) mapping.label = m.label as string | null;
    out.mapping = mapping;
  }
  const task = typeof r.task === 'string' ? (OLD_TASKS[r.task] ?? r.task) : null;
  if (isTaskName(task)) out.task = task;
  if (Array.isArray(r.labels) && r.labels.every((l) => typeof l === 'string'))
    out.labels = [...new Set(r.labels as string[])];
  return out;
}

export class DatasetRecords {
  private readonly listeners = new Set<(file: string, record: DatasetRecord) => void>();

  constructor(private readonly store: KeyValueStore) {}

  private key(file: string): string {
    return PREFIX + path.resolve(file);
  }

  get(file: string): DatasetRecord {
    return parseDatasetRecord(this.store.get(this.key(file))) ?? {};
  }

  /** Merges `patch` into the file's record (mapping fields merged one by one) and tells every listener. */
  async update(file: string, patch: DatasetRecord): Promise<DatasetRecord> {
    const current = this.get(file);
    const next: DatasetRecord = { ...current, ...patch };
    if (patch.mapping) next.mapping = { ...current.mapping, ...patch.mapping };
    await this.store.update(this.key(file), next);
    for (const l of this.listeners) l(path.resolve(file), next);
    return next;
  }

  async forget(file: string): Promise<void> {
    await this.store.update(this.key(file), undefined);
    for (const l of this.listeners) l(path.resolve(file), {});
  }

  /** Called with the file's absolute path after every change; returns the unsubscribe function. */
  onDidChange(listener: (file: string, record: DatasetRecord) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
