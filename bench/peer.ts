/**
 * bench:peer — the user's path against PyTorch eager in one run: `bert-studio train` on
 * product descriptions of mixed lengths (dynamic padding), and the same loop in PyTorch
 * (bench/torch_train.py) on the very batches our trainer forms, same checkpoint, order,
 * hyperparameters and thread count. Both run as child processes, observed the same way
 * from outside: time to the first finished step (process start included), steady
 * samples/s (steps 2…N), whole-process wall time and peak RSS (`/usr/bin/time -f %M`).
 * Repetitions alternate which side runs first; the JSON gives each run and the medians.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadTokenizer } from '../extension/engine/bert/loadModel';
import { prepareClassification } from '../extension/engine/train/dataset';
import { DEFAULT_ARGUMENTS } from '../extension/engine/train/arguments';
import { collate, epochOrder } from '../extension/engine/data/batches';
import { Shape, writeCheckpoint, writeProductCsv } from './peerData';
import { referenceScript, torchAvailable } from './common';
import { ChildRun, observe } from './observe';

const env = (k: string, d: number) => Number(process.env[k] ?? d);
const THREADS = env('BENCH_THREADS', os.cpus().length);
const ROWS = env('BENCH_ROWS', 1000);
const MAX_LENGTH = 128;
const ROOT = path.join(__dirname, '..', '..');

interface Case extends Shape {
  batch: number;
  steps: number;
  /** Runs of each side, alternating which goes first; the JSON gives every run and the medians. */
  repeats: number;
}
const CASES: Case[] = [
  {
    name: 'minilm-l6',
    layers: 6,
    hidden: 384,
    heads: 12,
    inter: 1536,
    batch: 16,
    steps: env('BENCH_MINILM_STEPS', 40),
    repeats: env('BENCH_REPEATS', 2),
  },
  {
    name: 'bert-base',
    layers: 12,
    hidden: 768,
    heads: 12,
    inter: 3072,
    batch: 8,
    steps: env('BENCH_BASE_STEPS', 8),
    repeats: env('BENCH_REPEATS', 1),
  },
];

/** The batches the trainer forms for `steps` steps (its order per epoch, its collate), for the peer to replay. */
async function trainerBatches(csv: string, model: string, c: Case) {
  const { tokenizer } = await loadTokenizer(model);
  const a = DEFAULT_ARGUMENTS;
  const d = await prepareClassification(csv, tokenizer, { testSize: a.test_size, seed: a.seed, maxLength: MAX_LENGTH });
  const perEpoch = Math.ceil(d.train.length / c.batch);
  const out = [];
  for (let s = 0; s < c.steps; s++) {
    const order = epochOrder(d.train.length, a.seed, Math.floor(s / perEpoch));
    const k = s % perEpoch;
    const b = collate(order.slice(k * c.batch, (k + 1) * c.batch).map((i) => d.train[i]));
    out.push(Object.fromEntries(Object.entries(b).map(([n, t]) => [n, nested(t.shape, Array.from(t.data, Number))])));
  }
  return out;
}

const nested = (shape: number[], flat: number[]): unknown =>
  shape.length === 1 ? flat : Array.from({ length: shape[0] }, (_, i) => flat.slice(i * shape[1], (i + 1) * shape[1]));

