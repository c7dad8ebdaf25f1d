import { onSwiftShader } from './swiftShader';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Classifier } from '../../../extension/engine/infer/classify';

const ROOT = path.join(__dirname, '..', '..', '..', '..');
const BIN = path.join(ROOT, 'bin', 'bert-studio.js');
const MODEL = path.join(ROOT, 'test', 'fixtures', 'parity', 'tiny-cls');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'webgpu-train-'));

/** 48 rows of the fixture CSV: 36 to train on, 12 to evaluate, so a run on SwiftShader stays short. */
function smallCsv(): string {
  const lines = fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'data', 'classify.csv'), 'utf8').split('\n');
  const file = path.join(tmp, 'small.csv');
  fs.writeFileSync(file, lines.slice(0, 49).join('\n') + '\n');
  return file;
}

const COMMON = [
  '--model', MODEL,
  '--per_device_train_batch_size', '8',
  '--max_length', '32',
  '--test_size', '0.25',
  '--learning_rate', '1e-3',
  '--lr_scheduler_type', 'constant',
  '--eval_strategy', 'steps', '--eval_steps', '3',
  '--save_strategy', 'steps', '--save_steps', '3',
  '--seed', '3',
]; // prettier-ignore

function train(csv: string, out: string, ep: string, ...more: string[]) {
  const r = spawnSync(
    process.execPath,
    [BIN, 'train', csv, ...COMMON, '--output', out, '--execution_provider', ep, ...more],
    {
      encoding: 'utf8',
    },
  );
  assert.equal(r.status, 0, r.stderr);
  return { results: JSON.parse(r.stdout) as Record<string, number>, log: r.stderr };
}

test(
  'WebGPU: a run with evaluation, checkpoints and --resume ends where the CPU run with the same seed ends; its model classifies a batch on WebGPU as on the CPU',
  onSwiftShader,
  async () => {
    const csv = smallCsv();
    const gpu = path.join(tmp, 'gpu');
    const first = train(csv, gpu, 'webgpu', '--max_steps', '3');
    assert.match(first.log, /placement: every node of the step graph on WebGpuExecutionProvider/);
    assert.match(first.log, /eval at step 3/);
    assert.ok(
      fs.existsSync(path.join(gpu, 'checkpoint-3', 'model.safetensors')),
      'a checkpoint read back from the GPU',
    );
    const args = JSON.parse(fs.readFileSync(path.join(gpu, 'training_args.json'), 'utf8'));
    assert.equal(args.execution_provider, 'webgpu');
    assert.equal(args.placement.step.CPUExecutionProvider, 0);
    const resumed = train(csv, gpu, 'webgpu', '--max_steps', '6', '--resume');
    assert.match(resumed.log, /resuming from .*checkpoint-3 at step 3/);
    const cpu = train(csv, path.join(tmp, 'cpu'), 'cpu', '--max_steps', '6');
    const [a, b] = [resumed.results.eval_loss, cpu.results.eval_loss];
    assert.ok(Math.abs(a - b) <= 1e-3 * Math.abs(b), `eval_loss WebGPU ${a}, CPU ${b}`);

    const texts = Array.from({ length: 16 }, (_, i) => `sample text number ${i} about rain and football`);
    const onGpu = await Classifier.load(gpu, { executionProvider: 'webgpu' });
    const onCpu = await Classifier.load(gpu, { executionProvider: 'cpu' });
    const [pg, pc] = [await onGpu.classify(texts), await onCpu.classify(texts)];
    pc.forEach((row, i) => {
      const gpuScores = new Map(pg[i].map((p) => [p.label, p.score]));
      for (const p of row) {
        const s = gpuScores.get(p.label)!;
        assert.ok(Math.abs(s - p.score) < 1e-5, `text ${i} ${p.label}: ${s} on WebGPU, ${p.score} on the CPU`);
      }
    });
    await onGpu.release();
    await onCpu.release();
  },
);
