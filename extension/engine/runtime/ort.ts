/** The only module that imports onnxruntime-node: sessions, feeds checked against the graph, reusable outputs. */
import * as ort from 'onnxruntime-node';
import { DType, HostTensor, TensorData } from '../tensor';
import { GraphCore, Shape } from '../onnx/graph';
import { Graph } from '../onnx/builder';
import { toModelProto } from '../onnx/serialize';

export type ExecutionProvider = 'cpu' | 'webgpu' | 'cuda';

export interface SessionOptions {
  /** Intra-op threads; 0 or undefined lets ONNX Runtime choose (one per core). */
  threads?: number;
  executionProvider?: ExecutionProvider;
  /** Graph optimisation level; 'all' by default. */
  optimization?: 'disabled' | 'basic' | 'extended' | 'all';
  /** Write ONNX Runtime's per-node profile (Chrome trace JSON) with this file prefix. */
  profilePrefix?: string;
  /** ONNX Runtime's CPU memory arena (on by default). */
  cpuMemArena?: boolean;
  /**
   * ONNX Runtime's memory pattern (off by default): it plans one block per input shape and allocates it
   * on that shape's second run, and with dynamic padding nearly every batch has a new shape. Off, a
   * bert-base step's peak RSS is ~1 GiB lower and the second run costs no more than later ones.
   */
  memPattern?: boolean;
  /** Session config entries (ORT's "session.*" keys). */
  config?: Record<string, string>;
  /** Outputs returned as Resident tensors, left where the provider produced them (GPU memory on WebGPU). */
  residentOutputs?: string[];
}

/**
 * A tensor that stays where ONNX Runtime put it (a GPU buffer on WebGPU, host
 * memory on the CPU) and can be fed back as an input without a copy.
 */
export class Resident {
  constructor(private value: ort.Tensor | null) {}
  get tensor(): ort.Tensor {
    if (!this.value) throw new Error('this tensor was released');
    return this.value;
  }
  get shape(): number[] {
    return [...this.tensor.dims];
  }
  get location(): string {
    return this.tensor.location;
  }
  /**
   * A host copy. A tensor on the GPU comes down through a reader session, never getData(); `name` says which
   * tensor failed when the download does.
   */
  async toHost(name = 'tensor'): Promise<HostTensor> {
    const t = this.tensor;
    if (t.location === 'cpu') {
      return { dtype: t.type as DType, shape: [...t.dims], data: (t.data as TensorData).slice() };
    }
    try {
      return fromOrt(await download(t));
    } catch (e) {
      throw new Error(`reading ${name} back from the ${t.location}: ${(e as Error).message}`);
    }
  }
  release(): void {
    if (this.value && this.value.location !== 'cpu') this.value.dispose();
    this.value = null;
  }
}

export type Feed = HostTensor | Resident;
const hostView = (f: Feed): HostTensor =>
  f instanceof Resident
    ? {
        dtype: f.tensor.type as DType,
        shape: [...f.tensor.dims],
        data: { length: f.tensor.size } as unknown as TensorData,
      }
    : f;

interface Spec {
  dtype: DType;
  shape: Shape;
}

export class ShapeError extends Error {}

function describe(s: Spec): string {
  return `${s.dtype} [${s.shape.join(',')}]`;
}

/**
 * int64 batches (token ids, masks, labels) fed to a graph that declares int32, converted on the host: the engine's
 * graphs compute with int32, which WebGPU supports, while batches and exported models keep int64.
 */
export function narrowIndexFeeds(specs: Map<string, Spec>, feeds: Record<string, Feed>): Record<string, Feed> {
  const out: Record<string, Feed> = { ...feeds };
  for (const [name, f] of Object.entries(feeds)) {
    if (f instanceof Resident || f.dtype !== 'int64' || specs.get(name)?.dtype !== 'int32') continue;
    const data = new Int32Array(f.data.length);
    (f.data as BigInt64Array).forEach((v, i) => {
      if (v > 2147483647n || v < -2147483648n) throw new ShapeError(`input '${name}' value ${v} does not fit int32`);
      data[i] = Number(v);
    });
    out[name] = { dtype: 'int32', shape: f.shape, data };
  }
  return out;
}

