/** The PyTorch parity cases of test/fixtures/parity, checked on any execution provider. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { referenceStep, REFERENCE_DEFAULTS, ReferenceStepArgs } from '../../../extension/engine/cli/referenceStep';
import { readSafetensors } from '../../../extension/engine/bert/safetensors';
import { assertClose } from '../closeness';
import { learningRate } from '../../../extension/engine/train/schedule';
import type { HostTensor } from '../../../extension/engine/tensor';
import type { ExecutionProvider } from '../../../extension/engine/runtime/ort';

/**
 * Weights after AdamW: 1e-5 relative. Adam divides by √v + ε, so an element whose gradient is at
 * float32 rounding level (|g| < 1e-6; some are exactly zero in exact arithmetic, e.g. qa_outputs.bias
 * under softmax's shift invariance) takes a step of up to lr in a direction set by rounding, in
 * PyTorch as in any float32 implementation. Those may differ by at most the summed learning rate;
 * they must stay under 1% of all elements.
 */
function assertWeightsClose(ours: Map<string, HostTensor>, ref: Map<string, HostTensor>, lrSum: number): void {
  let loose = 0;
  let total = 0;
  for (const [name, expected] of ref) {
    if (name === 'loss' || name.endsWith('logits') || name.startsWith('grad.')) continue;
    const actual = ours.get(name);
    const grad = ref.get(`grad.${name}`)!;
    assert.ok(actual, `${name}: missing`);
    for (let i = 0; i < expected.data.length; i++) {
      const [a, b] = [Number(actual.data[i]), Number(expected.data[i])];
      const tiny = Math.abs(Number(grad.data[i])) < 1e-6;
      const tol = 1e-5 * Math.abs(b) + 1e-7 + (tiny ? lrSum : 0);
      assert.ok(
        Math.abs(a - b) <= tol,
        `${name}[${i}]: ours ${a}, reference ${b} (first gradient ${Number(grad.data[i])})`,
      );
      if (tiny && Math.abs(a - b) > 1e-5 * Math.abs(b) + 1e-7) loose++;
      total++;
    }
  }
  assert.ok(loose < 0.01 * total, `${loose} of ${total} weights needed the rounding-level band`);
}

const FIXTURES = path.join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'parity');

export interface Case {
  name: string;
  ckpt: string;
  batch: string;
  args: Partial<ReferenceStepArgs>;
}

// Each case is what test/fixtures/parity/make.sh ran through PyTorch.
export const CASES: Case[] = [
  {
    name: 'step-cls',
    ckpt: 'tiny-cls',
    batch: 'batch-cls.json',
    args: { lr: 1e-3, wd: 0.01, warmup: 1, total: 4, steps: 3, clip: 0.5, task: 'cls' },
  },
  {
    name: 'step-qa',
    ckpt: 'tiny-qa',
    batch: 'batch-qa.json',
    args: { lr: 1e-3, wd: 0.01, warmup: 1, total: 4, steps: 3, clip: 0.5, task: 'qa' },
  },
  {
    name: 'step-cls-noclip',
    ckpt: 'tiny-cls',
    batch: 'batch-cls.json',
    args: { lr: 2e-3, wd: 0, warmup: 0, total: 3, steps: 3, clip: 0, task: 'cls' },
  },
  // 2-layer hidden-40 models with the tasks' heads; padded batches, -100 tokens, clipping (0.05) and warmup active.
  ...(['token', 'multilabel', 'regression'] as const).map((task) => ({
    name: `step-${task}`,
    ckpt: `tiny-${task}`,
    batch: `batch-${task}.json`,
    args: { lr: 1e-3, wd: 0.01, warmup: 1, total: 4, steps: 3, clip: 0.05, task },
  })),
];

/** reference-step on `executionProvider` against the PyTorch fixture: logits, loss, every gradient, weights after 3 AdamW steps. */
export async function checkReferenceStep(c: Case, executionProvider: ExecutionProvider): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bert-ref-'));
  const out = path.join(dir, 'out.safetensors');
  const lines: string[] = [];
  await referenceStep(
    path.join(FIXTURES, c.ckpt),
    path.join(FIXTURES, c.batch),
    out,
    { ...REFERENCE_DEFAULTS, ...c.args, executionProvider },
    (l) => lines.push(l),
  );
  const ours = readSafetensors(out);
  const ref = readSafetensors(path.join(FIXTURES, `${c.name}.safetensors`));
  assert.deepEqual([...ours.keys()].sort(), [...ref.keys()].sort(), 'same tensors as the reference writes');
  for (const [name, expected] of ref) {
    if (name === 'loss' || name.endsWith('logits')) assertClose(ours.get(name), expected, name, 1e-5, 1e-7);
    else if (name.startsWith('grad.')) assertClose(ours.get(name), expected, name, 1e-4, 1e-6);
  }
  const a = { ...REFERENCE_DEFAULTS, ...c.args };
  const lrSum = Array.from({ length: a.steps }, (_, i) =>
    learningRate({ type: 'linear', baseLr: a.lr, warmupSteps: a.warmup, totalSteps: a.total }, i),
  ).reduce((x, y) => x + y, 0);
  assertWeightsClose(ours, ref, lrSum);
  const refLines = fs
    .readFileSync(path.join(FIXTURES, `${c.name}.jsonl`), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  assert.equal(lines.length, refLines.length);
  lines
    .map((l) => JSON.parse(l))
    .forEach((l, i) => {
      assert.equal(l.step, refLines[i].step);
      assert.ok(
        Math.abs(l.loss - refLines[i].loss) <= 1e-5 * Math.abs(refLines[i].loss),
        `step ${i} loss ${l.loss} vs ${refLines[i].loss}`,
      );
      assert.ok(Math.abs(l.lr - refLines[i].lr) <= 1e-12, `step ${i} lr`);
      assert.ok(
        Math.abs(l.grad_norm - refLines[i].grad_norm) <= 1e-4 * refLines[i].grad_norm,
        `step ${i} grad_norm ${l.grad_norm} vs ${refLines[i].grad_norm}`,
      );
    });
  fs.rmSync(dir, { recursive: true });
}
