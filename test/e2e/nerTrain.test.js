// Named entities end to end: a text + spans JSONL in the workspace, its setup page with the task detected as token
// classification (no column choosers), Fine-tune, and the dashboard's entity F1 when the run finishes. Each step is a
// helper so later steps (labelling spans, Tag Entities in Selection) can be chained onto the same file and run.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { url, workspace, withWorkbench, screenshot } = require('./vscode');
const { openSetup, startTraining, removeRunsAddedLater } = require('./training');

const FIXTURE = path.join(__dirname, '..', 'fixtures', 'data', 'ner-spans.jsonl');
const NER_FILE = 'ner-spans.jsonl';

/** Copies the text + spans fixture into the workspace; the function it returns removes it again. */
function addNerData() {
  const file = path.join(workspace, NER_FILE);
  fs.copyFileSync(FIXTURE, file);
  return () => fs.rmSync(file, { force: true });
}

/** The setup page of the NER file, checked to have detected token classification. */
async function openNerSetup(page) {
  const setup = await openSetup(page, NER_FILE);
  await setup.locator('#data-facts', { hasText: 'sentences' }).waitFor({ timeout: 60000 });
  assert.equal(await setup.locator('vscode-single-select#task').evaluate((el) => el.value), 'token');
  assert.match(await setup.locator('#data-facts').textContent(), /^240 sentences · \d+ tags · 0 unlabeled$/);
  // Tagged sentences have fixed fields: no text or label column to choose, class weights offered.
  assert.equal(await setup.locator('vscode-single-select#label').count(), 0, 'no label column chooser');
  assert.equal(await setup.locator('vscode-single-select#text').count(), 0, 'no text column chooser');
  assert.equal(await setup.locator('vscode-single-select#classWeights').count(), 1);
  return setup;
}

/** Fine-tunes with bench/ner.ts's settings (a tiny model learns the fixture in ~10 epochs); resolves with the
 * finished dashboard's report text. */
async function trainNer(page, setup) {
  const dashboard = await startTraining(page, setup, {
    epochs: '10',
    learningRate: '0.002',
    batchSize: '16',
    maxLength: '48',
  });
  await dashboard.locator('#status', { hasText: 'finished' }).waitFor({ timeout: 240000 });
  return { dashboard, report: await dashboard.locator('#report').textContent() };
}

test(
  'NER: a text + spans file is detected as token classification on the setup page and fine-tuned to entity F1 ≥ 0.9',
  { skip: !url, timeout: 600000 },
  async () => {
    const removeData = addNerData();
    const removeRuns = removeRunsAddedLater();
    try {
      await withWorkbench('ner-train', async (page) => {
        const setup = await openNerSetup(page);
        await screenshot(page, 'ner-1-setup');
        const { dashboard, report } = await trainNer(page, setup);
        await screenshot(page, 'ner-2-dashboard-finished');
        const f1 = Number(/eval_f1\s*([\d.]+)/.exec(report)?.[1]);
        assert.ok(f1 >= 0.9, `entity F1 on the validation split: ${f1} (report: ${report})`);
        assert.match(report, /eval_PER_f1/, 'entity F1 per type');
        for (const type of ['LOC', 'ORG', 'PER'])
          assert.equal(
            await dashboard.locator(`table#entity-types tr[data-type="${type}"]`).count(),
            1,
            `the dashboard's entity table has a ${type} row`,
          );
      });
    } finally {
      removeRuns();
      removeData();
    }
  },
);

module.exports = { addNerData, openNerSetup, trainNer };
