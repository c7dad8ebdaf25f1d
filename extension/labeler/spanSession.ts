/**
 * The labeler's span labelling, for a `text` + `spans` file: each row's spans sent to the webview in its text's
 * UTF-16 offsets (the file counts code points), spans added from a selection and removed, and a chosen
 * token-classification model's entities for the row in focus as suggested spans.
 */
import { DocumentIndex, ScanError, cellValue } from './documentIndex';
import type { TextEdit } from './labelEdit';
import { LabelState, renamedNames } from './labelSet';
import { addSpansEdit, removeSpanEdit, renameSpanLabelEdits, rowSpans, selectionSpan } from './spanEdit';
import { toCodePoints, toUtf16 } from '../shared/data/codePoints';
import { parseEntities } from '../inference/entities';
import type { FromWebview, Span, ToWebview } from '../shared/protocol/labeler';

export interface SpanHost {
  /** The document as it is now, and its spans column. */
  current(): { index: DocumentIndex; text: string; column: string };
  post(m: ToWebview): void;
  apply(edits: TextEdit[], label: string): void;
  /** Adds names the label set lacks (a model's entity types). */
  rememberLabels(names: string[]): Promise<void>;
  labels(): string[];
  /** The chosen model's result for `texts` (the task's own JSON per text); null when none is chosen. */
  predict(texts: string[]): Promise<{ task: string; results: unknown[] } | null>;
  status(text: string, busy: boolean): void;
}

/** The label set of a span file: stored names, then each span label found; a row's label is its first span's. */
export function readSpanLabels(index: DocumentIndex, text: string, column: string, stored: string[] = []): LabelState {
  const names = [...new Set(stored.map((s) => s.trim()).filter(Boolean))];
  const counts = names.map(() => 0);
  const rowLabels = new Int32Array(index.rows).fill(-1);
  let labeled = 0;
  for (let r = 0; r < index.rows; r++) {
    const spans = rowSpans(index, text, r, column);
    for (const s of spans) {
      let id = names.indexOf(s.label);
      if (id < 0) id = names.push(s.label) - 1;
      counts[id] = (counts[id] ?? 0) + 1;
      if (rowLabels[r] < 0) rowLabels[r] = id;
    }
    if (spans.length) labeled++;
  }
  return { names, rowLabels, counts, labeled };
}

/** The new label set and the edits that rename every span labelled `from` (a span label has no spaces). */
export function renameSpanLabel(
  index: DocumentIndex,
  text: string,
  column: string,
  state: LabelState,
  from: string,
  to: string,
): { names: string[]; edits: TextEdit[] } {
  const { name, names } = renamedNames(state.names, from, to);
  if (/\s/.test(name)) throw new ScanError(`'${name}' cannot label spans: a span label needs a name without spaces`);
  return {
    names,
    edits: renameSpanLabelEdits(index, text, column, from, name),
  };
}

export class SpanSession {
  private source: 'off' | 'model' = 'off';
  private focus = -1;
  /** Suggested spans (UTF-16) per row, with the text they were predicted on. */
  private readonly suggested = new Map<number, { text: string; spans: Span[] }>();
  private generation = 0;
  private readonly pending = new Set<number>();

  constructor(private readonly host: SpanHost) {}

  private rowText(row: number): { index: DocumentIndex; text: string; column: string; rowText: string } {
    const c = this.host.current();
    if (row >= c.index.rows) throw new ScanError(`row ${row + 1} is not in the file (it has ${c.index.rows} rows)`);
    return { ...c, rowText: cellValue(c.index, c.text, row, c.index.columns.indexOf('text')) };
  }

  /** Sends the row's spans (and the suggestions for it) to the webview; with a model chosen, asks it for the row. */
  show(row: number): void {
    this.focus = row;
    const { index, text, column, rowText } = this.rowText(row);
    const utf16 = (s: Span): Span => ({ ...s, start: toUtf16(rowText, s.start), end: toUtf16(rowText, s.end) });
    const known = this.suggested.get(row);
    const suggested = known?.text === rowText ? known.spans : [];
    this.host.post({ type: 'spans', row, spans: rowSpans(index, text, row, column).map(utf16), suggested });
    if (this.source === 'model' && known?.text !== rowText && !this.pending.has(row)) void this.suggest(row, rowText);
  }

  async add(m: Extract<FromWebview, { type: 'addSpans' }>): Promise<void> {
    const { index, text, column, rowText } = this.rowText(m.row);
    const spans = m.spans.map((s) => {
      if (rowText.slice(s.start, s.end) !== s.text)
        throw new ScanError(`row ${m.row + 1} changed since the selection was made; select again`);
      return selectionSpan(rowText, s.start, s.end, s.label);
    });
    const { edit, skipped } = addSpansEdit(index, text, m.row, column, spans, m.skipOverlapping);
    const labels = this.host.labels();
    await this.host.rememberLabels([
      ...labels,
      ...new Set(spans.map((s) => s.label).filter((l) => !labels.includes(l))),
    ]);
    if (edit) this.host.apply([edit], spans.length === 1 ? `Add ${spans[0].label} Span` : 'Accept Suggested Spans');
    if (skipped)
      this.host.status(`${skipped} suggested span${skipped === 1 ? '' : 's'} overlapping a span left out.`, false);
  }

  remove(m: Extract<FromWebview, { type: 'removeSpan' }>): void {
    const { index, text, column, rowText } = this.rowText(m.row);
    const span = { ...m.span, start: toCodePoints(rowText, m.span.start), end: toCodePoints(rowText, m.span.end) };
    this.host.apply([removeSpanEdit(index, text, m.row, column, span)], `Remove ${span.label} Span`);
  }

  setSource(source: 'off' | 'quick' | 'model'): void {
    this.generation++;
    this.suggested.clear();
    this.pending.clear();
    if (source === 'quick') {
      this.source = 'off';
      this.host.status(
        'The quick model suggests whole-row labels; for spans choose a token-classification model.',
        false,
      );
    } else {
      this.source = source;
      if (source === 'off') this.host.status('', false);
    }
    if (this.focus >= 0) this.show(this.focus);
  }

  private async suggest(row: number, rowText: string): Promise<void> {
    const generation = this.generation;
    this.pending.add(row);
    try {
      this.host.status('Predicting entities with the chosen model…', true);
      const result = await this.host.predict([rowText]);
      if (generation !== this.generation) return;
      if (!result) return this.setSource('off');
      const entities = result.results[0];
      if (result.task !== 'token')
        throw new Error(
          `the chosen model is a '${result.task}' model; span suggestions need a token-classification one`,
        );
      // Checked against the row's text and placed in UTF-16 units, as the webview counts (Tag Entities' check).
      const spans = parseEntities(entities, rowText, `row ${row + 1}`).map((e) => ({
        start: e.start,
        end: e.end,
        label: e.type,
      }));
      this.suggested.set(row, { text: rowText, spans });
      this.host.status(`${spans.length} suggested span${spans.length === 1 ? '' : 's'} — Enter accepts.`, false);
      if (this.focus === row) this.show(row);
    } catch (e) {
      if (generation !== this.generation) return;
      this.source = 'off';
      this.host.status(`Suggestions unavailable: ${(e as Error).message}`, false);
    } finally {
      if (generation === this.generation) this.pending.delete(row);
    }
  }
}
