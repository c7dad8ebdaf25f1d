/**
 * A run on a device profiles its first training step: where ONNX Runtime placed the step graph's nodes goes into
 * training_args.json, and the run says so at its start when any node runs on the CPU (each one is a copy each way).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ExecutionProvider } from '../runtime/ort';
import { cpuNodes, describeCpuShare, readTrace, traceIn } from '../runtime/profile';

export interface StepPlacement {
  step: Record<string, number>;
  cpu_ops: Record<string, number>;
  copied_bytes_per_step: number;
}

export class StepTrace {
  private readonly dir: string | null;
  constructor(provider: ExecutionProvider) {
    this.dir = provider === 'cpu' ? null : fs.mkdtempSync(path.join(os.tmpdir(), 'bert-studio-step-trace-'));
  }

  /** The profile prefix for the first step's session, when it is profiled. */
  get profilePrefix(): string | undefined {
    return this.dir ? path.join(this.dir, 'step') : undefined;
  }

  /** When the run fell back to the CPU: nothing was profiled. */
  discard(): void {
    if (this.dir) fs.rmSync(this.dir, { recursive: true, force: true });
  }

  /** After the first step (profiling already ended): the placement, and a line to show when nodes ran on the CPU. */
  finish(): { placement: StepPlacement; message: string } | null {
    if (!this.dir) return null;
    try {
      const p = readTrace(traceIn(this.dir, 'step'));
      const placement = { step: p.nodes, cpu_ops: p.cpuOps, copied_bytes_per_step: p.copiedBytes };
      const message = cpuNodes(p)
        ? `placement: ${describeCpuShare(p)}; they copy ${p.copiedBytes} bytes between host and device every step`
        : `placement: every node of the step graph on ${Object.keys(p.nodes)
            .filter((k) => p.nodes[k])
            .join(', ')}`;
      return { placement, message };
    } finally {
      fs.rmSync(this.dir, { recursive: true, force: true });
    }
  }
}
