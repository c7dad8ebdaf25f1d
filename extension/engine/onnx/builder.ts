/** Graph-building calls that read like the math: g.matmul(x, w), g.layerNorm(x, gamma, beta, eps). */
import { DType, HostTensor, allocate } from '../tensor';
import { AttrValue, GraphCore, Shape, Value } from './graph';
import { onnxType } from './dtype';

export class Graph extends GraphCore {
  private readonly constCache = new Map<string, Value>();

  /** A constant tensor, stored once per distinct (dtype, shape, values). */
  constant(dtype: DType, shape: number[], values: ArrayLike<number>): Value {
    const key = `${dtype}|${shape.join(',')}|${Array.from(values).join(',')}`;
    const hit = this.constCache.get(key);
    if (hit) return hit;
    const t: HostTensor = allocate(dtype, shape);
    for (let i = 0; i < values.length; i++) {
      (t.data as unknown as (number | bigint)[])[i] = dtype === 'int64' ? BigInt(values[i]) : values[i];
    }
    const v = this.initializer(t);
    this.constCache.set(key, v);
    return v;
  }
  scalar(value: number, dtype: DType = 'float32'): Value {
    return this.constant(dtype, [], [value]);
  }
  /** A scalar of the same dtype as `like`. */
  scalarLike(like: Value, value: number): Value {
    return this.scalar(value, like.dtype);
  }
  ints(values: number[]): Value {
    return this.constant('int64', [values.length], values);
  }

  add(a: Value, b: Value): Value {
    return this.op1('Add', [a, b]);
  }
  /** x₀ + x₁ + … left to right, as a chain of Add (WebGPU has no multi-input Sum kernel; same rounding order). */
  addAll(xs: Value[]): Value {
    if (!xs.length) throw new Error('addAll of nothing');
    return xs.slice(1).reduce((acc, x) => this.add(acc, x), xs[0]);
  }
  sub(a: Value, b: Value): Value {
    return this.op1('Sub', [a, b]);
  }
  mul(a: Value, b: Value): Value {
    return this.op1('Mul', [a, b]);
  }
  div(a: Value, b: Value): Value {
    return this.op1('Div', [a, b]);
  }
  pow(a: Value, b: Value): Value {
    return this.op1('Pow', [a, b]);
  }
  max(a: Value, b: Value): Value {
    return this.op1('Max', [a, b]);
  }
  min(a: Value, b: Value): Value {
    return this.op1('Min', [a, b]);
  }
  neg(x: Value): Value {
    return this.op1('Neg', [x]);
  }
  exp(x: Value): Value {
    return this.op1('Exp', [x]);
  }
  log(x: Value): Value {
    return this.op1('Log', [x]);
  }
  sqrt(x: Value): Value {
    return this.op1('Sqrt', [x]);
  }
  tanh(x: Value): Value {
    return this.op1('Tanh', [x]);
  }
  erf(x: Value): Value {
    return this.op1('Erf', [x]);
  }
  /** Exact (erf) GELU, as BERT's hidden_act "gelu". */
  gelu(x: Value): Value {
    return this.op1('Gelu', [x], { approximate: 'none' });
  }
  relu(x: Value): Value {
    return this.op1('Relu', [x]);
  }
  square(x: Value): Value {
    return this.mul(x, x);
  }
  equal(a: Value, b: Value): Value {
    return this.op1('Equal', [a, b]);
  }
  not(x: Value): Value {
    return this.op1('Not', [x]);
  }
  where(cond: Value, a: Value, b: Value): Value {
    return this.op1('Where', [cond, a, b]);
  }
  cast(x: Value, to: DType): Value {
    return x.dtype === to ? x : this.op1('Cast', [x], { to: onnxType(to) });
  }
  identity(x: Value): Value {
    return this.op1('Identity', [x]);
  }

  matmul(a: Value, b: Value): Value {
    return this.op1('MatMul', [a, b]);
  }
  gemm(a: Value, b: Value, c: Value | null, opts: { transA?: boolean; transB?: boolean } = {}): Value {
    const attrs: Record<string, number> = {};
    if (opts.transA) attrs.transA = 1;
    if (opts.transB) attrs.transB = 1;
    return this.op1('Gemm', c ? [a, b, c] : [a, b], attrs);
  }
  /** x · Wᵀ + b with a PyTorch Linear's [out, in] weight, x of rank 2. */
  linear(x: Value, weight: Value, bias: Value | null): Value {
    return this.gemm(x, weight, bias, { transB: true });
  }

