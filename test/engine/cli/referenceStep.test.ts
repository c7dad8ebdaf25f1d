import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CASES, checkReferenceStep } from './parityCases';
import { REFERENCE_DEFAULTS, referenceStep } from '../../../extension/engine/cli/referenceStep';

const FIXTURES = path.join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'parity');

for (const c of CASES) {
  test(`reference-step matches PyTorch: ${c.name} (logits, loss, every gradient, weights after 3 AdamW steps)`, () =>
    checkReferenceStep(c, 'cpu'));
}

test('reference-step takes the keys its task needs and ignores the rest, as the oracle does', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bert-ref-'));
  const qa = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'batch-qa.json'), 'utf8'));
  const mixed = path.join(dir, 'mixed.json');
  fs.writeFileSync(mixed, JSON.stringify({ ...qa, labels: [[1, 2, 3]], example_id: 'x' }));
  const lines: string[] = [];
  const a = { ...REFERENCE_DEFAULTS, ...CASES[1].args, steps: 1 };
  await referenceStep(path.join(FIXTURES, 'tiny-qa'), mixed, path.join(dir, 'out.safetensors'), a, (l) =>
    lines.push(l),
  );
  const ref = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'step-qa.jsonl'), 'utf8').split('\n')[0]);
  assert.ok(Math.abs(JSON.parse(lines[0]).loss - ref.loss) <= 1e-5 * Math.abs(ref.loss));
  await assert.rejects(
    referenceStep(
      path.join(FIXTURES, 'tiny-cls'),
      mixed,
      path.join(dir, 'x.safetensors'),
      REFERENCE_DEFAULTS,
      () => {},
    ),
    /mixed\.json: labels must have one entry per row \(3\)/,
  );
  const noLabels = path.join(dir, 'qa-only.json');
  fs.writeFileSync(noLabels, JSON.stringify(qa));
  await assert.rejects(
    referenceStep(
      path.join(FIXTURES, 'tiny-cls'),
      noLabels,
      path.join(dir, 'y.safetensors'),
      REFERENCE_DEFAULTS,
      () => {},
    ),
    /qa-only\.json: no 'labels', which --task cls trains on/,
  );
});
