/**
 * One gradient rule per op type. A rule gets the node and the gradient of each
 * output (null where the output does not reach the loss) and returns one
 * gradient per input, or null. Results may have the broadcast shape: the
 * driver sums them back to each input's shape.
 */
import type { Graph } from './builder';
import { GraphError, GraphNode, Value } from './graph';
import { constInts } from './shapes';

export type GradRule = (g: Graph, node: GraphNode, dy: (Value | null)[]) => (Value | null)[];

/** A node as a rule reads it: x(i) its inputs, y(i) its outputs, each there or a GraphError naming the node. */
class NodeIo {
  constructor(readonly node: GraphNode) {}

  get attrs() {
    return this.node.attrs;
  }

  /** Input i, which the op requires. */
  x(i: number): Value {
    return this.node.inputs[i] ?? this.missing(`input ${i}`);
  }

  /** Input i where the op lets it be left out. */
  optional(i: number): Value | null {
    return this.node.inputs[i] ?? null;
  }

  y(i: number): Value {
    return this.node.outputs[i] ?? this.missing(`output ${i}`);
  }

  /** Input i as constant integers (axes, starts). */
  ints(i: number): number[] {
    return constInts(this.x(i)) ?? this.missing(`constant integers as input ${i}`);
  }

  private missing(what: string): never {
    throw new GraphError(`${this.node.op} node '${this.node.name}' has no ${what}`);
  }
}

/** A rule driven by the gradient of the node's first output; with none, no input gets a gradient. */
const rule =
  (f: (g: Graph, n: NodeIo, dy: Value) => (Value | null)[]): GradRule =>
  (g, node, [dy]) =>
    dy ? f(g, new NodeIo(node), dy) : node.inputs.map(() => null);

const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

const inverse = (perm: number[]): number[] => perm.map((_, i) => perm.indexOf(i));
const swapLast = (v: Value): number[] => v.shape.map((_, i) => (i < v.rank - 2 ? i : v.rank * 2 - 3 - i));
const reshapeTo = (g: Graph, dy: Value, x: Value): Value =>
  g.reshape(dy, x.shape.every((d) => typeof d === 'number') ? (x.shape as number[]) : g.shapeOf(x), x.shape);

/**
 * The inverse of a Reshape whose constant target keeps x's run-time leading dims (0 entries) and fixes the rest:
 * [B, T, 12, 64] → [0, 0, 768] goes back with [0, 0, 12, 64], a constant. Otherwise Shape(x) at run time (which
 * ONNX Runtime turns into int64 Gathers on the CPU when x comes out of a Transpose).
 */
function reshapeBack(g: Graph, dy: Value, x: Value, shape: Value): Value {
  const target = constInts(shape);
  const kept = target ? target.findIndex((d) => d !== 0) : -1;
  const lead = kept < 0 ? (target?.length ?? 0) : kept;
  const rest = x.shape.slice(lead);
  if (
    target &&
    lead > 0 &&
    rest.every((d) => typeof d === 'number') &&
    x.shape.slice(0, lead).join() === dy.shape.slice(0, lead).join()
  )
    return g.reshape(dy, [...new Array(lead).fill(0), ...(rest as number[])], x.shape);
  return reshapeTo(g, dy, x);
}

function gemmGrads(g: Graph, a: Value, b: Value, dy: Value, transA: boolean, transB: boolean): [Value, Value] {
  const gemm = (p: Value, q: Value, tp: boolean, tq: boolean) => g.gemm(p, q, null, { transA: tp, transB: tq });
  if (!transA && !transB) return [gemm(dy, b, false, true), gemm(a, dy, true, false)];
  if (!transA && transB) return [gemm(dy, b, false, false), gemm(dy, a, true, false)];
  if (transA && !transB) return [gemm(b, dy, false, true), gemm(a, dy, false, false)];
  return [gemm(b, dy, true, true), gemm(dy, a, true, true)];
}

/** Scatter-adds dy back into a zero tensor shaped like `data`, for Gather along `axis` (repeated ids accumulate). */
function gatherGrad(g: Graph, data: Value, indices: Value, dy: Value, axis: number): Value {
  const a = axis < 0 ? axis + data.rank : axis;
  const toFront = [a, ...data.shape.map((_, i) => i).filter((i) => i !== a)];
  const q = indices.rank;
  // dy = data[:a] + idx + data[a+1:]; bring idx dims first, then the rest in data's order.
  const dyPerm = [
    ...Array.from({ length: q }, (_, i) => a + i),
    ...Array.from({ length: a }, (_, i) => i),
    ...Array.from({ length: data.rank - a - 1 }, (_, i) => a + q + i),
  ];
  const dyT = a === 0 ? dy : g.transpose(dy, dyPerm);
  const zeros = g.zerosLike(a === 0 ? data : g.transpose(data, toFront));
  // ScatterND takes int64 indices only; int32 ids (what WebGPU computes with) are cast on the device.
  const scattered = g.scatterNDAdd(zeros, g.cast(g.unsqueeze(indices, [-1]), 'int64'), dyT);
  return a === 0 ? scattered : g.transpose(scattered, inverse(toFront));
}

