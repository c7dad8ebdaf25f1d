// The steps of training that several end-to-end tests take: Fine-tune on CSV to the setup page, Start with some
// fields changed, the run's name on its dashboard, and removing the runs a test added.
const fs = require('node:fs');
const path = require('node:path');
const { workspace, openFile, runCommand, frameWith } = require('./vscode');

/** Fine-tune on CSV from the palette with `file` open and chosen; resolves with the setup page's frame. */
async function openSetup(page, file) {
  await openFile(page, file);
  await runCommand(page, 'BERT Studio: Fine-tune on CSV');
  await page.locator('.quick-input-widget', { hasText: 'Data to fine-tune on' }).waitFor();
  // The file in the editor is the first choice.
  await page.locator('.quick-input-list .monaco-list-row', { hasText: file }).first().waitFor();
  await page.keyboard.press('Enter');
  return frameWith(page, '#data-facts');
}

/** Types `fields` (id → value) into the setup page, presses Start and resolves with the dashboard's frame. */
async function startTraining(page, setup, fields) {
  for (const [id, value] of Object.entries(fields)) await setup.locator(`#${id} input`).fill(value);
  await setup.locator(`#${Object.keys(fields).pop()} input`).press('Tab');
  await setup.locator('#start:not([disabled])').click();
  return frameWith(page, '#status', { timeout: 60000 });
}

/** The run's name as the dashboard's title shows it, without the status badge after it. */
function runName(dashboard) {
  return dashboard.locator('h1').evaluate((h1) => h1.firstChild.textContent.trim());
}

/** The runs folder of the test workspace (the bertStudio.runsFolder default). */
const RUNS = path.join(workspace ?? '', '.bert-studio', 'runs');

/** Notes the runs folder's contents now; the function it returns removes every run added since. */
function removeRunsAddedLater() {
  const list = () => (fs.existsSync(RUNS) ? fs.readdirSync(RUNS) : []);
  const before = new Set(list());
  return () => {
    for (const r of list())
      if (!before.has(r)) fs.rmSync(path.join(RUNS, r), { recursive: true, force: true, maxRetries: 5 });
  };
}

module.exports = { RUNS, openSetup, startTraining, runName, removeRunsAddedLater };
