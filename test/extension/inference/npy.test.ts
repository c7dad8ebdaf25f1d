import { test } from 'node:test';
import assert from 'node:assert/strict';
import { npyBytes } from '../../../extension/inference/npy';

/** Reads a .npy v1.0 file the way numpy.lib.format does: magic, header length, the header dict, the data. */
function readNpy(bytes: Uint8Array): { header: string; shape: number[]; values: Float32Array; dataOffset: number } {
  const b = Buffer.from(bytes);
  assert.deepEqual([...b.subarray(0, 6)], [0x93, ...Buffer.from('NUMPY')]);
  assert.deepEqual([b[6], b[7]], [1, 0], 'version 1.0');
  const len = b.readUInt16LE(8);
  const header = b.subarray(10, 10 + len).toString('latin1');
  const m = /^\{'descr': '<f4', 'fortran_order': False, 'shape': \(([\d, ]*)\), \} *\n$/.exec(header);
  assert.ok(m, `header ${JSON.stringify(header)}`);
  const shape = m[1]
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map(Number);
  const dataOffset = 10 + len;
  const values = new Float32Array(b.buffer.slice(b.byteOffset + dataOffset, b.byteOffset + b.length));
  return { header, shape, values, dataOffset };
}

test('a matrix: header names <f4, C order and the shape; data starts on a 64-byte boundary; values are exact float32', () => {
  const values = [0.1, -2.5, 3e-8, 1e30, -0, 7];
  const npy = readNpy(npyBytes([2, 3], values));
  assert.deepEqual(npy.shape, [2, 3]);
  assert.equal(npy.dataOffset % 64, 0);
  assert.deepEqual([...npy.values], [...Float32Array.from(values)]);
});

test('a vector is written as a one-element tuple (768,), as numpy writes it', () => {
  const npy = readNpy(npyBytes([4], [1, 2, 3, 4]));
  assert.match(npy.header, /'shape': \(4,\)/);
  assert.deepEqual(npy.shape, [4]);
  assert.deepEqual([...npy.values], [1, 2, 3, 4]);
});

test('a shape that does not hold the values is refused', () => {
  assert.throws(() => npyBytes([2, 2], [1, 2, 3]), /shape \[2, 2\] holds 4 values, got 3/);
  assert.throws(() => npyBytes([-1], []), /bad shape/);
});
