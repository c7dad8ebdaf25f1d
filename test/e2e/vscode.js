// What every end-to-end test does in code-server: open the workbench (trusting the workspace),
// run palette commands, open files, look inside webviews, take screenshots.
const fs = require('node:fs');
const path = require('node:path');
const url_ = require('node:url');
const { chromium } = require('playwright-core');

const url = process.env.E2E_URL;
const workspace = process.env.E2E_WORKSPACE;
const artifacts = process.env.E2E_ARTIFACTS || 'test-artifacts';

/** Opens code-server in Debian's chromium; `trust` clicks "Yes, I trust the authors" when the dialog comes. */
async function openWorkbench({ trust = true } = {}) {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(url);
  await page.waitForSelector('.monaco-workbench', { timeout: 90000 });
  const button = page.getByRole('button', {
    name: trust ? /Yes, I trust the authors/i : /No, I don't trust the authors/i,
  });
  await button.waitFor({ timeout: 15000 }).then(
    () => button.click(),
    () => undefined,
  );
  return { browser, page };
}

/** Opens the workbench, runs `steps(page)`, keeps a screenshot `<name>-failed` when a step fails, and closes the browser
 * once no unsaved work is left behind (see noBackupsLeft). */
async function withWorkbench(name, steps, options) {
  const { browser, page } = await openWorkbench(options);
  try {
    const result = await steps(page);
    await noBackupsLeft();
    return result;
  } catch (e) {
    await screenshot(page, `${name}-failed`);
    throw e;
  } finally {
    await browser.close();
  }
}

/** Waits until the hot-exit backups are gone. VS Code discards a file's backup a moment after it is saved: a browser
 * closed within that moment leaves the backup, and the next test's workbench reopens the file as unsaved and meets a
 * save prompt when it closes editors. A test that ends with unsaved editors fails here, naming their backups. */
async function noBackupsLeft(timeout = 20000) {
  const backups = path.join(path.dirname(process.env.E2E_SETTINGS), 'Backups');
  // A backup or its folder can go while the folder is being read: that is what the loop waits for, not an error.
  const files = () => {
    try {
      return fs.existsSync(backups)
        ? fs
            .readdirSync(backups, { recursive: true })
            .filter((f) => fs.statSync(path.join(backups, f), { throwIfNoEntry: false })?.isFile())
            .filter((f) => !staleCustomEditorBackup(path.join(backups, f)))
        : [];
    } catch {
      return ['(being removed)'];
    }
  };
  const end = Date.now() + timeout;
  while (files().length && Date.now() < end) await new Promise((r) => setTimeout(r, 250));
  if (files().length)
    throw new Error(`the test left unsaved work: hot-exit backups ${files().join(', ')} in ${backups}`);
}

/** A custom editor's backup record whose backup file (the extension's) is gone holds nothing unsaved. VS Code leaves
 * one behind after restoring a custom editor from a backup, as the key it files the record under changes across the
 * reload (the resource's JSON gains its fsPath), and never reopens it. */
function staleCustomEditorBackup(file) {
  if (!file.includes(`${path.sep}vscode-custom-editor${path.sep}`)) return false;
  const id = /"backupId":"(file:[^"]+)"/.exec(fs.readFileSync(file, 'utf8'))?.[1];
  return !!id && !fs.existsSync(url_.fileURLToPath(id));
}

/** Opens the quick input with `key` and sets its value. Keys pressed while a webview has focus reach the webview until
 * the quick input takes the focus, so the value is filled into its input rather than typed. */
async function quickInput(page, key, value) {
  const input = page.locator('.quick-input-widget .quick-input-box input');
  // On a loaded machine the key can land while the widget from the last use is still closing: press it again.
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press(key);
    try {
      await input.waitFor({ state: 'visible', timeout: 10000 });
      await input.fill(value, { timeout: 10000 });
      return input;
    } catch (e) {
      if (attempt === 3) throw e;
    }
  }
}

/** The quick input's row whose label is exactly `label`. Enter would take the top row, which can be another match
 * (Quick Open ranks an open "Training: classify-…" dashboard above classify.csv), so helpers click this one. */
