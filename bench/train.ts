/**
 * bench:train — full fine-tuning throughput of a bert-base-shaped model (random
 * weights) on the CPU execution provider, against PyTorch eager on the same
 * shapes and thread count when torch is importable. Prints JSON.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { Graph } from '../extension/engine/onnx/builder';
import { Session, ORT_VERSION, probeProvider } from '../extension/engine/runtime/ort';
import { float32, int64 } from '../extension/engine/tensor';
import { randomModel } from './randomStep';
import { ProviderChoice, selectProvider } from '../extension/engine/runtime/providers';
import { peakRssMiB, percentile, referenceScript, runPeer, torchAvailable } from './common';
import { StepTrace } from '../extension/engine/train/stepTrace';

const env = (k: string, d: number) => Number(process.env[k] ?? d);
const B = env('BENCH_BATCH', 8),
  T = env('BENCH_SEQ', 128),
  STEPS = env('BENCH_STEPS', 5),
  WARMUP = env('BENCH_WARMUP', 2),
  THREADS = env('BENCH_THREADS', os.cpus().length);
const EP = (process.env.BENCH_EP ?? 'cpu') as ProviderChoice;
const LAYERS = env('BENCH_LAYERS', 12),
  HIDDEN = env('BENCH_HIDDEN', 768),
  HEADS = env('BENCH_HEADS', 12),
  INTER = env('BENCH_INTER', 3072);

/** FLOP/s ORT reaches on a large square MatMul here: the ceiling MFU is measured against. */
async function matmulFlops(provider: 'cpu' | 'webgpu' | 'cuda'): Promise<number> {
  const n = 2048;
  const g = new Graph();
  const a = g.input('a', 'float32', [n, n]);
  const b = g.input('b', 'float32', [n, n]);
  g.output(g.matmul(a, b), 'c');
  const s = await Session.fromGraph(g, { threads: THREADS, executionProvider: provider });
  const x = float32([n, n], new Float32Array(n * n).fill(0.5));
  await s.run({ a: x, b: x });
  const t = performance.now();
  for (let i = 0; i < 3; i++) await s.run({ a: x, b: x });
  const dt = (performance.now() - t) / 3000;
  await s.release();
  return (2 * n ** 3) / dt;
}

/** Forward + backward ≈ 3× forward; forward = 2·(dense params)·tokens + attention's two B·T²·H products per layer. */
function stepFlops(): number {
  const dense = LAYERS * (4 * HIDDEN * HIDDEN + 2 * HIDDEN * INTER) + HIDDEN * HIDDEN;
  const forward = 2 * dense * B * T + LAYERS * 2 * 2 * B * T * T * HIDDEN;
  return 3 * forward;
}

async function main(): Promise<void> {
  const ids = Array.from({ length: B * T }, (_, i) => 1000 + ((i * 7919) % 29000));
  const batch = {
    input_ids: int64([B, T], ids),
    attention_mask: int64([B, T], new Array(B * T).fill(1)),
    token_type_ids: int64([B, T], new Array(B * T).fill(0)),
    labels: int64(
      [B],
      Array.from({ length: B }, (_, i) => i % 2),
    ),
  };
  const chosen = await selectProvider(EP, { probe: probeProvider, ortVersion: ORT_VERSION });
  const build = randomModel({ layers: LAYERS, hidden: HIDDEN, heads: HEADS, inter: INTER, labels: 2 });
  const t0 = performance.now();
  // On a device, the first step is profiled: where ORT placed each node, and so the bytes copied per step.
  const trace = new StepTrace(chosen.provider);
  const step = await build({
    threads: THREADS,
    executionProvider: chosen.provider,
    profilePrefix: trace.profilePrefix,
  });
  await step.run(batch, 5e-5);
  const firstStepS = (performance.now() - t0) / 1000;
  if (trace.profilePrefix) step.endProfiling();
  const placement = trace.finish()?.placement;
  // ONNX Runtime's arena grows over the first runs; both sides get the same warm-up.
  for (let i = 1; i < WARMUP; i++) await step.run(batch, 5e-5);
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < STEPS; i++) {
    const t = performance.now();
    const c = process.cpuUsage();
    await step.run(batch, 5e-5);
    times.push((performance.now() - t) / 1000);
    const used = process.cpuUsage(c);
    cpu.push((used.user + used.system) / 1e6);
  }
  await step.release();
  const stepS = times.reduce((a, b) => a + b, 0) / times.length;
  const sorted = [...times].sort((a, b) => a - b);
  const peak = await matmulFlops(chosen.provider);
  const result: Record<string, unknown> = {
    bench: 'train',
    model: `bert L${LAYERS} H${HIDDEN} A${HEADS} I${INTER} (random weights)`,
    execution_provider: chosen.provider,
    provider_reason: chosen.reason,
    batch: B,
    seq: T,
    threads: THREADS,
    warmup_steps: WARMUP,
    steps: STEPS,
    step_s: stepS,
    step_s_p50: percentile(sorted, 50),
    step_s_max: sorted[sorted.length - 1],
    // CPU seconds per step (all threads): less skewed than wall time by other work on a busy machine.
    step_cpu_s_p50: percentile(
      [...cpu].sort((a, b) => a - b),
      50,
    ),
    samples_per_s: B / stepS,
    tokens_per_s: (B * T) / stepS,
    time_to_first_step_s: firstStepS,
    // Host↔device copies per step (0 on the CPU, where nothing is copied); the node counts per provider beside it.
    copied_bytes_per_step: placement?.copied_bytes_per_step ?? 0,
    ...(placement ? { placement: placement.step } : {}),
    peak_rss_mib: peakRssMiB(),
    matmul_gflops: peak / 1e9,
    mfu: stepFlops() / stepS / peak,
  };
  const ref = referenceScript();
  const device = chosen.provider === 'cpu' ? 'cpu' : 'cuda';
  if (ref && torchAvailable(device)) {
    const peer = runPeer(path.join(__dirname, '..', '..', 'bench', 'torch_peer.py'), [
      '--reference',
      ref,
      '--batch',
      `${B}`,
      '--seq',
      `${T}`,
      '--steps',
      `${STEPS}`,
      '--warmup',
      `${WARMUP}`,
      '--threads',
      `${THREADS}`,
      '--layers',
      `${LAYERS}`,
      '--hidden',
      `${HIDDEN}`,
      '--heads',
      `${HEADS}`,
      '--inter',
      `${INTER}`,
      '--device',
      device,
    ]);
    result.pytorch = peer;
    if ('samples_per_s' in peer) {
      result.ratio_vs_pytorch = B / stepS / Number(peer.samples_per_s);
      result.cpu_ratio_vs_pytorch = Number(peer.step_cpu_s_p50) / Number(result.step_cpu_s_p50);
    }
  } else {
    result.pytorch = `not run: torch${device === 'cuda' ? ' with CUDA' : ''} is not importable by /usr/bin/python3, or ../shared/reference/bert_reference.py is missing`;
  }
  process.stdout.write(JSON.stringify(result, null, 2) + '\n');
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack}\n`);
  process.exit(1);
});