function summary(r: ChildRun, batch: number) {
  return {
    time_to_first_step_s: r.firstStepS,
    samples_per_s: r.steadySamplesPerS(batch),
    wall_s: r.wallS,
    peak_rss_mib: r.peakRssMiB,
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function runCase(dir: string, csv: string, c: Case, ref: string) {
  const model = writeCheckpoint(path.join(dir, c.name), c);
  const batches = await trainerBatches(csv, model, c);
  const batchFile = path.join(dir, `${c.name}-batches.json`);
  fs.writeFileSync(batchFile, JSON.stringify(batches));
  const tokens = batches.reduce((n, b) => n + (b.input_ids as number[][]).flat().length, 0);
  const ours = () =>
    observe(process.execPath, [
      path.join(ROOT, 'bin', 'bert-studio.js'),
      'train',
      csv,
      ...['--model', model, '--output', path.join(dir, `${c.name}-run`), '--overwrite_output_dir'],
      ...['--per_device_train_batch_size', `${c.batch}`, '--max_length', `${MAX_LENGTH}`],
      ...['--max_steps', `${c.steps}`, '--save_strategy', 'no', '--eval_strategy', 'no', '--logging_steps', '1'],
      ...['--threads', `${THREADS}`, '--execution_provider', 'cpu'],
    ]);
  const peer = () =>
    observe('/usr/bin/python3', [
      path.join(ROOT, 'bench', 'torch_train.py'),
      ...['--reference', ref, '--model', model, '--batches', batchFile],
      ...['--out', path.join(dir, `${c.name}-torch.safetensors`), '--threads', `${THREADS}`],
    ]);
  const runs: { ours: ReturnType<typeof summary>; pytorch: ReturnType<typeof summary> }[] = [];
  for (let r = 0; r < c.repeats; r++) {
    const [first, second] = r % 2 ? [peer, ours] : [ours, peer];
    const x = await first();
    const y = await second();
    const [o, p] = r % 2 ? [y, x] : [x, y];
    runs.push({ ours: summary(o, c.batch), pytorch: summary(p, c.batch) });
  }
  const med = (side: 'ours' | 'pytorch', k: keyof ReturnType<typeof summary>) => median(runs.map((x) => x[side][k]));
  return {
    model: `${c.name}: L${c.layers} H${c.hidden} A${c.heads} I${c.inter}, random init, 4 labels`,
    batch: c.batch,
    steps: c.steps,
    mean_tokens_per_batch: Math.round(tokens / batches.length),
    padded_length_range: [
      Math.min(...batches.map((b) => (b.input_ids as number[][])[0].length)),
      Math.max(...batches.map((b) => (b.input_ids as number[][])[0].length)),
    ],
    runs,
    median: {
      ours: Object.fromEntries(
        (Object.keys(runs[0].ours) as (keyof ReturnType<typeof summary>)[]).map((k) => [k, med('ours', k)]),
      ),
      pytorch: Object.fromEntries(
        (Object.keys(runs[0].pytorch) as (keyof ReturnType<typeof summary>)[]).map((k) => [k, med('pytorch', k)]),
      ),
    },
    ratio_samples_per_s: median(runs.map((x) => x.ours.samples_per_s / x.pytorch.samples_per_s)),
    ratio_wall: median(runs.map((x) => x.pytorch.wall_s / x.ours.wall_s)),
  };
}

async function main(): Promise<void> {
  const ref = referenceScript();
  if (!ref || !torchAvailable())
    throw new Error('bench:peer needs ../shared/reference/bert_reference.py and torch for /usr/bin/python3');
  const only = process.env.BENCH_CASES?.split(',');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-peer-'));
  const loadStart = os.loadavg()[0];
  try {
    const csv = path.join(dir, 'products.csv');
    writeProductCsv(csv, ROWS);
    const results = [];
    for (const c of CASES.filter((x) => !only || only.includes(x.name))) results.push(await runCase(dir, csv, c, ref));
    const out = {
      bench: 'peer',
      data: `${ROWS} generated product descriptions, 4 labels, max_length ${MAX_LENGTH}, dynamic padding`,
      threads: THREADS,
      cpu: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown'}`,
      // Other work on the machine skews every timing here (not peak RSS): a load above the thread count means a busy machine.
      loadavg_1min: { start: loadStart, end: os.loadavg()[0] },
      note: 'ratio_samples_per_s: ours / PyTorch over steps 2…N; ratio_wall: PyTorch wall / ours; medians over repeats',
      cases: results,
    };
    process.stdout.write(JSON.stringify(out, null, 2) + '\n');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack}\n`);
  process.exit(1);
});
