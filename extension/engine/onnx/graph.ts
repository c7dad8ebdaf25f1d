/**
 * The core of the graph builder: values are objects, names are generated, and
 * every node's output shapes are inferred when it is added, so a mistake fails
 * at build time naming the node rather than inside ONNX Runtime.
 */
import { DType, HostTensor } from '../tensor';
import { inferShapes } from './shapes';

/** A dimension: a number, or a symbol such as 'B' or 'T' for dynamic axes. */
export type Dim = number | string;
export type Shape = Dim[];

export type AttrValue = number | string | number[] | boolean | HostTensor;

export class Value {
  constructor(
    readonly name: string,
    readonly dtype: DType,
    readonly shape: Shape,
    readonly producer: GraphNode | null,
    /** The data, when this value is an initializer (lets shape rules read constant shapes and axes). */
    readonly constant: HostTensor | null = null,
  ) {}
  get rank(): number {
    return this.shape.length;
  }
}

export interface GraphNode {
  readonly name: string;
  readonly op: string;
  readonly domain: string;
  readonly inputs: (Value | null)[];
  readonly outputs: Value[];
  readonly attrs: Record<string, AttrValue>;
}

export interface OutputSpec {
  dtype: DType;
  shape: Shape;
}

export class GraphError extends Error {}

/** Nodes [first, end) that autodiff treats as the one node `node`, whose gradient rule is keyed by its op. */
export interface Composite {
  node: GraphNode;
  first: number;
  end: number;
}

export class GraphCore {
  readonly nodes: GraphNode[] = [];
  readonly inputs: Value[] = [];
  readonly outputs: { name: string; value: Value }[] = [];
  readonly initializers = new Map<Value, HostTensor>();
  readonly composites: Composite[] = [];
  private counter = 0;
  private readonly names = new Set<string>();

  protected fresh(prefix: string): string {
    let name = `${prefix}_${this.counter++}`;
    while (this.names.has(name)) name = `${prefix}_${this.counter++}`;
    this.names.add(name);
    return name;
  }

  private claim(name: string): string {
    if (this.names.has(name)) throw new GraphError(`duplicate graph name '${name}'`);
    this.names.add(name);
    return name;
  }

  input(name: string, dtype: DType, shape: Shape): Value {
    const v = new Value(this.claim(name), dtype, shape, null);
    this.inputs.push(v);
    return v;
  }

  /** A tensor stored in the model (frozen weights, constants). */
  initializer(tensor: HostTensor, name?: string): Value {
    const v = new Value(name ? this.claim(name) : this.fresh('const'), tensor.dtype, [...tensor.shape], null, tensor);
    this.initializers.set(v, tensor);
    return v;
  }

  output(value: Value, name: string): void {
    if (this.outputs.some((o) => o.name === name)) throw new GraphError(`duplicate graph output '${name}'`);
    this.outputs.push({ name, value });
  }

  /**
   * Adds one node. Output shapes come from the op's shape rule; `specs` is only
   * for ops without one (or to override dynamic shapes the rule cannot know).
   */
  node(
    op: string,
    inputs: (Value | null)[],
    attrs: Record<string, AttrValue> = {},
    opts: { outputs?: number; specs?: OutputSpec[]; domain?: string } = {},
  ): Value[] {
    const name = this.fresh(op);
    const count = opts.specs?.length ?? opts.outputs ?? 1;
    let specs: OutputSpec[];
    try {
      specs = opts.specs ?? inferShapes(op, inputs, attrs, count);
    } catch (e) {
      const shapes = inputs.map((i) => (i ? `${i.name}[${i.shape.join(',')}]:${i.dtype}` : '-')).join(', ');
      throw new GraphError(`${op} node '${name}' (inputs ${shapes}): ${(e as Error).message}`);
    }
    const node: GraphNode = {
      name,
      op,
      domain: opts.domain ?? '',
      inputs,
      attrs,
      outputs: [],
    };
    (node as { outputs: Value[] }).outputs = specs.map(
      (s, i) => new Value(this.fresh(`${op.toLowerCase()}${i ? i : ''}`), s.dtype, s.shape, node),
    );
    this.nodes.push(node);
    return node.outputs;
  }

  /**
   * An op written with other ops (e.g. where an execution provider lacks a kernel), differentiated as one node
   * of type `op` with the given inputs and attributes: its rule sees the outputs `build` returns.
   */
  composite(op: string, inputs: (Value | null)[], attrs: Record<string, AttrValue>, build: () => Value[]): Value[] {
    const first = this.nodes.length;
    const outputs = build();
    const node: GraphNode = { name: this.fresh(op), op, domain: '', inputs, attrs, outputs };
    this.composites.push({ node, first, end: this.nodes.length });
    return outputs;
  }

  /** Nodes as autodiff sees them: each composite stands in for the nodes it was built from. */
  units(): GraphNode[] {
    const byFirst = new Map(this.composites.filter((c) => c.end > c.first).map((c) => [c.first, c]));
    const out: GraphNode[] = [];
    for (let i = 0; i < this.nodes.length;) {
      const c = byFirst.get(i);
      out.push(c ? c.node : this.nodes[i]);
      i = c ? c.end : i + 1;
    }
    return out;
  }

  /** Single-output convenience. */
  op1(op: string, inputs: (Value | null)[], attrs: Record<string, AttrValue> = {}, spec?: OutputSpec): Value {
    return this.node(op, inputs, attrs, spec ? { specs: [spec] } : {})[0];
  }
}
