/** Regression data: a numeric label column → examples with one float target; evaluation by MSE, MAE, Pearson and Spearman. */
import type { TaskTraining } from '../training';
import type { SetupRequest, TaskSetup } from '../setup';
import { DataError, Table } from '../../../shared/data/records';
import { TASKS } from '../registry';
import { logitsTaskEvaluator } from '../logitsTaskEvaluator';
import { regressionDetail } from '../../../shared/runs/evalDetail';
import { collateValues } from '../collate';
import { dataStats } from '../stats';
import { detectOnTable, tableExamples, tableTaskSetup } from '../tableExamples';
import { regressionMetrics } from './metrics';
import { TaskPredictor } from '../predictor';

/** Values of a column: numbers, null for empty cells; anything else an error naming the row. */
export function numericColumn(t: Table, column: string): (number | null)[] {
  return t.rows.map((r, i) => {
    const v = (r[column] ?? '').trim();
    if (v === '') return null;
    const n = Number(v);
    if (!Number.isFinite(n))
      throw new DataError(
        `${t.file}: row ${i + 1}, column ${column}: '${v}' is not a number (regression needs numeric labels)`,
      );
    return n;
  });
}

/** A numeric column that is not class ids: some value is fractional, or there are more than 20 distinct values. */
export function looksContinuous(t: Table, column: string): boolean {
  const filled = t.rows.map((r) => (r[column] ?? '').trim()).filter((v) => v !== '');
  if (!filled.length || !filled.every((v) => Number.isFinite(Number(v)))) return false;
  return filled.some((v) => !Number.isInteger(Number(v))) || new Set(filled).size > 20;
}

async function setupRegression(r: SetupRequest): Promise<TaskSetup> {
  const ex = await tableExamples(r, (t, mapping) => {
    if (!mapping.label) throw new DataError(`${t.file}: no label column found; name the numeric one with --label`);
    return numericColumn(t, mapping.label).map((v) => (v === null ? null : [v]));
  });
  const setup = tableTaskSetup(r.base, TASKS.regression, [ex.mapping.label!], ex);
  const { config, validation } = setup;
  return {
    ...setup,
    stats: {
      stats: dataStats(ex.table.rows.length, ex.unlabeled, {}, ex.lengths, r.args.max_length),
      labels: [ex.mapping.label!],
      mapping: ex.mapping,
    },
    collate: collateValues,
    createEvaluator: (...how) =>
      logitsTaskEvaluator(
        {
          task: 'regression',
          title: 'regression',
          config,
          validation,
          batchSize: r.args.per_device_eval_batch_size,
          collate: collateValues,
          score(logits, loss) {
            const predicted = logits.map((l) => l[0][0]);
            const truth = validation.map((e) => e.targets![0]);
            const m = regressionMetrics(predicted, truth);
            return {
              metrics: {
                eval_loss: loss,
                eval_mse: m.mse,
                eval_mae: m.mae,
                eval_pearson: m.pearson,
                eval_spearman: m.spearman,
              },
              // The scatter plot of the dashboard.
              detail: regressionDetail(predicted, truth),
            };
          },
        },
        ...how,
      ),
  };
}

export const regressionTraining: TaskTraining = {
  detect: (file, columns) => detectOnTable(file, columns, (t, m) => !!m.label && looksContinuous(t, m.label)),
  setup: setupRegression,
  async openPredictor(ref) {
    const p = await TaskPredictor.load(ref, 'regression');
    const label = p.model.config.id2label[0];
    return {
      predict: async (texts, pairs) =>
        (await p.run(texts, pairs)).logits.map((l) => ({
          json: { label, score: l[0][0] },
          line: `${label}\t${l[0][0].toFixed(4)}`,
        })),
      release: () => p.release(),
    };
  },
};
