/**
 * `bert-studio reference-step`: the same arguments, batch file and output file as
 * bert_reference.py's `step`, so any checkpoint can be held against PyTorch.
 * Dropout is off, as in the reference.
 */
import type { HostTensor } from '../tensor';
import { loadBertConfig } from '../bert/config';
import { readBatchFile } from '../bert/batchFile';
import { parameterSpecs } from '../bert/params';
import { loadWeights } from '../bert/weights';
import { writeSafetensors } from '../bert/safetensors';
import { TrainingStep } from '../train/trainingStep';
import { learningRate } from '../train/schedule';
import { ADAMW_DEFAULTS } from '../train/adamw';
import * as path from 'node:path';
import type { ExecutionProvider } from '../runtime/ort';
import type { TaskName } from '../tasks/task';
import { TASKS } from '../tasks/registry';

export interface ReferenceStepArgs {
  lr: number;
  wd: number;
  warmup: number;
  total: number;
  steps: number;
  clip: number;
  task: TaskName;
  threads?: number;
  /** Where the step runs; on WebGPU weights and moments stay on the device between steps, as in training. */
  executionProvider?: ExecutionProvider;
}

export const REFERENCE_DEFAULTS: ReferenceStepArgs = {
  lr: 5e-5,
  wd: 0.01,
  warmup: 0,
  total: 1,
  steps: 1,
  clip: 1.0,
  task: 'cls',
};

export async function referenceStep(
  ckpt: string,
  batchFile: string,
  out: string,
  a: ReferenceStepArgs,
  log: (line: string) => void,
): Promise<void> {
  const config = loadBertConfig(path.join(ckpt, 'config.json'));
  const weights = loadWeights(ckpt, config, a.task);
  const targets = TASKS[a.task].targets;
  const batch = readBatchFile(batchFile, targets);
  for (const t of targets)
    if (!batch[t.name]) throw new Error(`${batchFile}: no '${t.name}', which --task ${a.task} trains on`);
  const specs = parameterSpecs(config, a.task);
  const step = await TrainingStep.create(
    {
      config,
      task: a.task,
      trainable: specs,
      frozen: new Map(),
      dropout: false,
      outputGradients: true,
      optimizer: { ...ADAMW_DEFAULTS, weightDecay: a.wd, maxGradNorm: a.clip },
    },
    weights.params,
    { threads: a.threads, executionProvider: a.executionProvider },
    undefined,
    a.executionProvider === 'webgpu' ? 'device' : 'host',
  );
  const saved = new Map<string, HostTensor>();
  try {
    for (let i = 0; i < a.steps; i++) {
      const lr = learningRate({ type: 'linear', baseLr: a.lr, warmupSteps: a.warmup, totalSteps: a.total }, i);
      const r = await step.run(batch, lr);
      if (i === 0) {
        for (const [k, v] of Object.entries(r.outputs)) saved.set(k, v);
        saved.set('loss', { dtype: 'float32', shape: [1], data: new Float32Array([r.loss]) });
        for (const [k, v] of r.grads) saved.set(`grad.${k}`, v);
      }
      log(JSON.stringify({ step: i, loss: r.loss, lr, grad_norm: r.gradNorm }));
    }
    for (const [k, v] of await step.weights()) saved.set(k, v);
    writeSafetensors(out, saved);
  } finally {
    await step.release();
  }
}
