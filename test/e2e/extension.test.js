// Drives the extension in code-server as a person would; screenshots go to test-artifacts/.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const { url, withWorkbench, openSidePanel, openFile, runCommand, inFrames, screenshot } = require('./vscode');

test(
  'the BERT Studio views appear, and Show Tokens for Selection shows [CLS] from the engine',
  { skip: !url },
  async () => {
    await withWorkbench('extension', async (page) => {
      await openSidePanel(page);
      for (const view of ['Runs', 'Datasets', 'Metrics']) {
        await page
          .locator('.pane-header .title', { hasText: new RegExp(`^${view}$`, 'i') })
          .first()
          .waitFor({ timeout: 30000 });
      }
      await screenshot(page, 'tokens-1-runs-view');
      await openFile(page, 'classify.csv');
      await page.keyboard.press('Control+Home');
      await page.keyboard.press('Shift+End');
      await runCommand(page, 'BERT Studio: Show Tokens for Selection');
      const chips = await inFrames(page, async (f) => {
        const texts = await f.locator('.chip .text').allTextContents();
        return texts.length ? texts : null;
      });
      await screenshot(page, 'tokens-2-chips');
      assert.deepEqual(chips, ['[CLS]', 'id', ',', 'text', ',', 'label', '[SEP]']);
    });
  },
);
