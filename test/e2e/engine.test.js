// When the engine process dies mid-training (killed here with SIGKILL, as the out-of-memory killer would), the person
// sees why: the dashboard marks the run failed with the reason, a notification names the signal and offers the log,
// the run folder records the failure for the Runs tree; the next command starts a fresh engine.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { url, workspace, withWorkbench, openFile, openSidePanel, focusFirstEditor, runCommand, frameWith, inFrames, screenshot } = require('./vscode');

/** Engine processes of this test's code-server: engineMain.js inside its own extensions folder (read from /proc). */
function enginePids() {
  const extensions = path.join(path.dirname(path.dirname(path.dirname(process.env.E2E_SETTINGS))), 'ext') + path.sep;
  return fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p)).filter((p) => {
    try {
      const command = fs.readFileSync(`/proc/${p}/cmdline`, 'utf8').split('\0');
      return command.some((arg) => arg.startsWith(extensions) && arg.endsWith('engineMain.js'));
    } catch {
      return false; // the process ended while being read
    }
  }).map(Number);
}

test('the engine killed mid-training: the run is marked failed with the reason, the log is offered, and the next command starts a fresh engine', { skip: !url }, async () => {
  const runs = path.join(workspace ?? '', '.bert-studio', 'runs');
  const before = new Set(fs.existsSync(runs) ? fs.readdirSync(runs) : []);
  try {
    await withWorkbench('engine', async (page) => {
      await openFile(page, 'classify.csv');
      await runCommand(page, 'BERT Studio: Fine-tune on CSV');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'classify.csv' }).first().waitFor();
      await page.keyboard.press('Enter');
      const setup = await frameWith(page, '#data-facts');
      await setup.locator('#epochs input').fill('200');
      await setup.locator('#epochs input').press('Tab');
      await setup.locator('#start:not([disabled])').click();
      const dashboard = await frameWith(page, '#status', { timeout: 60000 });
      await dashboard.locator('.facts', { hasText: /step [1-9]\d*\// }).waitFor({ timeout: 120000 });
      const run = (await dashboard.locator('h1').textContent()).replace(/\s*running\s*$/, '').trim();
      const [pid, ...others] = enginePids();
      assert.ok(pid && !others.length, `one engine process runs (found ${[pid, ...others]})`);
      process.kill(pid, 'SIGKILL');

      await dashboard.locator('#status', { hasText: 'failed' }).waitFor({ timeout: 30000 });
      assert.match(await dashboard.locator('.error').textContent(), /engine process exited \(signal SIGKILL\)/);
      const toast = page.locator('.notification-toast', { hasText: "BERT Studio's engine stopped (signal SIGKILL)" });
      await toast.waitFor({ timeout: 30000 });
      await screenshot(page, 'engine-1-killed');
      assert.equal(await page.locator('.notification-toast', { hasText: 'SIGKILL' }).count(), 1, 'one notification for one death');
      const failure = JSON.parse(fs.readFileSync(path.join(runs, run, 'bert-studio-failure.json'), 'utf8'));
      assert.match(failure.message, /signal SIGKILL/, 'the run folder records why it failed');
      await toast.getByRole('button', { name: 'Show Log' }).click();
      await page.locator('.output-view, .part.panel', { hasText: 'engine exited (signal SIGKILL)' }).first().waitFor({ timeout: 20000 });
      await screenshot(page, 'engine-2-log');

      // The Runs tree shows the run as failed; the next command starts a fresh engine.
      await openSidePanel(page);
      await page.locator('.monaco-list-row', { hasText: run }).locator('.codicon-error').first().waitFor({ timeout: 20000 });
      await runCommand(page, 'View: Close All Editors');
      await openFile(page, 'classify.csv');
      await focusFirstEditor(page);
      await page.keyboard.press('Control+Home');
      await page.keyboard.press('Shift+End');
      await runCommand(page, 'BERT Studio: Show Tokens for Selection');
      const chips = await inFrames(page, async (f) => {
        const texts = await f.locator('.chip .text').allTextContents();
        return texts.length ? texts : null;
      });
      assert.deepEqual(chips.slice(0, 2), ['[CLS]', 'id']);
      const fresh = enginePids();
      assert.ok(fresh.length === 1 && fresh[0] !== pid, `a new engine process (pid ${fresh}) replaced ${pid}`);
      await screenshot(page, 'engine-3-fresh-engine');
      await runCommand(page, 'View: Close All Editors');
    });
  } finally {
    for (const r of fs.existsSync(runs) ? fs.readdirSync(runs) : []) if (!before.has(r)) fs.rmSync(path.join(runs, r), { recursive: true, force: true });
  }
});