/** Checks feeds against the graph's declared inputs: names, dtypes, ranks, fixed dims and consistent symbols. */
export function checkFeeds(specs: Map<string, Spec>, feeds: Record<string, Feed>, what: string): void {
  const symbols = new Map<string, { size: number; input: string }>();
  for (const name of Object.keys(feeds))
    if (!specs.has(name))
      throw new ShapeError(`${what}: unknown input '${name}' (inputs: ${[...specs.keys()].join(', ')})`);
  for (const [name, spec] of specs) {
    const t = feeds[name] ? hostView(feeds[name]) : undefined;
    if (!t) throw new ShapeError(`${what}: missing input '${name}' (${describe(spec)})`);
    const bad = () =>
      new ShapeError(`${what}: input '${name}' expects ${describe(spec)}, got ${t.dtype} [${t.shape.join(',')}]`);
    if (t.dtype !== spec.dtype || t.shape.length !== spec.shape.length) throw bad();
    if (t.data.length !== t.shape.reduce((a, b) => a * b, 1))
      throw new ShapeError(`${what}: input '${name}' has ${t.data.length} values for shape [${t.shape.join(',')}]`);
    spec.shape.forEach((d, i) => {
      if (typeof d === 'number') {
        if (t.shape[i] !== d) throw bad();
        return;
      }
      const seen = symbols.get(d);
      if (seen && seen.size !== t.shape[i]) {
        throw new ShapeError(
          `${what}: dimension ${d} is ${seen.size} in '${seen.input}' but ${t.shape[i]} in '${name}'`,
        );
      }
      symbols.set(d, { size: t.shape[i], input: name });
    });
  }
}

const toOrt = (t: HostTensor): ort.Tensor => new ort.Tensor(t.dtype, t.data as never, t.shape);
const fromOrt = (t: ort.Tensor): HostTensor => ({
  dtype: t.type as DType,
  shape: [...t.dims],
  data: t.data as TensorData,
});

/**
 * One WebGPU session per (dtype, rank) holding a single Identity node whose output lands on the CPU. In
 * onnxruntime-node 1.30, getData() on a gpu-buffer tensor hits an unimplemented download thrown as a C++
 * `const char*`, which aborts the process; a session run fails as a JS error instead.
 */
const readers = new Map<string, Promise<ort.InferenceSession>>();
function reader(dtype: DType, rank: number): Promise<ort.InferenceSession> {
  const key = `${dtype}/${rank}`;
  let r = readers.get(key);
  if (!r) {
    const g = new Graph();
    const x = g.input(
      'x',
      dtype,
      Array.from({ length: rank }, (_, i) => `d${i}`),
    );
    g.output(g.identity(x), 'y');
    r = ort.InferenceSession.create(toModelProto(g), { executionProviders: ['webgpu'] });
    r.catch(() => readers.delete(key));
    readers.set(key, r);
  }
  return r;
}

async function download(t: ort.Tensor): Promise<ort.Tensor> {
  if (t.location !== 'gpu-buffer') throw new Error(`no reader for a tensor in ${t.location}`);
  const session = await reader(t.type as DType, t.dims.length);
  return (await session.run({ x: t })).y;
}

/** A one-node session on `ep`: the probe behind provider selection. */
export async function probeProvider(ep: ExecutionProvider): Promise<{ ok: boolean; reason?: string }> {
  const g = new Graph();
  const x = g.input('x', 'float32', [2]);
  g.output(g.add(x, x), 'y');
  try {
    const s = await Session.fromGraph(g, { executionProvider: ep }, `${ep} probe`);
    const out = await s.run({ x: { dtype: 'float32', shape: [2], data: new Float32Array([1, 2]) } });
    await s.release();
    const y = out.y.data as Float32Array;
    return y[0] === 2 && y[1] === 4 ? { ok: true } : { ok: false, reason: 'wrong result from a probe session' };
  } catch (e) {
    return { ok: false, reason: (e as Error).message.split('\n')[0].slice(0, 300) };
  }
}

