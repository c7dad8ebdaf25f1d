/**
 * Random tables written with random quoting, line ends and BOM; random label
 * edits applied one after another. The re-read table must equal the expected
 * one, and the file must equal the original with only label cells swapped.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import Papa from 'papaparse';
import { cellValue, DocumentIndex } from '../../../extension/labeler/documentIndex';
import { scanDocument } from '../../../extension/labeler/scan';
import { applyEdits, labelEdit, needsQuotes } from '../../../extension/labeler/labelEdit';

const cellText = fc.string({
  unit: fc.constantFrom('a', 'b', ' ', ',', '"', '\n', '\r\n', '\t', 'é', '{', '\\'),
  maxLength: 8,
});
const labelText = fc.option(
  fc.string({ unit: fc.constantFrom('x', 'y', ' ', ',', '"', '\n', '\t', '1'), minLength: 1, maxLength: 5 }),
  { nil: null },
);

const delimitedCase = fc.record({
  format: fc.constantFrom('csv' as const, 'tsv' as const),
  columns: fc.integer({ min: 2, max: 4 }),
  rows: fc.array(fc.array(cellText, { minLength: 4, maxLength: 4 }), { minLength: 1, maxLength: 8 }),
  quoting: fc.constantFrom('needed', 'all', 'random'),
  quoteSeed: fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }),
  eol: fc.constantFrom('\n', '\r\n'),
  bom: fc.boolean(),
  trailing: fc.integer({ min: 0, max: 3 }),
  edits: fc.array(fc.tuple(fc.nat(), labelText), { maxLength: 10 }),
});

type DelimitedCase = {
  columns: number;
  format: 'csv' | 'tsv';
  rows: string[][];
  quoting: string;
  quoteSeed: boolean[];
  eol: string;
  bom: boolean;
  trailing: number;
};

/** Rows whose other cells are blank get a letter, so clearing a label never turns a row into a blank line. */
function serialize(c: DelimitedCase): { text: string; values: string[][] } {
  const d = c.format === 'tsv' ? '\t' : ',';
  let q = 0;
  const enc = (v: string) => {
    const force = c.quoting === 'all' || (c.quoting === 'random' && c.quoteSeed[q++ % c.quoteSeed.length]);
    return force || needsQuotes(v, d) ? `"${v.replace(/"/g, '""')}"` : v;
  };
  const header = Array.from({ length: c.columns }, (_, i) => `c${i}`);
  const values = c.rows.map((r) => {
    const row = r.slice(0, c.columns);
    if (row.slice(0, -1).join('').trim() === '') row[0] = `k${row[0]}`;
    return row;
  });
  const text =
    (c.bom ? '\ufeff' : '') + [header, ...values].map((r) => r.map(enc).join(d)).join(c.eol) + c.eol.repeat(c.trailing);
  return { text, values };
}

const read = (ix: DocumentIndex, text: string) =>
  Array.from({ length: ix.rows }, (_, r) => ix.columns.map((_c, k) => cellValue(ix, text, r, k)));

/** The original text with each row's label cell replaced by the new text's: equal to the new text iff nothing else changed. */
function onlyLabelCellsDiffer(
  before: string,
  after: string,
  a: DocumentIndex,
  b: DocumentIndex,
  column: number,
): boolean {
  const w = a.columns.length;
  const swaps = [];
  for (let r = 0; r < a.rows; r++) {
    swaps.push({
      start: a.cellStart[r * w + column],
      end: a.cellEnd[r * w + column],
      text: after.slice(b.cellStart[r * w + column], b.cellEnd[r * w + column]),
    });
  }
  return applyEdits(before, swaps) === after;
}

test('delimited: random label edits change only label cells, and re-read as expected', () => {
  fc.assert(
    fc.property(delimitedCase, (c) => {
      const { text, values } = serialize(c);
      const label = c.columns - 1;
      let current = text;
      const expected = values.map((r) => [...r]);
      for (const [pick, value] of c.edits) {
        const ix = scanDocument(current, c.format);
        const row = pick % ix.rows;
        const e = labelEdit(ix, current, row, `c${label}`, value);
        if (e) current = applyEdits(current, [e]);
        expected[row][label] = value ?? '';
      }
      const original = scanDocument(text, c.format);
      const after = scanDocument(current, c.format);
      assert.deepEqual(read(after, current), expected);
      assert.ok(onlyLabelCellsDiffer(text, current, original, after, label), 'bytes outside the label cells changed');
      const oracle = Papa.parse<string[]>(current.replace(/^\ufeff/, ''), {
        delimiter: c.format === 'tsv' ? '\t' : ',',
        skipEmptyLines: 'greedy',
      }).data;
      assert.deepEqual(oracle.slice(1), expected);
      return true;
    }),
    { numRuns: 400 },
  );
});

const jsonlCase = fc.record({
  rows: fc.array(
    fc.record({
      text: fc.string({ maxLength: 6 }),
      label: fc.option(fc.oneof(fc.string({ maxLength: 4 }), fc.integer({ min: 0, max: 3 })), { nil: undefined }),
    }),
    { minLength: 1, maxLength: 6 },
  ),
  spaced: fc.boolean(),
  eol: fc.constantFrom('\n', '\r\n'),
  edits: fc.array(fc.tuple(fc.nat(), labelText), { maxLength: 8 }),
});

test('JSONL: random label edits change only the label values and re-parse as expected', () => {
  fc.assert(
    fc.property(jsonlCase, (c) => {
      const [colon, comma] = c.spaced ? [': ', ', '] : [':', ','];
      const text =
        c.rows
          .map(
            (r) =>
              `{"text"${colon}${JSON.stringify(r.text)}${r.label === undefined ? '' : `${comma}"label"${colon}${JSON.stringify(r.label)}`}}`,
          )
          .join(c.eol) + c.eol;
      let current = text;
      const expected: (string | null)[] = c.rows.map((r) => (r.label === undefined ? null : String(r.label)));
      for (const [pick, value] of c.edits) {
        const ix = scanDocument(current, 'jsonl');
        const row = pick % ix.rows;
        const e = labelEdit(ix, current, row, 'label', value);
        if (e) current = applyEdits(current, [e]);
        if (value !== null || expected[row] !== null) expected[row] = value;
      }
      const lines = current
        .split(c.eol)
        .filter(Boolean)
        .map((l) => JSON.parse(l) as { text: string; label?: unknown });
      assert.deepEqual(
        lines.map((l) => l.text),
        c.rows.map((r) => r.text),
      );
      assert.deepEqual(
        lines.map((l) => (l.label === undefined ? null : l.label === null ? null : String(l.label))),
        expected,
      );
      // Only values of "label" differ: with them removed, every line is the same text.
      const strip = (s: string) =>
        s
          .split(c.eol)
          .map((l) => l.replace(/,? ?"label": ?(null|-?\d+|"(\\.|[^"\\])*")/, ''))
          .join(c.eol);
      assert.equal(strip(current), strip(text));
      return true;
    }),
    { numRuns: 300 },
  );
});
