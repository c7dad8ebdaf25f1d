import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  readSafetensors,
  readSafetensorsHeader,
  readSafetensorsSharded,
  writeSafetensors,
} from '../../../extension/engine/bert/safetensors';
import { HostTensor, float32, int64 } from '../../../extension/engine/tensor';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'st-'));

/** A safetensors file written byte by byte, so tests can make it lie. */
function rawFile(file: string, header: unknown, data: Buffer): void {
  const json = Buffer.from(typeof header === 'string' ? header : JSON.stringify(header));
  const len = Buffer.alloc(8);
  len.writeBigUInt64LE(BigInt(json.length));
  fs.writeFileSync(file, Buffer.concat([len, json, data]));
}

test('round trip of float32, int64 and other dtypes; names sorted, header padded to 8 bytes', () => {
  const dir = tmp();
  const file = path.join(dir, 'a.safetensors');
  const tensors: Record<string, HostTensor> = {
    'z.weight': float32([2, 2], [1, 2, 3, 4.5]),
    'a.ids': int64([3], [1, -2, 2n ** 62n]),
    'm.f64': { dtype: 'float64', shape: [2], data: new Float64Array([Math.PI, -1e300]) },
    'm.i32': { dtype: 'int32', shape: [1, 2], data: new Int32Array([-7, 2 ** 31 - 1]) },
    'm.u8': { dtype: 'uint8', shape: [3], data: new Uint8Array([0, 128, 255]) },
    empty: float32([0, 4]),
  };
  writeSafetensors(file, tensors, { format: 'pt' });
  const back = readSafetensors(file);
  assert.deepEqual([...back.keys()], ['a.ids', 'empty', 'm.f64', 'm.i32', 'm.u8', 'z.weight']);
  for (const [name, t] of Object.entries(tensors)) {
    assert.equal(back.get(name)!.dtype, t.dtype, name);
    assert.deepEqual(back.get(name)!.shape, t.shape, name);
    assert.deepEqual(
      Array.from(back.get(name)!.data as ArrayLike<unknown>),
      Array.from(t.data as ArrayLike<unknown>),
      name,
    );
  }
  const bytes = fs.readFileSync(file);
  const n = Number(bytes.readBigUInt64LE(0));
  assert.equal(n % 8, 0);
  assert.deepEqual(
    Object.keys(JSON.parse(bytes.subarray(8, 8 + n).toString())).filter((k) => k !== '__metadata__'),
    [...back.keys()],
  );
  const header = readSafetensorsHeader(file);
  assert.deepEqual(header.metadata, { format: 'pt' });
  assert.deepEqual(header.tensors.get('z.weight'), {
    dtype: 'F32',
    shape: [2, 2],
    offsets: [header.tensors.get('z.weight')!.offsets[0], header.tensors.get('z.weight')!.offsets[0] + 16],
  });
  assert.deepEqual(fs.readdirSync(dir), ['a.safetensors'], 'no temp file left');
});

test('a Map and views into a larger buffer are written from the right bytes', () => {
  const file = path.join(tmp(), 'view.safetensors');
  const backing = new Float32Array([9, 1, 2, 9]);
  writeSafetensors(
    file,
    new Map([['v', { dtype: 'float32', shape: [2], data: backing.subarray(1, 3) } as HostTensor]]),
  );
  assert.deepEqual(Array.from(readSafetensors(file).get('v')!.data as Float32Array), [1, 2]);
});

test('tensors at unaligned offsets are copied into aligned arrays', () => {
  const file = path.join(tmp(), 'unaligned.safetensors');
  const data = Buffer.alloc(1 + 8);
  data.writeFloatLE(1.5, 1);
  data.writeFloatLE(-3, 5);
  rawFile(
    file,
    { b: { dtype: 'U8', shape: [1], data_offsets: [0, 1] }, f: { dtype: 'F32', shape: [2], data_offsets: [1, 9] } },
    data,
  );
  assert.deepEqual(Array.from(readSafetensors(file).get('f')!.data as Float32Array), [1.5, -3]);
});

