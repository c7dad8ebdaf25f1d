/** Output shape and dtype rules per op type, run as each node is built. */
import { DType } from '../tensor';
import type { AttrValue, Dim, OutputSpec, Shape, Value } from './graph';
import { dtypeOfOnnx } from './dtype';

type Rule = (ins: (Value | null)[], attrs: Record<string, AttrValue>, count: number) => OutputSpec[];

export function broadcast(...shapes: Shape[]): Shape {
  const rank = Math.max(...shapes.map((s) => s.length));
  const out: Dim[] = [];
  for (let i = 0; i < rank; i++) {
    let dim: Dim = 1;
    for (const s of shapes) {
      const d = s[s.length - rank + i] ?? 1;
      if (d === 1 || d === dim) continue;
      if (dim !== 1) throw new Error(`cannot broadcast [${shapes.map((x) => x.join(',')).join('] with [')}]`);
      dim = d;
    }
    out.push(dim);
  }
  return out;
}

const axisOf = (axis: number, rank: number): number => {
  const a = axis < 0 ? axis + rank : axis;
  if (a < 0 || a >= rank) throw new Error(`axis ${axis} out of range for rank ${rank}`);
  return a;
};

/** Integer values of a constant input (an initializer), or null when only known at run time. */
export function constInts(v: Value | null | undefined): number[] | null {
  const t = v?.constant;
  if (!t) return null;
  return Array.from(t.data as ArrayLike<number | bigint>, Number);
}

const need = (v: Value | null | undefined, what: string): Value => {
  if (!v) throw new Error(`missing input ${what}`);
  return v;
};
const same =
  (i = 0, dtype?: DType): Rule =>
  (ins) => [{ dtype: dtype ?? need(ins[i], 'x').dtype, shape: need(ins[i], 'x').shape }];
const floatOnly =
  (rule: Rule): Rule =>
  (ins, attrs, n) => {
    for (const v of ins)
      if (v && v.dtype !== 'float32' && v.dtype !== 'float64') throw new Error(`expects float inputs, got ${v.dtype}`);
    return rule(ins, attrs, n);
  };
const elementwise =
  (outType?: DType): Rule =>
  (ins) => {
    const xs = ins.filter((v): v is Value => v !== null);
    const dt = xs[0].dtype;
    for (const v of xs) if (v.dtype !== dt) throw new Error(`dtype mismatch ${dt} vs ${v.dtype}`);
    return [{ dtype: outType ?? dt, shape: broadcast(...xs.map((v) => v.shape)) }];
  };

function matmulShape(a: Shape, b: Shape): Shape {
  if (a.length < 2 || b.length < 2) throw new Error('MatMul needs rank >= 2 here');
  const k1 = a[a.length - 1],
    k2 = b[b.length - 2];
  if (k1 !== k2) throw new Error(`inner dimensions differ: ${k1} vs ${k2}`);
  return [...broadcast(a.slice(0, -2), b.slice(0, -2)), a[a.length - 2], b[b.length - 1]];
}

function reduced(ins: (Value | null)[], attrs: Record<string, AttrValue>): OutputSpec[] {
  const x = need(ins[0], 'data');
  const axes = constInts(ins[1]);
  if (!axes) throw new Error('reduction axes must be a constant');
  const set = new Set(axes.map((a) => axisOf(a, x.rank)));
  const keep = attrs.keepdims === undefined || attrs.keepdims === 1;
  const shape = x.shape.flatMap((d, i) => (set.has(i) ? (keep ? [1] : []) : [d]));
  return [{ dtype: x.dtype, shape }];
}

function reshape(ins: (Value | null)[]): OutputSpec[] {
  const x = need(ins[0], 'data');
  const target = constInts(ins[1]);
  if (!target) throw new Error('shape is computed at run time: give the output shape explicitly');
  const out: Dim[] = target.map((d, i) => (d === 0 ? x.shape[i] : d));
  const hole = out.indexOf(-1);
  if (hole >= 0) {
    const known = out.filter((d, i) => i !== hole);
    if (x.shape.some((d) => typeof d === 'string') || known.some((d) => typeof d === 'string')) {
      throw new Error('-1 with symbolic dimensions: give the output shape explicitly');
    }
    const total = (x.shape as number[]).reduce((a, b) => a * b, 1);
    out[hole] = total / (known as number[]).reduce((a, b) => a * b, 1);
  }
  const numeric = (s: Dim[]) => s.every((d) => typeof d === 'number');
  if (numeric(out) && numeric(x.shape)) {
    const n = (s: Dim[]) => (s as number[]).reduce((a, b) => a * b, 1);
    if (n(out) !== n(x.shape)) throw new Error(`cannot reshape [${x.shape}] to [${out}]`);
  }
  return [{ dtype: x.dtype, shape: out }];
}

