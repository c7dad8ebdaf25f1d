/**
 * Where ONNX Runtime places each graph a run builds (the training step, evaluation, and in frozen mode the feature
 * extraction): one profiled call of each on a small synthetic batch, node counts per execution provider and the
 * bytes the step copies between host and device.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { HostTensor, float32, int64 } from '../tensor';
import { loadTokenizer } from '../bert/loadModel';
import { loadWeights } from '../bert/weights';
import { isHead, parameterSpecs } from '../bert/params';
import { ExecutionProvider, Feed, Session } from '../runtime/ort';
import { TracePlacement, readTrace, traceIn } from '../runtime/profile';
import { buildForward } from '../bert/forward';
import { buildHeadForward, buildHeadStep, names } from './stepGraph';
import { TrainingStep } from './trainingStep';
import { ADAMW_DEFAULTS } from './adamw';
import type { TaskName } from '../tasks/task';
import { TASKS } from '../tasks/registry';

export interface PlacementRequest {
  model: string;
  task: TaskName;
  mode: 'full' | 'frozen';
  executionProvider: ExecutionProvider;
}

export interface PlacementReport {
  execution_provider: ExecutionProvider;
  /** Nodes per execution provider, per graph. */
  step: Record<string, number>;
  eval: Record<string, number>;
  features?: Record<string, number>;
  /** Op types that ran on the CPU, per graph (empty when none did). */
  cpu_ops: Record<string, Record<string, number>>;
  /** Bytes copied between host and device inside one training step (Memcpy nodes). */
  copied_bytes_per_step: number;
}

const B = 2;
const T = 16;

/** Token inputs and the task's targets as its registry entry declares them (index targets small, in range). */
function syntheticBatch(task: TaskName, labels: number): Record<string, HostTensor> {
  const ids = Array.from({ length: B * T }, (_, i) => (i % T === 0 ? 101 : 1000 + ((i * 37) % 1000)));
  const batch: Record<string, HostTensor> = {
    input_ids: int64([B, T], ids),
    attention_mask: int64([B, T], new Array(B * T).fill(1)),
    token_type_ids: int64([B, T], new Array(B * T).fill(0)),
  };
  for (const t of TASKS[task].targets) {
    const shape = t.dims.map((d) => (d === 'B' ? B : d === 'T' ? T : labels));
    const n = shape.reduce((x, y) => x * y, 1);
    const values = Array.from({ length: n }, (_, i) => (i + 1) % Math.min(labels, T));
    batch[t.name] =
      t.dtype === 'int64'
        ? int64(shape, values)
        : float32(
            shape,
            values.map((v) => v % 2),
          );
  }
  return batch;
}

/** Runs `call` with ORT's profiler writing into a fresh folder, and reads where the nodes ran. */
async function profiled(call: (profilePrefix: string) => Promise<void>): Promise<TracePlacement> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bert-studio-placement-'));
  try {
    await call(path.join(dir, 'graph'));
    return readTrace(traceIn(dir, 'graph'));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function measurePlacement(r: PlacementRequest): Promise<PlacementReport> {
  const { config: base, folder } = await loadTokenizer(r.model);
  const config = {
    ...base,
    architectures: [TASKS[r.task].architecture],
  };
  if (r.mode === 'frozen' && r.task !== 'cls') throw new Error('frozen-encoder mode is for classification');
  const { params } = loadWeights(folder, config, r.task, { seed: 42, ignoreMismatchedHeads: true });
  const specs = parameterSpecs(config, r.task);
  const trainable = r.mode === 'full' ? specs : specs.filter((s) => isHead(s.name));
  const frozen = new Map([...params].filter(([k]) => !trainable.some((s) => s.name === k)));
  const ep = r.executionProvider;
  const location = ep === 'webgpu' ? 'device' : 'host';
  const batch = syntheticBatch(r.task, Math.max(2, config.id2label.length));
  const pooled = float32([B, config.hiddenSize], new Float32Array(B * config.hiddenSize).fill(0.1));
  const stepBatch = r.mode === 'frozen' ? { pooled, labels: batch.labels } : batch;

  const step = await profiled(async (profilePrefix) => {
    const opts = { executionProvider: ep, profilePrefix };
    const s =
      r.mode === 'frozen'
        ? await TrainingStep.fromGraph(
            buildHeadStep(config, trainable, ADAMW_DEFAULTS),
            trainable,
            params,
            opts,
            undefined,
            false,
            location,
          )
        : await TrainingStep.create(
            { config, task: r.task, trainable, frozen, optimizer: ADAMW_DEFAULTS, dropout: true },
            params,
            opts,
            undefined,
            location,
          );
    try {
      await s.run(stepBatch, 1e-5);
      s.endProfiling();
    } finally {
      await s.release();
    }
  });
  const runOnce = (graph: ReturnType<typeof buildForward>, feeds: Record<string, Feed>) =>
    profiled(async (profilePrefix) => {
      const s = await Session.fromGraph(graph, { executionProvider: ep, profilePrefix }, 'placement');
      try {
        await s.run(feeds);
        s.endProfiling();
      } finally {
        await s.release();
      }
    });
  const paramFeeds = Object.fromEntries(trainable.map((s) => [names.param(s.name), params.get(s.name)!]));
  const evaluation =
    r.mode === 'frozen'
      ? await runOnce(buildHeadForward(config, trainable), { ...paramFeeds, pooled, labels: batch.labels })
      : await runOnce(buildForward(config, r.task, specs, frozen, { withLabels: true }), { ...paramFeeds, ...batch });
  const inputs = Object.fromEntries(
    Object.entries(batch).filter(([k]) => ['input_ids', 'attention_mask', 'token_type_ids'].includes(k)),
  );
  const features =
    r.mode === 'frozen'
      ? await runOnce(buildForward(config, 'base', parameterSpecs(config, 'base'), params), inputs)
      : null;
  const cpuOps: Record<string, Record<string, number>> = {};
  for (const [name, p] of Object.entries({ step, eval: evaluation, ...(features ? { features } : {}) }))
    if (Object.keys(p.cpuOps).length) cpuOps[name] = p.cpuOps;
  return {
    execution_provider: ep,
    step: step.nodes,
    eval: evaluation.nodes,
    ...(features ? { features: features.nodes } : {}),
    cpu_ops: cpuOps,
    copied_bytes_per_step: step.copiedBytes,
  };
}
