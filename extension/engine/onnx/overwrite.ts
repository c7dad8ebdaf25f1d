/**
 * Which graph outputs may be written straight into an input's buffer (an in-place
 * update: new weights over old weights, new Adam moments over old ones). Safe when
 * every other node that reads the input is an ancestor of the node producing the
 * output: ONNX Runtime runs a node only after its ancestors, so no reader can see
 * the new value early, and the producer itself works element by element.
 */
import type { GraphCore, GraphNode, Value } from './graph';

export class Overwrites {
  private readonly readers = new Map<Value, GraphNode[]>();
  private readonly index = new Map<GraphNode, number>();
  /** Per node (in the graph's topological order), a bitset of its ancestors. */
  private readonly ancestors: Uint32Array[] = [];

  constructor(graph: GraphCore) {
    const words = Math.ceil(graph.nodes.length / 32);
    graph.nodes.forEach((n, i) => {
      this.index.set(n, i);
      const bits = new Uint32Array(words);
      for (const v of n.inputs) {
        if (!v) continue;
        const readers = this.readers.get(v);
        if (readers) readers.push(n);
        else this.readers.set(v, [n]);
        const j = v.producer ? this.index.get(v.producer) : undefined;
        if (j === undefined) continue;
        const from = this.ancestors[j];
        for (let w = 0; w < words; w++) bits[w] |= from[w];
        bits[j >>> 5] |= 1 << (j & 31);
      }
      this.ancestors.push(bits);
    });
  }

  /** Whether `output` (a node's output) may overwrite `input` (a graph input of the same shape and type). */
  allowed(input: Value, output: Value): boolean {
    const p = output.producer ? this.index.get(output.producer) : undefined;
    if (p === undefined || input.producer || input.dtype !== output.dtype) return false;
    if (input.shape.join() !== output.shape.join()) return false;
    const before = this.ancestors[p];
    return (this.readers.get(input) ?? []).every((n) => {
      const i = this.index.get(n)!;
      return i === p || (before[i >>> 5] & (1 << (i & 31))) !== 0;
    });
  }
}
