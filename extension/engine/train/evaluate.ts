/** Evaluation: the forward graph with dropout off over the validation set, then Transformers-named metrics. */
import type { HostTensor } from '../tensor';
import type { BertConfig } from '../bert/config';
import { ParamSpec } from '../bert/params';
import { Session, SessionOptions } from '../runtime/ort';
import { Example, batchesOf, collate } from '../data/batches';
import { buildHeadForward, names } from './stepGraph';
import { FeatureExample, collateFeatures } from './features';
import { classificationMetrics } from './metrics';
import { ClassificationMetrics } from '../../shared/runs/trainEvent';
import { buildForward } from '../bert/forward';
import { argmax } from '../bert/logits';

type Feed = (batch: Example[]) => Record<string, HostTensor>;

export class Evaluator {
  private constructor(
    private readonly session: Session,
    private readonly trainable: string[],
    private readonly feed: Feed,
  ) {}

  /** The whole model; parameters not in `frozen` are inputs. */
  static async create(
    config: BertConfig,
    specs: ParamSpec[],
    frozen: Map<string, HostTensor>,
    opts: SessionOptions,
  ): Promise<Evaluator> {
    const graph = buildForward(config, 'cls', specs, frozen, { withLabels: true });
    const trainable = specs.filter((s) => !frozen.has(s.name)).map((s) => s.name);
    return new Evaluator(await Session.fromGraph(graph, opts, 'evaluation'), trainable, collate);
  }

  /** The classifier alone, on cached pooled features. */
  static async forHead(config: BertConfig, head: ParamSpec[], opts: SessionOptions): Promise<Evaluator> {
    const graph = buildHeadForward(config, head);
    return new Evaluator(
      await Session.fromGraph(graph, opts, 'evaluation'),
      head.map((s) => s.name),
      (b) => collateFeatures(b as FeatureExample[]),
    );
  }

  /** Logits for each example, in order. */
  async logits(
    examples: Example[],
    weights: Map<string, HostTensor>,
    batchSize: number,
  ): Promise<{ logits: number[][]; loss: number }> {
    const params = Object.fromEntries(this.trainable.map((n) => [names.param(n), weights.get(n)!]));
    const out: number[][] = [];
    let lossSum = 0;
    for (const batch of batchesOf(examples, batchSize)) {
      const r = await this.session.run({ ...this.feed(batch), ...params });
      const l = r.logits.data as Float32Array;
      const k = r.logits.shape[1];
      for (let i = 0; i < batch.length; i++) out.push(Array.from(l.subarray(i * k, (i + 1) * k)));
      lossSum += Number(r.loss.data[0]) * batch.length;
    }
    return { logits: out, loss: lossSum / Math.max(1, examples.length) };
  }

  async evaluate(
    examples: Example[],
    weights: Map<string, HostTensor>,
    batchSize: number,
    labels: string[],
  ): Promise<{ metrics: Record<string, number>; detail: ClassificationMetrics }> {
    const { logits, loss } = await this.logits(examples, weights, batchSize);
    const detail = classificationMetrics(
      logits.map(argmax),
      examples.map((e) => e.label),
      labels,
    );
    return {
      metrics: {
        eval_loss: loss,
        eval_accuracy: detail.accuracy,
        eval_f1: detail.f1_macro,
        eval_f1_weighted: detail.f1_weighted,
      },
      detail,
    };
  }

  async release(): Promise<void> {
    await this.session.release();
  }
}
