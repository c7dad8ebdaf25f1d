// The labeler keeps an Excel CSV's bytes: a file as Excel writes it (BOM, CRLF between rows, a bare LF for a line
// break inside a quoted cell) is labelled by keyboard and saved; on disk only the label cells changed. Undo after
// the save brings back the saved bytes' state (the tab clean again), and a second save writes the same bytes.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { url, workspace, withWorkbench, openFile, runCommand, frameWith, screenshot, waitUntil } = require('./vscode');

const row = (text, label) => `"${text.replace(/"/g, '""')}",${label}\r\n`;
const excel = (labels) =>
  '\ufefftext,label\r\n' +
  row('Charged twice this month.\nPlease refund one payment.', labels[0]) +
  row('The parcel never came.\nTracking says "delivered".', labels[1]) +
  row('App crashes on start.\n\nSince the update, every time.', labels[2]) +
  row('Invoice shows the wrong VAT, again.', labels[3]);

test('Labeler: an Excel CSV keeps its bytes; only the label cells change', { skip: !url }, async () => {
  const file = path.join(workspace, 'excel-style.csv');
  const initial = ['billing', '', '', ''];
  fs.writeFileSync(file, excel(initial));
  await withWorkbench('labeler-bytes', async (page) => {
    await openFile(page, 'excel-style.csv');
    await runCommand(page, 'BERT Studio: Open in Labeler');
    const labeler = await frameWith(page, '#focus-text');
    await labeler.locator('#progress', { hasText: '1 / 4 labeled' }).waitFor({ timeout: 30000 });
    await labeler.locator('#focus-text').click();
    await page.keyboard.press('j');
    // The label set comes from the column: billing is key 1.
    await page.keyboard.press('1');
    await labeler.locator('#progress', { hasText: '2 / 4 labeled' }).waitFor({ timeout: 30000 });
    await page.locator('.tab.active.dirty').waitFor({ timeout: 20000 });
    await page.keyboard.press('Control+S');
    await page.waitForFunction(() => !document.querySelector('.tab.active.dirty'), null, { timeout: 20000 });
    const saved = excel(['billing', 'billing', '', '']);
    await waitUntil(() => fs.readFileSync(file).equals(Buffer.from(saved)), 'the saved bytes').catch(() => {
      assert.deepEqual(describe(fs.readFileSync(file)), describe(Buffer.from(saved)));
    });
    assert.equal(fs.readFileSync(file).length - Buffer.byteLength(excel(initial)), 'billing'.length);
    await screenshot(page, 'labeler-bytes-1-saved');

    // Another label, undone with Ctrl+Z: the file is as saved, and the tab clean again.
    await labeler.locator('#focus-text').click();
    await page.keyboard.press('1');
    await labeler.locator('#progress', { hasText: '3 / 4 labeled' }).waitFor({ timeout: 30000 });
    await page.locator('.tab.active.dirty').waitFor({ timeout: 20000 });
    await page.keyboard.press('Control+Z');
    await labeler.locator('#progress', { hasText: '2 / 4 labeled' }).waitFor({ timeout: 30000 });
    await page.waitForFunction(() => !document.querySelector('.tab.active.dirty'), null, { timeout: 20000 });
    await page.keyboard.press('Control+Shift+Z');
    await labeler.locator('#progress', { hasText: '3 / 4 labeled' }).waitFor({ timeout: 30000 });
    await page.keyboard.press('Control+S');
    await page.waitForFunction(() => !document.querySelector('.tab.dirty'), null, { timeout: 20000 });
    const third = excel(['billing', 'billing', 'billing', '']);
    await waitUntil(() => fs.readFileSync(file).equals(Buffer.from(third)), 'the bytes after redo and save').catch(
      () => {
        assert.deepEqual(describe(fs.readFileSync(file)), describe(Buffer.from(third)));
      },
    );
    await screenshot(page, 'labeler-bytes-2-redo-saved');
  });
});

/** The bytes as text with line endings spelled out, so a failure shows which ending changed. */
const describe = (bytes) => bytes.toString('utf8').replace(/\r/g, '\\r').replace(/\n/g, '\\n\n');
