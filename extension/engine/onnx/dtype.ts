/** ONNX TensorProto.DataType codes for the engine's dtypes. */
import { DType } from '../tensor';

const CODES: Record<DType, number> = { float32: 1, uint8: 2, int32: 6, int64: 7, bool: 9, float64: 11 };

export function onnxType(dtype: DType): number {
  return CODES[dtype];
}

export function dtypeOfOnnx(code: number): DType {
  const found = (Object.keys(CODES) as DType[]).find((k) => CODES[k] === code);
  if (!found) throw new Error(`unsupported ONNX data type ${code}`);
  return found;
}

export function isFloat(dtype: DType): boolean {
  return dtype === 'float32' || dtype === 'float64';
}
