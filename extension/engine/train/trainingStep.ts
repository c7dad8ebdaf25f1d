/**
 * Runs the step graph step after step. Weights and Adam moments are fed back
 * as the next step's inputs; the outputs land in a second, pre-allocated set of
 * buffers and the two sets swap, so no step allocates the model's size again.
 */
import { HostTensor, allocate, float32 } from '../tensor';
import { Session, SessionOptions } from '../runtime/ort';
import { names, StepGraphOptions, buildTrainingStep } from './stepGraph';
import type { Graph } from '../onnx/builder';
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

interface Buffers { params: Map<string, HostTensor>; m: Map<string, HostTensor>; v: Map<string, HostTensor> }

const zerosLike = (t: HostTensor) => allocate('float32', [...t.shape]);
const copyOf = (t: HostTensor): HostTensor => ({ dtype: t.dtype, shape: [...t.shape], data: t.data.slice() });

export class TrainingStep {
  private current: Buffers;
  private spare: Buffers;
  private updates: number;

  private constructor(
    private readonly session: Session,
    private readonly trainable: string[],
    private readonly headOutputs: string[],
    private readonly withGrads: boolean,
    params: Map<string, HostTensor>,
    state?: OptimizerState,
  ) {
    const pick = (m: Map<string, HostTensor> | undefined, make: (t: HostTensor) => HostTensor) =>
      new Map(trainable.map((n) => [n, m?.get(n) ? copyOf(m.get(n)!) : make(params.get(n)!)] as const));
    this.current = { params: pick(params, copyOf), m: pick(state?.m, zerosLike), v: pick(state?.v, zerosLike) };
    this.spare = { params: pick(undefined, zerosLike), m: pick(undefined, zerosLike), v: pick(undefined, zerosLike) };
    this.updates = state?.updates ?? 0;
  }

  /** Builds the step graph and its session. `params` holds at least every trainable parameter. */
  static create(o: StepGraphOptions, params: Map<string, HostTensor>, session: SessionOptions = {}, state?: OptimizerState): Promise<TrainingStep> {
    return TrainingStep.fromGraph(buildTrainingStep(o), o.trainable, params, session, state, !!o.outputGradients);
  }

  /** A step graph built elsewhere (e.g. the head-only graph on cached features). */
  static async fromGraph(graph: Graph, trainable: ParamSpec[], params: Map<string, HostTensor>, session: SessionOptions = {}, state?: OptimizerState, withGrads = false): Promise<TrainingStep> {
    for (const s of trainable) {
      const t = params.get(s.name);
      if (!t) throw new Error(`no initial value for trainable parameter ${s.name}`);
      if (t.shape.join() !== s.shape.join()) throw new Error(`parameter ${s.name} has shape [${t.shape}], expected [${s.shape}]`);
    }
    const heads = graph.outputs.map((x) => x.name).filter((n) => n === 'logits' || n.endsWith('_logits'));
    const sess = await Session.fromGraph(graph, session, 'training step');
    return new TrainingStep(sess, trainable.map((s) => s.name), heads, withGrads, params, state);
  }

  /** One optimizer update on `batch` (input_ids, attention_mask, token_type_ids and the labels) at learning rate `lr`. */
  async run(batch: Record<string, HostTensor>, lr: number): Promise<StepResult> {
    const feeds: Record<string, HostTensor> = { ...batch, lr: float32([], [lr]), step: float32([], [this.updates + 1]) };
    const into: Record<string, HostTensor> = {};
    for (const n of this.trainable) {
      feeds[names.param(n)] = this.current.params.get(n)!;
      feeds[names.m(n)] = this.current.m.get(n)!;
      feeds[names.v(n)] = this.current.v.get(n)!;
      into[names.newParam(n)] = this.spare.params.get(n)!;
      into[names.newM(n)] = this.spare.m.get(n)!;
      into[names.newV(n)] = this.spare.v.get(n)!;
    }
    const out = await this.session.run(feeds, into);
    [this.current, this.spare] = [this.spare, this.current];
    this.updates++;
    const grads = new Map<string, HostTensor>();
    if (this.withGrads) for (const n of this.trainable) grads.set(n, out[names.grad(n)]);
    const outputs = Object.fromEntries(this.headOutputs.map((k) => [k, out[k]]));
    return { loss: Number(out.loss.data[0]), gradNorm: Number(out.grad_norm.data[0]), outputs, grads };
  }

  /** The current trainable weights (live buffers: copy before the next step if kept). */
  weights(): Map<string, HostTensor> {
    return this.current.params;
  }

  optimizerState(): OptimizerState {
    return { updates: this.updates, m: this.current.m, v: this.current.v };
  }

  endProfiling(): void {
    this.session.endProfiling();
  }

  async release(): Promise<void> {
    await this.session.release();
  }
}
