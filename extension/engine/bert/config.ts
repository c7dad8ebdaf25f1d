/** A Hugging Face BERT config.json as a typed config, with Transformers' defaults and clear refusals. */
import * as fs from 'node:fs';

export const SUPPORTED_MODEL_TYPES = ['bert'];
export const SUPPORTED_ACTIVATIONS = ['gelu'];

export interface BertConfig {
  modelType: 'bert';
  architectures: string[];
  vocabSize: number;
  hiddenSize: number;
  numHiddenLayers: number;
  numAttentionHeads: number;
  intermediateSize: number;
  hiddenAct: 'gelu';
  hiddenDropoutProb: number;
  attentionProbsDropoutProb: number;
  classifierDropout: number | null;
  maxPositionEmbeddings: number;
  typeVocabSize: number;
  initializerRange: number;
  layerNormEps: number;
  padTokenId: number;
  /** Label names by class index. */
  id2label: string[];
  problemType: string | null;
  /** The original JSON, so saving keeps keys this type does not model. */
  raw: Record<string, unknown>;
}

const REQUIRED = [
  'vocab_size',
  'hidden_size',
  'num_hidden_layers',
  'num_attention_heads',
  'intermediate_size',
] as const;

/** id2label as a dense list; like Transformers, id2label wins over num_labels, and 2 labels without either. */
function labelsOf(j: Record<string, unknown>, source: string): string[] {
  const map = j.id2label;
  if (map !== undefined && map !== null && (typeof map !== 'object' || Array.isArray(map))) {
    throw new Error(`${source}: id2label must be an object of index → label name, got ${JSON.stringify(map)}`);
  }
  const entries = Object.entries((map ?? {}) as Record<string, unknown>);
  if (entries.length) {
    const names: string[] = [];
    for (const [k, v] of entries) {
      const i = /^(0|[1-9][0-9]*)$/.test(k) ? Number(k) : -1;
      if (i < 0 || i >= entries.length)
        throw new Error(
          `${source}: id2label key '${k}' is not an index 0..${entries.length - 1} (ids must have no gaps)`,
        );
      names[i] = String(v);
    }
    return names;
  }
  const n = j.num_labels ?? 2;
  if (!Number.isInteger(n) || (n as number) < 1)
    throw new Error(`${source}: num_labels must be a positive integer, got ${JSON.stringify(n)}`);
  return Array.from({ length: n as number }, (_, i) => `LABEL_${i}`);
}

function modelTypeOf(j: Record<string, unknown>, architectures: string[], source: string): void {
  if (j.model_type === 'bert') return;
  const supported = `supported: ${SUPPORTED_MODEL_TYPES.join(', ')}`;
  if (j.model_type !== undefined && j.model_type !== null) {
    throw new Error(`${source}: model_type ${JSON.stringify(j.model_type)} is not supported; ${supported}`);
  }
  if (!architectures.length || !architectures.every((a) => a.startsWith('Bert'))) {
    throw new Error(
      `${source}: model_type is missing and architectures ${JSON.stringify(architectures)} are not all BERT ones; ${supported}`,
    );
  }
}

