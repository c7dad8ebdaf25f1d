import { onSwiftShader } from './swiftShader';
import { test } from 'node:test';
import { CASES, checkReferenceStep } from '../cli/parityCases';

// The same PyTorch fixtures and tolerances as on the CPU, with weights and moments resident on the GPU between
// steps and read back at the end.
for (const c of CASES.filter((x) => x.name !== 'step-cls-noclip')) {
  test(`WebGPU: reference-step matches PyTorch: ${c.name}`, onSwiftShader, () => checkReferenceStep(c, 'webgpu'));
}
