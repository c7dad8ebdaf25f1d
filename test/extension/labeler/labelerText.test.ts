/**
 * The labeler's edits at the byte level: a file read with decodeFile, given a label through labelEdit and written
 * with encodeFile differs from the original only in the label cell's bytes, whatever its line endings (CRLF rows
 * with LF inside quoted cells as Excel writes them, LF, any mix), quoting and BOM; undo gives back every byte.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { scanDocument } from '../../../extension/labeler/scan';
import { addColumnEdits, applyEdits, labelEdit, TextEdit } from '../../../extension/labeler/labelEdit';
import { decodeFile, encodeFile, invertEdits } from '../../../extension/labeler/labelerText';
import { writeFileAtomic } from '../../../extension/shared/atomicWrite';
import { cellValue } from '../../../extension/labeler/documentIndex';

const utf8 = (s: string) => Buffer.from(s, 'utf8');

/** Labels `row` with `value` in the file's bytes; returns the new bytes and where the label cell's bytes were. */
function labelBytes(bytes: Buffer, format: 'csv' | 'tsv', row: number, value: string | null) {
  const text = decodeFile(bytes, 'x.csv');
  const index = scanDocument(text, format);
  const edit = labelEdit(index, text, row, 'label', value);
  assert.ok(edit, 'the label changes');
  const after = Buffer.from(encodeFile(applyEdits(text, [edit])));
  return { after, start: utf8(text.slice(0, edit.start)).length, end: utf8(text.slice(0, edit.end)).length, edit };
}

/** Everything before and after the label cell is byte-identical; the cell holds `cell`. */
function assertOnlyCellChanged(before: Buffer, after: Buffer, start: number, end: number, cell: string): void {
  assert.deepEqual(after.subarray(0, start), before.subarray(0, start), 'the bytes before the label cell');
  assert.deepEqual(after.subarray(after.length - (before.length - end)), before.subarray(end), 'the bytes after it');
  assert.equal(after.subarray(start, after.length - (before.length - end)).toString('utf8'), cell);
}

const EXCEL =
  '\ufeffid,text,label\r\n' +
  '1,"first line\nsecond line",billing\r\n' +
  '2,"a ""quoted"" word, and a comma\nand a break",\r\n' +
  '3,plain text,"deli,very"\r\n' +
  '4,"é ünïcode 🙂\n\nblank line above",\r\n';

