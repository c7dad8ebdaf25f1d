/**
 * safetensors: an 8-byte little-endian header length, a JSON header of
 * {name: {dtype, shape, data_offsets}, __metadata__?: {..}}, then the bytes.
 * Reading checks every claim the header makes, as the reference Rust crate
 * does (tensors tile the data section exactly); writing is atomic.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DType, HostTensor, TensorData, sizeOf } from '../tensor';

export interface SafetensorsEntry {
  dtype: string;
  shape: number[];
  offsets: [number, number];
}
export interface SafetensorsHeader {
  tensors: Map<string, SafetensorsEntry>;
  metadata: Record<string, string>;
}

const ITEM_BYTES: Record<string, number> = { F32: 4, F16: 2, BF16: 2, F64: 8, I64: 8, I32: 4, U8: 1, BOOL: 1 };
const HOST_DTYPE: Record<string, DType> = {
  F32: 'float32',
  F16: 'float32',
  BF16: 'float32',
  F64: 'float64',
  I64: 'int64',
  I32: 'int32',
  U8: 'uint8',
  BOOL: 'bool',
};
const FILE_DTYPE: Record<DType, string> = {
  float32: 'F32',
  float64: 'F64',
  int64: 'I64',
  int32: 'I32',
  uint8: 'U8',
  bool: 'BOOL',
};
// The reference implementation refuses larger headers; a bigger claim means a corrupt file.
const MAX_HEADER_BYTES = 100_000_000;

function headerLength(file: string, first8: Buffer, fileSize: number): number {
  if (fileSize < 8) throw new Error(`${file}: not a safetensors file (only ${fileSize} bytes)`);
  const n = first8.readBigUInt64LE(0);
  if (n > BigInt(MAX_HEADER_BYTES))
    throw new Error(
      `${file}: header claims ${n} bytes, more than the ${MAX_HEADER_BYTES} allowed (not a safetensors file?)`,
    );
  if (8 + Number(n) > fileSize)
    throw new Error(`${file}: header claims ${n} bytes but the file has ${fileSize - 8} after the length (truncated?)`);
  return Number(n);
}

function parseEntry(where: string, raw: unknown, dataBytes: number): SafetensorsEntry {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new Error(`${where} is not described by an object`);
  const e = raw as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
  if (typeof e.dtype !== 'string' || !(e.dtype in ITEM_BYTES)) {
    throw new Error(
      `${where} has unsupported dtype ${JSON.stringify(e.dtype)} (supported: ${Object.keys(ITEM_BYTES).join(', ')})`,
    );
  }
  const shape = e.shape;
  if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && d >= 0))
    throw new Error(`${where} has an invalid shape ${JSON.stringify(shape)}`);
  const off = e.data_offsets;
  if (
    !Array.isArray(off) ||
    off.length !== 2 ||
    !off.every((o) => Number.isSafeInteger(o) && o >= 0) ||
    off[1] < off[0]
  ) {
    throw new Error(`${where} has invalid data_offsets ${JSON.stringify(off)}`);
  }
  const bytes = sizeOf(shape) * ITEM_BYTES[e.dtype];
  if (off[1] - off[0] !== bytes)
    throw new Error(
      `${where}: shape [${shape}] of ${e.dtype} needs ${bytes} bytes, data_offsets give ${off[1] - off[0]}`,
    );
  if (off[1] > dataBytes)
    throw new Error(`${where} ends at byte ${off[1]} but the data section has ${dataBytes} bytes (truncated file?)`);
  return { dtype: e.dtype, shape, offsets: [off[0], off[1]] };
}

/** The tensors must tile [0, dataBytes) with no overlap, gap or unclaimed tail. */
function checkTiling(file: string, tensors: Map<string, SafetensorsEntry>, dataBytes: number): void {
  const spans = [...tensors].sort((a, b) => a[1].offsets[0] - b[1].offsets[0] || a[1].offsets[1] - b[1].offsets[1]);
  let end = 0;
  let previous = '(start of data)';
  for (const [
    name,
    {
      offsets: [begin, stop],
    },
  ] of spans) {
    if (begin < end) throw new Error(`${file}: tensors ${previous} and ${name} overlap`);
    if (begin > end)
      throw new Error(
        `${file}: tensor ${name} starts at byte ${begin}, leaving a gap after ${previous} (ends at ${end})`,
      );
    end = stop;
    previous = name;
  }
  if (end !== dataBytes)
    throw new Error(`${file}: ${dataBytes - end} bytes after the last tensor are not described by the header`);
}