test('F16 and BF16 are upcast to float32 exactly', () => {
  const file = path.join(tmp(), 'half.safetensors');
  const f16 = Buffer.from([0x00, 0x3c, 0x00, 0xc1, 0xff, 0x7b, 0x01, 0x00, 0x00, 0x80, 0x00, 0xfc]); // 1, -2.5, 65504, 2^-24, -0, -Inf
  const bf16 = Buffer.from([0x80, 0x3f, 0x49, 0x40, 0x20, 0xc1]); // 1, 3.140625, -10
  rawFile(
    file,
    {
      h: { dtype: 'F16', shape: [2, 3], data_offsets: [0, 12] },
      b: { dtype: 'BF16', shape: [3], data_offsets: [12, 18] },
    },
    Buffer.concat([f16, bf16]),
  );
  const t = readSafetensors(file);
  assert.equal(t.get('h')!.dtype, 'float32');
  assert.deepEqual(t.get('h')!.shape, [2, 3]);
  assert.deepEqual(Array.from(t.get('h')!.data as Float32Array), [1, -2.5, 65504, 2 ** -24, -0, -Infinity]);
  assert.deepEqual(Array.from(t.get('b')!.data as Float32Array), [1, 3.140625, -10]);
});

test('bad files are refused with the file and the tensor named', () => {
  const dir = tmp();
  const f = (name: string) => path.join(dir, name);
  const refused = (name: string, message: RegExp) => {
    assert.throws(
      () => readSafetensors(f(name)),
      (e: Error) => e.message.includes(f(name)) && message.test(e.message),
      name,
    );
    assert.throws(
      () => readSafetensorsHeader(f(name)),
      (e: Error) => e.message.includes(f(name)) && message.test(e.message),
      `${name} (header only)`,
    );
  };
  fs.writeFileSync(f('short'), Buffer.from([1, 2, 3]));
  refused('short', /not a safetensors file \(only 3 bytes\)/);
  const len = Buffer.alloc(8);
  len.writeBigUInt64LE(1000n);
  fs.writeFileSync(f('long-header'), Buffer.concat([len, Buffer.from('{}')]));
  refused('long-header', /header claims 1000 bytes/);
  len.writeBigUInt64LE(2n ** 63n);
  fs.writeFileSync(f('huge-header'), Buffer.concat([len, Buffer.from('{}')]));
  refused('huge-header', /header claims \d+ bytes/);
  rawFile(f('notjson'), '{"w": ', Buffer.alloc(0));
  refused('notjson', /header is not valid JSON/);
  rawFile(f('array'), [1, 2], Buffer.alloc(0));
  refused('array', /header is not a JSON object/);
  rawFile(f('entry'), { w: 'F32' }, Buffer.alloc(0));
  refused('entry', /tensor w is not described by an object/);
  rawFile(f('dtype'), { w: { dtype: 'Q4', shape: [1], data_offsets: [0, 4] } }, Buffer.alloc(4));
  refused('dtype', /tensor w has unsupported dtype "Q4"/);
  rawFile(f('shape'), { w: { dtype: 'F32', shape: [-1], data_offsets: [0, 4] } }, Buffer.alloc(4));
  refused('shape', /tensor w has an invalid shape/);
  rawFile(f('offsets'), { w: { dtype: 'F32', shape: [1], data_offsets: [4, 0] } }, Buffer.alloc(4));
  refused('offsets', /tensor w has invalid data_offsets \[4,0\]/);
  rawFile(f('lying'), { w: { dtype: 'F32', shape: [3], data_offsets: [0, 8] } }, Buffer.alloc(8));
  refused('lying', /tensor w: shape \[3\] of F32 needs 12 bytes/);
  rawFile(f('truncated'), { w: { dtype: 'F32', shape: [4], data_offsets: [0, 16] } }, Buffer.alloc(10));
  refused('truncated', /tensor w ends at byte 16 but the data section has 10 bytes/);
  rawFile(f('outside'), { w: { dtype: 'F32', shape: [1], data_offsets: [8, 12] } }, Buffer.alloc(8));
  refused('outside', /tensor w ends at byte 12/);
  rawFile(
    f('overlap'),
    { a: { dtype: 'F32', shape: [2], data_offsets: [0, 8] }, b: { dtype: 'F32', shape: [2], data_offsets: [4, 12] } },
    Buffer.alloc(12),
  );
  refused('overlap', /tensors a and b overlap/);
  rawFile(
    f('gap'),
    { a: { dtype: 'F32', shape: [1], data_offsets: [0, 4] }, b: { dtype: 'F32', shape: [1], data_offsets: [8, 12] } },
    Buffer.alloc(12),
  );
  refused('gap', /tensor b starts at byte 8, leaving a gap after a/);
  rawFile(f('tail'), { a: { dtype: 'F32', shape: [1], data_offsets: [0, 4] } }, Buffer.alloc(6));
  refused('tail', /2 bytes after the last tensor/);
  rawFile(f('metadata'), { __metadata__: { epoch: 3 } }, Buffer.alloc(0));
  refused('metadata', /__metadata__ must be an object of strings/);
});