function sliceDim(d: Dim, start: number, end: number, step: number): Dim {
  if (typeof d === 'string') {
    if (start === 0 && end >= 2 ** 31 - 1 && step === 1) return d;
    throw new Error(`cannot slice symbolic dimension ${d} statically: give the output shape explicitly`);
  }
  const clamp = (v: number) => Math.min(Math.max(v < 0 ? v + d : v, 0), d);
  return Math.max(0, Math.ceil((clamp(end) - clamp(start)) / step));
}

const RULES: Record<string, Rule> = {
  Add: elementwise(),
  Sub: elementwise(),
  Mul: elementwise(),
  Div: elementwise(),
  Pow: elementwise(),
  Max: elementwise(),
  Min: elementwise(),
  Sum: elementwise(),
  Equal: elementwise('bool'),
  Less: elementwise('bool'),
  Greater: elementwise('bool'),
  And: elementwise('bool'),
  Or: elementwise('bool'),
  Neg: same(),
  Abs: same(),
  Exp: same(),
  Log: same(),
  Sqrt: same(),
  Reciprocal: same(),
  Relu: same(),
  Tanh: floatOnly(same()),
  Erf: floatOnly(same()),
  Gelu: floatOnly(same()),
  Sigmoid: floatOnly(same()),
  Not: same(),
  Identity: same(),
  Clip: same(),
  Softmax: (ins, attrs) => {
    axisOf(Number(attrs.axis ?? -1), need(ins[0], 'x').rank);
    return same()(ins, attrs, 1);
  },
  LogSoftmax: (ins, attrs) => {
    axisOf(Number(attrs.axis ?? -1), need(ins[0], 'x').rank);
    return same()(ins, attrs, 1);
  },
  Cast: (ins, attrs) => [{ dtype: dtypeOfOnnx(Number(attrs.to)), shape: need(ins[0], 'x').shape }],
  Where: (ins) => {
    const [c, a, b] = ins.map((v, i) => need(v, ['condition', 'X', 'Y'][i]));
    if (c.dtype !== 'bool') throw new Error('condition must be bool');
    if (a.dtype !== b.dtype) throw new Error(`dtype mismatch ${a.dtype} vs ${b.dtype}`);
    return [{ dtype: a.dtype, shape: broadcast(c.shape, a.shape, b.shape) }];
  },
  MatMul: (ins) => {
    const [a, b] = [need(ins[0], 'A'), need(ins[1], 'B')];
    if (a.dtype !== b.dtype) throw new Error(`dtype mismatch ${a.dtype} vs ${b.dtype}`);
    return [{ dtype: a.dtype, shape: matmulShape(a.shape, b.shape) }];
  },
  Gemm: (ins, attrs) => {
    const [a, b] = [need(ins[0], 'A'), need(ins[1], 'B')];
    if (a.rank !== 2 || b.rank !== 2) throw new Error('Gemm needs 2-D inputs');
    const [m, k1] = attrs.transA ? [a.shape[1], a.shape[0]] : a.shape;
    const [k2, n] = attrs.transB ? [b.shape[1], b.shape[0]] : b.shape;
    if (k1 !== k2) throw new Error(`inner dimensions differ: ${k1} vs ${k2}`);
    if (ins[2]) broadcast([m, n], ins[2].shape);
    return [{ dtype: a.dtype, shape: [m, n] }];
  },
  Transpose: (ins, attrs) => {
    const x = need(ins[0], 'data');
    const perm = (attrs.perm as number[] | undefined) ?? x.shape.map((_, i) => x.rank - 1 - i);
    if (perm.length !== x.rank) throw new Error(`perm [${perm}] does not match rank ${x.rank}`);
    return [{ dtype: x.dtype, shape: perm.map((p) => x.shape[p]) }];
  },
  Reshape: reshape,
  ReduceSum: reduced,
  ReduceMean: reduced,
  ReduceMax: reduced,
  ReduceSumSquare: reduced,
  Gather: (ins, attrs) => {
    const [x, idx] = [need(ins[0], 'data'), need(ins[1], 'indices')];
    const a = axisOf(Number(attrs.axis ?? 0), x.rank);
    return [{ dtype: x.dtype, shape: [...x.shape.slice(0, a), ...idx.shape, ...x.shape.slice(a + 1)] }];
  },
  GatherElements: (ins) => [{ dtype: need(ins[0], 'data').dtype, shape: need(ins[1], 'indices').shape }],
  ScatterND: same(),
  ScatterElements: same(),
  Shape: (ins) => [{ dtype: 'int64', shape: [need(ins[0], 'data').rank] }],
  Unsqueeze: (ins) => {
    const x = need(ins[0], 'data');
    const axes = constInts(ins[1]);
    if (!axes) throw new Error('axes must be a constant');
    const rank = x.rank + axes.length;
    const set = new Set(axes.map((a) => axisOf(a, rank)));
    const rest = [...x.shape];
    return [{ dtype: x.dtype, shape: Array.from({ length: rank }, (_, i) => (set.has(i) ? 1 : rest.shift()!)) }];
  },
  Squeeze: (ins) => {
    const x = need(ins[0], 'data');
    const axes = constInts(ins[1]);
    if (!axes) throw new Error('axes must be a constant');
    const set = new Set(axes.map((a) => axisOf(a, x.rank)));
    for (const a of set) if (x.shape[a] !== 1) throw new Error(`cannot squeeze axis ${a} of size ${x.shape[a]}`);
    return [{ dtype: x.dtype, shape: x.shape.filter((_, i) => !set.has(i)) }];
  },
  Concat: (ins, attrs) => {
    const xs = ins.map((v, i) => need(v, `input ${i}`));
    const a = axisOf(Number(attrs.axis), xs[0].rank);
    const dims = xs.map((v) => v.shape[a]);
    const shape = [...xs[0].shape];
    shape[a] = dims.every((d) => typeof d === 'number')
      ? (dims as number[]).reduce((p, q) => p + q, 0)
      : dims.join('+');
    for (const v of xs) {
      if (v.rank !== xs[0].rank || v.shape.some((d, i) => i !== a && d !== xs[0].shape[i]))
        throw new Error('shapes differ off the concat axis');
    }
    return [{ dtype: xs[0].dtype, shape }];
  },
  Slice: (ins) => {
    const x = need(ins[0], 'data');
    const [starts, ends] = [constInts(ins[1]), constInts(ins[2])];
    if (!starts || !ends) throw new Error('starts/ends must be constants');
    const axes = constInts(ins[3]) ?? starts.map((_, i) => i);
    const steps = constInts(ins[4]) ?? starts.map(() => 1);
    const shape = [...x.shape];
    axes.forEach((ax, i) => {
      const a = axisOf(ax, x.rank);
      shape[a] = sliceDim(shape[a], starts[i], ends[i], steps[i]);
    });
    return [{ dtype: x.dtype, shape }];
  },
  LayerNormalization: (ins, attrs, count) => {
    const [x, gamma] = [need(ins[0], 'X'), need(ins[1], 'Scale')];
    const a = axisOf(Number(attrs.axis ?? -1), x.rank);
    const norm = x.shape.slice(a);
    if (gamma.shape.join() !== norm.join())
      throw new Error(`scale [${gamma.shape}] does not match normalized shape [${norm}]`);
    const stats: Shape = x.shape.map((d, i) => (i < a ? d : 1));
    const stash = attrs.stash_type === undefined ? 'float32' : dtypeOfOnnx(Number(attrs.stash_type));
    return [
      { dtype: x.dtype, shape: x.shape },
      { dtype: stash, shape: stats },
      { dtype: stash, shape: stats },
    ].slice(0, count);
  },
  Dropout: (ins, _attrs, count) => {
    const x = need(ins[0], 'data');
    return [
      { dtype: x.dtype, shape: x.shape },
      { dtype: 'bool' as DType, shape: x.shape },
    ].slice(0, count);
  },
  SoftmaxCrossEntropyLoss: (ins, attrs, count) => {
    const [s, labels] = [need(ins[0], 'scores'), need(ins[1], 'labels')];
    if (labels.dtype !== 'int64' && labels.dtype !== 'int32') throw new Error('labels must be integers');
    if (s.rank !== 2 || labels.rank !== 1 || s.shape[0] !== labels.shape[0])
      throw new Error('expects scores [N,C] and labels [N]');
    const loss: Shape = attrs.reduction === 'none' ? [s.shape[0]] : [];
    return [
      { dtype: s.dtype, shape: loss },
      { dtype: s.dtype, shape: s.shape },
    ].slice(0, count);
  },
};

export function inferShapes(
  op: string,
  ins: (Value | null)[],
  attrs: Record<string, AttrValue>,
  count: number,
): OutputSpec[] {
  const rule = RULES[op];
  if (!rule) throw new Error(`no shape rule for ${op}: give output specs explicitly`);
  const specs = rule(ins, attrs, count);
  if (specs.length < count) throw new Error(`${op} has ${specs.length} outputs, ${count} requested`);
  return specs;
}
