/** Writes a built graph as an ONNX ModelProto (opset 20) with the onnx-proto protobuf schema. */
import { onnx } from 'onnx-proto';
import { HostTensor } from '../tensor';
import { AttrValue, GraphCore, Shape, Value } from './graph';
import { onnxType } from './dtype';

export const OPSET = 20;
const IR_VERSION = 9;
const FLOAT_ATTRS = new Set(['epsilon', 'alpha', 'beta', 'ratio']);
const A = onnx.AttributeProto.AttributeType;

function tensorProto(t: HostTensor, name: string): onnx.ITensorProto {
  const d = t.data;
  return {
    name,
    dataType: onnxType(t.dtype),
    dims: t.shape,
    rawData: new Uint8Array(d.buffer, d.byteOffset, d.byteLength),
  };
}

function attribute(name: string, v: AttrValue): onnx.IAttributeProto {
  if (typeof v === 'string') return { name, type: A.STRING, s: new TextEncoder().encode(v) };
  if (typeof v === 'boolean') return { name, type: A.INT, i: v ? 1 : 0 };
  if (typeof v === 'number') return FLOAT_ATTRS.has(name) ? { name, type: A.FLOAT, f: v } : { name, type: A.INT, i: v };
  if (Array.isArray(v))
    return FLOAT_ATTRS.has(name) ? { name, type: A.FLOATS, floats: v } : { name, type: A.INTS, ints: v };
  return { name, type: A.TENSOR, t: tensorProto(v, name) };
}

function valueInfo(name: string, v: Value): onnx.IValueInfoProto {
  const dim = (d: Shape[number]) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d });
  return { name, type: { tensorType: { elemType: onnxType(v.dtype), shape: { dim: v.shape.map(dim) } } } };
}

export function toModelProto(g: GraphCore, graphName = 'bert_studio'): Uint8Array {
  // A node output that is a graph output takes the public name directly (no copy through an Identity);
  // only inputs, initializers or values published twice need one.
  const publicName = new Map<Value, string>();
  for (const o of g.outputs) if (o.value.producer && !publicName.has(o.value)) publicName.set(o.value, o.name);
  const nameOf = (v: Value | null) => (v ? (publicName.get(v) ?? v.name) : '');
  const copies: onnx.INodeProto[] = g.outputs
    .filter((o) => publicName.get(o.value) !== o.name)
    .map((o) => ({ name: `copy_${o.name}`, opType: 'Identity', input: [nameOf(o.value)], output: [o.name] }));
  const nodes: onnx.INodeProto[] = g.nodes.map((n) => ({
    name: n.name,
    opType: n.op,
    domain: n.domain,
    input: n.inputs.map(nameOf),
    output: n.outputs.map(nameOf),
    attribute: Object.entries(n.attrs).map(([k, v]) => attribute(k, v)),
  }));
  const domains = new Set(g.nodes.map((n) => n.domain).filter((d) => d !== ''));
  const model: onnx.IModelProto = {
    irVersion: IR_VERSION,
    producerName: 'bert-studio',
    opsetImport: [{ domain: '', version: OPSET }, ...[...domains].map((domain) => ({ domain, version: 1 }))],
    graph: {
      name: graphName,
      node: [...nodes, ...copies],
      input: g.inputs.map((v) => valueInfo(v.name, v)),
      output: g.outputs.map((o) => valueInfo(o.name, o.value)),
      initializer: [...g.initializers].map(([v, t]) => tensorProto(t, v.name)),
    },
  };
  return onnx.ModelProto.encode(onnx.ModelProto.create(model)).finish();
}
