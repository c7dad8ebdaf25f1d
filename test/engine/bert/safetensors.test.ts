import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readSafetensors, readSafetensorsSharded, writeSafetensors } from '../../../extension/engine/bert/safetensors';
import { float32, int64 } from '../../../extension/engine/tensor';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'st-'));

/** A safetensors file written byte by byte, so tests can make it lie. */
function rawFile(file: string, header: object, data: Buffer): void {
  const json = Buffer.from(JSON.stringify(header));
  const len = Buffer.alloc(8);
  len.writeBigUInt64LE(BigInt(json.length));
  fs.writeFileSync(file, Buffer.concat([len, json, data]));
}

test('round trip of float32 and int64 tensors; names sorted, header padded to 8 bytes', () => {
  const file = path.join(tmp(), 'a.safetensors');
  writeSafetensors(file, { 'z.weight': float32([2, 2], [1, 2, 3, 4.5]), 'a.ids': int64([3], [1, -2, 3]) }, { format: 'pt' });
  const back = readSafetensors(file);
  assert.deepEqual([...back.keys()], ['a.ids', 'z.weight']);
  assert.deepEqual(Array.from(back.get('z.weight')!.data as Float32Array), [1, 2, 3, 4.5]);
  assert.deepEqual(Array.from(back.get('a.ids')!.data as BigInt64Array), [1n, -2n, 3n]);
  const n = Number(fs.readFileSync(file).readBigUInt64LE(0));
  assert.equal(n % 8, 0);
  assert.deepEqual(fs.readdirSync(path.dirname(file)), ['a.safetensors'], 'no temp file left');
});

test('F16 and BF16 are upcast to float32 exactly', () => {
  const file = path.join(tmp(), 'half.safetensors');
  const f16 = Buffer.from([0x00, 0x3c, 0x00, 0xc1, 0xff, 0x7b, 0x01, 0x00]); // 1, -2.5, 65504, 2^-24
  const bf16 = Buffer.from([0x80, 0x3f, 0x49, 0x40]); // 1, 3.140625
  rawFile(file, { h: { dtype: 'F16', shape: [4], data_offsets: [0, 8] }, b: { dtype: 'BF16', shape: [2], data_offsets: [8, 12] } }, Buffer.concat([f16, bf16]));
  const t = readSafetensors(file);
  assert.deepEqual(Array.from(t.get('h')!.data as Float32Array), [1, -2.5, 65504, 2 ** -24]);
  assert.deepEqual(Array.from(t.get('b')!.data as Float32Array), [1, 3.140625]);
});

test('bad files are refused with the file and the tensor named', () => {
  const dir = tmp();
  const f = (name: string) => path.join(dir, name);
  fs.writeFileSync(f('short'), Buffer.from([1, 2, 3]));
  assert.throws(() => readSafetensors(f('short')), /short: not a safetensors file/);
  const len = Buffer.alloc(8);
  len.writeBigUInt64LE(1000n);
  fs.writeFileSync(f('long-header'), Buffer.concat([len, Buffer.from('{}')]));
  assert.throws(() => readSafetensors(f('long-header')), /long-header: header claims 1000 bytes/);
  rawFile(f('notjson'), {}, Buffer.alloc(0));
  fs.writeFileSync(f('notjson'), Buffer.concat([fs.readFileSync(f('notjson')).subarray(0, 8), Buffer.from('{x')]));
  rawFile(f('dtype'), { w: { dtype: 'Q4', shape: [1], data_offsets: [0, 4] } }, Buffer.alloc(4));
  assert.throws(() => readSafetensors(f('dtype')), /dtype: tensor w has unsupported dtype "Q4"/);
  rawFile(f('lying'), { w: { dtype: 'F32', shape: [3], data_offsets: [0, 8] } }, Buffer.alloc(8));
  assert.throws(() => readSafetensors(f('lying')), /lying: tensor w: shape \[3\] of F32 needs 12 bytes/);
  rawFile(f('truncated'), { w: { dtype: 'F32', shape: [4], data_offsets: [0, 16] } }, Buffer.alloc(10));
  assert.throws(() => readSafetensors(f('truncated')), /truncated: tensor w ends at byte 16 but the data section has 10 bytes/);
  rawFile(f('overlap'), { a: { dtype: 'F32', shape: [2], data_offsets: [0, 8] }, b: { dtype: 'F32', shape: [2], data_offsets: [4, 12] } }, Buffer.alloc(12));
  assert.throws(() => readSafetensors(f('overlap')), /overlap: tensors a and b overlap/);
});

test('a failed write leaves nothing at the target path', () => {
  const dir = tmp();
  const target = path.join(dir, 'missing-dir', 'x.safetensors');
  assert.throws(() => writeSafetensors(target, { w: float32([1], [1]) }));
  assert.equal(fs.existsSync(target), false);
});

test('sharded checkpoints are read through their index; a missing shard is named', () => {
  const dir = tmp();
  writeSafetensors(path.join(dir, 'model-00001-of-00002.safetensors'), { a: float32([1], [1]) });
  writeSafetensors(path.join(dir, 'model-00002-of-00002.safetensors'), { b: float32([1], [2]) });
  const index = path.join(dir, 'model.safetensors.index.json');
  fs.writeFileSync(index, JSON.stringify({ weight_map: { a: 'model-00001-of-00002.safetensors', b: 'model-00002-of-00002.safetensors' } }));
  assert.deepEqual([...readSafetensorsSharded(index).keys()].sort(), ['a', 'b']);
  fs.rmSync(path.join(dir, 'model-00002-of-00002.safetensors'));
  assert.throws(() => readSafetensorsSharded(index), /shard model-00002-of-00002.safetensors is missing/);
});
