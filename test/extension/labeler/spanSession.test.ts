import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EngineClient } from '../../../extension/engine/process/engineClient';
import { scanJsonl } from '../../../extension/labeler/scanJsonl';
import { applyEdits } from '../../../extension/labeler/labelEdit';
import { rowSpans } from '../../../extension/labeler/spanEdit';
import { SpanHost, SpanSession } from '../../../extension/labeler/spanSession';
import { toCodePoints, toUtf16 } from '../../../extension/shared/data/codePoints';
import type { Span, ToWebview } from '../../../extension/shared/protocol/labeler';

const PARITY = path.join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'parity');

/** The tiny random token model with IOB2 tag names, so that its (random) tags make entities. */
function taggingModel(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'span-model-'));
  for (const f of fs.readdirSync(path.join(PARITY, 'tiny-token')))
    fs.copyFileSync(path.join(PARITY, 'tiny-token', f), path.join(dir, f));
  const config = JSON.parse(fs.readFileSync(path.join(dir, 'config.json'), 'utf8')) as Record<string, unknown>;
  const tags = ['O', 'B-PER', 'I-PER', 'B-ORG', 'I-ORG'];
  config.id2label = Object.fromEntries(tags.map((t, i) => [String(i), t]));
  config.label2id = Object.fromEntries(tags.map((t, i) => [t, i]));
  fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify(config));
  return dir;
}

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 600 && !check(); i++) await new Promise((r) => setTimeout(r, 50));
  assert.ok(check(), what);
}

test('a token model’s entities are suggested spans; accepting writes them in code points; a cls model is refused', async () => {
  const engine = await EngineClient.start();
  try {
    const rowText = '🙂 alice smith met bob jones at acme corp in paris with 🎉 carol and dan from the united nations';
    let file = JSON.stringify({ text: rowText, spans: [] }) + '\n{"text":"x","spans":[]}\n';
    let names: string[] = [];
    let model = taggingModel();
    const posted: Extract<ToWebview, { type: 'spans' }>[] = [];
    const statuses: string[] = [];
    const host: SpanHost = {
      current: () => ({ index: scanJsonl(file), text: file, column: 'spans' }),
      post: (m) => {
        if (m.type === 'spans') posted.push(m);
      },
      apply: (edits) => (file = applyEdits(file, edits)),
      labels: () => names,
      rememberLabels: async (n) => void (names = n),
      predict: (texts) => engine.predict(model, texts),
      status: (t) => statuses.push(t),
    };
    const session = new SpanSession(host);
    session.show(0);
    assert.deepEqual(posted.at(-1), { type: 'spans', row: 0, spans: [], suggested: [] });
    session.setSource('model');
    await until(() => statuses.some((s) => /suggested span/.test(s)), 'suggestions arrive');
    const direct = (await engine.predict(model, [rowText])).results[0] as {
      type: string;
      start: number;
      end: number;
    }[];
    assert.ok(direct.length > 0, 'the model tags some words as entities');
    // The engine counts code points (as the file does); the webview gets UTF-16 offsets.
    const suggested: Span[] = direct.map((e) => ({
      start: toUtf16(rowText, e.start),
      end: toUtf16(rowText, e.end),
      label: e.type,
    }));
    assert.deepEqual(posted.at(-1)?.suggested, suggested);

    // Enter: the suggestions become spans, written as code points (each emoji before them counts one, not two).
    await session.add({
      type: 'addSpans',
      row: 0,
      spans: suggested.map((s) => ({ ...s, text: rowText.slice(s.start, s.end) })),
      skipOverlapping: true,
    });
    const written = rowSpans(scanJsonl(file), file, 0, 'spans');
    assert.deepEqual(
      written,
      suggested
        .map((s) => ({ ...s, start: toCodePoints(rowText, s.start), end: toCodePoints(rowText, s.end) }))
        .sort((a, b) => a.start - b.start),
    );
    assert.ok(
      suggested.some((s) => s.start > 1),
      'a suggestion after the emoji, where code points and UTF-16 units differ',
    );
    assert.deepEqual([...names].sort(), [...new Set(suggested.map((s) => s.label))].sort());
    assert.equal(file.split('\n')[1], '{"text":"x","spans":[]}', 'the other row is untouched');
    // The spans shown after the change are in UTF-16 again, where the webview's text has them.
    session.show(0);
    assert.deepEqual(
      posted.at(-1)?.spans,
      [...suggested].sort((a, b) => a.start - b.start),
    );
    // Removing one from the view's offsets removes it from the file.
    session.remove({ type: 'removeSpan', row: 0, span: posted.at(-1)!.spans[0] });
    assert.equal(rowSpans(scanJsonl(file), file, 0, 'spans').length, written.length - 1);

    // A classification model's predictions are not spans.
    model = path.join(PARITY, 'tiny-cls');
    statuses.length = 0;
    session.setSource('model');
    await until(() => statuses.some((s) => /unavailable/.test(s)), 'the refusal');
    assert.match(
      statuses.join('\n'),
      /the chosen model is a 'cls' model; span suggestions need a token-classification one/,
    );
  } finally {
    await engine.stop();
  }
});
