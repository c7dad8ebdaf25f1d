// Inference in the editor as a person does it in code-server: Classify Selection (choosing the model when none is
// selected), then Ask a Question with a QA model chosen as a local folder, clicking an answer in the Results panel.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const {
  url,
  workspace,
  withWorkbench,
  openFile,
  focusFirstEditor,
  runCommand,
  frameWith,
  decorationTexts,
  selectedCount,
  screenshot,
} = require('./vscode');

const QA_MODEL = path.resolve('test/fixtures/parity/tiny-qa');
const STORY = 'Anna was born in Zürich in 1990. She studied physics in Vienna and now works in Paris as an engineer.';

/** The text of the editor's ::after decoration matching `pattern` (decorations are CSS content, not DOM text). */
async function badge(page, pattern, timeout = 15000) {
  const end = Date.now() + timeout;
  while (Date.now() < end) {
    const hit = (await decorationTexts(page)).find((c) => pattern.test(c));
    if (hit) return hit;
    await page.waitForTimeout(300);
  }
  throw new Error(`no decoration after the selection matched ${pattern}`);
}

test(
  'Classify Selection: choose the model, see the label after the selection and every label in the Results panel',
  { skip: !url },
  async () => {
    await withWorkbench('inference', async (page) => {
      await openFile(page, 'classify.csv');
      await page.keyboard.press('Control+Home');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Shift+End');
      await screenshot(page, 'inference-1-selection');
      await runCommand(page, 'BERT Studio: Classify Selection');
      // No model selected yet: the command asks, offering the default-model setting among runs, folder and Hub id.
      await page.locator('.quick-input-widget', { hasText: 'Model for inference' }).waitFor();
      const choice = page.locator('.quick-input-list .monaco-list-row', { hasText: 'tiny-cls' }).first();
      await choice.waitFor();
      await screenshot(page, 'inference-2-select-model');
      await choice.click();
      const panel = await frameWith(page, '.chart .row', { timeout: 90000 });
      const labels = await panel.locator('.chart .label').allTextContents();
      assert.deepEqual([...labels].sort(), ['LABEL_0', 'LABEL_1', 'LABEL_2']);
      const scores = (await panel.locator('.chart .score').allTextContents()).map((s) => Number(s.replace('%', '')));
      assert.ok(Math.abs(scores.reduce((a, b) => a + b, 0) - 100) < 0.5, `probabilities sum to 100%: ${scores}`);
      assert.deepEqual(
        scores,
        [...scores].sort((a, b) => b - a),
        'best first',
      );
      // The badge after the selection (an ::after decoration) names the panel's best label.
      assert.match(await badge(page, /LABEL_\d \d+%/), new RegExp(`^${labels[0]} ${Math.round(scores[0])}%$`));
      await screenshot(page, 'inference-3-classified');
      // The model stays selected and warm: a second line classifies without asking.
      await focusFirstEditor(page);
      await page.keyboard.press('Control+Home');
      for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Shift+End');
      await runCommand(page, 'BERT Studio: Classify Selection');
      const second = await frameWith(page, '.chart .row', { timeout: 30000 });
      await second.locator('.text', { hasText: /^1,/ }).waitFor({ timeout: 30000 });
      assert.match(await badge(page, /LABEL_\d \d+%/), /^LABEL_\d \d+%$/);
      await screenshot(page, 'inference-3b-second-line');
      assert.match(
        await page.locator('.statusbar-item', { hasText: 'tiny-cls' }).first().textContent(),
        /tiny-cls/,
        'the status bar names the model',
      );
    });
  },
);

test(
  'Ask a Question: a QA model from a local folder, the answer selected on its characters, another answer clicked in the panel',
  { skip: !url },
  async () => {
    fs.writeFileSync(path.join(workspace, 'story.txt'), `Notes\n${STORY}\n`);
    await withWorkbench('inference-qa', async (page) => {
      await runCommand(page, 'BERT Studio: Select Model for Inference');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Local folder…' }).first().click();
      // code-server's folder dialog is a path input.
      await page.locator('.quick-input-widget', { hasText: 'A folder with config.json' }).waitFor();
      const input = page.locator('.quick-input-widget input');
      // The dialog fills in the workspace path shortly after it opens: type once it has.
      await page.waitForFunction(() => document.querySelector('.quick-input-widget input')?.value.startsWith('/'));
      for (let i = 0; i < 5 && (await input.inputValue()) !== QA_MODEL + '/'; i++) {
        await input.fill(QA_MODEL + '/');
        await page.waitForTimeout(800);
      }
      await input.press('Enter');
      await page.locator('.statusbar-item', { hasText: 'tiny-qa' }).first().waitFor({ timeout: 15000 });
      await openFile(page, 'story.txt');
      await page.keyboard.press('Control+Home');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Shift+End');
      await runCommand(page, 'BERT Studio: Ask a Question about Selection');
      await page.locator('.quick-input-widget', { hasText: 'Ask a question about the selection' }).waitFor();
      await page.keyboard.type('Where was Anna born?');
      await page.keyboard.press('Enter');
      const panel = await frameWith(page, 'ol.answers .answer', { timeout: 90000 });
      const answers = await panel.locator('.answer').allTextContents();
      assert.ok(answers.length >= 2, `top answers: ${answers}`);
      for (const a of answers) assert.ok(STORY.includes(a), `"${a}" is text of the selection`);
      await page.waitForTimeout(500);
      assert.equal(await selectedCount(page), answers[0].length, 'the best answer is selected on its characters');
      await screenshot(page, 'inference-4-answer');
      await panel.locator('.answer').nth(1).click();
      await page.waitForTimeout(800);
      assert.equal(await selectedCount(page), answers[1].length, 'the clicked answer is selected in the editor');
      assert.equal(await panel.locator('.answer.selected').textContent(), answers[1]);
      await screenshot(page, 'inference-5-other-answer');
    });
  },
);
