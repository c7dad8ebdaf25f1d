// Drives the extension in code-server as a person would; screenshots go to test-artifacts/.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const { chromium } = require('playwright-core');

const url = process.env.E2E_URL;

test('the BERT Studio view appears, and Show Tokens for Selection shows [CLS] from the engine', { skip: !url }, async () => {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(url);
    await page.waitForSelector('.monaco-workbench', { timeout: 90000 });
    // The Workspace Trust dialog comes up a moment after the workbench.
    const trust = page.getByRole('button', { name: /Yes, I trust the authors/i });
    await trust.waitFor({ timeout: 15000 }).then(() => trust.click(), () => undefined);
    const container = page.locator('.activitybar [aria-label*="BERT Studio"]').first();
    await container.waitFor({ timeout: 30000 });
    await container.click();
    await page.getByText('BERT STUDIO: RUNS').first().waitFor();
    await page.screenshot({ path: 'test-artifacts/1-runs-view.png' });
    await page.keyboard.press('Control+P');
    await page.keyboard.type('classify.csv');
    await page.waitForTimeout(800);
    await page.keyboard.press('Enter');
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('Shift+End');
    await page.keyboard.press('F1');
    await page.keyboard.type('BERT Studio: Show Tokens for Selection');
    await page.waitForTimeout(800);
    await page.keyboard.press('Enter');
    let chips = [];
    for (let i = 0; i < 60 && !chips.length; i++) {
      await page.waitForTimeout(1000);
      for (const f of page.frames()) chips.push(...(await f.locator('.chip .text').allTextContents().catch(() => [])));
    }
    await page.screenshot({ path: 'test-artifacts/2-tokens.png' });
    assert.deepEqual(chips, ['[CLS]', 'id', ',', 'text', ',', 'label', '[SEP]']);
  } finally {
    await browser.close();
  }
});
