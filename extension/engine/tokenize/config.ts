/** tokenizer_config.json for BERT with Transformers' defaults. */
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface BertTokenizerConfig {
  doLowerCase: boolean;
  /** null: follow doLowerCase, as BertTokenizer does. */
  stripAccents: boolean | null;
  tokenizeChineseChars: boolean;
  /** null when tokenizer_config.json does not say (Transformers then never truncates by default). */
  modelMaxLength: number | null;
  unkToken: string;
  sepToken: string;
  padToken: string;
  clsToken: string;
  maskToken: string;
  /** Transformers' clean_up_tokenization on decode; BertTokenizer defaults it to true. */
  cleanUpTokenizationSpaces: boolean;
  raw: Record<string, unknown>;
}

const tokenName = (v: unknown, d: string): string =>
  typeof v === 'string'
    ? v
    : v && typeof v === 'object' && typeof (v as { content?: unknown }).content === 'string'
      ? (v as { content: string }).content
      : d;

export function readTokenizerConfig(folder: string): BertTokenizerConfig {
  const file = path.join(folder, 'tokenizer_config.json');
  let raw: Record<string, unknown> = {};
  if (fs.existsSync(file)) {
    try {
      raw = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (e) {
      throw new Error(`${file}: not valid JSON (${(e as Error).message})`);
    }
  }
  const max = Number(raw.model_max_length);
  return {
    doLowerCase: raw.do_lower_case === undefined ? true : !!raw.do_lower_case,
    stripAccents: raw.strip_accents === undefined || raw.strip_accents === null ? null : !!raw.strip_accents,
    tokenizeChineseChars: raw.tokenize_chinese_chars === undefined ? true : !!raw.tokenize_chinese_chars,
    modelMaxLength: Number.isFinite(max) && max > 0 ? max : null,
    unkToken: tokenName(raw.unk_token, '[UNK]'),
    sepToken: tokenName(raw.sep_token, '[SEP]'),
    padToken: tokenName(raw.pad_token, '[PAD]'),
    clsToken: tokenName(raw.cls_token, '[CLS]'),
    maskToken: tokenName(raw.mask_token, '[MASK]'),
    cleanUpTokenizationSpaces:
      raw.clean_up_tokenization_spaces === undefined ? true : !!raw.clean_up_tokenization_spaces,
    raw,
  };
}

export function tokenizerConfigJson(c: BertTokenizerConfig): Record<string, unknown> {
  return {
    ...c.raw,
    tokenizer_class: 'BertTokenizer',
    do_lower_case: c.doLowerCase,
    strip_accents: c.stripAccents,
    tokenize_chinese_chars: c.tokenizeChineseChars,
    model_max_length: c.modelMaxLength,
    unk_token: c.unkToken,
    sep_token: c.sepToken,
    pad_token: c.padToken,
    cls_token: c.clsToken,
    mask_token: c.maskToken,
    clean_up_tokenization_spaces: c.cleanUpTokenizationSpaces,
  };
}

export function specialTokensMap(c: BertTokenizerConfig): Record<string, string> {
  return {
    unk_token: c.unkToken,
    sep_token: c.sepToken,
    pad_token: c.padToken,
    cls_token: c.clsToken,
    mask_token: c.maskToken,
  };
}
