// The labeler as a person uses it: open a CSV with it, label 20 rows by keyboard, save, and check on disk that exactly those
// 20 label cells changed; unsaved labels survive a window reload (hot exit); the quick model's suggestion is accepted with Enter.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { url, workspace, withWorkbench, openFile, runCommand, frameWith, screenshot, waitUntil } = require('./vscode');

const LABELS = ['sports', 'cooking', 'weather'];

/** 40 rows from the classify fixture (quoted, with commas and line breaks), CRLF; the first 6 labelled, the rest not. */
function fixture() {
  const source = fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'data', 'classify.csv'), 'utf8');
  const Papa = require(path.join(__dirname, '..', '..', 'node_modules', 'papaparse'));
  const rows = Papa.parse(source, { header: true, skipEmptyLines: 'greedy' })
    .data.filter((r) => r.label)
    .slice(0, 40);
  const cell = (v) => (/[",\r\n]/.test(v) || v !== v.trim() ? `"${v.replace(/"/g, '""')}"` : v);
  // One line ending throughout, quoted newlines too: VS Code's text model turns mixed endings into one on open.
  const write = (labels) =>
    [
      'id,text,label',
      ...rows.map((r, i) => `${r.id},${cell(r.text.replace(/\r?\n/g, '\r\n'))},${labels[i] ?? ''}`),
    ].join('\r\n') + '\r\n';
  return { rows, write };
}

test('Labeler: keyboard labelling, save, hot exit, suggestions', { skip: !url }, async () => {
  const { rows, write } = fixture();
  const initial = rows.map((r, i) => (i < 6 ? r.label : undefined));
  const file = path.join(workspace, 'label-me.csv');
  fs.writeFileSync(file, write(initial));
  await withWorkbench('labeler', async (page) => {
    await openFile(page, 'label-me.csv');
    await runCommand(page, 'BERT Studio: Open in Labeler');
    let labeler = await frameWith(page, '#focus-text');
    await labeler.locator('#progress', { hasText: '6 / 40 labeled' }).waitFor({ timeout: 30000 });
    assert.deepEqual(await labeler.locator('.label-button').evaluateAll((b) => b.map((x) => x.dataset.label)), LABELS);
    await screenshot(page, 'labeler-1-open');

    // Keyboard only: j moves on; a label key labels the row and moves to the next.
    await labeler.locator('#focus-text').click();
    for (let i = 0; i < 6; i++) await page.keyboard.press('j');
    const labelled = [...initial];
    for (let i = 6; i < 26; i++) {
      labelled[i] = rows[i].label;
      await page.keyboard.press(String(LABELS.indexOf(rows[i].label) + 1));
    }
    await labeler.locator('#progress', { hasText: '26 / 40 labeled' }).waitFor({ timeout: 30000 });
    await screenshot(page, 'labeler-2-labelled-20');
    await page.keyboard.press('Control+S');
    await page.waitForFunction(() => !document.querySelector('.tab.active.dirty'), null, { timeout: 20000 });
    await waitUntil(
      () => fs.readFileSync(file, 'utf8') === write(labelled),
      'the saved file has exactly the 20 new labels',
    ).catch((e) => {
      assert.equal(fs.readFileSync(file, 'utf8'), write(labelled), e.message);
    });
    const before = write(initial),
      after = fs.readFileSync(file, 'utf8');
    assert.equal(
      after.length - before.length,
      labelled.slice(6, 26).join('').length,
      'only label characters were added',
    );
    await screenshot(page, 'labeler-3-saved');

    // Two more labels, unsaved; the page reloads without a shutdown (as when a browser tab is killed): the
    // backup brings the labels back in the reopened file, and the file on disk is unchanged.
    await page.keyboard.press('1');
    await page.keyboard.press('2');
    await labeler.locator('#progress', { hasText: '28 / 40 labeled' }).waitFor({ timeout: 30000 });
    await page.locator('.tab.active.dirty').waitFor({ timeout: 20000 });
    await page.waitForTimeout(1500);
    await page.reload();

    await page.waitForSelector('.monaco-workbench', { timeout: 90000 });
    // The workbench restores the labeler tab when it had stored its layout before the reload; else reopen it.
    labeler = await frameWith(page, '#focus-text', { timeout: 30000 }).catch(async () => {
      await openFile(page, 'label-me.csv');
      await runCommand(page, 'BERT Studio: Open in Labeler');
      return frameWith(page, '#focus-text', { timeout: 60000 });
    });
    await labeler.locator('#progress', { hasText: '28 / 40 labeled' }).waitFor({ timeout: 30000 });
    assert.equal(fs.readFileSync(file, 'utf8'), write(labelled), 'the file on disk still has only the saved labels');
    await screenshot(page, 'labeler-4-restored-after-reload');

    // The quick model (bertStudio.defaultModel is a tiny checkpoint here) suggests labels; Enter accepts one.
    await labeler.locator('#suggest').selectOption('quick');
    await labeler.locator('#focus-text').click();
    await page.keyboard.press('End'); // the last row is unlabeled
    const suggestion = labeler.locator('#suggestion');
    await suggestion.waitFor({ timeout: 120000 });
    const suggested = (await suggestion.locator('strong').textContent()).trim();
    assert.ok(LABELS.includes(suggested));
    assert.ok(
      await labeler.locator('.chip.suggested').count(),
      'unlabeled rows in the list show their suggested label',
    );
    await screenshot(page, 'labeler-5-suggestion');
    const row = (await labeler.locator('.where').textContent()).match(/Row (\d+)/)[1];
    await page.keyboard.press('Enter');
    await labeler.locator('#progress', { hasText: '29 / 40 labeled' }).waitFor({ timeout: 30000 });
    await page.keyboard.press('End');
    await labeler.locator('.where', { hasText: `Row ${row} ` }).waitFor({ timeout: 10000 });
    assert.equal((await labeler.locator('#current-label').textContent()).trim(), `Label: ${suggested}`);
    await screenshot(page, 'labeler-6-suggestion-accepted');
    // Saved, so that the workspace the next tests open holds no unsaved editor.
    await page.keyboard.press('Control+S');
    await page.waitForFunction(() => !document.querySelector('.tab.dirty'), null, { timeout: 20000 });
  });
});
