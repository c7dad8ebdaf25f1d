/**
 * Token classification data → examples: tagged sentences (CoNLL, tokens + ner_tags,
 * text + spans) tokenized with offsets, word tags aligned to pieces; evaluation by
 * seqeval's strict IOB2 entity scores over each word's first piece, as
 * Transformers' run_ner reports them (eval_precision/recall/f1/accuracy and
 * eval_<TYPE>_f1 per entity type).
 */
import * as path from 'node:path';
import type { TaskTraining } from '../training';
import type { SetupRequest, TaskSetup } from '../setup';
import type { Example } from '../../data/batches';
import { withLabels } from '../../bert/config';
import { DataError, formatOf, readTable } from '../../../shared/data/records';
import { argmax } from '../../bert/logits';
import { TASKS } from '../registry';
import { logitsTaskEvaluator } from '../logitsTaskEvaluator';
import { collateTokenLabels } from '../collate';
import { classWeights } from '../classWeights';
import { dataStats, seededSplit } from '../stats';
import { TaggedSentence, isConll, jsonlLayout, readTaggedSentences } from './sentences';
import { alignLabels, firstPieces, tokenWords } from './align';
import { tokenMetrics } from './entities';
import { TaskPredictor } from '../predictor';
import { tagEntities } from './tagger';

/** Tag names: every tag seen, with I-X added for each B-X, sorted as run_ner sorts its label list. */
export function tagList(sentences: TaggedSentence[]): string[] {
  const tags = new Set(sentences.flatMap((s) => s.tags));
  for (const t of [...tags]) if (t.startsWith('B-')) tags.add(`I-${t.slice(2)}`);
  return [...tags].sort();
}

type TokenExample = Example & { words: number[]; tags: string[] };

async function encode(
  sentences: TaggedSentence[],
  r: SetupRequest,
  tags: string[],
  file: string,
): Promise<{ examples: TokenExample[]; lengths: number[] }> {
  const id = new Map(tags.map((t, i) => [t, i]));
  const labelId = (t: string) => {
    const i = id.get(t);
    if (i === undefined) throw new DataError(`${file}: tag '${t}' is not one of the model's tags (${tags.join(', ')})`);
    return i;
  };
  const texts = sentences.map((s) => s.text);
  const full = await r.tokenizer.encodeBatch(texts, null, { truncation: false });
  const enc = await r.tokenizer.encodeBatch(texts, null, { maxLength: r.args.max_length, truncation: 'longest_first' });
  const examples = enc.map((e, i) => {
    const s = sentences[i];
    const first = firstPieces(tokenWords(e, s.words), s.words.length);
    const kept = first.map((p, w) => (p >= 0 ? w : -1)).filter((w) => w >= 0);
    return {
      inputIds: e.inputIds,
      tokenTypeIds: e.tokenTypeIds,
      label: 0,
      targets: alignLabels(e, s, labelId, r.args.label_all_tokens),
      words: kept.map((w) => first[w]),
      tags: kept.map((w) => s.tags[w]),
    };
  });
  return { examples, lengths: full.map((e) => e.inputIds.length) };
}

async function setupToken(r: SetupRequest): Promise<TaskSetup> {
  const names = r.args.label_names ? r.args.label_names.split(',').map((x) => x.trim()) : undefined;
  const sentences = await readTaggedSentences(r.data, names);
  const validationSentences = r.args.validation_file ? await readTaggedSentences(r.args.validation_file, names) : null;
  const split = validationSentences
    ? { train: sentences.map((_, i) => i), validation: [] }
    : seededSplit(sentences.length, r.args.test_size, r.args.seed);
  const tags = r.labels ?? tagList([...sentences, ...(validationSentences ?? [])]);
  const def = TASKS.token;
  const config = { ...withLabels(r.base, tags), architectures: [def.architecture], problemType: def.problemType };
  const all = await encode(sentences, r, tags, r.data);
  const train = split.train.map((i) => all.examples[i]);
  const validation = validationSentences
    ? (await encode(validationSentences, r, tags, r.args.validation_file)).examples
    : split.validation.map((i) => all.examples[i]);
  const counts = tags.map(() => 0);
  for (const e of train) for (const t of e.targets!) if (t >= 0) counts[t]++;
  const layout = isConll(r.data) ? null : jsonlLayout(await readTable(r.data));
  const mapping =
    layout?.kind === 'spans'
      ? { text: 'text', textPair: null, label: layout.spans }
      : { text: 'tokens', textPair: null, label: layout?.tags ?? `tag (${path.basename(r.data)})` };
  return {
    task: 'token',
    config,
    architecture: def.architecture,
    train,
    validation,
    notes: [],
    stats: {
      stats: dataStats(
        sentences.length,
        0,
        Object.fromEntries(tags.map((t, i) => [t, counts[i]])),
        all.lengths,
        r.args.max_length,
      ),
      labels: tags,
      mapping,
    },
    collate: collateTokenLabels,
    classWeights: classWeights(r.args.class_weights, counts, tags),
    createEvaluator: (...how) =>
      logitsTaskEvaluator(
        {
          task: 'token',
          title: 'token classification',
          config,
          validation,
          batchSize: r.args.per_device_eval_batch_size,
          collate: collateTokenLabels,
          score(logits, loss) {
            const examples = validation as TokenExample[];
            const predicted = examples.map((e, i) => e.words.map((p) => tags[argmax(logits[i][p])]));
            const m = tokenMetrics(
              examples.map((e) => e.tags),
              predicted,
            );
            const metrics: Record<string, number> = {
              eval_loss: loss,
              eval_precision: m.overall.precision,
              eval_recall: m.overall.recall,
              eval_f1: m.overall.f1,
              eval_accuracy: m.accuracy,
            };
            for (const t of m.per_type) {
              metrics[`eval_${t.type}_precision`] = t.precision;
              metrics[`eval_${t.type}_recall`] = t.recall;
              metrics[`eval_${t.type}_f1`] = t.f1;
              metrics[`eval_${t.type}_number`] = t.support;
            }
            return { metrics };
          },
        },
        ...how,
      ),
  };
}

export const tokenTraining: TaskTraining = {
  async detect(file) {
    if (isConll(file)) return true;
    if (formatOf(file) !== 'jsonl') return false;
    return jsonlLayout(await readTable(file)) !== null;
  },
  setup: setupToken,
  async openPredictor(ref) {
    const p = await TaskPredictor.load(ref, 'token');
    return {
      predict: async (texts) =>
        (await tagEntities(p, texts)).map((entities) => ({
          json: entities,
          line: entities.map((e) => `${e.text}\t${e.type}\t${e.start}-${e.end}\t${e.score.toFixed(4)}`).join('\n'),
        })),
      release: () => p.release(),
    };
  },
};
