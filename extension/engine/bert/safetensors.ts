/**
 * safetensors: an 8-byte little-endian header length, a JSON header of
 * {name: {dtype, shape, data_offsets}}, then the bytes. Reading checks every
 * claim the header makes; writing is atomic (temp file, fsync, rename).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DType, HostTensor, TensorData, allocate, sizeOf } from '../tensor';

interface Entry { dtype: string; shape: number[]; offsets: [number, number] }

const ITEM: Record<string, number> = { F32: 4, F16: 2, BF16: 2, F64: 8, I64: 8, I32: 4, U8: 1, BOOL: 1 };
const HOST: Record<string, DType> = { F32: 'float32', F16: 'float32', BF16: 'float32', F64: 'float64', I64: 'int64', I32: 'int32', U8: 'uint8', BOOL: 'bool' };
const WRITE: Record<DType, string> = { float32: 'F32', float64: 'F64', int64: 'I64', int32: 'I32', uint8: 'U8', bool: 'BOOL' };

export function readSafetensorsHeader(file: string, buf?: Buffer): { tensors: Map<string, Entry>; metadata: Record<string, string>; dataStart: number } {
  const b = buf ?? fs.readFileSync(file);
  if (b.length < 8) throw new Error(`${file}: not a safetensors file (only ${b.length} bytes)`);
  const n = Number(b.readBigUInt64LE(0));
  if (8 + n > b.length) throw new Error(`${file}: header claims ${n} bytes but the file has ${b.length - 8} after the length (truncated?)`);
  let header: unknown;
  try {
    header = JSON.parse(b.subarray(8, 8 + n).toString('utf8'));
  } catch (e) {
    throw new Error(`${file}: header is not valid JSON (${(e as Error).message})`);
  }
  if (!header || typeof header !== 'object' || Array.isArray(header)) throw new Error(`${file}: header is not a JSON object`);
  const dataLen = b.length - 8 - n;
  const tensors = new Map<string, Entry>();
  let metadata: Record<string, string> = {};
  for (const [name, raw] of Object.entries(header as Record<string, unknown>)) {
    if (name === '__metadata__') { metadata = (raw ?? {}) as Record<string, string>; continue; }
    const e = raw as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
    const where = `${file}: tensor ${name}`;
    if (typeof e?.dtype !== 'string' || !(e.dtype in ITEM)) throw new Error(`${where} has unsupported dtype ${JSON.stringify(e?.dtype)} (supported: ${Object.keys(ITEM).join(', ')})`);
    if (!Array.isArray(e.shape) || !e.shape.every((d) => Number.isInteger(d) && d >= 0)) throw new Error(`${where} has an invalid shape ${JSON.stringify(e.shape)}`);
    const off = e.data_offsets;
    if (!Array.isArray(off) || off.length !== 2 || !off.every((o) => Number.isInteger(o) && o >= 0) || off[1] < off[0]) {
      throw new Error(`${where} has invalid data_offsets ${JSON.stringify(off)}`);
    }
    const bytes = sizeOf(e.shape) * ITEM[e.dtype];
    if (off[1] - off[0] !== bytes) throw new Error(`${where}: shape [${e.shape}] of ${e.dtype} needs ${bytes} bytes, data_offsets give ${off[1] - off[0]}`);
    if (off[1] > dataLen) throw new Error(`${where} ends at byte ${off[1]} but the data section has ${dataLen} bytes (truncated file?)`);
    tensors.set(name, { dtype: e.dtype, shape: e.shape, offsets: [off[0], off[1]] });
  }
  const spans = [...tensors].sort((a, b) => a[1].offsets[0] - b[1].offsets[0]);
  for (let i = 1; i < spans.length; i++) {
    if (spans[i][1].offsets[0] < spans[i - 1][1].offsets[1]) throw new Error(`${file}: tensors ${spans[i - 1][0]} and ${spans[i][0]} overlap`);
  }
  return { tensors, metadata, dataStart: 8 + n };
}

const f16 = (h: number): number => {
  const s = h & 0x8000 ? -1 : 1, e = (h >> 10) & 0x1f, m = h & 0x3ff;
  if (e === 0) return s * m * 2 ** -24;
  if (e === 31) return m ? NaN : s * Infinity;
  return s * (1 + m / 1024) * 2 ** (e - 15);
};

function decode(bytes: Buffer, dtype: string, shape: number[]): HostTensor {
  const t = allocate(HOST[dtype], shape);
  const out = new Uint8Array(t.data.buffer);
  if (dtype === 'F16' || dtype === 'BF16') {
    const f = t.data as Float32Array;
    const u32 = new Uint32Array(f.buffer);
    for (let i = 0; i < f.length; i++) {
      const h = bytes[2 * i] | (bytes[2 * i + 1] << 8);
      if (dtype === 'BF16') u32[i] = h << 16;
      else f[i] = f16(h);
    }
  } else {
    out.set(bytes);
  }
  return t;
}

export function readSafetensors(file: string): Map<string, HostTensor> {
  const buf = fs.readFileSync(file);
  const { tensors, dataStart } = readSafetensorsHeader(file, buf);
  const out = new Map<string, HostTensor>();
  for (const [name, e] of tensors) out.set(name, decode(buf.subarray(dataStart + e.offsets[0], dataStart + e.offsets[1]), e.dtype, e.shape));
  return out;
}

/** Reads every shard listed in a model.safetensors.index.json. */
export function readSafetensorsSharded(indexFile: string): Map<string, HostTensor> {
  let index: { weight_map?: Record<string, string> };
  try {
    index = JSON.parse(fs.readFileSync(indexFile, 'utf8'));
  } catch (e) {
    throw new Error(`${indexFile}: cannot read the shard index (${(e as Error).message})`);
  }
  if (!index.weight_map || typeof index.weight_map !== 'object') throw new Error(`${indexFile}: no weight_map`);
  const out = new Map<string, HostTensor>();
  for (const shard of new Set(Object.values(index.weight_map))) {
    const file = path.join(path.dirname(indexFile), shard);
    if (path.basename(shard) !== shard) throw new Error(`${indexFile}: shard name ${shard} is not a plain file name`);
    if (!fs.existsSync(file)) throw new Error(`${indexFile}: shard ${shard} is missing`);
    for (const [k, v] of readSafetensors(file)) out.set(k, v);
  }
  for (const name of Object.keys(index.weight_map)) if (!out.has(name)) throw new Error(`${indexFile}: tensor ${name} is not in its shard ${index.weight_map[name]}`);
  return out;
}