function parseHeader(file: string, headerBytes: Buffer, dataBytes: number): SafetensorsHeader {
  let header: unknown;
  try {
    header = JSON.parse(headerBytes.toString('utf8'));
  } catch (e) {
    throw new Error(`${file}: header is not valid JSON (${(e as Error).message})`);
  }
  if (!header || typeof header !== 'object' || Array.isArray(header))
    throw new Error(`${file}: header is not a JSON object`);
  const tensors = new Map<string, SafetensorsEntry>();
  let metadata: Record<string, string> = {};
  for (const [name, raw] of Object.entries(header as Record<string, unknown>)) {
    if (name === '__metadata__') {
      const ok =
        raw && typeof raw === 'object' && !Array.isArray(raw) && Object.values(raw).every((v) => typeof v === 'string');
      if (!ok) throw new Error(`${file}: __metadata__ must be an object of strings, got ${JSON.stringify(raw)}`);
      metadata = { ...(raw as Record<string, string>) };
      continue;
    }
    tensors.set(name, parseEntry(`${file}: tensor ${name}`, raw, dataBytes));
  }
  checkTiling(file, tensors, dataBytes);
  return { tensors, metadata };
}

/** Reads only the header (a few KB), so listing a 440 MB checkpoint costs nothing. */
export function readSafetensorsHeader(file: string): SafetensorsHeader {
  if (fs.statSync(file).isDirectory()) throw new Error(`${file} is a folder, not a safetensors file`);
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    const first8 = Buffer.alloc(8);
    fs.readSync(fd, first8, 0, Math.min(8, size), 0);
    const n = headerLength(file, first8, size);
    const headerBytes = Buffer.alloc(n);
    if (fs.readSync(fd, headerBytes, 0, n, 8) !== n) throw new Error(`${file}: could not read the ${n}-byte header`);
    return parseHeader(file, headerBytes, size - 8 - n);
  } finally {
    fs.closeSync(fd);
  }
}

let f16Table: Float32Array | null = null;

/** Every binary16 value as float32, built once: a lookup beats bit twiddling per element. */
function f16ToF32(): Float32Array {
  if (f16Table) return f16Table;
  f16Table = new Float32Array(65536);
  for (let h = 0; h < 65536; h++) {
    const sign = h & 0x8000 ? -1 : 1,
      exp = (h >> 10) & 0x1f,
      mant = h & 0x3ff;
    f16Table[h] =
      exp === 0
        ? sign * mant * 2 ** -24
        : exp === 31
          ? mant
            ? NaN
            : sign * Infinity
          : sign * (1 + mant / 1024) * 2 ** (exp - 15);
  }
  return f16Table;
}

function decode(buf: Buffer, start: number, e: SafetensorsEntry): HostTensor {
  const n = sizeOf(e.shape);
  const dtype = HOST_DTYPE[e.dtype];
  if (e.dtype === 'F16' || e.dtype === 'BF16') {
    const out = new Float32Array(n);
    const bits = new Uint32Array(out.buffer);
    const table = e.dtype === 'F16' ? f16ToF32() : null;
    for (let i = 0, p = start; i < n; i++, p += 2) {
      const h = buf[p] | (buf[p + 1] << 8);
      if (table) out[i] = table[h];
      else bits[i] = h << 16;
    }
    return { dtype, shape: e.shape, data: out };
  }
  // slice() gives a fresh, aligned ArrayBuffer: one copy, and typed views on it cannot throw.
  const bytes = buf.buffer.slice(buf.byteOffset + start, buf.byteOffset + start + (e.offsets[1] - e.offsets[0]));
  const data: TensorData =
    dtype === 'float32'
      ? new Float32Array(bytes)
      : dtype === 'float64'
        ? new Float64Array(bytes)
        : dtype === 'int64'
          ? new BigInt64Array(bytes)
          : dtype === 'int32'
            ? new Int32Array(bytes)
            : new Uint8Array(bytes);
  return { dtype, shape: e.shape, data };
}

/** Every tensor of a file; F16 and BF16 become float32. */
/** The file's bytes, or an error naming it (Node's EISDIR and ENOENT messages for a read are bare). */
function readBytes(file: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EISDIR') throw new Error(`${file} is a folder, not a safetensors file`);
    if (code === 'ENOENT') throw new Error(`${file}: no such file`);
    throw new Error(`${file}: cannot read (${(e as Error).message})`);
  }
}

