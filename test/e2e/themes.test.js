// Readable in every kind of theme: the webviews take their colours from VS Code's theme variables, so in a dark
// and a high-contrast theme every piece of text in the tokens panel, the labeler and the setup page keeps WCAG AA contrast (4.5:1)
// against the background it is drawn on.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const { url, withWorkbench, openFile, runCommand, frameWith, screenshot } = require('./vscode');

// Each theme with the short name for screenshots and the class the workbench takes when it is applied.
const THEMES = [['Default Dark Modern', 'dark', 'vs-dark'], ['Default High Contrast', 'hc-dark', 'hc-black'], ['Default High Contrast Light', 'hc-light', 'hc-light']];

/** Sets the colour theme in the user settings, read when the workbench loads (null: back to the default). */
function setTheme(name) {
  const settings = JSON.parse(fs.readFileSync(process.env.E2E_SETTINGS, 'utf8'));
  if (name) settings['workbench.colorTheme'] = name;
  else delete settings['workbench.colorTheme'];
  fs.writeFileSync(process.env.E2E_SETTINGS, JSON.stringify(settings));
}

/** The lowest contrast ratio of visible text in the frame, with the element it belongs to. */
function lowestContrast(frame) {
  return frame.evaluate(() => {
    const rgb = (c) => (c.match(/[\d.]+/g) || []).map(Number);
    const lum = ([r, g, b]) => {
      const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const background = (el) => {
      for (let e = el; e; e = e.parentElement) {
        const c = rgb(getComputedStyle(e).backgroundColor);
        if (c.length === 3 || (c.length === 4 && c[3] > 0.5)) return c.slice(0, 3);
      }
      return rgb(getComputedStyle(document.body).backgroundColor).slice(0, 3);
    };
    let worst = { ratio: Infinity, what: '' };
    for (const el of document.querySelectorAll('body *')) {
      const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
      const box = el.getBoundingClientRect();
      if (!own || !box.width || !box.height || getComputedStyle(el).visibility === 'hidden') continue;
      const [a, b] = [lum(rgb(getComputedStyle(el).color).slice(0, 3)), lum(background(el))];
      const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
      if (ratio < worst.ratio) worst = { ratio, what: `${el.tagName.toLowerCase()}.${el.className} "${el.textContent.trim().slice(0, 30)}"` };
    }
    return worst;
  });
}

test('the tokens panel, the labeler and the setup page keep readable contrast in dark and high-contrast themes', { skip: !url }, async () => {
  try {
    for (const [theme, kind, workbenchClass] of THEMES) {
      setTheme(theme);
      await withWorkbench(`themes-${kind}`, async (page) => {
        const readable = async (frame, panel) => {
          await screenshot(page, `themes-${kind}-${panel}`);
          const worst = await lowestContrast(frame);
          assert.ok(worst.ratio >= 4.5, `${theme}, ${panel}: ${worst.what} has contrast ${worst.ratio.toFixed(2)}`);
        };
        await page.locator(`.monaco-workbench.${workbenchClass}`).waitFor({ timeout: 20000 });
        await runCommand(page, 'View: Close All Editors');
        await openFile(page, 'classify.csv');
        await page.keyboard.press('Control+Home');
        await page.keyboard.press('Shift+End');
        await runCommand(page, 'BERT Studio: Show Tokens for Selection');
        await readable(await frameWith(page, '.chip .text'), 'tokens');
        await runCommand(page, 'View: Close All Editors');
        await openFile(page, 'classify.csv');
        await runCommand(page, 'BERT Studio: Fine-tune on CSV');
        await page.locator('.quick-input-list .monaco-list-row', { hasText: 'classify.csv' }).first().waitFor();
        await page.keyboard.press('Enter');
        const setup = await frameWith(page, '#data-facts');
        await setup.locator('#truncation').waitFor({ timeout: 60000 });
        await readable(setup, 'setup');
        await runCommand(page, 'View: Close All Editors');
        await openFile(page, 'classify.csv');
        await runCommand(page, 'BERT Studio: Open in Labeler');
        const labeler = await frameWith(page, '#focus-text');
        await labeler.locator('#progress').waitFor();
        await readable(labeler, 'labeler');
        await runCommand(page, 'View: Close All Editors');
      });
    }
  } finally {
    setTheme(null);
  }
});
