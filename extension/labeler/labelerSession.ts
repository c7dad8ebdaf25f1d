/**
 * One open labeler: the document's index, its label set and column mapping
 * (shared with the Fine-tune setup and Datasets view through ctx.datasets), and
 * the webview. Every label change is one edit of the LabelerDocument, so dirty
 * state, Save, Undo/Redo and hot exit behave as for any edit; the webview is
 * re-synced from the document after every change, whoever made it.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CommandContext } from '../context';
import { inferenceModel, settings } from '../settings';
import { DocumentIndex, LabelerFormat, formatOfName } from './documentIndex';
import { scanDocument } from './scan';
import { TextEdit, addColumnEdits, labelEdit } from './labelEdit';
import { LabelState, addLabel, readLabels, removeLabel, renameLabel } from './labelSet';
import { onlyLabelCells, resolveMapping, rowTexts, searchRows } from './documentView';
import type { LabelerChange, LabelerDocument } from './labelerDocument';
import { Snapshot, Suggester } from './suggester';
import { spanColumnOf } from './spanEdit';
import { SpanSession, readSpanLabels, renameSpanLabel } from './spanSession';
import { FromWebview, Mapping, ToWebview, parseFromWebview } from '../shared/protocol/labeler';
import { fromWebview } from '../panels/webviewMessage';

const CANDIDATES = 200;
const MAX_TRAIN = 5000;

export class LabelerSession implements vscode.Disposable {
  private readonly file: string;
  private readonly format: LabelerFormat;
  private index: DocumentIndex | null = null;
  private text = '';
  private version = -1;
  private error: string | null = null;
  private mapping: Mapping = { text: null, textPair: null, label: null };
  private state: LabelState = { names: [], rowLabels: new Int32Array(0), counts: [], labeled: 0 };
  private focusRow = 0;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly suggester: Suggester;
  /** Set when the file's rows are labelled with spans (`text` + `spans` JSONL). */
  private spanColumn: string | null = null;
  private readonly spans: SpanSession;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly ctx: CommandContext,
    private readonly document: LabelerDocument,
    private readonly panel: vscode.WebviewPanel,
  ) {
    this.file = document.uri.fsPath;
    this.format = formatOfName(document.uri.path) ?? 'csv';
    this.suggester = new Suggester({
      snapshot: () => this.snapshot(),
      quick: async (labels, train, predict) =>
        (await (await ctx.engine.get()).quickSuggest(settings().defaultModel, { labels, train, predict })).probs,
      model: async (predict) => {
        const model = inferenceModel(ctx.extension);
        if (!model) return null;
        const pairs = predict.some((p) => p.pair !== undefined) ? predict.map((p) => p.pair ?? '') : undefined;
        return (await ctx.engine.get()).classify(
          model,
          predict.map((p) => p.text),
          pairs,
        );
      },
      publish: (source, labels, items) => this.post({ type: 'suggestions', source, labels, items }),
      status: (text, busy) => this.post({ type: 'status', text, busy }),
    });
    this.spans = new SpanSession({
      current: () => ({ index: this.current(), text: this.text, column: this.spanColumn ?? 'spans' }),
      post: (m) => this.post(m),
      apply: (edits, label) => this.apply(edits, label),
      labels: () => this.state.names,
      rememberLabels: (names) => this.rememberLabels(names),
      predict: async (texts) => {
        const model = inferenceModel(ctx.extension);
        return model ? (await ctx.engine.get()).predict(model, texts) : null;
      },
      status: (text, busy) => this.post({ type: 'status', text, busy }),
    });
    this.disposables.push(
      document.onDidChange((change) => this.changed(change)),
      panel.webview.onDidReceiveMessage((raw) => this.receive(raw)),
      {
        dispose: ctx.datasets.onDidChange((f) => {
          if (f === path.resolve(this.file)) this.reindex(true);
        }),
      },
    );
    this.reindex(true);
  }

  private post(m: ToWebview): void {
    void this.panel.webview.postMessage(m);
  }

  /** Reads the document again and sends the webview everything (a reset) or, when only labels changed, the label changes. */
  private reindex(reset: boolean, labelsOnly = false): void {
    const before = this.state;
    this.text = this.document.text;
    this.version = this.document.version;
    const record = this.ctx.datasets.get(this.file);
    try {
      this.index = scanDocument(this.text, this.format);
      this.error = null;
      this.spanColumn = spanColumnOf(this.index, this.text);
      if (this.spanColumn) {
        this.mapping = { text: 'text', textPair: null, label: this.spanColumn };
        this.state = readSpanLabels(this.index, this.text, this.spanColumn, record.labels);
      } else {
        this.mapping = resolveMapping(this.index, this.text, this.file, record.mapping);
        const column = this.mapping.label ? this.index.columns.indexOf(this.mapping.label) : -1;
        this.state = readLabels(this.index, this.text, column, record.labels);
      }
    } catch (e) {
      this.index = null;
      this.error = `${path.basename(this.file)}: ${(e as Error).message}`;
      this.state = { names: record.labels ?? [], rowLabels: new Int32Array(0), counts: [], labeled: 0 };
    }
    if (!reset && labelsOnly && this.index && before.rowLabels.length === this.state.rowLabels.length) {
      const changes: number[] = [];
      for (let r = 0; r < this.state.rowLabels.length; r++) {
        const now = this.state.rowLabels[r];
        const was = before.rowLabels[r] < 0 ? -1 : this.state.names.indexOf(before.names[before.rowLabels[r]]);
        if (now !== was) changes.push(r, now);
      }
      this.post({ type: 'labels', labels: this.state.names, counts: this.state.counts, changes });
      return;
    }
    this.post({
      type: 'reset',
      file: path.basename(this.file),
      format: this.format,
      rows: this.index?.rows ?? 0,
      columns: this.index?.columns ?? [],
      mapping: this.mapping,
      labels: this.state.names,
      counts: this.state.names.map((_, i) => this.state.counts[i] ?? 0),
      rowLabels: Array.from(this.state.rowLabels),
      warnings: this.index?.warnings ?? [],
      error: this.error,
      textsChanged: true,
      spanColumn: this.spanColumn,
    });
  }

  private changed(change: LabelerChange): void {
    const column = this.index && this.mapping.label ? this.index.columns.indexOf(this.mapping.label) : -1;
    const labelsOnly =
      !!this.index &&
      !!change &&
      this.version === this.document.version - 1 &&
      onlyLabelCells(this.index, column, change);
    this.reindex(false, labelsOnly);
    if (!labelsOnly) this.suggester.invalidate();
    if (this.spanColumn && this.index && this.focusRow < this.index.rows) this.spans.show(this.focusRow);
  }

  /** The index of the document as it is now (a change event may still be on its way). */
  private current(): DocumentIndex {
    if (this.version !== this.document.version) this.reindex(false, false);
    if (!this.index) throw new Error(this.error ?? 'the file could not be read');
    return this.index;
  }

  private apply(edits: TextEdit[], label: string): void {
    this.document.edit(edits, label);
  }

  private receive(raw: unknown): void {
    const m = fromWebview(parseFromWebview, raw, 'labeler', (l) => this.ctx.engine.log.appendLine(l));
    if (!m) return;
    // Messages run one after another, so each edit is made against the document the previous one left.
    this.queue = this.queue
      .then(() => this.handle(m))
      .catch((e: Error) => {
        this.post({ type: 'status', text: e.message, busy: false });
        void vscode.window.showErrorMessage(`BERT Studio labeler: ${e.message}`);
      });
  }

  private async handle(m: FromWebview): Promise<void> {
    switch (m.type) {
      case 'ready':
        return this.reindex(true);
      case 'rows': {
        const index = this.current();
        this.post({ type: 'rows', full: m.full, rows: rowTexts(index, this.text, this.mapping, m.rows, m.full) });
        if (this.spanColumn && m.full) m.rows.filter((r) => r < index.rows).forEach((r) => this.spans.show(r));
        return;
      }
      case 'addSpans':
        return this.spans.add(m);
      case 'removeSpan':
        return this.spans.remove(m);
      case 'search':
        return this.post({
          type: 'search',
          query: m.query,
          rows: searchRows(this.current(), this.text, this.mapping, m.query),
        });
      case 'focus':
        this.focusRow = m.row;
        return;
      case 'setLabel': {
        const index = this.current();
        if (this.spanColumn) throw new Error('select characters of the text, then press a label key to add a span');
        if (!this.mapping.label) throw new Error('choose or add a label column first');
        if (m.label !== null && !this.state.names.includes(m.label))
          throw new Error(`'${m.label}' is not in the label set`);
        const edit = labelEdit(index, this.text, m.row, this.mapping.label, m.label);
        await this.rememberLabels(this.state.names);
        if (edit) this.apply([edit], m.label === null ? 'Clear Label' : `Label ${m.label}`);
        if (edit && m.label !== null) this.suggester.labeled();
        return;
      }
      case 'addLabel':
        return this.rememberLabels(addLabel(this.state.names, m.name));
      case 'renameLabel': {
        const to =
          m.to ??
          (await vscode.window.showInputBox({
            title: `Rename label '${m.from}'`,
            value: m.from,
            prompt: 'Every row with this label is renamed.',
          }));
        if (to === undefined || to === m.from) return;
        const r = this.spanColumn
          ? renameSpanLabel(this.current(), this.text, this.spanColumn, this.state, m.from, to)
          : renameLabel(this.current(), this.text, this.mapping.label ?? '', this.state, m.from, to);
        await this.rememberLabels(r.names);
        return this.apply(r.edits, `Rename Label ${m.from}`);
      }
      case 'removeLabel':
        return this.rememberLabels(removeLabel(this.state, m.name));
      case 'setMapping':
        await this.ctx.datasets.update(this.file, {
          mapping: {
            ...(m.mapping.text ? { text: m.mapping.text } : {}),
            textPair: m.mapping.textPair,
            label: m.mapping.label,
          },
        });
        return;
      case 'addLabelColumn': {
        const index = this.current();
        const name = index.columns.includes('label') ? 'label_new' : 'label';
        this.apply(addColumnEdits(index, name), 'Add Label Column');
        await this.ctx.datasets.update(this.file, { mapping: { label: name } });
        return;
      }
      case 'suggest':
        if (m.source === 'quick' && !vscode.workspace.isTrusted) {
          return this.post({
            type: 'status',
            text: 'Trust this workspace to train the quick model on its files.',
            busy: false,
          });
        }
        if (
          m.source === 'model' &&
          !inferenceModel(this.ctx.extension) &&
          !(await vscode.commands.executeCommand<string | undefined>('bertStudio.selectModel'))
        ) {
          return this.post({ type: 'status', text: 'No model chosen.', busy: false });
        }
        return this.spanColumn ? this.spans.setSource(m.source) : this.suggester.setSource(m.source);
    }
  }

  /** The label set is kept in the dataset record (order and unused labels), shared with the Fine-tune setup. */
  private async rememberLabels(names: string[]): Promise<void> {
    const stored = this.ctx.datasets.get(this.file).labels ?? [];
    if (stored.length === names.length && stored.every((n, i) => n === names[i])) return;
    await this.ctx.datasets.update(this.file, { labels: names });
  }

  private snapshot(): Snapshot | null {
    const index = this.index;
    if (!index || !this.mapping.text) return null;
    const p = this.mapping.textPair ? index.columns.indexOf(this.mapping.textPair) : -1;
    const item = (row: number) => {
      const [x] = rowTexts(index, this.text, this.mapping, [row], true);
      return p >= 0 ? { text: x.text, pair: x.pair ?? '' } : { text: x.text };
    };
    const train: Snapshot['train'] = [];
    for (let r = 0; r < index.rows && train.length < MAX_TRAIN; r++)
      if (this.state.rowLabels[r] >= 0) train.push({ ...item(r), label: this.state.rowLabels[r] });
    const candidates: Snapshot['candidates'] = [];
    for (let k = 0; k < index.rows && candidates.length < CANDIDATES; k++) {
      const r = (this.focusRow + k) % index.rows;
      if (this.state.rowLabels[r] < 0) candidates.push({ ...item(r), row: r });
    }
    return { labels: this.state.names, train, candidates };
  }

  dispose(): void {
    this.suggester.setSource('off');
    for (const d of this.disposables) d.dispose();
  }
}
