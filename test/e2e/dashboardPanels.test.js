// Each task's panel on the training dashboard, for runs the CLI trained into the workspace's runs folder and the
// dashboard rebuilds from their folders: regression's predicted-vs-true scatter, the entity types of token
// classification, the per-label table of multi-label classification.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { url, withWorkbench, runCommand, frameWith, screenshot } = require('./vscode');
const { RUNS, removeRunsAddedLater } = require('./training');

const ROOT = path.join(__dirname, '..', '..');
const DATA = path.join(ROOT, 'test', 'fixtures', 'data');
const MODEL = path.join(ROOT, 'test', 'fixtures', 'parity', 'tiny-cls');

/** Trains `data` with the CLI into the runs folder as `name` (a few quick epochs of the tiny model). */
function trainWithCli(name, data, epochs) {
  const args = ['train', path.join(DATA, data), '--model', MODEL, '--output', path.join(RUNS, name)];
  const fast = ['--learning_rate', '2e-3', '--per_device_train_batch_size', '16', '--max_length', '48'];
  const r = spawnSync(
    process.execPath,
    [path.join(ROOT, 'bin', 'bert-studio.js'), ...args, ...fast, '--num_train_epochs', String(epochs)],
    {
      encoding: 'utf8',
    },
  );
  assert.equal(r.status, 0, r.stderr);
}

/** Open Training Dashboard for the run `name` from the palette's list of runs; resolves with the frame holding `selector`. */
async function openDashboardOf(page, name, selector) {
  await runCommand(page, 'BERT Studio: Open Training Dashboard');
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first();
  await row.waitFor({ timeout: 30000 });
  await row.click();
  return frameWith(page, selector, { timeout: 60000 });
}

test(
  "the dashboard shows each task's panel: scatter for regression, entity types for NER, labels for multi-label",
  { skip: !url },
  async () => {
    const cleanUp = removeRunsAddedLater();
    try {
      trainWithCli('e2e-regression', 'regression.csv', 3);
      trainWithCli('e2e-ner', 'ner-spans.jsonl', 3);
      trainWithCli('e2e-multilabel', 'multilabel.csv', 3);
      await withWorkbench('dashboard-panels', async (page) => {
        const reg = await openDashboardOf(page, 'e2e-regression', '#regression-scatter');
        // One circle per validation example (test_size 0.2 of 200 rows), the y = x diagonal, MSE beside it.
        assert.equal(await reg.locator('#regression-scatter circle.point').count(), 40);
        assert.equal(await reg.locator('#regression-scatter line.diagonal').count(), 1);
        assert.match(await reg.locator('#regression-metrics').textContent(), /MSE.*MAE.*Pearson.*Spearman/s);
        assert.ok((await reg.locator('#regression-scatter text.tick').count()) >= 6, 'ticked axes');
        await reg.locator('#regression-scatter').scrollIntoViewIfNeeded();
        await screenshot(page, 'dashboard-panels-regression');

        const ner = await openDashboardOf(page, 'e2e-ner', '#entity-types');
        const cells = (type) =>
          ner
            .locator(`table#entity-types tr[data-type="${type}"] td`)
            .evaluateAll((tds) => tds.map((t) => t.textContent));
        for (const type of ['LOC', 'ORG', 'PER', 'overall']) {
          const row = await cells(type);
          assert.equal(row.length, 5, `${type}: type, precision, recall, F1, support`);
          assert.equal(row[0], type);
          assert.match(row[3], /^\d+\.\d%$/, `${type}: F1 ${row[3]}`);
        }
        await ner.locator('#entity-types').scrollIntoViewIfNeeded();
        await screenshot(page, 'dashboard-panels-ner');

        const ml = await openDashboardOf(page, 'e2e-multilabel', '#label-scores');
        assert.equal(await ml.locator('#label-scores tr[data-label]').count(), 4);
        assert.match(await ml.locator('#label-scores caption').textContent(), /tuned/);
        assert.match(await ml.locator('.evaluation').textContent(), /micro F1.*macro F1.*subset accuracy/s);
        await ml.locator('#label-scores').scrollIntoViewIfNeeded();
        await screenshot(page, 'dashboard-panels-multilabel');
      });
    } finally {
      cleanUp();
    }
  },
);
