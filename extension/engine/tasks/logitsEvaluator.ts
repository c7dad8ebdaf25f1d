/** The task's forward graph with dropout off over examples: each example's logits (per token where the task has them) and the mean loss. */
import type { HostTensor } from '../tensor';
import type { BertConfig } from '../bert/config';
import type { ParamSpec } from '../bert/params';
import { Session, SessionOptions } from '../runtime/ort';
import { Example, batchesOf } from '../data/batches';
import { buildForward, paramInputName } from '../bert/forward';
import type { TaskName } from './task';

export class LogitsEvaluator {
  private constructor(
    private readonly session: Session,
    private readonly trainable: string[],
    private readonly collate: (batch: Example[]) => Record<string, HostTensor>,
  ) {}

  static async create(
    config: BertConfig,
    task: TaskName,
    specs: ParamSpec[],
    frozen: Map<string, HostTensor>,
    session: SessionOptions,
    collate: (batch: Example[]) => Record<string, HostTensor>,
  ): Promise<LogitsEvaluator> {
    const graph = buildForward(config, task, specs, frozen, { withLabels: true });
    const trainable = specs.filter((s) => !frozen.has(s.name)).map((s) => s.name);
    return new LogitsEvaluator(await Session.fromGraph(graph, session, 'evaluation'), trainable, collate);
  }

  /** logits[i] is [labels] per example, or [tokens][labels] for per-token logits (the example's own tokens only). */
  async run(
    examples: Example[],
    weights: Map<string, HostTensor>,
    batchSize: number,
  ): Promise<{ logits: number[][][]; loss: number }> {
    const params = Object.fromEntries(this.trainable.map((n) => [paramInputName(n), weights.get(n)!]));
    const out: number[][][] = [];
    let lossSum = 0;
    for (const batch of batchesOf(examples, batchSize)) {
      const r = await this.session.run({ ...this.collate(batch), ...params });
      const data = r.logits.data as Float32Array;
      const shape = r.logits.shape;
      const k = shape[shape.length - 1];
      const t = shape.length === 3 ? shape[1] : 1;
      batch.forEach((e, i) => {
        const rows = shape.length === 3 ? e.inputIds.length : 1;
        out.push(
          Array.from({ length: rows }, (_, j) => Array.from(data.subarray((i * t + j) * k, (i * t + j + 1) * k))),
        );
      });
      lossSum += Number(r.loss.data[0]) * batch.length;
    }
    return { logits: out, loss: lossSum / Math.max(1, examples.length) };
  }

  release(): Promise<void> {
    return this.session.release();
  }
}
