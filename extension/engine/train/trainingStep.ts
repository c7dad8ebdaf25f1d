/**
 * Runs the step graph step after step. Weights and Adam moments are fed back as
 * the next step's inputs. On the host, ONNX Runtime writes each new value straight
 * over the old one where the graph allows it (every other reader of the old value
 * runs first: see Overwrites) — the moments always, the weights whenever gradient
 * clipping makes every update wait for every gradient; anything else goes to a
 * spare buffer and the two swap. No step allocates the model's size again.
 */
import { HostTensor, allocate, float32, int32 } from '../tensor';
import { Feed, Resident, Session, SessionOptions } from '../runtime/ort';
import { names, StepGraphOptions, buildTrainingStep } from './stepGraph';
import type { Graph } from '../onnx/builder';
import { Overwrites } from '../onnx/overwrite';
import type { ParamSpec } from '../bert/params';

export interface OptimizerState {
  /** Optimizer updates done so far (torch's AdamW `step`). */
  updates: number;
  m: Map<string, HostTensor>;
  v: Map<string, HostTensor>;
}

export interface StepResult {
  loss: number;
  gradNorm: number;
  /** logits, or start_logits / end_logits. */
  outputs: Record<string, HostTensor>;
  /** Gradients before clipping, when the graph was built with outputGradients. */
  grads: Map<string, HostTensor>;
}

/** A piece of state: the graph input it is fed to, the output its next value comes from. */
interface Slot {
  input: string;
  output: string;
  /** Where ORT writes the output when it may not overwrite the input; swapped with the input after each step. */
  spare: HostTensor | null;
}

/**
 * Where weights and moments live between steps: `host` double-buffers them in host
 * memory (ORT writes into pre-allocated arrays: the CPU's fast path); `device` keeps
 * ORT's own output tensors — GPU buffers on WebGPU — and feeds them straight back,
 * so only the batch goes up and the loss comes down.
 */
export type StateLocation = 'host' | 'device';

const zerosLike = (t: HostTensor) => allocate('float32', [...t.shape]);
/** [input, output] name pairs of every piece of state: weights, first and second moments. */
const stateNames = (trainable: string[]): [string, string][] =>
  trainable.flatMap((n) => [
    [names.param(n), names.newParam(n)],
    [names.m(n), names.newM(n)],
    [names.v(n), names.newV(n)],
  ]);

export class TrainingStep {
  /** Host state by input name: weights and moments. */
  private readonly state = new Map<string, HostTensor>();
  private readonly slots: Slot[] = [];
  private updates: number;
  /** The device path's state: ORT tensors from the last step (host tensors before the first). */
  private resident: Map<string, Feed> | null = null;

  private constructor(
    private readonly session: Session,
    private readonly trainable: string[],
    private readonly headOutputs: string[],
    private readonly withGrads: boolean,
    params: Map<string, HostTensor>,
    state: OptimizerState | undefined,
    location: StateLocation,
    private readonly dropoutSeed: number,
    inPlace: (input: string, output: string) => boolean,
  ) {
    for (const n of trainable) {
      const p = params.get(n)!;
      const m = state?.m.get(n);
      const v = state?.v.get(n);
      this.state.set(names.param(n), p);
      this.state.set(names.m(n), m ?? zerosLike(p));
      this.state.set(names.v(n), v ?? zerosLike(p));
    }
    this.updates = state?.updates ?? 0;
    if (location === 'device') {
      this.resident = new Map<string, Feed>(this.state);
      return;
    }
    for (const [input, output] of stateNames(trainable)) {
      const spare = inPlace(input, output) ? null : zerosLike(this.state.get(input)!);
      this.slots.push({ input, output, spare });
    }
  }

  /**
   * Builds the step graph and its session. `params` holds at least every trainable parameter.
   * The step takes the trainable tensors of `params` and the moments of `state` as its own and
   * updates them in place (no second copy of the model): pass copies to keep the originals.
   */
  static create(
    o: StepGraphOptions,
    params: Map<string, HostTensor>,
    session: SessionOptions = {},
    state?: OptimizerState,
    location: StateLocation = 'host',
  ): Promise<TrainingStep> {
    return TrainingStep.fromGraph(
      buildTrainingStep(o),
      o.trainable,
      params,
      session,
      state,
      !!o.outputGradients,
      location,
      o.dropoutSeed,
    );
  }

