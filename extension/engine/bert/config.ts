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

const REQUIRED = ['vocab_size', 'hidden_size', 'num_hidden_layers', 'num_attention_heads', 'intermediate_size'] as const;

function labelsOf(j: Record<string, unknown>, source: string): string[] {
  const map = j.id2label;
  if (map && typeof map === 'object') {
    const entries = Object.entries(map as Record<string, unknown>);
    const names: string[] = [];
    for (const [k, v] of entries) {
      const i = Number(k);
      if (!Number.isInteger(i) || i < 0 || i >= entries.length) throw new Error(`${source}: id2label key '${k}' is not an index 0..${entries.length - 1}`);
      names[i] = String(v);
    }
    return names;
  }
  const n = j.num_labels === undefined ? 2 : Number(j.num_labels);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${source}: num_labels must be a positive integer`);
  return Array.from({ length: n }, (_, i) => `LABEL_${i}`);
}

export function parseBertConfig(json: unknown, source: string): BertConfig {
  if (!json || typeof json !== 'object' || Array.isArray(json)) throw new Error(`${source}: config is not a JSON object`);
  const j = json as Record<string, unknown>;
  const architectures = Array.isArray(j.architectures) ? j.architectures.map(String) : [];
  const type = j.model_type ?? (architectures.length && architectures.every((a) => a.startsWith('Bert')) ? 'bert' : undefined);
  if (type !== 'bert') {
    throw new Error(`${source}: model_type ${JSON.stringify(type ?? null)} is not supported; supported: ${SUPPORTED_MODEL_TYPES.join(', ')}`);
  }
  for (const k of REQUIRED) {
    if (!Number.isInteger(j[k]) || (j[k] as number) <= 0) throw new Error(`${source}: ${k} is ${j[k] === undefined ? 'missing' : JSON.stringify(j[k])}; it must be a positive integer`);
  }
  const num = (k: string, d: number): number => {
    const v = j[k] ?? d;
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`${source}: ${k} must be a number, got ${JSON.stringify(v)}`);
    return v;
  };
  const act = j.hidden_act ?? 'gelu';
  if (!SUPPORTED_ACTIVATIONS.includes(act as string)) throw new Error(`${source}: hidden_act ${JSON.stringify(act)} is not supported; supported: ${SUPPORTED_ACTIVATIONS.join(', ')}`);
  const c: BertConfig = {
    modelType: 'bert', architectures,
    vocabSize: j.vocab_size as number, hiddenSize: j.hidden_size as number, numHiddenLayers: j.num_hidden_layers as number,
    numAttentionHeads: j.num_attention_heads as number, intermediateSize: j.intermediate_size as number,
    hiddenAct: 'gelu',
    hiddenDropoutProb: num('hidden_dropout_prob', 0.1), attentionProbsDropoutProb: num('attention_probs_dropout_prob', 0.1),
    classifierDropout: j.classifier_dropout === null || j.classifier_dropout === undefined ? null : num('classifier_dropout', 0),
    maxPositionEmbeddings: num('max_position_embeddings', 512), typeVocabSize: num('type_vocab_size', 2),
    initializerRange: num('initializer_range', 0.02), layerNormEps: num('layer_norm_eps', 1e-12), padTokenId: num('pad_token_id', 0),
    id2label: labelsOf(j, source), problemType: typeof j.problem_type === 'string' ? j.problem_type : null, raw: j,
  };
  if (c.hiddenSize % c.numAttentionHeads !== 0) {
    throw new Error(`${source}: hidden_size ${c.hiddenSize} is not a multiple of num_attention_heads ${c.numAttentionHeads}`);
  }
  return c;
}

export function loadBertConfig(file: string): BertConfig {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new Error(`${file}: config.json not found`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new Error(`${file}: not valid JSON (${(e as Error).message})`);
  }
  return parseBertConfig(json, file);
}

export function withLabels(c: BertConfig, labels: string[]): BertConfig {
  return { ...c, id2label: [...labels] };
}

/** Back to config.json's names, keeping unknown keys of the original. */
export function bertConfigToJson(c: BertConfig): Record<string, unknown> {
  return {
    ...c.raw,
    architectures: c.architectures, model_type: 'bert',
    vocab_size: c.vocabSize, hidden_size: c.hiddenSize, num_hidden_layers: c.numHiddenLayers,
    num_attention_heads: c.numAttentionHeads, intermediate_size: c.intermediateSize, hidden_act: c.hiddenAct,
    hidden_dropout_prob: c.hiddenDropoutProb, attention_probs_dropout_prob: c.attentionProbsDropoutProb,
    classifier_dropout: c.classifierDropout, max_position_embeddings: c.maxPositionEmbeddings, type_vocab_size: c.typeVocabSize,
    initializer_range: c.initializerRange, layer_norm_eps: c.layerNormEps, pad_token_id: c.padTokenId,
    id2label: Object.fromEntries(c.id2label.map((n, i) => [String(i), n])),
    label2id: Object.fromEntries(c.id2label.map((n, i) => [n, i])),
    ...(c.problemType ? { problem_type: c.problemType } : {}),
  };
}
