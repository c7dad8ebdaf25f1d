import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  TYPE_COLOURS,
  TaggedEntity,
  chunksOf,
  countByType,
  entityRows,
  parseEntities,
  placeEntities,
  typeColours,
} from '../../../extension/inference/entities';
import { wordsOf } from '../../../extension/engine/tasks/token/sentences';
import { toCodePoints } from '../../../extension/shared/data/codePoints';

/** A document as VS Code counts it: UTF-16 offsets over the whole text, lines ended by CRLF, LF or CR. */
function positionAt(doc: string, offset: number): { line: number; character: number } {
  const before = doc.slice(0, offset);
  const breaks = [...before.matchAll(/\r\n|\n|\r/g)];
  const last = breaks.at(-1);
  return { line: breaks.length, character: last ? offset - (last.index! + last[0].length) : offset };
}

/** What the engine's tagger returns for words `from`..`to` of `text` (tasks/token/tagger.ts: spans of wordsOf, in code points). */
function entity(text: string, from: number, to: number, type: string, score = 0.9): TaggedEntity {
  const words = wordsOf(text);
  const start = words[from][0];
  const end = words[to][1];
  return { type, text: text.slice(start, end), start: toCodePoints(text, start), end: toCodePoints(text, end), score };
}

test('a selection is sent line by line, blank lines skipped, each line with its offset (CRLF, LF and CR)', () => {
  assert.deepEqual(chunksOf('Ann\r\n\r\n  \nBob met Carl\rEnd'), [
    { text: 'Ann', offset: 0 },
    { text: 'Bob met Carl', offset: 10 },
    { text: 'End', offset: 23 },
  ]);
  assert.deepEqual(chunksOf('one line'), [{ text: 'one line', offset: 0 }]);
  assert.deepEqual(chunksOf('\r\n'), []);
});

test('entities land on their exact characters in the document: accents, emoji, CRLF, a multi-line selection', () => {
  const doc = 'Title 🎉\r\nJosé Müller flew 🛫 to Zürich.\r\n\r\nThen 👩‍💻 Zoë met Ana at Siemens\r\nend';
  const selStart = doc.indexOf('José');
  const selection = doc.slice(selStart, doc.indexOf('\r\nend'));
  const chunks = chunksOf(selection);
  assert.equal(chunks.length, 2);
  const [first, second] = chunks.map((c) => c.text);
  // Words are found by their text: how wordsOf splits emoji is its own business.
  const w = (text: string, word: string) => wordsOf(text).findIndex(([a, b]) => text.slice(a, b) === word);
  const perChunk = [
    [
      entity(first, w(first, 'José'), w(first, 'Müller'), 'PER'),
      entity(first, w(first, 'Zürich'), w(first, 'Zürich'), 'LOC'),
    ],
    [
      entity(second, w(second, 'Zoë'), w(second, 'Zoë'), 'PER', 0.7),
      entity(second, w(second, 'Siemens'), w(second, 'Siemens'), 'ORG', 0.6),
    ],
  ];
  const parsed = chunks.map((c, i) => parseEntities(perChunk[i], c.text, `line ${i + 1}`));
  const placed = placeEntities(selStart, chunks, parsed);
  assert.deepEqual(
    placed.map((e) => [doc.slice(e.start, e.end), e.type]),
    [
      ['José Müller', 'PER'],
      ['Zürich', 'LOC'],
      ['Zoë', 'PER'],
      ['Siemens', 'ORG'],
    ],
  );
  const rows = entityRows(placed, (o) => positionAt(doc, o));
  assert.deepEqual(
    rows.map((r) => `${r.text} ${r.line}:${r.column}`),
    ['José Müller 2:1', 'Zürich 2:24', 'Zoë 4:12', 'Siemens 4:27'],
  );
  // Columns count UTF-16 units as VS Code does: 🛫 is two, 👩‍💻 five (two, a joiner, two).
  assert.equal(doc.split('\r\n')[1].indexOf('Zürich') + 1, 24);
  assert.equal(doc.split('\r\n')[3].indexOf('Zoë') + 1, 12);
  assert.equal(rows[0].colour, rows[2].colour, 'one type, one colour');
});

test("the engine's entities are checked: offsets in another unit or outside the text are refused", () => {
  const text = 'Zoë 🎉 met Ana';
  // The engine counts code points ("met" is 6–9, as Python's str counts); UTF-16 units (7–10) are refused.
  assert.throws(
    () => parseEntities([{ type: 'PER', text: 'met', start: 7, end: 10, score: 0.9 }], text, 'line 1'),
    /line 1: entity "met" is not the text at code points 7–10/,
  );
  assert.deepEqual(parseEntities([{ type: 'PER', text: 'Ana', start: 10, end: 13, score: 0.9 }], text, 'x'), [
    { type: 'PER', text: 'Ana', start: 11, end: 14, score: 0.9 },
  ]);
  assert.throws(() => parseEntities([{ type: 'PER', text: 'x', start: 3, end: 40, score: 1 }], text, 'x'), /outside/);
  assert.throws(() => parseEntities([{ type: 'PER', start: 0, end: 3 }], text, 'x'), /entity 0 is not/);
  assert.throws(() => parseEntities({ entities: [] }, text, 'x'), /no list of entities/);
  assert.throws(() => placeEntities(0, chunksOf('a\nb'), [[]]), /answered 1 texts for 2 sent/);
});

test('types get colours in alphabetical order, cycling; counts per type, most first', () => {
  const colours = typeColours(['PER', 'LOC', 'PER', 'ORG']);
  assert.deepEqual(
    [...colours],
    [
      ['LOC', 0],
      ['ORG', 1],
      ['PER', 2],
    ],
  );
  const many = typeColours(Array.from({ length: TYPE_COLOURS + 1 }, (_, i) => `T${i}`));
  assert.equal(many.get(`T${TYPE_COLOURS}`), 0);
  assert.deepEqual(countByType([{ type: 'PER' }, { type: 'LOC' }, { type: 'PER' }, { type: 'ORG' }]), [
    { type: 'PER', count: 2 },
    { type: 'LOC', count: 1 },
    { type: 'ORG', count: 1 },
  ]);
});
