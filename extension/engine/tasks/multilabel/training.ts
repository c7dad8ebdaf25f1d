/**
 * Multi-label data → examples with a 0/1 target per label; evaluation reports
 * micro/macro F1, per-label scores and subset accuracy at 0.5, and tunes each
 * label's threshold on the validation set (also reported, and saved with the model
 * as thresholds.json).
 */
import type { TaskTraining } from '../training';
import type { SetupRequest, TaskSetup } from '../setup';
import type { ColumnMapping } from '../../../shared/data/columns';
import { DataError, Table } from '../../../shared/data/records';
import { TASKS } from '../registry';
import { logitsTaskEvaluator } from '../logitsTaskEvaluator';
import { collateLabelVectors } from '../collate';
import { dataStats } from '../stats';
import { detectOnTable, tableExamples, tableTaskSetup } from '../tableExamples';
import { LabelSource, MultiLabels, binaryColumns, buildMultiLabels, listFormat } from './labels';
import { multiLabelMetrics, sigmoid, tuneThresholds } from './metrics';
import { TaskPredictor } from '../predictor';
import { THRESHOLDS_FILE, decideLabels } from './predict';

/** Where the labels are: the label column when it holds lists, else 0/1 columns; null when neither. */
export function labelSource(t: Table, mapping: ColumnMapping, explicit: boolean): LabelSource | null {
  if (mapping.label) {
    const list = listFormat(t, mapping.label);
    if (list || explicit) return list;
  }
  const cols = binaryColumns(t, [mapping.text, mapping.textPair]);
  return cols.length ? { kind: 'columns', columns: cols } : null;
}

async function setupMultiLabel(r: SetupRequest): Promise<TaskSetup> {
  let labels: MultiLabels | null = null;
  const ex = await tableExamples(r, (t, mapping) => {
    const source = labels?.source ?? labelSource(t, mapping, !!r.columns?.label);
    if (!source)
      throw new DataError(
        `${t.file}: no multi-label column (labels joined by | or ;, or a JSON list) and no 0/1 column per label`,
      );
    const built = buildMultiLabels(t, source, labels?.names ?? r.labels);
    labels ??= built;
    return built.rows;
  });
  const names = labels!.names;
  const setup = tableTaskSetup(r.base, TASKS.multilabel, names, ex);
  const { config, validation } = setup;
  let thresholds = names.map(() => 0.5);
  const source = labels!.source;
  return {
    ...setup,
    stats: {
      stats: dataStats(
        ex.table.rows.length,
        ex.unlabeled,
        Object.fromEntries(names.map((n, i) => [n, labels!.counts[i]])),
        ex.lengths,
        r.args.max_length,
      ),
      labels: names,
      mapping: { ...ex.mapping, label: source.kind === 'columns' ? source.columns.join(',') : source.column },
    },
    collate: collateLabelVectors,
    createEvaluator: (...how) =>
      logitsTaskEvaluator(
        {
          task: 'multilabel',
          title: 'multi-label classification',
          config,
          validation,
          batchSize: r.args.per_device_eval_batch_size,
          collate: collateLabelVectors,
          score(logits, loss) {
            const probs = logits.map((l) => l[0].map(sigmoid));
            const truth = validation.map((e) => e.targets!);
            const at05 = multiLabelMetrics(probs, truth, names);
            thresholds = tuneThresholds(probs, truth, names.length);
            const tuned = multiLabelMetrics(probs, truth, names, thresholds);
            const metrics: Record<string, number> = {
              eval_loss: loss,
              eval_f1_micro: at05.f1_micro,
              eval_f1_macro: at05.f1_macro,
              eval_subset_accuracy: at05.subset_accuracy,
              eval_f1_micro_tuned: tuned.f1_micro,
              eval_f1_macro_tuned: tuned.f1_macro,
            };
            for (const l of at05.per_label) {
              metrics[`eval_${l.label}_precision`] = l.precision;
              metrics[`eval_${l.label}_recall`] = l.recall;
              metrics[`eval_${l.label}_f1`] = l.f1;
            }
            return { metrics, detail: { kind: 'multilabel', per_label: tuned.per_label } };
          },
          files: () => ({
            [THRESHOLDS_FILE]:
              JSON.stringify(Object.fromEntries(names.map((n, i) => [n, thresholds[i]])), null, 2) + '\n',
          }),
        },
        ...how,
      ),
  };
}

export const multilabelTraining: TaskTraining = {
  detect: (file, columns) => detectOnTable(file, columns, (t, m) => labelSource(t, m, !!columns?.label) !== null),
  setup: setupMultiLabel,
  async openPredictor(ref) {
    const p = await TaskPredictor.load(ref, 'multilabel');
    return {
      predict: async (texts, pairs) =>
        (await decideLabels(p, texts, pairs)).map((d) => ({
          json: d,
          line: d
            .map((x) => `${x.label}\t${x.score.toFixed(4)}\t${x.selected ? '✓' : ' '} (threshold ${x.threshold})`)
            .join('\n'),
        })),
      release: () => p.release(),
    };
  },
};
