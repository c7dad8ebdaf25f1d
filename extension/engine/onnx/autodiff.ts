/**
 * Reverse-mode autodiff over a built graph. The driver walks nodes in reverse
 * topological order, skips everything that does not lie between the
 * parameters and the loss, sums gradient contributions, and un-broadcasts each
 * rule's result to its input's shape. The rules themselves live in gradients.ts.
 */
import { Graph } from './builder';
import { GraphError, GraphNode, Value } from './graph';
import { GRADIENTS } from './gradients';

/** Sums a broadcast gradient back to the shape of the input it flows into. */
export function unbroadcast(g: Graph, grad: Value, input: Value): Value {
  const same = grad.rank === input.rank && grad.shape.every((d, i) => d === input.shape[i]);
  if (same) return grad;
  if (input.rank === 0) return g.total(grad);
  const lead = grad.rank - input.rank;
  const axes = grad.shape.flatMap((d, i) => (i < lead || (input.shape[i - lead] === 1 && d !== 1) ? [i] : []));
  const summed = axes.length ? g.sum(grad, axes, true) : grad;
  if (summed.rank === input.rank) return summed;
  const numeric = input.shape.every((d) => typeof d === 'number');
  return g.reshape(summed, numeric ? (input.shape as number[]) : g.shapeOf(input), input.shape);
}

/** Values between `from` and `to`: reachable forward from `from` and backward from `to`. */
function pathValues(nodes: GraphNode[], from: Value[], to: Value): Set<Value> {
  const forward = new Set<Value>(from);
  for (const n of nodes) if (n.inputs.some((v) => v && forward.has(v))) n.outputs.forEach((o) => forward.add(o));
  const onPath = new Set<Value>([to]);
  for (let i = nodes.length - 1; i >= 0; i--) {
    const n = nodes[i];
    if (!n.outputs.some((o) => onPath.has(o))) continue;
    for (const v of n.inputs) if (v && forward.has(v)) onPath.add(v);
  }
  return onPath;
}

/** d(loss)/d(each of wrt), as new nodes of g. Values of wrt that do not reach the loss get no entry. */
export function gradients(g: Graph, loss: Value, wrt: Value[], seed?: Value): Map<Value, Value> {
  const nodes = g.units();
  const onPath = pathValues(nodes, wrt, loss);
  const parts = new Map<Value, Value[]>([[loss, [seed ?? g.scalarLike(loss, 1)]]]);
  const total = (v: Value): Value | null => {
    const list = parts.get(v);
    if (!list) return null;
    const sum = g.addAll(list);
    parts.set(v, [sum]);
    return sum;
  };
  for (let i = nodes.length - 1; i >= 0; i--) {
    const node = nodes[i];
    if (!node.inputs.some((v) => v && onPath.has(v))) continue;
    const dys = node.outputs.map(total);
    if (dys.every((d) => d === null)) continue;
    const rule = GRADIENTS[node.op];
    if (!rule) throw new GraphError(`no gradient rule for ${node.op} (node '${node.name}')`);
    const dxs = rule(g, node, dys);
    node.inputs.forEach((x, k) => {
      const dx = dxs[k];
      if (!x || !dx || !onPath.has(x)) return;
      const list = parts.get(x) ?? [];
      list.push(unbroadcast(g, dx, x));
      parts.set(x, list);
    });
  }
  const result = new Map<Value, Value>();
  for (const w of wrt) {
    const gw = total(w);
    if (gw) result.set(w, gw);
  }
  return result;
}
