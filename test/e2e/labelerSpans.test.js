// The labeler labels spans in a `text` + `spans` JSONL file (the NER fixture, as doccano exports it): a span made
// with the keyboard (Ctrl+→ to a word, Ctrl+Shift+→ selects it with the space before it, which is trimmed), one
// made by dragging the mouse, one removed by clicking it and pressing Delete. Saved, the file on disk differs from
// the original only in that row's spans value. Undo and redo work as for labels.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { url, workspace, withWorkbench, screenshot, waitUntil } = require('./vscode');

const { NER_FIXTURE: FIXTURE, NER_ROW0: ROW0, span, openSpanLabeler, labelNewsAsOrg } = require('./entities');

test(
  'Labeler: spans made by keyboard and mouse, and removed, are saved as only that row’s spans change',
  { skip: !url },
  async () => {
    const original = fs.readFileSync(FIXTURE, 'utf8');
    assert.ok(original.startsWith(ROW0 + '\n'), 'the fixture starts with the row this test labels');
    const file = path.join(workspace, 'ner-spans.jsonl');
    fs.writeFileSync(file, original);
    const withRow0 = (spans) => original.replace(ROW0, ROW0.replace(/"spans":\[.*\]/, `"spans":[${spans.join(',')}]`));
    await withWorkbench('labeler-spans', async (page) => {
      // Row 1's PER span is shown with its label. Keyboard: "news" labelled ORG.
      const labeler = await openSpanLabeler(page, 'ner-spans.jsonl');
      await labelNewsAsOrg(page, labeler);

      // Mouse: drag across "We saw " (the piece of text before the PER span); the trailing space is trimmed.
      // The row's text is drawn again after each edit: wait for the piece, and measure it once it is laid out.
      const piece = labeler.locator('.span-text [data-at="0"]');
      let box = null;
      for (let i = 0; i < 20 && !box; i++) {
        await piece.waitFor({ timeout: 10000 });
        box = await piece.boundingBox();
        if (!box) await page.waitForTimeout(250);
      }
      assert.ok(box, 'the text before the PER span is laid out');
      await page.mouse.move(box.x + 1, box.y + box.height / 2);
      await page.mouse.down();
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 4 });
      await page.mouse.move(box.x + box.width - 1, box.y + box.height / 2, { steps: 4 });
      await page.mouse.up();
      await page.keyboard.press('1');
      await labeler.locator('mark.span[data-label="PER"]', { hasText: 'We saw' }).waitFor({ timeout: 30000 });
      await page.locator('.tab.active.dirty').waitFor({ timeout: 20000 });
      await screenshot(page, 'labeler-spans-1-made');
      await page.keyboard.press('Control+S');
      await page.waitForFunction(() => !document.querySelector('.tab.active.dirty'), null, { timeout: 20000 });
      const made = withRow0([span(0, 6, 'PER'), span(7, 10, 'PER'), span(18, 22, 'ORG')]);
      await waitUntil(() => fs.readFileSync(file, 'utf8') === made, 'the saved bytes').catch(() => {
        assert.equal(fs.readFileSync(file, 'utf8').split('\n')[0], made.split('\n')[0]);
        assert.ok(fs.readFileSync(file).equals(Buffer.from(made)), 'only row 1 changed');
      });

      // A span overlapping another is refused with a message; the file does not change.
      await labeler.locator('.where').click();
      await page.keyboard.press('Shift+ArrowRight');
      await page.keyboard.press('2');
      await labeler.locator('.status', { hasText: 'overlaps the PER span' }).waitFor({ timeout: 10000 });

      // Click the "tom" span and press Delete: it goes; undo brings it back (the tab clean again, as saved), redo
      // removes it again, and saved, the file has only the other two.
      await labeler.locator('mark.span', { hasText: 'tom' }).locator('[data-at]').first().click();
      await page.keyboard.press('Delete');
      await labeler.locator('mark.span', { hasText: 'tom' }).waitFor({ state: 'detached', timeout: 30000 });
      await page.locator('.tab.active.dirty').waitFor({ timeout: 20000 });
      await page.keyboard.press('Control+Z');
      await labeler.locator('mark.span', { hasText: 'tom' }).waitFor({ timeout: 30000 });
      await page.waitForFunction(() => !document.querySelector('.tab.active.dirty'), null, { timeout: 20000 });
      await page.keyboard.press('Control+Shift+Z');
      await labeler.locator('mark.span', { hasText: 'tom' }).waitFor({ state: 'detached', timeout: 30000 });
      await page.keyboard.press('Control+S');
      await page.waitForFunction(() => !document.querySelector('.tab.active.dirty'), null, { timeout: 20000 });
      const removed = withRow0([span(0, 6, 'PER'), span(18, 22, 'ORG')]);
      await waitUntil(() => fs.readFileSync(file, 'utf8') === removed, 'the bytes after removing a span').catch(() => {
        assert.equal(fs.readFileSync(file, 'utf8').split('\n')[0], removed.split('\n')[0]);
        assert.ok(fs.readFileSync(file).equals(Buffer.from(removed)), 'only row 1 changed');
      });
      await screenshot(page, 'labeler-spans-2-removed');
    });
  },
);
