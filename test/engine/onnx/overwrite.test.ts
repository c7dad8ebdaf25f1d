import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { Graph } from '../../../extension/engine/onnx/builder';
import { Overwrites } from '../../../extension/engine/onnx/overwrite';
import { loadBertConfig } from '../../../extension/engine/bert/config';
import { parameterSpecs } from '../../../extension/engine/bert/params';
import { buildTrainingStep, names } from '../../../extension/engine/train/stepGraph';
import { ADAMW_DEFAULTS } from '../../../extension/engine/train/adamw';

test('an output may overwrite an input only when every other reader of the input is its ancestor', () => {
  const g = new Graph();
  const x = g.input('x', 'float32', [3]);
  const a = g.add(x, g.scalar(1));
  const b = g.mul(a, g.sqrt(x)); // reads x; x's readers are a, sqrt and b itself, all before b
  const c = g.mul(x, g.scalar(2)); // a later reader of x
  const d = g.add(c, b);
  const total = g.sum(x, [0], true);
  const last = g.add(d, total);
  const o = new Overwrites(g);
  assert.equal(o.allowed(x, b), false, 'c and the sum still read x after b');
  assert.equal(o.allowed(x, last), true);
  assert.equal(o.allowed(x, total), false, 'shapes differ');
  assert.equal(o.allowed(a, d), false, 'not a graph input');
});

test('in the step graph the moments always update in place, the weights only when clipping orders them after every gradient', () => {
  const fixtures = path.join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'parity', 'tiny-cls');
  const config = loadBertConfig(path.join(fixtures, 'config.json'));
  const trainable = parameterSpecs(config, 'cls');
  for (const maxGradNorm of [1, 0]) {
    const g = buildTrainingStep({
      config,
      task: 'cls',
      trainable,
      frozen: new Map(),
      dropout: true,
      optimizer: { ...ADAMW_DEFAULTS, maxGradNorm },
    });
    const o = new Overwrites(g);
    const input = (n: string) => g.inputs.find((v) => v.name === n)!;
    const output = (n: string) => g.outputs.find((v) => v.name === n)!.value;
    const inPlace = (of: (n: string) => string, to: (n: string) => string) =>
      trainable.filter((s) => o.allowed(input(of(s.name)), output(to(s.name)))).length;
    assert.equal(inPlace(names.m, names.newM), trainable.length);
    assert.equal(inPlace(names.v, names.newV), trainable.length);
    // Without clipping an early layer's update could run before a later use of its weight in the backward pass.
    if (maxGradNorm > 0) assert.equal(inPlace(names.param, names.newParam), trainable.length);
    else assert.ok(inPlace(names.param, names.newParam) < trainable.length);
  }
});
