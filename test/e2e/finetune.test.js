// Fine-tune on CSV as a person does it: palette, setup page with the detected columns, Start, the dashboard to the final
// report; the model it made classifies a selection; deleting the run unselects it.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const {
  url,
  withWorkbench,
  openFile,
  openSidePanel,
  contextMenu,
  runCommand,
  frameWith,
  screenshot,
} = require('./vscode');
const { openSetup, startTraining, runName } = require('./training');

test(
  'Fine-tune on CSV: columns mapped, the model learns, the dashboard shows the finished run, Use for Inference classifies a selection',
  { skip: !url },
  async () => {
    await withWorkbench('finetune', async (page) => {
      const setup = await openSetup(page, 'classify.csv');
      assert.match(await setup.locator('#data-facts').textContent(), /^330 rows · 3 labels · 10 unlabeled$/);
      assert.equal(await setup.locator('vscode-single-select#text').evaluate((el) => el.value), 'text');
      assert.equal(await setup.locator('vscode-single-select#label').evaluate((el) => el.value), 'label');
      assert.match(await setup.locator('#truncation').textContent(), /rows are longer than max_length 128/);
      await screenshot(page, 'finetune-1-setup');
      // The tiny random-init model learns the fixture's three topics in a few epochs at a higher learning rate.
      const dashboard = await startTraining(page, setup, { epochs: '3', learningRate: '0.002' });
      await screenshot(page, 'finetune-2-dashboard-running');
      await dashboard.locator('#status', { hasText: 'finished' }).waitFor({ timeout: 180000 });
      const report = await dashboard.locator('#report').textContent();
      assert.match(report, /eval_accuracy/);
      assert.match(report, /epoch\s*3\.000/, 'the epochs typed on the setup page were used');
      const accuracy = Number(/eval_accuracy\s*([\d.]+)/.exec(report)[1]);
      assert.ok(accuracy >= 0.9, `the model learned the three topics: eval_accuracy ${accuracy}`);
      assert.ok(await dashboard.locator('table.confusion').count(), 'the last evaluation shows its confusion matrix');
      await screenshot(page, 'finetune-3-dashboard-finished');
      const run = await runName(dashboard);
      // The side bar: the run in the Runs tree, its curves and summary in the Metrics view.
      await openSidePanel(page);
      const runRow = page.locator('.monaco-list-row', { hasText: run }).first();
      await runRow.waitFor({ timeout: 20000 });
      await runRow.click();
      const metrics = await frameWith(page, '#metrics-run', { timeout: 30000 });
      assert.equal(await metrics.locator('#metrics-run').textContent(), run);
      assert.equal(await metrics.locator('#metrics-status').textContent(), 'finished');
      assert.match(await metrics.locator('#metrics-summary').textContent(), /accuracy\s*[01]\.\d{4}/);
      assert.ok(await metrics.locator('svg.chart path.line').count(), 'the loss curve is drawn');
      await screenshot(page, 'finetune-3b-metrics-view');
      // The run's children in the tree: its final metrics (all_results.json), checkpoints.
      await runRow.click();
      await page.keyboard.press('ArrowRight');
      const metricsNode = page.locator('.monaco-list-row', { hasText: 'all_results.json' }).first();
      await metricsNode.waitFor({ timeout: 10000 });
      await metricsNode.click();
      await page.keyboard.press('ArrowRight');
      await page
        .locator('.monaco-list-row', { hasText: /eval_accuracy\s*(1|0\.\d{4})$/ })
        .first()
        .waitFor({ timeout: 10000 });
      // A reloaded window brings the dashboard back from the run folder.
      await page.reload();
      await page.waitForSelector('.monaco-workbench', { timeout: 90000 });
      const restored = await frameWith(page, '#report', { timeout: 60000 });
      assert.equal(await restored.locator('#status').textContent(), 'finished');
      assert.match(await restored.locator('#report').textContent(), /eval_accuracy/);
      await screenshot(page, 'finetune-4-dashboard-restored');
      // Use for Inference, then Classify Selection on a sports text (the words of row 3 of the fixture, no label).
      await restored.locator('vscode-button', { hasText: 'Use for Inference' }).click();
      const modelStatus = page.locator('.statusbar-item', { hasText: run }).first();
      await modelStatus.waitFor({ timeout: 10000 });
      await openFile(page, 'classify.csv');
      await page.keyboard.press('Control+Home');
      for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Home');
      for (let i = 0; i < 2; i++) await page.keyboard.press('ArrowRight');
      await page.keyboard.press('Shift+End');
      for (let i = 0; i < ',sports'.length; i++) await page.keyboard.press('Shift+ArrowLeft');
      await runCommand(page, 'BERT Studio: Classify Selection');
      const results = await frameWith(page, 'div.chart .row', { timeout: 60000 });
      assert.equal(
        await results.locator('.text').textContent(),
        'tennis we quite referee people saw league people this goal some a',
      );
      assert.equal(
        await results.locator('.row.best .label').textContent(),
        'sports',
        'the fine-tuned model names the topic',
      );
      await screenshot(page, 'finetune-4b-classified-with-the-run');
      // Delete Run from the tree's context menu: a modal confirm, then the run leaves the tree.
      await openSidePanel(page);
      const row = page.locator('.monaco-list-row', { hasText: run }).first();
      await row.waitFor({ timeout: 30000 });
      await contextMenu(page, row, 'Delete Run');
      const dialog = page.locator('.monaco-dialog-box');
      await dialog.waitFor({ timeout: 10000 });
      assert.match(await dialog.textContent(), new RegExp(`Delete the run "${run}"`));
      await screenshot(page, 'finetune-5-delete-confirm');
      await dialog.getByRole('button', { name: 'Move to Trash' }).click();
      // A server without a trash asks once more before deleting for good.
      const permanently = page.locator('.monaco-dialog-box').getByRole('button', { name: 'Delete Permanently' });
      await permanently.waitFor({ timeout: 5000 }).then(
        () => permanently.click(),
        () => undefined,
      );
      await page.locator('.monaco-list-row', { hasText: run }).waitFor({ state: 'detached', timeout: 20000 });
      // The deleted run was the model for inference: it no longer is.
      await page.locator('.statusbar-item', { hasText: 'no model' }).first().waitFor({ timeout: 10000 });
    });
  },
);