  transpose(x: Value, perm: number[]): Value {
    return this.op1('Transpose', [x], { perm });
  }
  /** Reshape to constant dims (0 copies, -1 infers), or to a run-time shape tensor with the shape it will have. */
  reshape(x: Value, shape: number[] | Value, outShape?: Shape): Value {
    const s = Array.isArray(shape) ? this.ints(shape) : shape;
    return this.op1('Reshape', [x, s], {}, outShape ? { dtype: x.dtype, shape: outShape } : undefined);
  }
  shapeOf(x: Value): Value {
    return this.op1('Shape', [x]);
  }
  unsqueeze(x: Value, axes: number[]): Value {
    return this.op1('Unsqueeze', [x, this.ints(axes)]);
  }
  squeeze(x: Value, axes: number[]): Value {
    return this.op1('Squeeze', [x, this.ints(axes)]);
  }
  concat(xs: Value[], axis: number): Value {
    return this.op1('Concat', xs, { axis });
  }
  slice(x: Value, starts: number[], ends: number[], axes: number[]): Value {
    return this.op1('Slice', [x, this.ints(starts), this.ints(ends), this.ints(axes)]);
  }

  sum(x: Value, axes: number[], keepdims = false): Value {
    return this.op1('ReduceSum', [x, this.ints(axes)], { keepdims: keepdims ? 1 : 0 });
  }
  mean(x: Value, axes: number[], keepdims = false): Value {
    return this.op1('ReduceMean', [x, this.ints(axes)], { keepdims: keepdims ? 1 : 0 });
  }
  /** Sum of every element, as a scalar. */
  total(x: Value): Value {
    return x.rank === 0
      ? x
      : this.sum(
          x,
          x.shape.map((_, i) => i),
        );
  }

  softmax(x: Value, axis = -1): Value {
    return this.op1('Softmax', [x], { axis });
  }
  /** LayerNorm over the last axis; also returns the mean and 1/σ its gradient reuses. */
  layerNormWithStats(x: Value, gamma: Value, beta: Value, eps: number): [Value, Value, Value] {
    const [y, mean, invStd] = this.node(
      'LayerNormalization',
      [x, gamma, beta],
      { axis: -1, epsilon: eps },
      { outputs: 3 },
    );
    return [y, mean, invStd];
  }
  layerNorm(x: Value, gamma: Value, beta: Value, eps: number): Value {
    return this.layerNormWithStats(x, gamma, beta, eps)[0];
  }

  /** Broadcasts x to a run-time shape tensor, with the static shape it will have. */
  expand(x: Value, shape: Value, outShape: Shape): Value {
    return this.op1('Expand', [x, shape], {}, { dtype: x.dtype, shape: outShape });
  }
  /**
   * Zeros shaped like x: a scalar zero expanded (WebGPU has no ConstantOfShape kernel). For a Transpose output, the
   * zeros of its input transposed: ONNX Runtime turns Shape(Transpose(u)) into int64 Gathers, which run on the CPU.
   */
  zerosLike(x: Value): Value {
    const t = x.producer;
    if (t?.op === 'Transpose' && t.inputs[0])
      return this.transpose(this.zerosLike(t.inputs[0]), t.attrs.perm as number[]);
    const fixed = x.shape.every((d) => typeof d === 'number');
    return this.expand(this.scalarLike(x, 0), fixed ? this.ints(x.shape as number[]) : this.shapeOf(x), x.shape);
  }
  /** Number of elements, as an int64 scalar. */
  size(x: Value): Value {
    return this.op1('Size', [x], {}, { dtype: 'int64', shape: [] });
  }
  /** Pads with zeros: `before[i]`/`after[i]` elements on each axis. */
  pad(x: Value, before: number[], after: number[], outShape: Shape): Value {
    return this.op1('Pad', [x, this.ints([...before, ...after])], {}, { dtype: x.dtype, shape: outShape });
  }
  /** Shape(x)[start:end], an int64 tensor ONNX Runtime keeps on the host (no CPU node for a WebGPU tensor). */
  shapeSlice(x: Value, start: number, end: number): Value {
    return this.op1('Shape', [x], { start, end }, { dtype: 'int64', shape: [end - start] });
  }
  /** 0, 1, … along axis `axis` of x, as int32: a constant for a fixed size, else CumSum over ones (no Range/Size on int64, which WebGPU lacks). */
  arange(x: Value, axis: number): Value {
    const a = axis < 0 ? axis + x.rank : axis;
    const d = x.shape[a];
    if (typeof d === 'number')
      return this.constant(
        'int32',
        [d],
        Array.from({ length: d }, (_, i) => i),
      );
    const ones = this.expand(this.scalar(1, 'int32'), this.shapeSlice(x, a, a + 1), [d]);
    return this.op1('CumSum', [ones, this.scalar(0, 'int32')], { exclusive: 1 }, { dtype: 'int32', shape: [d] });
  }
  /** Size of one axis of x at run time, as an int64 [1] tensor. */
  dim(x: Value, axis: number): Value {
    return this.gather(this.shapeOf(x), this.ints([axis < 0 ? axis + x.rank : axis]));
  }