function quickInputRow(page, label) {
  const exact = new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  return page
    .locator('.quick-input-list .monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: exact }) })
    .first();
}

/** Runs a command from the palette by its title, e.g. 'BERT Studio: Classify Selection'. */
async function runCommand(page, title) {
  await quickInput(page, 'F1', `>${title}`);
  const row = quickInputRow(page, title);
  await row.waitFor({ timeout: 30000 });
  await row.click();
}

/** Opens a workspace file by name with Quick Open and focuses its editor. */
async function openFile(page, name) {
  await quickInput(page, 'Control+P', name);
  const row = quickInputRow(page, name);
  await row.waitFor({ timeout: 30000 });
  await row.click();
  const group = page.locator('.part.editor .editor-group-container.active');
  await group.locator('.tab.active', { hasText: name }).waitFor({ timeout: 30000 });
  await group.locator('.monaco-editor .view-lines').filter({ visible: true }).first().click();
}

/** Opens the BERT Studio side panel (clicking its icon when it is already open would close it). */
async function openSidePanel(page) {
  const container = page.locator('.activitybar [aria-label*="BERT Studio"]').first();
  await container.waitFor({ timeout: 30000 });
  const open = page.locator('.part.sidebar .composite.title', { hasText: /BERT Studio/i });
  if (!(await open.isVisible().catch(() => false))) await container.click();
  await open.waitFor({ timeout: 10000 });
}

/** Focuses the editor of the first editor group (a webview opened beside it may hold the focus). */
async function focusFirstEditor(page) {
  await runCommand(page, 'View: Focus First Editor Group');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10000 });
  await page.locator('.monaco-editor.focused').first().waitFor({ timeout: 10000 });
}

/** Right-clicks `row` and runs `item` (text or RegExp) from its context menu. The menu can miss a click that
 * lands while it is still opening, so a menu still open afterwards gets Enter on the hovered item. */
async function contextMenu(page, row, item) {
  await row.click({ button: 'right' });
  const action = page.locator('.monaco-menu .action-label', { hasText: item }).first();
  await action.waitFor({ timeout: 10000 });
  await action.hover();
  await action.click();
  if (await action.isVisible().catch(() => false)) {
    await page.waitForTimeout(300);
    if (await action.isVisible().catch(() => false)) await page.keyboard.press('Enter');
  }
}

/** Polls every frame (webviews live in nested iframes) until `read(frame)` returns something truthy. */
async function inFrames(page, read, { timeout = 60000 } = {}) {
  const end = Date.now() + timeout;
  while (Date.now() < end) {
    for (const f of page.frames()) {
      const v = await read(f).catch(() => null);
      if (v) return v;
    }
    await page.waitForTimeout(500);
  }
  throw new Error(`nothing in any webview frame matched within ${timeout} ms`);
}

/** The frame holding `selector`, once it exists. */
function frameWith(page, selector, opts) {
  return inFrames(page, async (f) => ((await f.locator(selector).count()) ? f : null), opts);
}

/** Polls `check()` (on this machine, e.g. a file on disk) until it is true; fails naming `what` after `timeout` ms. */
async function waitUntil(check, what, timeout = 20000) {
  const end = Date.now() + timeout;
  while (Date.now() < end) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out: ${what}`);
}

/** The texts the editors show after decorated ranges (`after` contentText): CSS ::after content, not DOM text. */
function decorationTexts(page) {
  return page.locator('.monaco-editor .view-lines span').evaluateAll((els) =>
    els
      .map((e) => getComputedStyle(e, '::after').content)
      .filter((c) => c && c !== 'none' && c !== 'normal')
      .map((c) => c.replace(/^"|"$/g, '')),
  );
}

/** The "(N selected)" count in the status bar's cursor position item. */
async function selectedCount(page) {
  const text = await page
    .locator('.statusbar-item', { hasText: /Ln \d+, Col \d+/ })
    .first()
    .textContent();
  const m = /\((\d+) selected\)/.exec(text);
  return m ? Number(m[1]) : 0;
}

async function screenshot(page, name) {
  await page.screenshot({ path: path.join(artifacts, `${name}.png`) });
}

module.exports = {
  url,
  workspace,
  artifacts,
  openWorkbench,
  withWorkbench,
  runCommand,
  openFile,
  openSidePanel,
  focusFirstEditor,
  contextMenu,
  inFrames,
  frameWith,
  waitUntil,
  decorationTexts,
  selectedCount,
  screenshot,
};
