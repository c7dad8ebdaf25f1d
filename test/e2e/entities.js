// Steps the named-entity specs share: the NER fixture's first row, labelling a span in it with the keyboard,
// choosing a model for inference, and tagging lines of an editor.
const path = require('node:path');
const { openFile, runCommand, frameWith } = require('./vscode');

const NER_FIXTURE = path.join(__dirname, '..', 'fixtures', 'data', 'ner-spans.jsonl');
/** The fixture's first row, as the labeler's span tests change it. */
const NER_ROW0 = '{"text":"We saw tom on the news .","spans":[{"start":7,"end":10,"label":"PER"}]}';
const span = (start, end, label) => `{"start":${start},"end":${end},"label":"${label}"}`;

/** Opens a copy of the NER fixture in the labeler; resolves with its frame once row 1's PER span is shown
 * (labels in order of appearance: 1 is PER, 2 is ORG). */
async function openSpanLabeler(page, file) {
  await openFile(page, file);
  await runCommand(page, 'BERT Studio: Open in Labeler');
  const labeler = await frameWith(page, '#focus-text', { timeout: 60000 });
  await labeler.locator('mark.span[data-label="PER"]', { hasText: 'tom' }).waitFor({ timeout: 30000 });
  await labeler.locator('.label-button[data-label="ORG"]').waitFor({ timeout: 30000 });
  return labeler;
}

/** Keyboard: the caret starts at the text's start; five words right, select the next word ("news", with the space
 * before it, which is trimmed) and press 2 (ORG). */
async function labelNewsAsOrg(page, labeler) {
  await labeler.locator('.where').click();
  for (let i = 0; i < 5; i++) await page.keyboard.press('Control+ArrowRight');
  await page.keyboard.press('Control+Shift+ArrowRight');
  await labeler.locator('.span-text .selected', { hasText: 'news' }).waitFor({ timeout: 10000 });
  await page.keyboard.press('2');
  await labeler.locator('mark.span[data-label="ORG"]', { hasText: 'news' }).waitFor({ timeout: 30000 });
}

/** Chooses a model (a run's name) with Select Model for Inference, whatever an earlier test selected. */
async function chooseModel(page, name) {
  await runCommand(page, 'BERT Studio: Select Model for Inference');
  const choice = page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first();
  await choice.waitFor({ timeout: 30000 });
  await choice.click();
  await page.locator('.statusbar-item', { hasText: name }).first().waitFor({ timeout: 15000 });
}

/** Selects lines `from`…`from + count - 1` (1-based) of the visible editor and runs Tag Entities in Selection;
 * resolves with the Results panel's frame once it lists entities. */
async function tagLines(page, from, count) {
  await page.locator('.monaco-editor .view-lines').filter({ visible: true }).first().click();
  await page.keyboard.press('Control+Home');
  for (let i = 1; i < from; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Home');
  for (let i = 1; i < count; i++) await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Shift+End');
  await runCommand(page, 'BERT Studio: Tag Entities in Selection');
  return frameWith(page, 'ol.entities .entity', { timeout: 90000 });
}

module.exports = { NER_FIXTURE, NER_ROW0, span, openSpanLabeler, labelNewsAsOrg, chooseModel, tagLines };
