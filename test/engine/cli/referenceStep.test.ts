import { test } from 'node:test';
import { CASES, checkReferenceStep } from './parityCases';

for (const c of CASES) {
  test(`reference-step matches PyTorch: ${c.name} (logits, loss, every gradient, weights after 3 AdamW steps)`, () =>
    checkReferenceStep(c, 'cpu'));
}
