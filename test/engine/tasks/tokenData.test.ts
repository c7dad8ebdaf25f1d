import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DATA } from '../train/tinyModel';
import { BertTokenizer } from '../../../extension/engine/tokenize/bertTokenizer';
import {
  fromWords,
  readTaggedSentences,
  tagsFromSpans,
  wordsOf,
} from '../../../extension/engine/tasks/token/sentences';
import { alignLabels } from '../../../extension/engine/tasks/token/align';

const TINY = path.join(DATA, '..', 'parity', 'tiny-cls');
const tmpFile = (name: string, text: string) => {
  const f = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ner-')), name);
  fs.writeFileSync(f, text);
  return f;
};

test('CoNLL, tokens + ner_tags and text + spans fixtures read as the same sentences', async () => {
  const conll = await readTaggedSentences(path.join(DATA, 'ner.conll'));
  const tokens = await readTaggedSentences(path.join(DATA, 'ner-tokens.jsonl'));
  const spans = (await readTaggedSentences(path.join(DATA, 'ner-spans.jsonl'))).slice(0, 40);
  assert.equal(conll.length, 40, '-DOCSTART- skipped, one sentence per blank-line block');
  assert.deepEqual(conll, tokens);
  assert.deepEqual(
    spans.map((s) => s.tags),
    tokens.map((s) => s.tags),
  );
  assert.deepEqual(tokens[2].tags, ['O', 'B-PER', 'I-PER', 'O', 'B-PER', 'O', 'O', 'O', 'O', 'B-ORG', 'O']);
  assert.equal(tokens[2].text.slice(...tokens[2].words[1]), 'carol');
});

test('spans become IOB2 word tags; bad spans and tag ids without names are errors naming the line', async () => {
  const text = "Dr. Jean-Luc visited New York's zoo";
  assert.deepEqual(
    wordsOf(text).map(([a, b]) => text.slice(a, b)),
    ['Dr', '.', 'Jean', '-', 'Luc', 'visited', 'New', 'York', "'", 's', 'zoo'],
  );
  const s = tagsFromSpans(
    text,
    [
      { start: 4, end: 12, label: 'PER' },
      { start: 21, end: 29, label: 'LOC' },
    ],
    'x',
  );
  assert.deepEqual(s.tags, ['O', 'O', 'B-PER', 'I-PER', 'I-PER', 'O', 'B-LOC', 'I-LOC', 'O', 'O', 'O']);
  assert.throws(
    () => tagsFromSpans(text, [{ start: 30, end: 99, label: 'X' }], 'f: line 3'),
    /f: line 3: span .* not within/,
  );
  assert.throws(
    () =>
      tagsFromSpans(
        text,
        [
          { start: 0, end: 8, label: 'A' },
          { start: 4, end: 9, label: 'B' },
        ],
        'f',
      ),
    /overlap/,
  );
  const ids = tmpFile('ids.jsonl', '{"tokens": ["a", "b"], "ner_tags": [0, 1]}\n');
  await assert.rejects(readTaggedSentences(ids), /line 1: tag 0 is an id; give the tag names/);
  assert.deepEqual((await readTaggedSentences(ids, ['O', 'B-X']))[0].tags, ['O', 'B-X']);
  const doccano = tmpFile('d.jsonl', '{"text": "bob ran", "label": [[0, 3, "PER"]]}\n');
  assert.deepEqual((await readTaggedSentences(doccano))[0].tags, ['B-PER', 'O']);
  await assert.rejects(readTaggedSentences(tmpFile('bad.conll', 'word\n')), /bad.conll: line 1 has a token but no tag/);
});

test("labels align to word pieces as Transformers' example does: first piece tagged, the rest and specials -100", async () => {
  const tok = BertTokenizer.load(TINY);
  const s = { ...fromWords(['Jean-Luc', 'loves', 'huggingface', 'Paris'], ['B-PER', 'O', 'B-ORG', 'B-LOC']) };
  const e = await tok.encode(s.text);
  const ids: Record<string, number> = { O: 0, 'B-PER': 1, 'I-PER': 2, 'B-ORG': 3, 'I-ORG': 4, 'B-LOC': 5 };
  const pairs = e.tokens.map((t, i) => [t, alignLabels(e, s, (x) => ids[x])[i]]);
  assert.deepEqual(pairs, [
    ['[CLS]', -100],
    ['jean', 1],
    ['-', -100],
    ['luc', -100],
    ['loves', 0],
    ['hugging', 3],
    ['##face', -100],
    ['paris', 5],
    ['[SEP]', -100],
  ]);
  // label_all_tokens: later pieces take the I- form of the word's tag.
  assert.deepEqual(
    alignLabels(e, s, (x) => ids[x], true),
    [-100, 1, 2, 2, 0, 3, 4, 5, -100],
  );
});

test('span offsets count code points, as the Python tools that write them do (an emoji before an entity)', async () => {
  // In Python, '🙂 met Bob 🎉 in Paris'.index('Paris') is 15; in JavaScript it is 17 (each emoji is two UTF-16 units).
  const text = '🙂 met Bob 🎉 in Paris';
  const file = tmpFile(
    'emoji.jsonl',
    JSON.stringify({
      text,
      spans: [
        { start: 6, end: 9, label: 'PER' },
        { start: 15, end: 20, label: 'LOC' },
      ],
    }) + '\n',
  );
  const [s] = await readTaggedSentences(file);
  assert.deepEqual(
    s.words.map(([a, b], i) => [text.slice(a, b), s.tags[i]]).filter(([, t]) => t !== 'O'),
    [
      ['Bob', 'B-PER'],
      ['Paris', 'B-LOC'],
    ],
  );
  assert.throws(() => tagsFromSpans(text, [{ start: 15, end: 21, label: 'LOC' }], 'f'), /length 20 characters/);
});
