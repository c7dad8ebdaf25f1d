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

  constructor(graph: GraphCore) {
    for (const n of graph.nodes)
      for (const i of n.inputs) if (i) this.readers.set(i, [...(this.readers.get(i) ?? []), n]);
  }

  /** Whether `output` (a node's output) may overwrite `input` (a graph input of the same shape and type). */
  allowed(input: Value, output: Value): boolean {
    const producer = output.producer;
    if (!producer || input.producer || input.dtype !== output.dtype) return false;
    if (input.shape.join() !== output.shape.join()) return false;
    const waiting = new Set((this.readers.get(input) ?? []).filter((n) => n !== producer));
    const seen = new Set<GraphNode>([producer]);
    const stack = [producer];
    while (waiting.size && stack.length) {
      for (const v of stack.pop()!.inputs) {
        const n = v?.producer;
        if (!n || seen.has(n)) continue;
        seen.add(n);
        waiting.delete(n);
        stack.push(n);
      }
    }
    return waiting.size === 0;
  }
}
