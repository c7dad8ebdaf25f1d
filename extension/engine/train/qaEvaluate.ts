/** QA evaluation: start/end logits per window, the best span per question across its windows, SQuAD EM/F1. */
import type { HostTensor } from '../tensor';
import type { BertConfig } from '../bert/config';
import type { ParamSpec } from '../bert/params';
import type { QaExample } from '../data/squad';
import { Session, SessionOptions } from '../runtime/ort';
import { batchesOf, collate } from '../data/batches';
import { names } from './stepGraph';
import { QaFeature, bestSpans } from './qaFeatures';
import { squadScores } from './squadMetrics';
import { buildForward } from '../bert/forward';

export class QaEvaluator {
  private constructor(
    private readonly session: Session,
    private readonly trainable: string[],
  ) {}

  static async create(
    config: BertConfig,
    specs: ParamSpec[],
    frozen: Map<string, HostTensor>,
    opts: SessionOptions,
  ): Promise<QaEvaluator> {
    const graph = buildForward(config, 'qa', specs, frozen, { withLabels: true });
    return new QaEvaluator(
      await Session.fromGraph(graph, opts, 'QA evaluation'),
      specs.filter((s) => !frozen.has(s.name)).map((s) => s.name),
    );
  }

  async evaluate(
    examples: QaExample[],
    features: QaFeature[],
    weights: Map<string, HostTensor>,
    batchSize: number,
  ): Promise<{ metrics: Record<string, number> }> {
    const params = Object.fromEntries(this.trainable.map((n) => [names.param(n), weights.get(n)!]));
    const windows = examples.map(
      () => [] as { start: Float32Array; end: Float32Array; offsets: QaFeature['contextOffsets'] }[],
    );
    let lossSum = 0;
    for (const batch of batchesOf(features, batchSize)) {
      const r = await this.session.run({ ...collate(batch), ...params });
      const t = r.start_logits.shape[1];
      batch.forEach((f, i) =>
        windows[f.exampleIndex].push({
          start: (r.start_logits.data as Float32Array).slice(i * t, (i + 1) * t),
          end: (r.end_logits.data as Float32Array).slice(i * t, (i + 1) * t),
          offsets: f.contextOffsets,
        }),
      );
      lossSum += Number(r.loss.data[0]) * batch.length;
    }
    const predictions = new Map(examples.map((ex, i) => [ex.id, bestSpans(ex.context, windows[i])[0]?.text ?? '']));
    const golds = new Map(examples.map((ex) => [ex.id, ex.answers.map((a) => a.text)]));
    const s = squadScores(predictions, golds);
    return {
      metrics: { eval_loss: lossSum / Math.max(1, features.length), eval_exact_match: s.exact_match, eval_f1: s.f1 },
    };
  }

  async release(): Promise<void> {
    await this.session.release();
  }
}