  /** A step graph built elsewhere (e.g. the head-only graph on cached features). */
  static async fromGraph(
    graph: Graph,
    trainable: ParamSpec[],
    params: Map<string, HostTensor>,
    session: SessionOptions = {},
    state?: OptimizerState,
    withGrads = false,
    location: StateLocation = 'host',
    dropoutSeed = 42,
  ): Promise<TrainingStep> {
    for (const s of trainable) {
      const t = params.get(s.name);
      if (!t) throw new Error(`no initial value for trainable parameter ${s.name}`);
      if (t.shape.join() !== s.shape.join())
        throw new Error(`parameter ${s.name} has shape [${t.shape}], expected [${s.shape}]`);
    }
    const heads = graph.outputs.map((x) => x.name).filter((n) => n === 'logits' || n.endsWith('_logits'));
    const residentOutputs =
      location === 'device'
        ? trainable.flatMap((s) => [names.newParam(s.name), names.newM(s.name), names.newV(s.name)])
        : [];
    const sess = await Session.fromGraph(graph, { ...session, residentOutputs }, 'training step');
    const overwrites = new Overwrites(graph);
    const input = new Map(graph.inputs.map((v) => [v.name, v]));
    const output = new Map(graph.outputs.map((o) => [o.name, o.value]));
    return new TrainingStep(
      sess,
      trainable.map((s) => s.name),
      heads,
      withGrads,
      params,
      state,
      location,
      dropoutSeed,
      (i, o) => overwrites.allowed(input.get(i)!, output.get(o)!),
    );
  }

  /** One optimizer update on `batch` (input_ids, attention_mask, token_type_ids and the labels) at learning rate `lr`. */
  async run(batch: Record<string, HostTensor>, lr: number): Promise<StepResult> {
    const feeds: Record<string, Feed> = { ...batch, lr: float32([], [lr]), step: float32([], [this.updates + 1]) };
    if (this.session.hasInput('dropout_seed')) feeds.dropout_seed = int32([], [this.dropoutSeed]);
    if (this.resident) return this.runResident(feeds);
    const into: Record<string, HostTensor> = {};
    for (const s of this.slots) {
      feeds[s.input] = this.state.get(s.input)!;
      into[s.output] = s.spare ?? this.state.get(s.input)!;
    }
    const out = await this.session.run(feeds, into);
    for (const s of this.slots) {
      if (!s.spare) continue;
      const old = this.state.get(s.input)!;
      this.state.set(s.input, s.spare);
      s.spare = old;
    }
    return this.finish(out);
  }

  private async runResident(feeds: Record<string, Feed>): Promise<StepResult> {
    const state = this.resident!;
    const { host, resident } = await this.session.runMixed({ ...feeds, ...Object.fromEntries(state) });
    for (const [to, from] of stateNames(this.trainable)) {
      const old = state.get(to);
      if (old instanceof Resident) old.release();
      state.set(to, resident[from]);
    }
    return this.finish(host);
  }

  private finish(out: Record<string, HostTensor>): StepResult {
    this.updates++;
    const grads = new Map<string, HostTensor>();
    if (this.withGrads) for (const n of this.trainable) grads.set(n, out[names.grad(n)]);
    const outputs = Object.fromEntries(this.headOutputs.map((k) => [k, out[k]]));
    return { loss: Number(out.loss.data[0]), gradNorm: Number(out.grad_norm.data[0]), outputs, grads };
  }

  private async read(kind: 'param' | 'm' | 'v'): Promise<Map<string, HostTensor>> {
    const key = { param: names.param, m: names.m, v: names.v }[kind];
    const out = new Map<string, HostTensor>();
    for (const n of this.trainable) {
      const f = (this.resident ?? this.state).get(key(n))!;
      out.set(n, f instanceof Resident ? await f.toHost(key(n)) : f);
    }
    return out;
  }

  /** The current trainable weights: the live host buffers (copy before the next step if kept), or a download from the device. */
  weights(): Promise<Map<string, HostTensor>> {
    return this.read('param');
  }

  async optimizerState(): Promise<OptimizerState> {
    return { updates: this.updates, m: await this.read('m'), v: await this.read('v') };
  }

  endProfiling(): void {
    this.session.endProfiling();
  }

  async release(): Promise<void> {
    for (const f of this.resident?.values() ?? []) if (f instanceof Resident) f.release();
    await this.session.release();
  }
}
