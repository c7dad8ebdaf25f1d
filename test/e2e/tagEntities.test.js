// Tag Entities in Selection as a person uses it in code-server: a token-classification model trained here with the
// CLI (a tiny random-init BERT on the NER fixture, bench/ner.ts's settings, a few seconds) is chosen for inference;
// a multi-line selection of a CRLF file with emoji and accents is tagged: the types appear after the entities in the
// editor, the hover gives type and score, the Results panel lists them and a click there selects one.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { url, workspace, withWorkbench, openFile, decorationTexts, selectedCount, screenshot } = require('./vscode');
const { RUNS, removeRunsAddedLater } = require('./training');
const { chooseModel, tagLines } = require('./entities');

const RUN = 'tag-ner';
const FILE = 'people.txt';
const TEXT = [
  'Notes 🎉 für heute',
  'yesterday henry met henry at the office of google .',
  '🛫 the trip from rome to berlin took tom two days . ✓',
  'end',
].join('\r\n');

/** The CLI runs from out/ (npm run build); a fresh checkout that only packaged the VSIX compiles it first. */
function cli() {
  if (!fs.existsSync('out/extension/engine/cli/main.js') || !fs.existsSync('out/test/engine/train/tinyModel.js'))
    execFileSync('npx', ['tsc', '-p', '.'], { stdio: 'inherit' });
  return path.resolve('bin/bert-studio.js');
}

/** Trains the token model into the workspace's runs folder, where Select Model for Inference lists it. */
function trainTagger() {
  const bin = cli();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-tag-'));
  try {
    const base = require(path.resolve('out/test/engine/train/tinyModel.js')).makeTinyBase(path.join(tmp, 'tiny'));
    const started = Date.now();
    execFileSync(
      process.execPath,
      [
        bin,
        'train',
        'test/fixtures/data/ner-spans.jsonl',
        ...['--model', base, '--output', path.join(RUNS, RUN), '--num_train_epochs', '10'],
        ...['--learning_rate', '2e-3', '--per_device_train_batch_size', '16', '--max_length', '48'],
        ...['--save_strategy', 'no'],
      ],
      { stdio: 'ignore', timeout: 180000 },
    );
    console.log(`trained ${RUN} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** Polls until the editor shows every one of `labels` after a decorated range; resolves with what it shows. */
async function labelsShown(page, labels, timeout = 30000) {
  const end = Date.now() + timeout;
  let shown = [];
  while (Date.now() < end) {
    shown = await decorationTexts(page);
    if (labels.every((l) => shown.includes(l))) return shown;
    await page.waitForTimeout(300);
  }
  throw new Error(`the editor shows ${JSON.stringify(shown)}, not every one of ${labels}`);
}

test(
  'Tag Entities in Selection: entities labelled in the editor, hover with the score, listed and selectable in the Results panel',
  { skip: !url },
  async () => {
    const cleanup = removeRunsAddedLater();
    fs.writeFileSync(path.join(workspace, FILE), TEXT);
    try {
      trainTagger();
      await withWorkbench('tag-entities', async (page) => {
        await openFile(page, FILE);
        await chooseModel(page, RUN);
        // Lines 2 and 3: a multi-line selection after an emoji and an accent, across a CRLF.
        const panel = await tagLines(page, 2, 2);
        const listed = await panel.locator('.entity').allTextContents();
        for (const name of ['henry', 'google', 'rome', 'berlin', 'tom'])
          assert.ok(listed.includes(name), `the panel lists ${name}: ${listed}`);
        const types = await panel.locator('ol.entities .type').allTextContents();
        assert.equal(types[listed.indexOf('google')], 'ORG');
        assert.equal(types[listed.indexOf('berlin')], 'LOC');
        assert.equal(types[listed.indexOf('tom')], 'PER');
        const places = await panel.locator('.place').allTextContents();
        // Line 3, after "🛫 " (two UTF-16 units and a space) and "the trip from ": column 18 as the status bar counts.
        assert.equal(places[listed.indexOf('rome')], '3:18');
        await labelsShown(page, ['PER', 'ORG', 'LOC']);
        await screenshot(page, 'tag-entities-1-tagged');

        // The hover over a tagged entity (the first, in view beside the panel): its type and score.
        await page
          .locator('.monaco-editor .view-lines span', { hasText: /^henry$/ })
          .first()
          .hover();
        const hover = page.locator('.monaco-hover', { hasText: 'PER' }).first();
        await hover.waitFor({ timeout: 15000 });
        assert.match(await hover.textContent(), /PER\s·\s\d+\.\d%\s*"henry"\s·\stag-ner/);
        await screenshot(page, 'tag-entities-2-hover');

        // A click in the panel selects the entity's characters in the editor.
        await panel.locator('.entity', { hasText: /^berlin$/ }).click();
        await page.waitForTimeout(800);
        assert.equal(await selectedCount(page), 'berlin'.length, 'berlin is selected in the editor');
        assert.equal(await panel.locator('.entity.selected').textContent(), 'berlin');
        await screenshot(page, 'tag-entities-3-revealed');

        // An edit clears the tags (their offsets no longer hold); undo leaves the file as saved.
        await page.keyboard.press('End');
        await page.keyboard.type('!');
        await page.waitForTimeout(800);
        assert.deepEqual(
          (await decorationTexts(page)).filter((t) => ['PER', 'ORG', 'LOC'].includes(t)),
          [],
          'no label after an edit',
        );
        await page.keyboard.press('Control+Z');
        await page
          .locator('.part.editor .tab.active:not(.dirty)', { hasText: FILE })
          .waitFor({ timeout: 10000 })
          .catch(() => undefined);
      });
    } finally {
      fs.rmSync(path.join(workspace, FILE), { force: true });
      cleanup();
    }
  },
);
