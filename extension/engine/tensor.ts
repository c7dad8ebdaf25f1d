/** Host-side tensors: a typed array plus shape, shared by every engine module. */
export type DType = 'float32' | 'float64' | 'int64' | 'int32' | 'bool' | 'uint8';

export type TensorData = Float32Array | Float64Array | BigInt64Array | Int32Array | Uint8Array;

export interface HostTensor {
  dtype: DType;
  shape: number[];
  data: TensorData;
}

export function sizeOf(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

export function allocate(dtype: DType, shape: number[]): HostTensor {
  const n = sizeOf(shape);
  const data: TensorData =
    dtype === 'float32'
      ? new Float32Array(n)
      : dtype === 'float64'
        ? new Float64Array(n)
        : dtype === 'int64'
          ? new BigInt64Array(n)
          : dtype === 'int32'
            ? new Int32Array(n)
            : new Uint8Array(n);
  return { dtype, shape, data };
}

export function float32(shape: number[], values?: ArrayLike<number>): HostTensor {
  const t = allocate('float32', shape);
  if (values) (t.data as Float32Array).set(values);
  return t;
}

export function int32(shape: number[], values: ArrayLike<number>): HostTensor {
  const t = allocate('int32', shape);
  (t.data as Int32Array).set(values);
  return t;
}

export function int64(shape: number[], values: ArrayLike<number | bigint>): HostTensor {
  const t = allocate('int64', shape);
  const d = t.data as BigInt64Array;
  for (let i = 0; i < values.length; i++) d[i] = BigInt(values[i]);
  return t;
}
