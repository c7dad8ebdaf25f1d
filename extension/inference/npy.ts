/**
 * NumPy's .npy format, version 1.0: magic, a header dict (little-endian float32,
 * C order, the shape) padded with spaces so the data starts on a 64-byte
 * boundary, then the raw values. np.load reads it.
 */
const MAGIC = [0x93, ...Buffer.from('NUMPY'), 1, 0];
const ALIGN = 64;

export function npyBytes(shape: number[], values: ArrayLike<number>): Uint8Array {
  if (!shape.every((d) => Number.isInteger(d) && d >= 0)) throw new Error(`npy: bad shape [${shape.join(', ')}]`);
  const count = shape.reduce((a, b) => a * b, 1);
  if (count !== values.length)
    throw new Error(`npy: shape [${shape.join(', ')}] holds ${count} values, got ${values.length}`);
  const dims = shape.length === 1 ? `${shape[0]},` : shape.join(', ');
  const dict = `{'descr': '<f4', 'fortran_order': False, 'shape': (${dims}), }`;
  const prefix = MAGIC.length + 2;
  const padded = Math.ceil((prefix + dict.length + 1) / ALIGN) * ALIGN - prefix;
  const header = dict.padEnd(padded - 1, ' ') + '\n';
  const out = Buffer.alloc(prefix + padded + 4 * count);
  out.set(MAGIC, 0);
  out.writeUInt16LE(padded, MAGIC.length);
  out.write(header, prefix, 'latin1');
  const data = new Float32Array(count);
  data.set(Array.from(values));
  Buffer.from(data.buffer).copy(out, prefix + padded);
  // Float32Array is in the machine's byte order; .npy says little-endian.
  if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) {
    for (let i = 0; i < count; i++) out.writeFloatLE(data[i], prefix + padded + 4 * i);
  }
  return out;
}
