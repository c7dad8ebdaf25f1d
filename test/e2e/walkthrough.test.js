// The first-use walkthrough of the installed VSIX, opened from the palette as a person would: every step is
// listed, a step's screenshot loads from the packaged media, a markdown step renders, and the offline example trains.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const { url, withWorkbench, runCommand, inFrames, frameWith, screenshot } = require('./vscode');
const { removeRunsAddedLater } = require('./training');

/** Opens the walkthrough from the palette, as a person would. */
async function openWalkthrough(page) {
  await runCommand(page, 'Welcome: Open Walkthrough...');
  await page.keyboard.type('BERT Studio');
  await page
    .locator('.quick-input-list .monaco-list-row', { hasText: 'Get Started with BERT Studio' })
    .first()
    .waitFor({ timeout: 30000 });
  await page.keyboard.press('Enter');
}

const STEPS = ['Choose a model to start from', 'Open a dataset', 'Label the rows', 'Fine-tune', 'Classify a selection'];

test(
  'Get Started with BERT Studio: the steps, a screenshot from the VSIX, a markdown page',
  { skip: !url },
  async () => {
    await withWorkbench('walkthrough', async (page) => {
      await openWalkthrough(page);
      const steps = page.locator('.getting-started-step .step-title');
      await steps.first().waitFor({ timeout: 30000 });
      assert.deepEqual(
        (await steps.allTextContents()).map((t) => t.trim()),
        STEPS,
      );

      await page.locator('.getting-started-step', { hasText: 'Fine-tune' }).first().click();
      const width = await inFrames(page, async (f) => {
        const img = f.locator('img[alt^="The training dashboard"]');
        if (!(await img.count())) return null;
        return img.evaluate((el) => (el.complete ? el.naturalWidth : 0));
      });
      assert.ok(width > 500, `the dashboard screenshot loaded from the VSIX (${width} px wide)`);
      await screenshot(page, 'walkthrough-1-fine-tune');

      await page.locator('.getting-started-step', { hasText: 'Open a dataset' }).first().click();
      const heading = await inFrames(page, async (f) => {
        const h = f.locator('h1', { hasText: 'A dataset' });
        return (await h.count()) ? h.textContent() : null;
      });
      assert.equal(heading.trim(), 'A dataset');
      await screenshot(page, 'walkthrough-2-data');
    });
  },
);

// The walkthrough's offline path: Try the Offline Example opens the Fine-tune page on the example data shipped in the
// VSIX with the example's tiny BERT, and Start trains it to a finished run without any network or model of one's own.
test('Get Started with BERT Studio: Try the Offline Example trains the shipped tiny BERT', { skip: !url }, async () => {
  const removeRuns = removeRunsAddedLater();
  try {
    await withWorkbench('walkthrough-example', async (page) => {
      await openWalkthrough(page);
      await page.locator('.getting-started-step', { hasText: 'Choose a model to start from' }).first().click();
      const link = page.locator('.getting-started-step a, .getting-started-step .button-link', {
        hasText: 'Try the Offline Example',
      });
      await link.first().click();
      const setup = await frameWith(page, '#data-facts', { timeout: 60000 });
      await setup.locator('#data-facts', { hasText: /^300 rows · 3 labels/ }).waitFor({ timeout: 60000 });
      const model = await setup.locator('#model input').inputValue();
      assert.match(model, /[\\/]examples[\\/]tiny-bert$/, 'the model is the example shipped with the extension');
      assert.equal(Number(await setup.locator('#learningRate input').inputValue()), 0.002);
      await screenshot(page, 'walkthrough-3-offline-example');
      await setup.locator('#start:not([disabled])').click();
      const dashboard = await frameWith(page, '#status', { timeout: 60000 });
      await dashboard.locator('#status', { hasText: 'finished' }).waitFor({ timeout: 180000 });
      const accuracy = Number(/eval_accuracy\s*([\d.]+)/.exec(await dashboard.locator('#report').textContent())[1]);
      assert.ok(accuracy >= 0.9, `the example's tiny BERT learned the three kinds of message: ${accuracy}`);
      await screenshot(page, 'walkthrough-4-offline-example-finished');
    });
  } finally {
    removeRuns();
  }
});
