/**
 * One gradient rule per op type. A rule gets the node and the gradient of each
 * output (null where the output does not reach the loss) and returns one
 * gradient per input, or null. Results may have the broadcast shape: the
 * driver sums them back to each input's shape.
 */
import type { Graph } from './builder';
import { GraphNode, Value } from './graph';
import { constInts } from './shapes';

export type GradRule = (g: Graph, node: GraphNode, dy: (Value | null)[]) => (Value | null)[];

const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

const inverse = (perm: number[]): number[] => perm.map((_, i) => perm.indexOf(i));
const swapLast = (v: Value): number[] => v.shape.map((_, i) => (i < v.rank - 2 ? i : v.rank * 2 - 3 - i));
const reshapeTo = (g: Graph, dy: Value, x: Value): Value =>
  g.reshape(dy, x.shape.every((d) => typeof d === 'number') ? (x.shape as number[]) : g.shapeOf(x), x.shape);

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
  const dataT = a === 0 ? data : g.transpose(data, toFront);
  const q = indices.rank;
  // dy = data[:a] + idx + data[a+1:]; bring idx dims first, then the rest in data's order.
  const dyPerm = [
    ...Array.from({ length: q }, (_, i) => a + i),
    ...Array.from({ length: a }, (_, i) => i),
    ...Array.from({ length: data.rank - a - 1 }, (_, i) => a + q + i),
  ];
  const dyT = a === 0 ? dy : g.transpose(dy, dyPerm);
  const scattered = g.scatterNDAdd(g.zerosLike(dataT), g.unsqueeze(indices, [-1]), dyT);
  return a === 0 ? scattered : g.transpose(scattered, inverse(toFront));
}

function layerNormGrad(g: Graph, node: GraphNode, dy: Value): Value[] {
  const [x, gamma] = node.inputs as Value[];
  // Mean and 1/σ come out in the stash type (float32), whatever x's type.
  const [mean, invStd] = node.outputs.slice(1).map((v) => g.cast(v, x.dtype));
  const xhat = g.mul(g.sub(x, mean), invStd);
  const dxhat = g.mul(dy, gamma);
  const dx = g.mul(
    invStd,
    g.sub(g.sub(dxhat, g.mean(dxhat, [-1], true)), g.mul(xhat, g.mean(g.mul(dxhat, xhat), [-1], true))),
  );
  return [dx, g.mul(dy, xhat), dy];
}

function crossEntropyGrad(g: Graph, node: GraphNode, dy: (Value | null)[]): (Value | null)[] {
  const [scores, labels] = node.inputs as Value[];
  const logProb = node.outputs[1];
  const p = g.exp(logProb);
  let dScores: Value | null = null;
  if (dy[0]) {
    const ignore = node.attrs.ignore_index;
    const valid =
      ignore === undefined ? g.equal(labels, labels) : g.not(g.equal(labels, g.scalar(Number(ignore), labels.dtype)));
    const onehot = g.oneHot(
      g.where(valid, labels, g.scalar(0, labels.dtype)),
      g.dim(scores, 1),
      scores.dtype,
      scores.shape[1],
    );
    const weight = g.cast(valid, scores.dtype);
    const perRow = g.div(g.mul(weight, dy[0]), g.total(weight));
    dScores = g.mul(g.sub(p, onehot), g.unsqueeze(perRow, [-1]));
  }
  if (dy[1]) {
    const viaLogProb = g.sub(dy[1], g.mul(p, g.sum(dy[1], [-1], true)));
    dScores = dScores ? g.add(dScores, viaLogProb) : viaLogProb;
  }
  return [dScores, null];
}