test('a failed write leaves nothing at the target path and no temp file', () => {
  const dir = tmp();
  const missingDir = path.join(dir, 'missing-dir', 'x.safetensors');
  assert.throws(() => writeSafetensors(missingDir, { w: float32([1], [1]) }));
  assert.equal(fs.existsSync(missingDir), false);
  const target = path.join(dir, 'x.safetensors');
  fs.mkdirSync(target); // renaming a file onto a directory fails after the data was written
  assert.throws(() => writeSafetensors(target, { w: float32([1], [1]) }));
  assert.ok(fs.statSync(target).isDirectory());
  assert.deepEqual(fs.readdirSync(dir), ['x.safetensors']);
  assert.throws(
    () =>
      writeSafetensors(path.join(dir, 'bad.safetensors'), {
        w: float32([3], [1, 2, 3]),
        v: { dtype: 'float32', shape: [2], data: new Float32Array(3) },
      }),
    /tensor v has 3 values for shape \[2\]/,
  );
  assert.deepEqual(fs.readdirSync(dir), ['x.safetensors']);
});

test('sharded checkpoints are read through their index; a missing shard is named', () => {
  const dir = tmp();
  writeSafetensors(path.join(dir, 'model-00001-of-00002.safetensors'), { a: float32([1], [1]) });
  writeSafetensors(path.join(dir, 'model-00002-of-00002.safetensors'), { b: float32([1], [2]), c: int64([1], [5]) });
  const index = path.join(dir, 'model.safetensors.index.json');
  const weightMap = {
    a: 'model-00001-of-00002.safetensors',
    b: 'model-00002-of-00002.safetensors',
    c: 'model-00002-of-00002.safetensors',
  };
  fs.writeFileSync(index, JSON.stringify({ metadata: { total_size: 16 }, weight_map: weightMap }));
  const merged = readSafetensorsSharded(index);
  assert.deepEqual([...merged.keys()].sort(), ['a', 'b', 'c']);
  assert.deepEqual(Array.from(merged.get('b')!.data as Float32Array), [2]);
  fs.writeFileSync(index, JSON.stringify({ weight_map: { ...weightMap, d: 'model-00001-of-00002.safetensors' } }));
  assert.throws(() => readSafetensorsSharded(index), /tensor d is not in its shard model-00001-of-00002.safetensors/);
  fs.writeFileSync(index, JSON.stringify({ weight_map: { a: '../elsewhere.safetensors' } }));
  assert.throws(() => readSafetensorsSharded(index), /not a plain file name/);
  fs.writeFileSync(index, JSON.stringify({ weight_map: weightMap }));
  fs.rmSync(path.join(dir, 'model-00002-of-00002.safetensors'));
  assert.throws(() => readSafetensorsSharded(index), /shard model-00002-of-00002.safetensors is missing/);
});

const fixture = ['tiny-cls', 'parity/tiny-cls']
  .map((d) => path.join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', d, 'model.safetensors'))
  .find((f) => fs.existsSync(f));

test('a checkpoint written by PyTorch reads with its shapes', { skip: fixture ? false : 'no tiny-cls fixture' }, () => {
  const t = readSafetensors(fixture!);
  assert.deepEqual(t.get('bert.embeddings.word_embeddings.weight')!.shape, [30522, 32]);
  assert.deepEqual(t.get('bert.embeddings.LayerNorm.weight')!.shape, [32]);
  assert.equal(t.get('bert.embeddings.word_embeddings.weight')!.dtype, 'float32');
  assert.ok((t.get('bert.embeddings.word_embeddings.weight')!.data as Float32Array).every(Number.isFinite));
  assert.deepEqual([...readSafetensorsHeader(fixture!).tensors.keys()].sort(), [...t.keys()].sort());
});
