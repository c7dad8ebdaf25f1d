// When the engine process dies mid-training (killed here with SIGKILL, as the out-of-memory killer would), the person
// sees why: the dashboard marks the run failed with the reason, a notification names the signal and offers the log,
// the run folder records the failure for the Runs tree; the next command starts a fresh engine.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const {
  url,
  withWorkbench,
  openFile,
  openSidePanel,
  focusFirstEditor,
  runCommand,
  frameWith,
  inFrames,
  screenshot,
} = require('./vscode');
const { RUNS, openSetup, startTraining, runName, removeRunsAddedLater } = require('./training');

/** Engine processes of this test's code-server: engineMain.js inside its own extensions folder (read from /proc).
 * The windows of earlier tests keep their extension hosts, and so their engines, for code-server's reconnection
 * grace time: the test tells its own engine by comparing with the list taken before its window opened. */
function enginePids() {
  const extensions = path.join(path.dirname(path.dirname(path.dirname(process.env.E2E_SETTINGS))), 'ext') + path.sep;
  return fs
    .readdirSync('/proc')
    .filter((p) => /^\d+$/.test(p))
    .filter((p) => {
      try {
        const command = fs.readFileSync(`/proc/${p}/cmdline`, 'utf8').split('\0');
        return command.some((arg) => arg.startsWith(extensions) && arg.endsWith('engineMain.js'));
      } catch {
        return false; // the process ended while being read
      }
    })
    .map(Number);
}

/** Show Tokens for Selection on the first line of classify.csv; resolves with the chips' texts. */
async function showTokensOfFirstLine(page) {
  await openFile(page, 'classify.csv');
  await focusFirstEditor(page);
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('Shift+End');
  await runCommand(page, 'BERT Studio: Show Tokens for Selection');
  return inFrames(page, async (f) => {
    const texts = await f.locator('.chip .text').allTextContents();
    return texts.length ? texts : null;
  });
}

test(
  'the engine killed mid-training: the run is marked failed with the reason, the log is offered, and the next command starts a fresh engine',
  { skip: !url },
  async () => {
    const removeRuns = removeRunsAddedLater();
    const earlier = new Set(enginePids());
    const ours = () => enginePids().filter((p) => !earlier.has(p));
    let passed = false;
    try {
      await withWorkbench('engine', async (page) => {
        const dashboard = await startTraining(page, await openSetup(page, 'classify.csv'), { epochs: '200' });
        await dashboard.locator('.facts', { hasText: /step [1-9]\d*\// }).waitFor({ timeout: 120000 });
        const run = await runName(dashboard);
        // The live dashboard updates four times a second; an opened Log stays open through the updates.
        await dashboard.locator('details.log summary').click();
        const shown = await dashboard.locator('.facts').textContent();
        await dashboard.locator('.facts').filter({ hasNotText: shown }).waitFor({ timeout: 30000 });
        assert.ok(
          await dashboard.locator('details.log').evaluate((d) => d.open),
          'the Log is still open after an update',
        );
        // While it trains, the engine still answers: a tokens preview comes back, and the run goes on.
        assert.deepEqual((await showTokensOfFirstLine(page)).slice(0, 2), ['[CLS]', 'id']);
        await runCommand(page, 'BERT Studio: Open Training Dashboard');
        const live = await frameWith(page, '#status');
        assert.equal(await live.locator('#status').textContent(), 'running');

        const [pid, ...others] = ours();
        assert.ok(pid && !others.length, `this window runs one engine process (found ${[pid, ...others]})`);
        process.kill(pid, 'SIGKILL');
        await live.locator('#status', { hasText: 'failed' }).waitFor({ timeout: 30000 });
        assert.match(await live.locator('.error').textContent(), /engine process exited \(signal SIGKILL\)/);
        const toast = page.locator('.notification-toast', { hasText: "BERT Studio's engine stopped (signal SIGKILL)" });
        await toast.waitFor({ timeout: 30000 });
        await screenshot(page, 'engine-1-killed');
        assert.equal(
          await page.locator('.notification-toast', { hasText: 'SIGKILL' }).count(),
          1,
          'one notification for one death',
        );
        const failure = JSON.parse(fs.readFileSync(path.join(RUNS, run, 'bert-studio-failure.json'), 'utf8'));
        assert.match(failure.message, /signal SIGKILL/, 'the run folder records why it failed');
        await toast.getByRole('button', { name: 'Show Log' }).click();
        await page
          .locator('.output-view, .part.panel', { hasText: 'engine exited (signal SIGKILL)' })
          .first()
          .waitFor({ timeout: 20000 });
        await screenshot(page, 'engine-2-log');

        // The Runs tree shows the run as failed; the next command starts a fresh engine.
        await openSidePanel(page);
        await page
          .locator('.monaco-list-row', { hasText: run })
          .locator('.codicon-error')
          .first()
          .waitFor({ timeout: 20000 });
        await runCommand(page, 'View: Close All Editors');
        assert.deepEqual((await showTokensOfFirstLine(page)).slice(0, 2), ['[CLS]', 'id']);
        const fresh = ours();
        assert.ok(fresh.length === 1 && fresh[0] !== pid, `a new engine process (pid ${fresh}) replaced ${pid}`);
        await screenshot(page, 'engine-3-fresh-engine');
        await runCommand(page, 'View: Close All Editors');
      });
      passed = true;
    } finally {
      // A failed test may leave its run training: stop it (the host then records the failure) before removing the run.
      if (!passed) {
        for (const p of ours()) process.kill(p, 'SIGKILL');
        await new Promise((r) => setTimeout(r, 2000));
      }
      removeRuns();
    }
  },
);