export const GRADIENTS: Record<string, GradRule> = {
  Add: (_g, _n, [dy]) => [dy, dy],
  Sub: (g, _n, [dy]) => [dy, g.neg(dy!)],
  Mul: (g, { inputs: [a, b] }, [dy]) => [g.mul(dy!, b!), g.mul(dy!, a!)],
  Div: (g, { inputs: [, b], outputs: [y] }, [dy]) => [g.div(dy!, b!), g.neg(g.div(g.mul(dy!, y), b!))],
  Sum: (_g, n, [dy]) => n.inputs.map(() => dy),
  Neg: (g, _n, [dy]) => [g.neg(dy!)],
  Identity: (_g, _n, [dy]) => [dy],
  Exp: (g, { outputs: [y] }, [dy]) => [g.mul(dy!, y)],
  Log: (g, { inputs: [x] }, [dy]) => [g.div(dy!, x!)],
  Sqrt: (g, { outputs: [y] }, [dy]) => [g.div(g.mul(dy!, g.scalarLike(y, 0.5)), y)],
  Pow: (g, { inputs: [x, e], outputs: [y] }, [dy]) => [
    g.mul(dy!, g.mul(e!, g.pow(x!, g.sub(e!, g.scalarLike(e!, 1))))),
    g.mul(dy!, g.mul(y, g.log(x!))),
  ],
  Tanh: (g, { outputs: [y] }, [dy]) => [g.mul(dy!, g.sub(g.scalarLike(y, 1), g.square(y)))],
  Sigmoid: (g, { outputs: [y] }, [dy]) => [g.mul(dy!, g.mul(y, g.sub(g.scalarLike(y, 1), y)))],
  Relu: (g, { inputs: [x] }, [dy]) => [g.where(g.op1('Greater', [x!, g.scalarLike(x!, 0)]), dy!, g.scalarLike(dy!, 0))],
  Erf: (g, { inputs: [x] }, [dy]) => [
    g.mul(dy!, g.mul(g.scalarLike(x!, 2 / Math.sqrt(Math.PI)), g.exp(g.neg(g.square(x!))))),
  ],
  // d/dx x·Φ(x) = Φ(x) + x·φ(x), exact erf form.
  Gelu: (g, { inputs: [x] }, [dy]) => {
    const cdf = g.mul(
      g.scalarLike(x!, 0.5),
      g.add(g.scalarLike(x!, 1), g.erf(g.mul(x!, g.scalarLike(x!, Math.SQRT1_2)))),
    );
    const pdf = g.mul(g.scalarLike(x!, INV_SQRT_2PI), g.exp(g.mul(g.square(x!), g.scalarLike(x!, -0.5))));
    return [g.mul(dy!, g.add(cdf, g.mul(x!, pdf)))];
  },
  Softmax: (g, { outputs: [y], attrs }, [dy]) => {
    const axis = Number(attrs.axis ?? -1);
    return [g.mul(y, g.sub(dy!, g.sum(g.mul(dy!, y), [axis], true)))];
  },
  LogSoftmax: (g, { outputs: [y], attrs }, [dy]) => [
    g.sub(dy!, g.mul(g.exp(y), g.sum(dy!, [Number(attrs.axis ?? -1)], true))),
  ],
  MatMul: (g, { inputs: [a, b] }, [dy]) => [
    g.matmul(dy!, g.transpose(b!, swapLast(b!))),
    g.matmul(g.transpose(a!, swapLast(a!)), dy!),
  ],
  Gemm: (g, { inputs: [a, b, c], attrs }, [dy]) => [
    ...gemmGrads(g, a!, b!, dy!, !!attrs.transA, !!attrs.transB),
    c ? dy : null,
  ],
  Transpose: (g, { attrs }, [dy]) => [g.transpose(dy!, inverse(attrs.perm as number[]))],
  Reshape: (g, { inputs: [x] }, [dy]) => [reshapeTo(g, dy!, x!), null],
  Unsqueeze: (g, { inputs: [x] }, [dy]) => [reshapeTo(g, dy!, x!), null],
  Squeeze: (g, { inputs: [x] }, [dy]) => [reshapeTo(g, dy!, x!), null],
  Cast: (g, { inputs: [x] }, [dy]) => [x!.dtype === 'float32' || x!.dtype === 'float64' ? g.cast(dy!, x!.dtype) : null],
  ReduceSum: (g, { inputs: [x, axes], attrs }, [dy]) => {
    const kept = attrs.keepdims === 0 ? g.unsqueeze(dy!, constInts(axes)!) : dy!;
    return [g.expand(kept, g.shapeOf(x!), x!.shape), null];
  },
  ReduceMean: (g, { inputs: [x, axes], attrs }, [dy]) => {
    const kept = attrs.keepdims === 0 ? g.unsqueeze(dy!, constInts(axes)!) : dy!;
    const count = g.cast(g.div(g.size(x!), g.size(dy!)), dy!.dtype);
    return [g.expand(g.div(kept, count), g.shapeOf(x!), x!.shape), null];
  },
  Gather: (g, { inputs: [x, idx], attrs }, [dy]) => [gatherGrad(g, x!, idx!, dy!, Number(attrs.axis ?? 0)), null],
  Where: (g, { inputs: [c] }, [dy]) => [
    null,
    g.where(c!, dy!, g.scalarLike(dy!, 0)),
    g.where(c!, g.scalarLike(dy!, 0), dy!),
  ],
  // Reuses the forward mask: dx = dy · mask / (1 − ratio).
  Dropout: (g, { inputs: [x, ratio], outputs: [, mask] }, [dy]) => {
    const scale = g.div(g.scalarLike(x!, 1), g.sub(g.scalarLike(x!, 1), ratio!));
    return [g.mul(g.mul(dy!, g.cast(mask, x!.dtype)), scale), null, null];
  },
  LayerNormalization: (g, node, [dy]) => (dy ? layerNormGrad(g, node, dy) : [null, null, null]),
  SoftmaxCrossEntropyLoss: crossEntropyGrad,
  Concat: (g, { inputs, attrs }, [dy]) => {
    const axis = Number(attrs.axis);
    let start = 0;
    return inputs.map((x) => {
      const a = axis < 0 ? axis + x!.rank : axis;
      const len = x!.shape[a];
      if (typeof len !== 'number') throw new Error(`Concat gradient needs a fixed size on axis ${a}`);
      const part = g.slice(dy!, [start], [start + len], [a]);
      start += len;
      return part;
    });
  },
  Slice: (g, { inputs: [x, starts, , axes, steps] }, [dy]) => {
    const st = constInts(starts)!;
    const ax = (constInts(axes) ?? st.map((_, i) => i)).map((a) => (a < 0 ? a + x!.rank : a));
    if ((constInts(steps) ?? []).some((s) => s !== 1)) throw new Error('Slice gradient supports step 1 only');
    const before = x!.shape.map(() => 0);
    const after = x!.shape.map(() => 0);
    ax.forEach((a, i) => {
      const [full, got] = [x!.shape[a], dy!.shape[a]];
      if (typeof full !== 'number' || typeof got !== 'number')
        throw new Error(`Slice gradient needs a fixed size on axis ${a}`);
      before[a] = st[i] < 0 ? st[i] + full : Math.min(st[i], full);
      after[a] = full - before[a] - got;
    });
    return [g.pad(dy!, before, after, x!.shape), null, null, null, null];
  },
};