test('an Excel CSV (BOM, CRLF rows, LF in quoted cells): a label changes only the label cell', () => {
  const before = utf8(EXCEL);
  const { after, start, end } = labelBytes(before, 'csv', 1, 'technical');
  assertOnlyCellChanged(before, after, start, end, 'technical');
  assert.equal(after.toString('utf8'), EXCEL.replace('and a break",\r\n', 'and a break",technical\r\n'));
  assert.equal((after.toString('utf8').match(/\r\n/g) ?? []).length, 5, 'CRLF only between rows');
  assert.equal((after.toString('utf8').match(/(?<!\r)\n/g) ?? []).length, 4, 'the bare LFs in cells stay');
  assert.deepEqual([...after.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'the BOM stays');

  const quoted = labelBytes(before, 'csv', 2, 'billing');
  assertOnlyCellChanged(before, quoted.after, quoted.start, quoted.end, '"billing"');
  const last = labelBytes(before, 'csv', 3, 'needs "quotes", yes');
  assertOnlyCellChanged(before, last.after, last.start, last.end, '"needs ""quotes"", yes"');
  const cleared = labelBytes(before, 'csv', 0, null);
  assertOnlyCellChanged(before, cleared.after, cleared.start, cleared.end, '');
});

test('LF, CRLF, CR-LF mixes, no final line break and TSV: only the label cell changes', () => {
  const files: [string, 'csv' | 'tsv'][] = [
    ['text,label\n"a\r\nb",x\n"c\nd",\n', 'csv'],
    ['text,label\r\na,x\nb,\r\n"c\r\n\nd",y', 'csv'],
    ['text,label\r\n"one\ntwo",\r\n"three",z', 'csv'],
    ['text\tlabel\r\n"tab\tand\nbreak"\t\r\nplain\tq\r\n', 'tsv'],
  ];
  for (const [text, format] of files) {
    const before = utf8(text);
    const rows = scanDocument(text, format).rows;
    for (let row = 0; row < rows; row++) {
      const { after, start, end } = labelBytes(before, format, row, 'new');
      assertOnlyCellChanged(before, after, start, end, 'new');
    }
  }
});

test('undo (the inverse edits) gives back every byte, also after a multi-edit step such as adding a column', () => {
  const text = decodeFile(utf8(EXCEL.replace(/,label|,billing|,"deli,very"|,(?=\r\n)/g, '')), 'x.csv');
  const index = scanDocument(text, 'csv');
  const edits = addColumnEdits(index, 'label');
  const added = applyEdits(text, edits);
  const withColumn = scanDocument(added, 'csv');
  assert.deepEqual(withColumn.columns, ['id', 'text', 'label']);
  assert.equal(cellValue(withColumn, added, 0, 1), 'first line\nsecond line');
  assert.equal(applyEdits(added, invertEdits(text, edits)), text);
  assert.deepEqual(Buffer.from(encodeFile(applyEdits(added, invertEdits(text, edits)))), Buffer.from(encodeFile(text)));
});

const eol = fc.constantFrom('\n', '\r\n');
const cell = fc.string({ unit: fc.constantFrom('a', 'é', '🙂', ' ', ',', '"', '\n', '\r\n'), maxLength: 6 });
const mixedCase = fc.record({
  rows: fc.array(fc.tuple(cell, fc.option(fc.constantFrom('x', 'y', ''), { nil: undefined }), eol), {
    minLength: 1,
    maxLength: 8,
  }),
  bom: fc.boolean(),
  header: eol,
  edits: fc.array(fc.tuple(fc.nat(), fc.option(fc.constantFrom('x', 'y', 'z z', 'q,"r"', 'l\nm'), { nil: null })), {
    minLength: 1,
    maxLength: 6,
  }),
});

test('random files with mixed line endings: a sequence of labels changes only label cells, and undoing all restores the bytes', () => {
  fc.assert(
    fc.property(mixedCase, (c) => {
      const quote = (v: string) =>
        /[",\r\n]/.test(v) || v !== v.trim() || v === '' ? `"${v.replace(/"/g, '""')}"` : v;
      const source =
        (c.bom ? '\ufeff' : '') +
        'text,label' +
        c.header +
        c.rows.map(([t, l, e]) => `${quote(`k${t}`)}${l === undefined ? ',' : `,${l}`}${e}`).join('');
      const original = utf8(source);
      let text = decodeFile(original, 'x.csv');
      const undo: TextEdit[][] = [];
      for (const [pick, value] of c.edits) {
        const index = scanDocument(text, 'csv');
        const row = pick % index.rows;
        const edit = labelEdit(index, text, row, 'label', value);
        if (!edit) continue;
        const before = Buffer.from(encodeFile(text));
        const start = utf8(text.slice(0, edit.start)).length;
        const end = start + utf8(text.slice(edit.start, edit.end)).length;
        undo.push(invertEdits(text, [edit]));
        text = applyEdits(text, [edit]);
        const after = Buffer.from(encodeFile(text));
        assert.deepEqual(after.subarray(0, start), before.subarray(0, start));
        assert.deepEqual(after.subarray(after.length - (before.length - end)), before.subarray(end));
        assert.equal(cellValue(scanDocument(text, 'csv'), text, row, 1), value ?? '');
      }
      while (undo.length) text = applyEdits(text, undo.pop()!);
      assert.deepEqual(Buffer.from(encodeFile(text)), original);
      return true;
    }),
    { numRuns: 300 },
  );
});

test('files that could not be written back byte for byte are refused, naming the file and where', () => {
  assert.throws(() => decodeFile(Buffer.from([0x61, 0x2c, 0x62, 0x0a, 0x63, 0xe9, 0x0a]), 'latin1.csv'), {
    message: /latin1\.csv is not valid UTF-8 at line 2 \(byte 5\)/,
  });
  assert.throws(() => decodeFile(Buffer.from('\ufefftext,label\n', 'utf16le'), 'wide.csv'), {
    message: /wide\.csv is UTF-16/,
  });
  assert.equal(decodeFile(utf8('\ufeffa\r\nb\n'), 'x').length, 6, 'the BOM is kept as U+FEFF');
});

test('saving replaces the file whole (writeFileAtomic), keeps its permissions and leaves no temporary file', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'labeler-save-'));
  const file = path.join(dir, 'data.csv');
  fs.writeFileSync(file, 'old');
  fs.chmodSync(file, 0o640);
  writeFileAtomic(file, utf8(EXCEL));
  assert.equal(fs.readFileSync(file, 'utf8'), EXCEL);
  assert.equal(fs.statSync(file).mode & 0o777, 0o640);
  assert.deepEqual(fs.readdirSync(dir), ['data.csv']);
});
