/**
 * The Datasets view's state, without VS Code: which data files the workspace has,
 * what the engine said about each (or that it is still inspecting, and how far),
 * re-inspecting one file at a time when it changes (debounced), forgetting deleted
 * ones. Inspections run a few at a time in the engine; an answer that arrives after
 * the file changed again is dropped, so the entry always shows the newest content.
 */
import * as path from 'node:path';
import type { ColumnMapping } from '../shared/data/columns';
import type { RowProgress } from '../shared/data/records';
import type { DatasetSummary } from '../engine/process/protocol';

export type Inspect = (
  file: string,
  columns: Partial<ColumnMapping> | undefined,
  onProgress: (p: RowProgress) => void,
) => Promise<DatasetSummary>;

export type DatasetEntry =
  | { file: string; state: 'inspecting'; fraction: number | null; previous: DatasetSummary | null }
  | { file: string; state: 'inspected'; summary: DatasetSummary }
  | { file: string; state: 'failed'; error: string };

export interface IndexOptions {
  /** The saved column mapping of a file (the shared dataset record), if any. */
  mappingFor?: (file: string) => Partial<ColumnMapping> | undefined;
  debounceMs?: number;
  /** Inspections in flight at once. */
  concurrency?: number;
}

export class DatasetIndex {
  private readonly entries = new Map<string, DatasetEntry>();
  /** Bumped on every change of a file, so a stale inspection's answer is recognised and dropped. */
  private readonly generations = new Map<string, number>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly queue: string[] = [];
  private readonly listeners = new Set<(file: string | null) => void>();
  private running = 0;
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly inspect: Inspect,
    private readonly options: IndexOptions = {},
  ) {}

  /** Every entry, sorted by path. */
  list(): DatasetEntry[] {
    return [...this.entries.values()].sort((a, b) => a.file.localeCompare(b.file));
  }

  get(file: string): DatasetEntry | undefined {
    return this.entries.get(path.resolve(file));
  }

  /** Replaces the whole set of files (the initial scan): new ones are inspected, missing ones dropped, known ones kept. */
  reset(files: string[]): void {
    const wanted = new Set(files.map((f) => path.resolve(f)));
    for (const f of [...this.entries.keys()]) if (!wanted.has(f)) this.remove(f);
    for (const f of wanted) if (!this.entries.has(f)) this.enqueue(f);
    this.emit(null);
  }

  /** A file was created or changed: inspect it again once it has been quiet for the debounce time. */
  changed(file: string): void {
    const f = path.resolve(file);
    this.generations.set(f, (this.generations.get(f) ?? 0) + 1);
    clearTimeout(this.timers.get(f));
    this.timers.set(
      f,
      setTimeout(() => {
        this.timers.delete(f);
        this.enqueue(f);
        this.emit(f);
      }, this.options.debounceMs ?? 300),
    );
  }

  /** Inspect again now (a new column mapping, or the person asked). */
  refresh(file: string): void {
    const f = path.resolve(file);
    this.generations.set(f, (this.generations.get(f) ?? 0) + 1);
    clearTimeout(this.timers.get(f));
    this.enqueue(f);
    this.emit(f);
  }

  deleted(file: string): void {
    this.remove(path.resolve(file));
    this.emit(null);
  }

  /** Called with the changed file, or null when the set of files changed. */
  onDidChange(listener: (file: string | null) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves when nothing is debouncing, queued or being inspected (for tests and for commands that need a summary). */
  idle(): Promise<void> {
    if (!this.busy()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    this.queue.length = 0;
    this.listeners.clear();
  }

  private busy(): boolean {
    return this.running > 0 || this.queue.length > 0 || this.timers.size > 0;
  }

  private remove(f: string): void {
    this.entries.delete(f);
    this.generations.set(f, (this.generations.get(f) ?? 0) + 1);
    clearTimeout(this.timers.get(f));
    this.timers.delete(f);
    const queued = this.queue.indexOf(f);
    if (queued >= 0) this.queue.splice(queued, 1);
    this.settle();
  }

  private enqueue(f: string): void {
    const before = this.entries.get(f);
    const previous =
      before?.state === 'inspected' ? before.summary : before?.state === 'inspecting' ? before.previous : null;
    this.entries.set(f, { file: f, state: 'inspecting', fraction: null, previous });
    if (!this.queue.includes(f)) this.queue.push(f);
    this.pump();
  }

  private pump(): void {
    while (this.running < (this.options.concurrency ?? 2) && this.queue.length) {
      const f = this.queue.shift()!;
      this.running++;
      void this.run(f).finally(() => {
        this.running--;
        this.pump();
        this.settle();
      });
    }
  }

  private async run(f: string): Promise<void> {
    const generation = this.generations.get(f) ?? 0;
    const current = () => (this.generations.get(f) ?? 0) === generation && this.entries.has(f);
    const onProgress = (p: RowProgress) => {
      const e = this.entries.get(f);
      if (!current() || e?.state !== 'inspecting' || p.total <= 0) return;
      this.entries.set(f, { ...e, fraction: Math.min(1, p.bytes / p.total) });
      this.emit(f);
    };
    let next: DatasetEntry;
    try {
      next = { file: f, state: 'inspected', summary: await this.inspect(f, this.options.mappingFor?.(f), onProgress) };
    } catch (e) {
      next = { file: f, state: 'failed', error: (e as Error).message };
    }
    // A change during the inspection has already queued a newer one (or the file is gone): this answer is stale.
    if (!current() || this.queue.includes(f) || this.timers.has(f)) return;
    this.entries.set(f, next);
    this.emit(f);
  }

  private settle(): void {
    if (this.busy()) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }

  private emit(file: string | null): void {
    for (const l of this.listeners) l(file);
  }
}