export const ORT_VERSION: string = ort.env.versions.node ?? 'unknown';

export class Session {
  private constructor(
    private readonly session: ort.InferenceSession,
    private readonly specs: Map<string, Spec>,
    readonly outputNames: string[],
    private readonly label: string,
    private readonly resident: Set<string>,
  ) {}

  static async fromGraph(graph: GraphCore, opts: SessionOptions = {}, label = 'graph'): Promise<Session> {
    const specs = new Map(graph.inputs.map((v) => [v.name, { dtype: v.dtype, shape: v.shape }] as const));
    return Session.fromBytes(toModelProto(graph), specs, opts, label);
  }

  static async fromBytes(
    model: Uint8Array,
    specs: Map<string, Spec>,
    opts: SessionOptions,
    label: string,
  ): Promise<Session> {
    const options: ort.InferenceSession.SessionOptions = {
      executionProviders: [opts.executionProvider ?? 'cpu'],
      graphOptimizationLevel: opts.optimization ?? 'all',
      intraOpNumThreads: opts.threads ?? 0,
      interOpNumThreads: 1,
      executionMode: 'sequential',
      ...(opts.cpuMemArena !== undefined ? { enableCpuMemArena: opts.cpuMemArena } : {}),
      enableMemPattern: opts.memPattern ?? false,
      ...(opts.config ? { extra: { session: opts.config } } : {}),
      ...(opts.profilePrefix ? { enableProfiling: true, profileFilePrefix: opts.profilePrefix } : {}),
    };
    const resident = new Set(opts.residentOutputs ?? []);
    if (resident.size && opts.executionProvider === 'webgpu') {
      options.preferredOutputLocation = Object.fromEntries([...resident].map((n) => [n, 'gpu-buffer' as const]));
    }
    const session = await ort.InferenceSession.create(model, options);
    return new Session(session, specs, [...session.outputNames], label, resident);
  }

  /**
   * Runs the graph. `into` holds pre-allocated tensors that ONNX Runtime writes outputs into
   * (the trainer passes last step's inputs, so no step allocates the model's size again).
   */
  async run(
    feeds: Record<string, Feed>,
    into: Record<string, HostTensor> = {},
    wanted?: string[],
  ): Promise<Record<string, HostTensor>> {
    const { host } = await this.runMixed(feeds, into, wanted);
    return host;
  }

  /** Like run, with the session's resident outputs returned as Resident tensors instead of host copies. */
  async runMixed(
    feeds: Record<string, Feed>,
    into: Record<string, HostTensor> = {},
    wanted?: string[],
  ): Promise<{ host: Record<string, HostTensor>; resident: Record<string, Resident> }> {
    feeds = narrowIndexFeeds(this.specs, feeds);
    checkFeeds(this.specs, feeds, this.label);
    const ortFeeds: Record<string, ort.Tensor> = {};
    for (const [k, v] of Object.entries(feeds)) ortFeeds[k] = v instanceof Resident ? v.tensor : toOrt(v);
    const fetches: Record<string, ort.Tensor | null> = {};
    for (const name of wanted ?? this.outputNames) fetches[name] = into[name] ? toOrt(into[name]) : null;
    const out = await this.session.run(ortFeeds, fetches);
    const host: Record<string, HostTensor> = {};
    const resident: Record<string, Resident> = {};
    for (const [k, v] of Object.entries(out)) {
      if (this.resident.has(k) && !into[k]) resident[k] = new Resident(v);
      else host[k] = into[k] ?? fromOrt(v);
    }
    return { host, resident };
  }

  hasInput(name: string): boolean {
    return this.specs.has(name);
  }

  /** Ends profiling (writing the trace file) when it was on. */
  endProfiling(): void {
    this.session.endProfiling();
  }

  async release(): Promise<void> {
    await this.session.release();
  }
}
