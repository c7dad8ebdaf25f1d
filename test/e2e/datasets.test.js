// The Datasets view as a person uses it: data files found and counted, Split from the context menu, Show tokens, Fine-tune… to the setup page.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { url, workspace, withWorkbench, openSidePanel, contextMenu, frameWith, screenshot } = require('./vscode');

const WORDS = ['great', 'awful', 'fine', 'slow', 'quick', 'broken', 'lovely', 'noisy', 'cheap', 'sturdy'];
const sentence = (i) => `the product was ${WORDS[i % 10]} and the delivery was ${WORDS[(i * 3 + 1) % 10]} overall`;

function writeFixtures() {
  const reviews = [
    'id,review,stars',
    ...Array.from({ length: 60 }, (_, i) => `${i},${sentence(i)},${[1, 3, 5][i % 3]}`),
  ];
  fs.writeFileSync(path.join(workspace, 'reviews.csv'), reviews.join('\n') + '\n');
  const feedback = ['text', ...Array.from({ length: 24 }, (_, i) => sentence(i + 7))];
  fs.writeFileSync(path.join(workspace, 'feedback.csv'), feedback.join('\n') + '\n');
  const measurements = ['x,y,z', ...Array.from({ length: 12 }, (_, i) => `${i},${i * 2},${i * 3}`)];
  fs.writeFileSync(path.join(workspace, 'measurements.csv'), measurements.join('\n') + '\n');
}

const dataRows = (file) => fs.readFileSync(path.join(workspace, file), 'utf8').trim().split('\n').length - 1;

test(
  'Datasets view: files with their row counts, Split into train/validation files, Show tokens, Fine-tune… opens the setup with the columns mapped',
  { skip: !url },
  async () => {
    writeFixtures();
    await withWorkbench('datasets', async (page) => {
      await openSidePanel(page);
      const pane = page.locator('.pane', { has: page.locator('.pane-header', { hasText: 'Datasets' }) });
      const row = (name) => pane.locator('.monaco-list-row', { hasText: name }).first();
      await row('reviews.csv').filter({ hasText: '60 rows · 3 labels' }).waitFor({ timeout: 60000 });
      await row('classify.csv').filter({ hasText: '330 rows · 3 labels · 10 unlabeled' }).waitFor({ timeout: 30000 });
      await row('feedback.csv').filter({ hasText: '24 rows · no label column found' }).waitFor({ timeout: 30000 });
      await row('Other data files').filter({ hasText: '1 not datasets' }).waitFor({ timeout: 30000 });
      await row('Other data files').click();
      await row('measurements.csv')
        .filter({ hasText: 'not a dataset: no text column found' })
        .waitFor({ timeout: 10000 });
      await screenshot(page, 'datasets-1-tree');

      // Split from the context menu, accepting the default fraction and seed.
      await contextMenu(page, row('reviews.csv'), 'Split into Train/Validation Files…');
      const input = page.locator('.quick-input-widget');
      await input.filter({ hasText: 'Share of each label' }).waitFor({ timeout: 10000 });
      assert.equal(await input.locator('input').inputValue(), '0.2');
      await screenshot(page, 'datasets-2-split-fraction');
      await page.keyboard.press('Enter');
      await input.filter({ hasText: 'Seed' }).waitFor({ timeout: 10000 });
      assert.equal(await input.locator('input').inputValue(), '42');
      await page.keyboard.press('Enter');
      await page
        .locator('.notifications-toasts', {
          hasText: 'Wrote reviews.train.csv (48 rows) and reviews.validation.csv (12 rows)',
        })
        .waitFor({ timeout: 30000 });
      assert.equal(dataRows('reviews.train.csv'), 48);
      assert.equal(dataRows('reviews.validation.csv'), 12);
      const stars = fs
        .readFileSync(path.join(workspace, 'reviews.validation.csv'), 'utf8')
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => l.split(',').pop());
      assert.deepEqual(
        ['1', '3', '5'].map((s) => stars.filter((x) => x === s).length),
        [4, 4, 4],
        'stratified: 20% of each label',
      );
      await row('reviews.validation.csv').filter({ hasText: '12 rows · 3 labels' }).waitFor({ timeout: 60000 });
      await screenshot(page, 'datasets-3-split-done');

      // Split again: the files exist, so it asks (modal) and Cancel leaves them alone.
      const before = fs.readFileSync(path.join(workspace, 'reviews.train.csv'), 'utf8');
      await contextMenu(page, row('reviews.csv'), 'Split into Train/Validation Files…');
      await input.filter({ hasText: 'Share of each label' }).waitFor({ timeout: 10000 });
      await page.keyboard.type('0.3');
      await page.keyboard.press('Enter');
      await input.filter({ hasText: 'Seed' }).waitFor({ timeout: 10000 });
      await page.keyboard.press('Enter');
      const dialog = page.locator('.monaco-dialog-box');
      await dialog
        .filter({ hasText: 'reviews.train.csv and reviews.validation.csv exist already. Replace?' })
        .waitFor({ timeout: 10000 });
      await screenshot(page, 'datasets-4-split-asks');
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await dialog.waitFor({ state: 'detached', timeout: 10000 });
      assert.equal(fs.readFileSync(path.join(workspace, 'reviews.train.csv'), 'utf8'), before, 'not overwritten');

      // Show tokens: the first rows as chips and the length histogram against max_length.
      await contextMenu(page, row('reviews.csv'), 'Show Dataset Tokens');
      const tokens = await frameWith(page, '#token-rows .chip', { timeout: 60000 });
      assert.match(await tokens.locator('#facts').textContent(), /^60 rows · text: review · label: stars$/);
      assert.equal(await tokens.locator('#token-rows > li').count(), 12);
      assert.ok(await tokens.locator('svg.chart rect.bar').count(), 'the histogram is drawn');
      assert.match(await tokens.locator('#length-facts').textContent(), /0 of 60 rows longer than max_length 128/);
      await screenshot(page, 'datasets-5-tokens');

      // Fine-tune… from the tree: the setup page opens with the detected columns.
      await contextMenu(page, row('reviews.csv'), /^Fine-tune…$/);
      const setup = await frameWith(page, '#data-facts', { timeout: 60000 });
      assert.match(await setup.locator('#data-facts').textContent(), /^60 rows · 3 labels/);
      assert.equal(await setup.locator('vscode-single-select#text').evaluate((el) => el.value), 'review');
      assert.equal(await setup.locator('vscode-single-select#label').evaluate((el) => el.value), 'stars');
      await screenshot(page, 'datasets-6-finetune-setup');
    });
  },
);