/** Writes tensors (names sorted, header padded to 8 bytes) through a temp file and a rename. */
export function writeSafetensors(file: string, tensors: Map<string, HostTensor> | Record<string, HostTensor>, metadata?: Record<string, string>): void {
  const entries = (tensors instanceof Map ? [...tensors] : Object.entries(tensors)).sort((a, b) => (a[0] < b[0] ? -1 : 1));
  const header: Record<string, unknown> = metadata ? { __metadata__: metadata } : {};
  const blobs: TensorData[] = [];
  let offset = 0;
  for (const [name, t] of entries) {
    if (t.data.length !== sizeOf(t.shape)) throw new Error(`${file}: tensor ${name} has ${t.data.length} values for shape [${t.shape}]`);
    header[name] = { dtype: WRITE[t.dtype], shape: t.shape, data_offsets: [offset, offset + t.data.byteLength] };
    blobs.push(t.data);
    offset += t.data.byteLength;
  }
  let json = JSON.stringify(header);
  json += ' '.repeat((8 - (Buffer.byteLength(json) % 8)) % 8);
  const len = Buffer.alloc(8);
  len.writeBigUInt64LE(BigInt(Buffer.byteLength(json)));
  const tmp = `${file}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
  const fd = fs.openSync(tmp, 'w');
  try {
    fs.writeSync(fd, len);
    fs.writeSync(fd, json);
    for (const d of blobs) fs.writeSync(fd, new Uint8Array(d.buffer, d.byteOffset, d.byteLength));
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fs.renameSync(tmp, file);
  } catch (e) {
    try { fs.closeSync(fd); } catch { /* already closed */ }
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}
