/** Central finite differences against the graph's own gradients, on ONNX Runtime. */
import assert from 'node:assert/strict';
import { Graph } from '../../../extension/engine/onnx/builder';
import { Value } from '../../../extension/engine/onnx/graph';
import { gradients } from '../../../extension/engine/onnx/autodiff';
import { Session } from '../../../extension/engine/runtime/ort';
import { DType, HostTensor, allocate } from '../../../extension/engine/tensor';
import { Rng } from '../../../extension/shared/rng';

export interface InputSpec {
  shape: number[];
  /** Values; random in [-1, 1) when absent. */
  values?: number[];
  /** Whether to check this input's gradient (default true). */
  grad?: boolean;
}

export interface CheckOptions {
  dtype?: DType;
  eps?: number;
  rtol?: number;
  atol?: number;
  seed?: number;
}

const random = (rand: () => number, n: number) => Array.from({ length: n }, () => rand() * 2 - 1);

/**
 * Builds f from the given inputs, forms L = Σ R ⊙ f(x) with a fixed random R (so no
 * gradient is trivially uniform), and compares dL/dx from the graph with
 * (L(x + ε) − L(x − ε)) / 2ε for every element of every checked input.
 */
export async function checkGradients(
  specs: Record<string, InputSpec>,
  build: (g: Graph, x: Record<string, Value>) => Value,
  opts: CheckOptions = {},
): Promise<void> {
  const dtype = opts.dtype ?? 'float64';
  const eps = opts.eps ?? (dtype === 'float64' ? 1e-6 : 1e-2);
  const rtol = opts.rtol ?? (dtype === 'float64' ? 1e-6 : 2e-3);
  const atol = opts.atol ?? (dtype === 'float64' ? 1e-8 : 1e-4);
  const rng = new Rng(opts.seed ?? 7);
  const rand = () => rng.next();
  const g = new Graph();
  const xs: Record<string, Value> = {};
  for (const [name, s] of Object.entries(specs)) xs[name] = g.input(name, dtype, s.shape);
  const y = build(g, xs);
  const weights = allocate(dtype, y.shape as number[]);
  (weights.data as Float64Array).set(random(rand, weights.data.length));
  const loss = g.total(g.mul(y, g.initializer(weights)));
  g.output(loss, 'loss');
  const checked = Object.keys(specs).filter((k) => specs[k].grad !== false);
  const grads = gradients(
    g,
    loss,
    checked.map((k) => xs[k]),
  );
  for (const k of checked) {
    const gk = grads.get(xs[k]);
    assert.ok(gk, `no gradient reaches input ${k}`);
    g.output(gk, `grad_${k}`);
  }
  const session = await Session.fromGraph(g, { threads: 1 }, 'finite-difference graph');
  const feeds: Record<string, HostTensor> = {};
  for (const [name, s] of Object.entries(specs)) {
    const t = allocate(dtype, s.shape);
    (t.data as Float64Array).set(s.values ?? random(rand, t.data.length));
    feeds[name] = t;
  }
  const analytic = await session.run(feeds);
  const lossAt = async () => Number((await session.run(feeds, {}, ['loss'])).loss.data[0]);
  for (const k of checked) {
    const data = feeds[k].data as Float64Array;
    const grad = analytic[`grad_${k}`].data as Float64Array;
    assert.deepEqual(analytic[`grad_${k}`].shape, specs[k].shape, `gradient of ${k} has the input's shape`);
    for (let i = 0; i < data.length; i++) {
      const keep = data[i];
      data[i] = keep + eps;
      const up = await lossAt();
      data[i] = keep - eps;
      const down = await lossAt();
      data[i] = keep;
      const numeric = (up - down) / (2 * eps);
      const err = Math.abs(grad[i] - numeric);
      assert.ok(
        err <= atol + rtol * Math.abs(numeric),
        `d/d${k}[${i}]: graph ${grad[i]} vs finite difference ${numeric} (|err| ${err})`,
      );
    }
  }
  await session.release();
}