export function readSafetensors(file: string): Map<string, HostTensor> {
  const buf = readBytes(file);
  const n = headerLength(file, buf, buf.length);
  const { tensors } = parseHeader(file, buf.subarray(8, 8 + n), buf.length - 8 - n);
  const out = new Map<string, HostTensor>();
  for (const [name, e] of tensors) out.set(name, decode(buf, 8 + n + e.offsets[0], e));
  return out;
}

/** Reads every shard listed in a model.safetensors.index.json and merges them. */
export function readSafetensorsSharded(indexFile: string): Map<string, HostTensor> {
  let index: { weight_map?: unknown };
  try {
    index = JSON.parse(fs.readFileSync(indexFile, 'utf8'));
  } catch (e) {
    throw new Error(`${indexFile}: cannot read the shard index (${(e as Error).message})`);
  }
  const map = index?.weight_map;
  if (
    !map ||
    typeof map !== 'object' ||
    Array.isArray(map) ||
    !Object.values(map).every((v) => typeof v === 'string')
  ) {
    throw new Error(`${indexFile}: weight_map must be an object of tensor name → shard file`);
  }
  const weightMap = map as Record<string, string>;
  const out = new Map<string, HostTensor>();
  for (const shard of new Set(Object.values(weightMap))) {
    if (path.basename(shard) !== shard) throw new Error(`${indexFile}: shard name ${shard} is not a plain file name`);
    const file = path.join(path.dirname(indexFile), shard);
    if (!fs.existsSync(file)) throw new Error(`${indexFile}: shard ${shard} is missing`);
    for (const [k, v] of readSafetensors(file)) out.set(k, v);
  }
  for (const [name, shard] of Object.entries(weightMap))
    if (!out.has(name)) throw new Error(`${indexFile}: tensor ${name} is not in its shard ${shard}`);
  return out;
}

function writeAll(fd: number, bytes: Uint8Array): void {
  for (let done = 0; done < bytes.length;) done += fs.writeSync(fd, bytes, done, bytes.length - done);
}

function headerFor(file: string, entries: [string, HostTensor][], metadata?: Record<string, string>): Buffer {
  const header: Record<string, unknown> = {};
  if (metadata) {
    for (const [k, v] of Object.entries(metadata))
      if (typeof v !== 'string') throw new Error(`${file}: metadata ${k} must be a string`);
    header.__metadata__ = metadata;
  }
  let offset = 0;
  for (const [name, t] of entries) {
    if (name === '__metadata__') throw new Error(`${file}: __metadata__ is reserved and cannot name a tensor`);
    if (!(t.dtype in FILE_DTYPE)) throw new Error(`${file}: tensor ${name} has unsupported dtype ${t.dtype}`);
    if (!t.shape.every((d) => Number.isSafeInteger(d) && d >= 0))
      throw new Error(`${file}: tensor ${name} has an invalid shape [${t.shape}]`);
    if (t.data.length !== sizeOf(t.shape))
      throw new Error(`${file}: tensor ${name} has ${t.data.length} values for shape [${t.shape}]`);
    header[name] = { dtype: FILE_DTYPE[t.dtype], shape: t.shape, data_offsets: [offset, offset + t.data.byteLength] };
    offset += t.data.byteLength;
  }
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const padded = Buffer.alloc(8 + json.length + ((8 - (json.length % 8)) % 8), 0x20);
  padded.writeBigUInt64LE(BigInt(padded.length - 8), 0);
  json.copy(padded, 8);
  return padded;
}

/** Writes tensors (names sorted, header padded to 8 bytes) through a temp file, fsync and a rename. */
export function writeSafetensors(
  file: string,
  tensors: Map<string, HostTensor> | Record<string, HostTensor>,
  metadata?: Record<string, string>,
): void {
  const entries = (tensors instanceof Map ? [...tensors] : Object.entries(tensors)).sort((a, b) =>
    a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0,
  );
  const header = headerFor(file, entries, metadata);
  const tmp = `${file}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
  const fd = fs.openSync(tmp, 'w');
  let open = true;
  try {
    writeAll(fd, header);
    for (const [, t] of entries) writeAll(fd, new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength));
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    open = false;
    fs.renameSync(tmp, file);
  } catch (e) {
    if (open) fs.closeSync(fd);
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}
