/**
 * Where ONNX Runtime ran each node, read from its profile (Chrome trace JSON, one event per node run, naming the
 * node's execution provider). Memcpy nodes are the copies ORT inserts between a CPU node and a device node.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface TracePlacement {
  /** Distinct nodes per execution provider (copies not counted). */
  nodes: Record<string, number>;
  /** Op types of the nodes that ran on the CPU, with counts. */
  cpuOps: Record<string, number>;
  /** Bytes moved between host and device by Memcpy nodes in one run. */
  copiedBytes: number;
}

interface TraceEvent {
  cat?: string;
  name?: string;
  args?: { provider?: string; op_name?: string; output_size?: string };
}

const CPU = 'CPUExecutionProvider';

/** Placement from the trace of one run (the first run's events when the trace holds several). */
export function readTrace(file: string): TracePlacement {
  let events: TraceEvent[];
  try {
    events = JSON.parse(fs.readFileSync(file, 'utf8')) as TraceEvent[];
  } catch (e) {
    throw new Error(`cannot read ONNX Runtime's profile ${file}: ${(e as Error).message}`);
  }
  const seen = new Set<string>();
  const out: TracePlacement = { nodes: {}, cpuOps: {}, copiedBytes: 0 };
  for (const e of events) {
    if (e.cat !== 'Node' || !e.name?.endsWith('_kernel_time') || !e.args?.provider || seen.has(e.name)) continue;
    seen.add(e.name);
    const { provider, op_name: op = '?' } = e.args;
    if (op.startsWith('Memcpy')) {
      out.copiedBytes += Number(e.args.output_size ?? 0);
      continue;
    }
    out.nodes[provider] = (out.nodes[provider] ?? 0) + 1;
    if (provider === CPU) out.cpuOps[op] = (out.cpuOps[op] ?? 0) + 1;
  }
  out.nodes[CPU] ??= 0;
  return out;
}

/** The one trace file ORT wrote into `dir` (sessions there were given the profile prefix dir/…). */
export function traceIn(dir: string, prefix: string): string {
  const files = fs.readdirSync(dir).filter((f) => f.startsWith(prefix) && f.endsWith('.json'));
  if (files.length !== 1) throw new Error(`expected one profile ${prefix}*.json in ${dir}, found ${files.length}`);
  return path.join(dir, files[0]);
}

/** "3 of 1,379 nodes on the CPU (Gather ×2, Cast)" style summary of the CPU share. */
export function describeCpuShare(p: TracePlacement): string {
  const total = Object.values(p.nodes).reduce((a, b) => a + b, 0);
  const ops = Object.entries(p.cpuOps)
    .map(([op, n]) => (n > 1 ? `${op} ×${n}` : op))
    .join(', ');
  return `${p.nodes[CPU] ?? 0} of ${total} nodes on the CPU${ops ? ` (${ops})` : ''}`;
}

export const cpuNodes = (p: TracePlacement): number => p.nodes[CPU] ?? 0;
