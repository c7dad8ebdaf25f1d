// Start-up stays cheap: opening a workspace and a CSV in it does not activate the extension; opening its
// view does. The sign of activation is the status-bar item naming the inference model, which activate() creates.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const { url, withWorkbench, openFile, openSidePanel, screenshot } = require('./vscode');

test('the extension activates when its view is opened, not when a workspace or a CSV is', { skip: !url }, async () => {
  await withWorkbench('activation', async (page) => {
    const modelItem = page.locator('.statusbar-item .codicon-symbol-class');
    await openFile(page, 'classify.csv');
    // Give a wrongly eager activation (e.g. onLanguage or workspaceContains) time to show itself.
    await page.waitForTimeout(5000);
    await screenshot(page, 'activation-1-csv-open');
    assert.equal(await modelItem.count(), 0, 'BERT Studio activated although none of its parts was used');
    await openSidePanel(page);
    await modelItem.first().waitFor({ timeout: 30000 });
    await screenshot(page, 'activation-2-view-open');
  });
});
