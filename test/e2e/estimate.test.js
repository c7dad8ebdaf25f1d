// The setup page's time estimate (issue 16 goal 4): Estimate Time measures a few steps of the form's run; a long run
// gets a callout offering frozen mode with its own ETA, and taking it switches the form; a changed form drops it.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { url, workspace, withWorkbench, screenshot } = require('./vscode');
const { openSetup } = require('./training');

// classify.csv's rows ten times over (3300 rows): at 1000 epochs of batch 1 that is 2.6 million steps, over 30
// minutes on any CPU (it would take under 0.7 ms a step not to be), so the offer does not depend on this machine.
const LONG = 'long-run.csv';
function writeLongData() {
  const [header, ...rows] = fs.readFileSync(path.join(workspace, 'classify.csv'), 'utf8').split(/(?<=\n)(?=\d+,)/);
  fs.writeFileSync(path.join(workspace, LONG), header + Array(10).fill(rows.join('')).join(''));
}

const fill = async (setup, fields) => {
  for (const [id, value] of Object.entries(fields)) await setup.locator(`#${id} input`).fill(value);
  await setup.locator(`#${Object.keys(fields).pop()} input`).press('Tab');
};

test(
  'Setup page: Estimate Time shows the measured ETA; over 30 minutes it offers frozen mode, which switches the form',
  { skip: !url },
  async () => {
    writeLongData();
    await withWorkbench('estimate', async (page) => {
      const setup = await openSetup(page, LONG);
      await setup.locator('#start:not([disabled])').waitFor({ timeout: 60000 });
      await setup.locator('#estimate-time:not([disabled])').click();
      const line = setup.locator('#eta-line');
      await line.filter({ hasText: /^Full fine-tune: / }).waitFor({ timeout: 120000 });
      assert.match(
        await line.textContent(),
        /^Full fine-tune: (under a minute|about \d+ min) on this machine \(measured 3 steps\)$/,
      );
      assert.equal(await setup.locator('#eta-offers').count(), 0, 'a short run offers nothing');
      assert.equal(await setup.locator('#start[disabled]').count(), 0, 'an estimate never blocks Start');
      // A changed form drops the estimate of the old one.
      await fill(setup, { epochs: '1000', batchSize: '1' });
      assert.match(await line.textContent(), /^Measures a few training steps/);
      // 2.6 million steps of one example: hours on any CPU.
      await setup.locator('#estimate-time:not([disabled])').click();
      await line.filter({ hasText: /^Full fine-tune: about \d+ h/ }).waitFor({ timeout: 180000 });
      const offer = setup.locator('#eta-offers #eta-take-frozen');
      await offer.waitFor({ timeout: 10000 });
      assert.match(await offer.textContent(), /^Frozen encoder — (under a minute|about \d+ (min|h))/);
      await offer.scrollIntoViewIfNeeded();
      await screenshot(page, 'estimate-1-offers');
      await offer.click();
      assert.equal(await setup.locator('vscode-single-select#mode').evaluate((el) => el.value), 'frozen');
      await line.filter({ hasText: /^Frozen encoder: .* on this machine \(measured 3 head steps/ }).waitFor();
      await screenshot(page, 'estimate-2-frozen-taken');
    }).finally(() => fs.rmSync(path.join(workspace, LONG), { force: true }));
  },
);
