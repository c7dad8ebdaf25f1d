import { test } from 'node:test';
import assert from 'node:assert/strict';
import { charLeft, charRight, freeSuggestions, segments, wordLeft, wordRight } from '../../../webview/labeler/spanText';

test('the caret steps over an emoji as one character, and by word as an editor does', () => {
  const t = 'a🙂 carol-jones met';
  assert.equal(charRight(t, 1), 3);
  assert.equal(charLeft(t, 3), 1);
  assert.equal(charLeft(t, 0), 0);
  assert.equal(charRight(t, t.length), t.length);
  assert.equal(wordRight(t, 3), 9, 'past the space, to the end of carol');
  assert.equal(wordRight(t, 9), 15);
  assert.equal(wordLeft(t, 15), 10);
  assert.equal(wordLeft(t, 10), 4);
  assert.equal(wordRight(t, 16), t.length);
});

test('segments cut the text at spans, suggestions and the selection; suggestions over spans are dropped', () => {
  const spans = [{ start: 2, end: 5, label: 'A' }];
  const suggested = freeSuggestions(spans, [
    { start: 4, end: 6, label: 'B' },
    { start: 7, end: 9, label: 'C' },
  ]);
  assert.deepEqual(suggested, [{ start: 7, end: 9, label: 'C' }]);
  const s = segments(10, spans, suggested, [3, 8]);
  assert.deepEqual(
    s.map((x) => [x.start, x.end, x.span, x.suggestion, x.selected]),
    [
      [0, 2, -1, -1, false],
      [2, 3, 0, -1, false],
      [3, 5, 0, -1, true],
      [5, 7, -1, -1, true],
      [7, 8, -1, 0, true],
      [8, 9, -1, 0, false],
      [9, 10, -1, -1, false],
    ],
  );
});
