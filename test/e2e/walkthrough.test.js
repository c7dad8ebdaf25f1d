// The first-use walkthrough of the installed VSIX, opened from the palette as a person would: every step is
// listed, a step's screenshot loads from the packaged media, and a markdown step renders.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const { url, withWorkbench, runCommand, inFrames, screenshot } = require('./vscode');

const STEPS = ['Choose a model to start from', 'Open a dataset', 'Label the rows', 'Fine-tune', 'Classify a selection'];

test(
  'Get Started with BERT Studio: the steps, a screenshot from the VSIX, a markdown page',
  { skip: !url },
  async () => {
    await withWorkbench('walkthrough', async (page) => {
      await runCommand(page, 'Welcome: Open Walkthrough...');
      await page.keyboard.type('BERT Studio');
      await page
        .locator('.quick-input-list .monaco-list-row', { hasText: 'Get Started with BERT Studio' })
        .first()
        .waitFor({ timeout: 30000 });
      await page.keyboard.press('Enter');
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
