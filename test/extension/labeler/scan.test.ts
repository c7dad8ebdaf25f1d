import { test } from 'node:test';
import assert from 'node:assert/strict';
import Papa from 'papaparse';
import { cellValue, DocumentIndex } from '../../../extension/labeler/documentIndex';
import { scanDocument } from '../../../extension/labeler/scan';
import { addColumnEdits, applyEdits, labelEdit } from '../../../extension/labeler/labelEdit';

const table = (ix: DocumentIndex, text: string) =>
  Array.from({ length: ix.rows }, (_, r) => ix.columns.map((_c, c) => cellValue(ix, text, r, c)));

test('CSV cells by offset: quoted delimiters, doubled quotes, newlines, CRLF, BOM, blank trailing lines', () => {
  const text = '\ufeffid,text,label\r\n1,"a, ""b""\r\nc",pos\r\n2,plain,\r\n\r\n,,\r\n3, spaced ,"neg"\r\n\r\n\r\n';
  const ix = scanDocument(text, 'csv');
  assert.deepEqual(ix.columns, ['id', 'text', 'label']);
  assert.deepEqual(table(ix, text), [
    ['1', 'a, "b"\r\nc', 'pos'],
    ['2', 'plain', ''],
    ['3', ' spaced ', 'neg'],
  ]);
  assert.equal(ix.eol, '\r\n');
  assert.deepEqual(ix.warnings, []);
});

test('TSV and a last line without a line break', () => {
  const text = 'text\tlabel\nhello, world\tx\n"tab\there"\ty';
  const ix = scanDocument(text, 'tsv');
  assert.deepEqual(table(ix, text), [
    ['hello, world', 'x'],
    ['tab\there', 'y'],
  ]);
});

test('an unclosed quote names the row and the column', () => {
  assert.throws(
    () => scanDocument('text,label\nok,a\n"never closed,b\n', 'csv'),
    /row 2, column 'text': a quoted field is never closed .*line 3/,
  );
});

test('ragged rows are indexed and reported, and a label edit on a short row adds the missing cells', () => {
  const text = 'id,text,label\n1,short\n2,ok,pos\n';
  const ix = scanDocument(text, 'csv');
  assert.match(ix.warnings[0], /row 1 \(line 2\) has 2 fields, the header has 3/);
  const next = applyEdits(text, [labelEdit(ix, text, 0, 'label', 'neg')!]);
  assert.equal(next, 'id,text,label\n1,short,neg\n2,ok,pos\n');
});

test('edits quote only when needed and keep a quoted cell quoted', () => {
  const text = 'text,label\na,"x"\nb,y\n';
  const ix = scanDocument(text, 'csv');
  const set = (row: number, v: string | null) => applyEdits(text, [labelEdit(ix, text, row, 'label', v)!]);
  assert.equal(set(1, 'plain'), 'text,label\na,"x"\nb,plain\n');
  assert.equal(set(1, 'a,b'), 'text,label\na,"x"\nb,"a,b"\n');
  assert.equal(set(1, 'say "hi"'), 'text,label\na,"x"\nb,"say ""hi"""\n');
  assert.equal(set(1, ' lead'), 'text,label\na,"x"\nb," lead"\n');
  assert.equal(set(0, 'z'), 'text,label\na,"z"\nb,y\n');
  assert.equal(set(0, null), 'text,label\na,\nb,y\n');
  assert.equal(labelEdit(ix, text, 1, 'label', 'y'), null);
});

test('adding a label column touches the header and the end of every row only', () => {
  const text = 'text\r\n"a\r\nb"\r\nc\r\n';
  const ix = scanDocument(text, 'csv');
  const next = applyEdits(text, addColumnEdits(ix, 'label'));
  assert.equal(next, 'text,label\r\n"a\r\nb",\r\nc,\r\n');
  const again = scanDocument(next, 'csv');
  assert.deepEqual(table(again, next), [
    ['a\r\nb', ''],
    ['c', ''],
  ]);
});

test('JSONL: value spans of top-level keys; edits replace only the value or insert the key', () => {
  const text =
    '{"text": "a {\\"x\\": 1}", "label": "pos", "meta": {"label": "inner"}}\r\n\r\n{"text":"b","label":null}\n{"text": "c"}\n{}\n{"label": 1, "text": "d"}\n';
  const ix = scanDocument(text, 'jsonl');
  assert.deepEqual(ix.columns, ['text', 'label', 'meta']);
  assert.deepEqual(table(ix, text), [
    ['a {"x": 1}', 'pos', '{"label":"inner"}'],
    ['b', '', ''],
    ['c', '', ''],
    ['', '', ''],
    ['d', '1', ''],
  ]);
  const set = (row: number, v: string | null) => applyEdits(text, [labelEdit(ix, text, row, 'label', v)!]);
  assert.equal(
    set(0, 'neg').split('\n')[0],
    '{"text": "a {\\"x\\": 1}", "label": "neg", "meta": {"label": "inner"}}\r',
  );
  assert.equal(set(1, 'q"x').split('\n')[2], '{"text":"b","label":"q\\"x"}');
  assert.equal(set(2, 'neg').split('\n')[3], '{"text": "c", "label": "neg"}');
  assert.equal(set(3, 'neg').split('\n')[4], '{"label":"neg"}');
  assert.equal(set(4, '2').split('\n')[5], '{"label": 2, "text": "d"}');
  assert.equal(set(0, null).split('\n')[0], '{"text": "a {\\"x\\": 1}", "label": null, "meta": {"label": "inner"}}\r');
  assert.equal(labelEdit(ix, text, 2, 'label', null), null);
});

test('a bad JSON line is named', () => {
  assert.throws(() => scanDocument('{"a":1}\n{"a":\n', 'jsonl'), /line 2 is not JSON/);
  assert.throws(() => scanDocument('[1]\n', 'jsonl'), /line 1 is not a JSON object/);
});

test('the scanner reads delimited text as papaparse does (skipEmptyLines greedy)', () => {
  const text = 'a,b\n"x\n""y""",1\n\n  \n,\nlast,"2"';
  const ix = scanDocument(text, 'csv');
  const parsed = Papa.parse<string[]>(text, { delimiter: ',', skipEmptyLines: 'greedy' }).data;
  assert.deepEqual([ix.columns, ...table(ix, text)], parsed);
});

test('very long texts are indexed without copying', () => {
  const long = 'word, '.repeat(200_000);
  const text = `text,label\n"${long}",a\n`;
  const ix = scanDocument(text, 'csv');
  assert.equal(cellValue(ix, text, 0, 0), long);
  assert.equal(applyEdits(text, [labelEdit(ix, text, 0, 'label', 'b')!]), `text,label\n"${long}",b\n`);
});
