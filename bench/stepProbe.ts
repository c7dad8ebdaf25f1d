/**
 * A probe of one training-step session, for tuning session options on a busy machine:
 * per phase the wall time, the process's CPU time (user + system; with 1 thread, the
 * work itself) and resident memory after it, for the first runs and a few later ones.
 * Options from env: PROBE_LAYERS/HIDDEN/HEADS/INTER/BATCH/SEQ/RUNS/THREADS, PROBE_ARENA=0,
 * PROBE_PATTERN=0, PROBE_OPT=basic|extended|all|disabled, PROBE_CONFIG='k=v,k=v', PROBE_PROFILE=prefix
 * (ORT's per-node trace; bench/profileSummary.py sums it by op).
 */
import * as fs from 'node:fs';
import { int64 } from '../extension/engine/tensor';
import { randomModel } from './randomStep';
import type { SessionOptions } from '../extension/engine/runtime/ort';

const env = (k: string, d: number) => Number(process.env[`PROBE_${k}`] ?? d);
const [L, H, A, I, B, T, RUNS] = [
  env('LAYERS', 6),
  env('HIDDEN', 384),
  env('HEADS', 12),
  env('INTER', 1536),
  env('BATCH', 8),
  env('SEQ', 64),
  env('RUNS', 4),
];

function memMiB(): { rss: number; hwm: number } {
  const s = fs.readFileSync('/proc/self/status', 'utf8');
  const kb = (k: string) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(s)![1]);
  return { rss: Math.round(kb('VmRSS') / 1024), hwm: Math.round(kb('VmHWM') / 1024) };
}

async function phase<T>(name: string, rows: Record<string, unknown>[], f: () => Promise<T> | T): Promise<T> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const r = await f();
  const c = process.cpuUsage(c0);
  rows.push({
    phase: name,
    wall_s: +((performance.now() - t0) / 1000).toFixed(3),
    cpu_s: +((c.user + c.system) / 1e6).toFixed(3),
    ...memMiB(),
  });
  return r;
}

async function main(): Promise<void> {
  const ids = Array.from({ length: B * T }, (_, i) => 1000 + ((i * 7919) % 29000));
  const mask = Array.from({ length: B * T }, (_, i) => (i % T < T - (i / T) * 3 ? 1 : 0));
  const batch = {
    input_ids: int64(
      [B, T],
      ids.map((x, i) => (mask[i] ? x : 0)),
    ),
    attention_mask: int64([B, T], mask),
    token_type_ids: int64([B, T], new Array(B * T).fill(0)),
    labels: int64(
      [B],
      Array.from({ length: B }, (_, i) => i % 4),
    ),
  };
  const session: SessionOptions = {
    threads: env('THREADS', 1),
    executionProvider: 'cpu',
    ...(process.env.PROBE_ARENA ? { cpuMemArena: process.env.PROBE_ARENA === '1' } : {}),
    ...(process.env.PROBE_PATTERN ? { memPattern: process.env.PROBE_PATTERN === '1' } : {}),
    ...(process.env.PROBE_OPT ? { optimization: process.env.PROBE_OPT as SessionOptions['optimization'] } : {}),
    ...(process.env.PROBE_PROFILE ? { profilePrefix: process.env.PROBE_PROFILE } : {}),
    ...(process.env.PROBE_CONFIG
      ? {
          config: Object.fromEntries(
            process.env.PROBE_CONFIG.split(',').map((kv) => kv.split('=') as [string, string]),
          ),
        }
      : {}),
  };
  const build = randomModel({ layers: L, hidden: H, heads: A, inter: I, labels: 4 });
  const rows: Record<string, unknown>[] = [{ phase: 'start', ...memMiB() }];
  const step = await phase('create', rows, () => build(session));
  let loss = 0;
  for (let i = 0; i < RUNS; i++) loss = (await phase(`run ${i + 1}`, rows, () => step.run(batch, 5e-5))).loss;
  if (process.env.PROBE_PROFILE) step.endProfiling();
  await step.release();
  process.stdout.write(JSON.stringify({ shape: `L${L} H${H} A${A} I${I} B${B} T${T}`, session, loss, rows }) + '\n');
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack}\n`);
  process.exit(1);
});