function layerNormGrad(g: Graph, n: NodeIo, dy: Value): Value[] {
  const [x, gamma] = [n.x(0), n.x(1)];
  // Mean and 1/σ come out in the stash type (float32), whatever x's type.
  const [mean, invStd] = [n.y(1), n.y(2)].map((v) => g.cast(v, x.dtype));
  const xhat = g.mul(g.sub(x, mean), invStd);
  const dxhat = g.mul(dy, gamma);
  const dx = g.mul(
    invStd,
    g.sub(g.sub(dxhat, g.mean(dxhat, [-1], true)), g.mul(xhat, g.mean(g.mul(dxhat, xhat), [-1], true))),
  );
  return [dx, g.mul(dy, xhat), dy];
}

/**
 * d(mean cross-entropy)/d(scores) = (softmax − one-hot) · weight / Σ weight, ignored rows weighing 0 and each row
 * weighing its class's weight when the node has per-class weights (which get no gradient: they are constants).
 */
function crossEntropyGrad(g: Graph, node: GraphNode, dy: (Value | null)[]): (Value | null)[] {
  const n = new NodeIo(node);
  const [scores, labels] = [n.x(0), n.x(1)];
  const p = g.exp(n.y(1));
  let dScores: Value | null = null;
  if (dy[0]) {
    const { onehot, weight } = g.targets(labels, scores, n.optional(2));
    const perRow = g.div(g.mul(weight, dy[0]), g.total(weight));
    dScores = g.mul(g.sub(p, onehot), g.unsqueeze(perRow, [-1]));
  }
  if (dy[1]) {
    const viaLogProb = g.sub(dy[1], g.mul(p, g.sum(dy[1], [-1], true)));
    dScores = dScores ? g.add(dScores, viaLogProb) : viaLogProb;
  }
  return node.inputs.map((_, i) => (i === 0 ? dScores : null));
}

