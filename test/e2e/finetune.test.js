// Fine-tune on CSV as a person does it: palette, setup page with the detected columns, Start, the dashboard to the final report.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const { url, openWorkbench, openFile, runCommand, frameWith, inFrames, screenshot } = require('./vscode');

test('Fine-tune on CSV: columns mapped, training runs, the dashboard shows the finished run with metrics', { skip: !url }, async () => {
  const { browser, page } = await openWorkbench();
  try {
    await openFile(page, 'classify.csv');
    await runCommand(page, 'BERT Studio: Fine-tune on CSV');
    await page.locator('.quick-input-widget', { hasText: 'Data to fine-tune on' }).waitFor();
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'classify.csv' }).first().waitFor();
    await page.keyboard.press('Enter');
    const setup = await frameWith(page, '#data-facts');
    assert.match(await setup.locator('#data-facts').textContent(), /^330 rows · 3 labels · 10 unlabeled$/);
    assert.equal(await setup.locator('vscode-single-select#text').evaluate((el) => el.value), 'text');
    assert.equal(await setup.locator('vscode-single-select#label').evaluate((el) => el.value), 'label');
    assert.match(await setup.locator('#truncation').textContent(), /rows are longer than max_length 128/);
    await screenshot(page, 'finetune-1-setup');
    await setup.locator('#epochs input').fill('2');
    await setup.locator('#epochs input').press('Tab');
    await setup.locator('#start:not([disabled])').click();
    const dashboard = await frameWith(page, '#status', { timeout: 60000 });
    await screenshot(page, 'finetune-2-dashboard-running');
    await dashboard.locator('#status', { hasText: 'finished' }).waitFor({ timeout: 180000 });
    const report = await dashboard.locator('#report').textContent();
    assert.match(report, /eval_accuracy/);
    assert.match(report, /epoch\s*2\.000/, 'the epochs typed on the setup page were used');
    assert.ok(await dashboard.locator('table.confusion').count(), 'the last evaluation shows its confusion matrix');
    await screenshot(page, 'finetune-3-dashboard-finished');
    const runs = await inFrames(page, async () => ((await page.locator('.monaco-list-row', { hasText: 'classify-' }).count()) ? true : null), { timeout: 20000 }).catch(() => false);
    assert.ok(runs, 'the run appears in the Runs tree');
    // A reloaded window brings the dashboard back from the run folder.
    await page.reload();
    await page.waitForSelector('.monaco-workbench', { timeout: 90000 });
    const restored = await frameWith(page, '#report', { timeout: 60000 });
    assert.equal(await restored.locator('#status').textContent(), 'finished');
    assert.match(await restored.locator('#report').textContent(), /eval_accuracy/);
    await screenshot(page, 'finetune-4-dashboard-restored');
  } catch (e) {
    await screenshot(page, 'finetune-failed');
    throw e;
  } finally {
    await browser.close();
  }
});
