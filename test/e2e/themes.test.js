// Readable in every kind of theme: the webviews take their colours from VS Code's theme variables, so in a dark
// and a high-contrast theme every piece of text in the tokens and Results panels, the setup page, the training
// dashboard, the Metrics view, the dataset tokens panel and the labeler keeps WCAG AA contrast (4.5:1) against
// the background it is drawn on.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const {
  url,
  withWorkbench,
  openFile,
  openSidePanel,
  focusFirstEditor,
  contextMenu,
  runCommand,
  frameWith,
  screenshot,
} = require('./vscode');
const { openSetup, startTraining, runName, removeRunsAddedLater } = require('./training');

// Each theme with the short name for screenshots and the class the workbench takes when it is applied.
const THEMES = [
  ['Default Dark Modern', 'dark', 'vs-dark'],
  ['Default High Contrast', 'hc-dark', 'hc-black'],
  ['Default High Contrast Light', 'hc-light', 'hc-light'],
];

/** Sets the colour theme in the user settings, read when the workbench loads (null: back to the default). */
function setTheme(name) {
  const settings = JSON.parse(fs.readFileSync(process.env.E2E_SETTINGS, 'utf8'));
  if (name) settings['workbench.colorTheme'] = name;
  else delete settings['workbench.colorTheme'];
  fs.writeFileSync(process.env.E2E_SETTINGS, JSON.stringify(settings));
}

/** Each visible text in the frame whose contrast is below `min`, with its ratio, lowest first. Semi-transparent
 * backgrounds and text are composited over what lies beneath them, as the browser paints them; SVG text counts by its fill. */
async function lowContrast(frame, min) {
  return frame.evaluate(
    ([min, behind]) => {
      // Computed colours come as rgb()/rgba() (0-255) or, from color-mix(), as color(srgb r g b / a) (0-1).
      const rgba = (c) => {
        const v = (c.match(/[\d.]+/g) || []).map(Number);
        const scale = c.startsWith('color(') ? 255 : 1;
        return v.length < 3 ? null : [v[0] * scale, v[1] * scale, v[2] * scale, v.length > 3 ? v[3] : 1];
      };
      const over = (top, under) => (top ? [0, 1, 2].map((i) => top[3] * top[i] + (1 - top[3]) * under[i]) : under);
      const lum = ([r, g, b]) => {
        const f = (v) => {
          v /= 255;
          return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
        };
        return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
      };
      // Paints the element's chain from the body down: each element's background over what is beneath it, the
      // text over the innermost background, and each element's opacity blending all it painted into what lay beneath.
      const paint = (chain, ink, under) => {
        const [e, ...inner] = chain;
        const style = getComputedStyle(e);
        const local = over(rgba(style.backgroundColor), under);
        const [bg, text] = inner.length ? paint(inner, ink, local) : [local, over(ink, local)];
        const o = Number(style.opacity);
        return [bg, text].map((c) => over([...c, o], under));
      };
      // A view's page is transparent over the side bar: then what is painted behind its frame is the base.
      const opaque = (e) => {
        const c = rgba(getComputedStyle(e).backgroundColor);
        return c && c[3] > 0 ? c : null;
      };
      const base = (opaque(document.body) ?? opaque(document.documentElement) ?? rgba(behind)).slice(0, 3);
      const low = [];
      for (const el of document.querySelectorAll('body *')) {
        const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
        const box = el.getBoundingClientRect();
        const style = getComputedStyle(el);
        // Disabled controls are exempt in WCAG (1.4.3), and an SVG <title> is a tooltip, not painted text.
        if (!own || !box.width || !box.height || style.visibility === 'hidden' || el.closest('title, :disabled'))
          continue;
        const ink = rgba(el instanceof SVGElement ? style.fill : style.color);
        if (!ink) continue;
        const chain = [];
        for (let e = el; e && e !== document.body; e = e.parentElement) chain.unshift(e);
        const [a, b] = paint(chain, ink, base).map(lum);
        const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
        const name = typeof el.className === 'string' ? el.className : el.getAttribute('class');
        if (ratio < min)
          low.push({ ratio, what: `${el.tagName.toLowerCase()}.${name} "${el.textContent.trim().slice(0, 30)}"` });
      }
      return low.sort((x, y) => x.ratio - y.ratio);
    },
    [min, await behindFrame(frame)],
  );
}