  gather(x: Value, indices: Value, axis = 0): Value {
    return this.op1('Gather', [x, indices], { axis });
  }
  scatterNDAdd(data: Value, indices: Value, updates: Value): Value {
    return this.op1('ScatterND', [data, indices, updates], { reduction: 'add' });
  }
  /** Dropout in training mode; returns the output and the keep mask. */
  dropout(x: Value, ratio: number, seed?: number): [Value, Value] {
    const attrs: Record<string, AttrValue> = seed === undefined ? {} : { seed };
    const [y, mask] = this.node('Dropout', [x, this.scalarLike(x, ratio), this.constant('bool', [], [1])], attrs, {
      outputs: 2,
    });
    return [y, mask];
  }
  /**
   * Mean cross-entropy over the rows whose label is not ignoreIndex; also returns log-probabilities. Written as
   * log-softmax (ReduceMax, Sub, Exp, ReduceSum, Log) and a one-hot pick, ops WebGPU has, and differentiated as one
   * SoftmaxCrossEntropyLoss node with its closed-form gradient (softmax − one-hot). With per-class `weights` [C]
   * (ONNX's third input) it is torch's F.cross_entropy(weight=w): Σ w[yᵢ]·(−log pᵢ[yᵢ]) / Σ w[yᵢ].
   */
  softmaxCrossEntropy(scores: Value, labels: Value, ignoreIndex?: number, weights?: Value): [Value, Value] {
    const attrs: Record<string, number | string> = { reduction: 'mean' };
    if (ignoreIndex !== undefined) attrs.ignore_index = ignoreIndex;
    const inputs = weights ? [scores, labels, weights] : [scores, labels];
    const [loss, logProb] = this.composite('SoftmaxCrossEntropyLoss', inputs, attrs, () => {
      const shifted = this.sub(scores, this.op1('ReduceMax', [scores, this.ints([-1])], { keepdims: 1 }));
      const logProb = this.sub(shifted, this.log(this.sum(this.exp(shifted), [-1], true)));
      const { onehot, weight } = this.targets(labels, scores, weights);
      const picked = this.sum(this.mul(logProb, onehot), [-1]);
      return [this.neg(this.div(this.total(this.mul(picked, weight)), this.total(weight))), logProb];
    });
    return [loss, logProb];
  }
  /**
   * One-hot rows for labels (all zero for a label outside the classes, such as an ignore index) and each row's
   * weight: 1 (or its class's weight, given per-class `weights`) where the row counts, 0 where ignored.
   */
  targets(labels: Value, scores: Value, weights?: Value | null): { onehot: Value; weight: Value } {
    const ids = this.cast(this.arange(scores, 1), labels.dtype);
    const onehot = this.cast(this.equal(this.unsqueeze(labels, [-1]), ids), scores.dtype);
    return { onehot, weight: this.sum(weights ? this.mul(onehot, weights) : onehot, [-1]) };
  }
}