export function parseBertConfig(json: unknown, source: string): BertConfig {
  if (!json || typeof json !== 'object' || Array.isArray(json))
    throw new Error(`${source}: config is not a JSON object`);
  const j = json as Record<string, unknown>;
  const architectures = Array.isArray(j.architectures) ? j.architectures.map(String) : [];
  modelTypeOf(j, architectures, source);
  for (const k of REQUIRED) {
    if (!Number.isInteger(j[k]) || (j[k] as number) <= 0)
      throw new Error(
        `${source}: ${k} is ${j[k] === undefined ? 'missing' : JSON.stringify(j[k])}; it must be a positive integer`,
      );
  }
  const value = (k: string, d: number, ok: (v: number) => boolean, what: string): number => {
    const v = j[k] ?? d;
    if (typeof v !== 'number' || !ok(v)) throw new Error(`${source}: ${k} must be ${what}, got ${JSON.stringify(v)}`);
    return v;
  };
  const probability = (k: string, d: number) => value(k, d, (v) => v >= 0 && v < 1, 'a probability in [0, 1)');
  const count = (k: string, d: number, min: number) =>
    value(k, d, (v) => Number.isInteger(v) && v >= min, `an integer ≥ ${min}`);
  const act = j.hidden_act ?? 'gelu';
  if (!SUPPORTED_ACTIVATIONS.includes(act as string))
    throw new Error(
      `${source}: hidden_act ${JSON.stringify(act)} is not supported; supported: ${SUPPORTED_ACTIVATIONS.join(', ')}`,
    );
  const c: BertConfig = {
    modelType: 'bert',
    architectures,
    vocabSize: j.vocab_size as number,
    hiddenSize: j.hidden_size as number,
    numHiddenLayers: j.num_hidden_layers as number,
    numAttentionHeads: j.num_attention_heads as number,
    intermediateSize: j.intermediate_size as number,
    hiddenAct: 'gelu',
    hiddenDropoutProb: probability('hidden_dropout_prob', 0.1),
    attentionProbsDropoutProb: probability('attention_probs_dropout_prob', 0.1),
    classifierDropout:
      j.classifier_dropout === null || j.classifier_dropout === undefined ? null : probability('classifier_dropout', 0),
    maxPositionEmbeddings: count('max_position_embeddings', 512, 1),
    typeVocabSize: count('type_vocab_size', 2, 1),
    initializerRange: value('initializer_range', 0.02, (v) => v >= 0 && Number.isFinite(v), 'a number ≥ 0'),
    layerNormEps: value('layer_norm_eps', 1e-12, (v) => v > 0 && Number.isFinite(v), 'a positive number'),
    padTokenId: count('pad_token_id', 0, 0),
    id2label: labelsOf(j, source),
    problemType: typeof j.problem_type === 'string' ? j.problem_type : null,
    raw: j,
  };
  if (c.hiddenSize % c.numAttentionHeads !== 0) {
    throw new Error(
      `${source}: hidden_size ${c.hiddenSize} is not a multiple of num_attention_heads ${c.numAttentionHeads} (hidden_size must be divisible by it)`,
    );
  }
  if (c.padTokenId >= c.vocabSize)
    throw new Error(`${source}: pad_token_id ${c.padTokenId} is outside the vocabulary (vocab_size ${c.vocabSize})`);
  return c;
}

export function loadBertConfig(file: string): BertConfig {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new Error(
      code === 'ENOENT'
        ? `${file}: config.json not found`
        : `${file}: cannot read the config (${(e as Error).message})`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new Error(`${file}: not valid JSON (${(e as Error).message})`);
  }
  return parseBertConfig(json, file);
}

/** The config with new class names (a dataset's labels); names must be distinct, since label2id maps back. */
export function withLabels(c: BertConfig, labels: string[]): BertConfig {
  if (!labels.length) throw new Error('withLabels: at least one label is needed');
  const seen = new Set<string>();
  for (const l of labels) {
    if (seen.has(l)) throw new Error(`withLabels: label ${JSON.stringify(l)} appears twice`);
    seen.add(l);
  }
  return { ...c, id2label: [...labels] };
}

/** Back to config.json's names, keeping unknown keys of the original. */
export function bertConfigToJson(c: BertConfig): Record<string, unknown> {
  const kept = { ...c.raw };
  const hadNumLabels = 'num_labels' in kept;
  delete kept.problem_type;
  return {
    ...kept,
    architectures: c.architectures,
    model_type: 'bert',
    vocab_size: c.vocabSize,
    hidden_size: c.hiddenSize,
    num_hidden_layers: c.numHiddenLayers,
    num_attention_heads: c.numAttentionHeads,
    intermediate_size: c.intermediateSize,
    hidden_act: c.hiddenAct,
    hidden_dropout_prob: c.hiddenDropoutProb,
    attention_probs_dropout_prob: c.attentionProbsDropoutProb,
    classifier_dropout: c.classifierDropout,
    max_position_embeddings: c.maxPositionEmbeddings,
    type_vocab_size: c.typeVocabSize,
    initializer_range: c.initializerRange,
    layer_norm_eps: c.layerNormEps,
    pad_token_id: c.padTokenId,
    id2label: Object.fromEntries(c.id2label.map((n, i) => [String(i), n])),
    label2id: Object.fromEntries(c.id2label.map((n, i) => [n, i])),
    // num_labels is derived from id2label; kept only if the original had it, and then consistent with it.
    ...(hadNumLabels ? { num_labels: c.id2label.length } : {}),
    ...(c.problemType ? { problem_type: c.problemType } : {}),
  };
}