export const GRADIENTS: Record<string, GradRule> = {
  Add: rule((_g, _n, dy) => [dy, dy]),
  Sub: rule((g, _n, dy) => [dy, g.neg(dy)]),
  Mul: rule((g, n, dy) => [g.mul(dy, n.x(1)), g.mul(dy, n.x(0))]),
  Div: rule((g, n, dy) => [g.div(dy, n.x(1)), g.neg(g.div(g.mul(dy, n.y(0)), n.x(1)))]),
  Sum: rule((_g, n, dy) => n.node.inputs.map(() => dy)),
  Neg: rule((g, _n, dy) => [g.neg(dy)]),
  Identity: rule((_g, _n, dy) => [dy]),
  Exp: rule((g, n, dy) => [g.mul(dy, n.y(0))]),
  Log: rule((g, n, dy) => [g.div(dy, n.x(0))]),
  Sqrt: rule((g, n, dy) => [g.div(g.mul(dy, g.scalarLike(n.y(0), 0.5)), n.y(0))]),
  Pow: rule((g, n, dy) => {
    const [x, e, y] = [n.x(0), n.x(1), n.y(0)];
    return [g.mul(dy, g.mul(e, g.pow(x, g.sub(e, g.scalarLike(e, 1))))), g.mul(dy, g.mul(y, g.log(x)))];
  }),
  Tanh: rule((g, n, dy) => [g.mul(dy, g.sub(g.scalarLike(n.y(0), 1), g.square(n.y(0))))]),
  Sigmoid: rule((g, n, dy) => [g.mul(dy, g.mul(n.y(0), g.sub(g.scalarLike(n.y(0), 1), n.y(0))))]),
  Relu: rule((g, n, dy) => [g.where(g.op1('Greater', [n.x(0), g.scalarLike(n.x(0), 0)]), dy, g.scalarLike(dy, 0))]),
  Erf: rule((g, n, dy) => {
    const x = n.x(0);
    return [g.mul(dy, g.mul(g.scalarLike(x, 2 / Math.sqrt(Math.PI)), g.exp(g.neg(g.square(x)))))];
  }),
  // d/dx x·Φ(x) = Φ(x) + x·φ(x), exact erf form.
  Gelu: rule((g, n, dy) => {
    const x = n.x(0);
    const cdf = g.mul(g.scalarLike(x, 0.5), g.add(g.scalarLike(x, 1), g.erf(g.mul(x, g.scalarLike(x, Math.SQRT1_2)))));
    const pdf = g.mul(g.scalarLike(x, INV_SQRT_2PI), g.exp(g.mul(g.square(x), g.scalarLike(x, -0.5))));
    return [g.mul(dy, g.add(cdf, g.mul(x, pdf)))];
  }),
  Softmax: rule((g, n, dy) => {
    const [y, axis] = [n.y(0), Number(n.attrs.axis ?? -1)];
    return [g.mul(y, g.sub(dy, g.sum(g.mul(dy, y), [axis], true)))];
  }),
  LogSoftmax: rule((g, n, dy) => [g.sub(dy, g.mul(g.exp(n.y(0)), g.sum(dy, [Number(n.attrs.axis ?? -1)], true)))]),
  MatMul: rule((g, n, dy) => {
    const [a, b] = [n.x(0), n.x(1)];
    return [g.matmul(dy, g.transpose(b, swapLast(b))), g.matmul(g.transpose(a, swapLast(a)), dy)];
  }),
  Gemm: rule((g, n, dy) => [
    ...gemmGrads(g, n.x(0), n.x(1), dy, !!n.attrs.transA, !!n.attrs.transB),
    n.optional(2) ? dy : null,
  ]),
  Transpose: rule((g, n, dy) => [g.transpose(dy, inverse(n.attrs.perm as number[]))]),
  Reshape: rule((g, n, dy) => [reshapeBack(g, dy, n.x(0), n.x(1)), null]),
  Unsqueeze: rule((g, n, dy) => [reshapeTo(g, dy, n.x(0)), null]),
  Squeeze: rule((g, n, dy) => [reshapeTo(g, dy, n.x(0)), null]),
  Cast: rule((g, n, dy) => {
    const x = n.x(0);
    return [x.dtype === 'float32' || x.dtype === 'float64' ? g.cast(dy, x.dtype) : null];
  }),
  ReduceSum: rule((g, n, dy) => {
    const x = n.x(0);
    const kept = n.attrs.keepdims === 0 ? g.unsqueeze(dy, n.ints(1)) : dy;
    return [g.expand(kept, g.shapeOf(x), x.shape), null];
  }),
  ReduceMean: rule((g, n, dy) => {
    const x = n.x(0);
    const kept = n.attrs.keepdims === 0 ? g.unsqueeze(dy, n.ints(1)) : dy;
    const count = g.cast(g.div(g.size(x), g.size(dy)), dy.dtype);
    return [g.expand(g.div(kept, count), g.shapeOf(x), x.shape), null];
  }),
  Gather: rule((g, n, dy) => [gatherGrad(g, n.x(0), n.x(1), dy, Number(n.attrs.axis ?? 0)), null]),
  Where: rule((g, n, dy) => [null, g.where(n.x(0), dy, g.scalarLike(dy, 0)), g.where(n.x(0), g.scalarLike(dy, 0), dy)]),
  // Reuses the forward mask: dx = dy · mask / (1 − ratio).
  Dropout: rule((g, n, dy) => {
    const x = n.x(0);
    const scale = g.div(g.scalarLike(x, 1), g.sub(g.scalarLike(x, 1), n.x(1)));
    return [g.mul(g.mul(dy, g.cast(n.y(1), x.dtype)), scale), null, null];
  }),
  LayerNormalization: (g, node, [dy]) => (dy ? layerNormGrad(g, new NodeIo(node), dy) : [null, null, null]),
  SoftmaxCrossEntropyLoss: crossEntropyGrad,
  Concat: rule((g, n, dy) => {
    const axis = Number(n.attrs.axis);
    let start = 0;
    return n.node.inputs.map((_, i) => {
      const x = n.x(i);
      const a = axis < 0 ? axis + x.rank : axis;
      const len = x.shape[a];
      if (typeof len !== 'number') throw new Error(`Concat gradient needs a fixed size on axis ${a}`);
      const part = g.slice(dy, [start], [start + len], [a]);
      start += len;
      return part;
    });
  }),
  Slice: rule((g, n, dy) => {
    const [x, st] = [n.x(0), n.ints(1)];
    const ax = (constInts(n.optional(3)) ?? st.map((_, i) => i)).map((a) => (a < 0 ? a + x.rank : a));
    if ((constInts(n.optional(4)) ?? []).some((s) => s !== 1)) throw new Error('Slice gradient supports step 1 only');
    const before = x.shape.map(() => 0);
    const after = x.shape.map(() => 0);
    ax.forEach((a, i) => {
      const [full, got] = [x.shape[a], dy.shape[a]];
      if (typeof full !== 'number' || typeof got !== 'number')
        throw new Error(`Slice gradient needs a fixed size on axis ${a}`);
      before[a] = st[i] < 0 ? st[i] + full : Math.min(st[i], full);
      after[a] = full - before[a] - got;
    });
    return [g.pad(dy, before, after, x.shape), null, null, null, null];
  }),
};
