// Embed Selection as a person uses it: select a sentence, choose the pooling, save the vector as .npy through VS Code's
// save dialog; the file holds PyTorch's pooler output for that sentence (the committed parity fixture) to 1e-5.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { url, workspace, withWorkbench, openFile, runCommand, screenshot } = require('./vscode');

const FIXTURES = path.resolve('test/fixtures/parity');

/** One float32 tensor of a safetensors file. */
function safetensor(file, name) {
  const bytes = fs.readFileSync(file);
  const headerLength = Number(bytes.readBigUInt64LE(0));
  const entry = JSON.parse(bytes.subarray(8, 8 + headerLength).toString('utf8'))[name];
  const [start, end] = entry.data_offsets.map((o) => 8 + headerLength + o);
  return {
    shape: entry.shape,
    data: new Float32Array(bytes.buffer.slice(bytes.byteOffset + start, bytes.byteOffset + end)),
  };
}

/** A little-endian float32 .npy file: its shape and data. */
function npy(file) {
  const bytes = fs.readFileSync(file);
  assert.equal(bytes.subarray(0, 6).toString('latin1'), '\x93NUMPY');
  const headerLength = bytes.readUInt16LE(8);
  const header = bytes.subarray(10, 10 + headerLength).toString('latin1');
  assert.match(header, /'descr': '<f4'/);
  const shape = /'shape': \(([^)]*)\)/
    .exec(header)[1]
    .split(',')
    .filter((d) => d.trim())
    .map(Number);
  return {
    shape,
    data: new Float32Array(bytes.buffer.slice(bytes.byteOffset + 10 + headerLength, bytes.byteOffset + bytes.length)),
  };
}

test(
  "Embed Selection: the pooler output of a selected sentence saved as .npy equals PyTorch's",
  { skip: !url },
  async () => {
    fs.writeFileSync(path.join(workspace, 'sentence.txt'), 'I love Paris\n');
    const saved = path.join(workspace, 'embedding-pooler.npy');
    fs.rmSync(saved, { force: true });
    try {
      await withWorkbench('embed', async (page) => {
        await runCommand(page, 'BERT Studio: Select Model for Inference');
        await page.locator('.quick-input-list .monaco-list-row', { hasText: 'tiny-cls' }).first().click();
        await openFile(page, 'sentence.txt');
        await page.keyboard.press('Control+Home');
        await page.keyboard.press('Shift+End');
        await runCommand(page, 'BERT Studio: Embed Selection');
        await page.locator('.quick-input-widget', { hasText: 'Embed the selection with tiny-cls' }).waitFor();
        await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Pooler output' }).first().click();
        const toast = page.locator('.notification-toast', {
          hasText: 'Pooler output of the selection: a vector of 32',
        });
        await toast.waitFor({ timeout: 60000 });
        await screenshot(page, 'embed-1-summary');
        await toast.getByRole('button', { name: 'Save as…' }).click();
        // code-server's save dialog is a path input, filled with the suggested file in the workspace.
        const input = page.locator('.quick-input-widget input');
        await page.waitForFunction(
          () => document.querySelector('.quick-input-widget input')?.value.endsWith('embedding-pooler.npy'),
          null,
          { timeout: 20000 },
        );
        await screenshot(page, 'embed-2-save-dialog');
        await input.press('Enter');
        await page
          .locator('.statusbar-item', { hasText: 'Embedding saved to embedding-pooler.npy' })
          .first()
          .waitFor({ timeout: 20000 });
      });
      const file = npy(saved);
      const reference = safetensor(path.join(FIXTURES, 'forward-cls.safetensors'), 'pooler_output');
      const h = reference.shape[1];
      assert.deepEqual(file.shape, [h]);
      assert.equal(file.data.length, h, 'the data holds exactly the shape');
      // Row 0 of the fixture's batch is "I love Paris".
      const expected = reference.data.subarray(0, h);
      const worst = Math.max(
        ...file.data.map((v, i) => Math.abs(v - expected[i]) / (1e-5 + 1e-5 * Math.abs(expected[i]))),
      );
      assert.ok(worst <= 1, `every element within 1e-5 of PyTorch (worst at ${worst.toFixed(2)} of the tolerance)`);
    } finally {
      fs.rmSync(saved, { force: true });
    }
  },
);