/** The background colour the page paints behind a (nested) frame: the first ancestor of its iframe with one. */
async function behindFrame(frame) {
  for (let f = frame; f.parentFrame(); f = f.parentFrame()) {
    const colour = await (
      await f.frameElement()
    ).evaluate((iframe) => {
      for (let e = iframe; e; e = e.parentElement) {
        const c = getComputedStyle(e).backgroundColor;
        if (c !== 'transparent' && !/^rgba\(.*,\s*0\)$/.test(c)) return c;
      }
      return null;
    });
    if (colour) return colour;
  }
  return 'rgb(255, 255, 255)';
}

test(
  'every panel and view keeps readable contrast in dark and high-contrast themes (tokens, results, setup, dashboard, metrics, dataset tokens, labeler)',
  { skip: !url },
  async () => {
    const removeRuns = removeRunsAddedLater();
    const unreadable = [];
    try {
      for (const [theme, kind, workbenchClass] of THEMES) {
        setTheme(theme);
        await withWorkbench(`themes-${kind}`, async (page) => {
          const readable = async (frame, panel) => {
            await screenshot(page, `themes-${kind}-${panel}`);
            for (const { what, ratio } of await lowContrast(frame, 4.5))
              unreadable.push(`${theme}, ${panel}: ${what} has contrast ${ratio.toFixed(2)}`);
          };
          await page.locator(`.monaco-workbench.${workbenchClass}`).waitFor({ timeout: 20000 });
          await runCommand(page, 'View: Close All Editors');
          await openFile(page, 'classify.csv');
          await page.keyboard.press('Control+Home');
          await page.keyboard.press('Shift+End');
          await runCommand(page, 'BERT Studio: Show Tokens for Selection');
          await readable(await frameWith(page, '.chip .text'), 'tokens');
          // The same line classified: the Results panel's bars.
          await runCommand(page, 'BERT Studio: Select Model for Inference');
          await page.locator('.quick-input-list .monaco-list-row', { hasText: 'tiny-cls' }).first().click();
          await focusFirstEditor(page);
          await runCommand(page, 'BERT Studio: Classify Selection');
          await readable(await frameWith(page, 'div.chart .row', { timeout: 90000 }), 'results');
          await runCommand(page, 'View: Close All Editors');
          const setup = await openSetup(page, 'classify.csv');
          await setup.locator('#truncation').waitFor({ timeout: 60000 });
          await readable(setup, 'setup');
          // A one-epoch run: its dashboard with the final report and confusion matrix, and its curves in the Metrics view.
          const dashboard = await startTraining(page, setup, { epochs: '1' });
          await dashboard.locator('#status', { hasText: 'finished' }).waitFor({ timeout: 180000 });
          await dashboard.locator('table.confusion').waitFor();
          await readable(dashboard, 'dashboard');
          const run = await runName(dashboard);
          await openSidePanel(page);
          await page.locator('.monaco-list-row', { hasText: run }).first().click();
          const metrics = await frameWith(page, '#metrics-summary', { timeout: 30000 });
          await metrics.locator('#metrics-run', { hasText: run }).waitFor();
          await readable(metrics, 'metrics');
          // The dataset's first rows as tokens, with the length histogram.
          const datasets = page.locator('.pane', { has: page.locator('.pane-header', { hasText: 'Datasets' }) });
          await contextMenu(
            page,
            datasets.locator('.monaco-list-row', { hasText: 'classify.csv' }).first(),
            'Show Dataset Tokens',
          );
          const datasetTokens = await frameWith(page, '#token-rows .chip', { timeout: 60000 });
          await datasetTokens.locator('svg.chart rect.bar').first().waitFor();
          await readable(datasetTokens, 'dataset-tokens');
          await runCommand(page, 'View: Close All Editors');
          await openFile(page, 'classify.csv');
          await runCommand(page, 'BERT Studio: Open in Labeler');
          const labeler = await frameWith(page, '#focus-text');
          await labeler.locator('#progress').waitFor();
          await readable(labeler, 'labeler');
          await runCommand(page, 'View: Close All Editors');
        });
      }
      assert.deepEqual(unreadable, [], 'every text reaches WCAG AA contrast (4.5:1)');
    } finally {
      setTheme(null);
      // The runs trained here would show up in the tests after this one.
      removeRuns();
    }
  },
);
