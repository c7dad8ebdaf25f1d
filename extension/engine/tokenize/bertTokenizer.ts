/**
 * BERT's tokenizer through `tokenizers` (Hugging Face's Rust core): tokenizer.json
 * when the model has one, else the WordPiece pipeline built from vocab.txt and
 * tokenizer_config.json exactly as BertTokenizerFast builds it.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tk from 'tokenizers';
import { BertTokenizerConfig, readTokenizerConfig, specialTokensMap, tokenizerConfigJson } from './config';
import { cleanUpTokenization } from './cleanup';
import { codePointToUtf16 } from './offsets';
import { Specials, padTo, strideWindows } from './windows';
import { writeFileAtomic } from '../../shared/atomicWrite';

export interface Encoded {
  tokens: string[];
  inputIds: number[];
  tokenTypeIds: number[];
  attentionMask: number[];
  /** [start, end) in the JS string of the token's own sequence; [0, 0] for special tokens. */
  offsets: [number, number][];
  wordIds: (number | null)[];
  /** 0 for the first text, 1 for the pair, null for special tokens. */
  sequenceIds: (number | null)[];
  specialTokensMask: number[];
  /** Further windows of a text too long for maxLength, with returnOverflowing or a stride (return_overflowing_tokens). */
  overflowing: Encoded[];
}

export interface EncodeOptions {
  /** Defaults to the tokenizer's maxLength. */
  maxLength?: number;
  truncation?: 'longest_first' | 'only_first' | 'only_second' | false;
  /** Tokens shared by consecutive overflow windows. */
  stride?: number;
  /**
   * Text beyond maxLength comes back as further windows in `overflowing` (return_overflowing_tokens).
   * Defaults to true when a stride is given.
   */
  returnOverflowing?: boolean;
  padding?: false | 'longest' | 'max_length';
  addSpecialTokens?: boolean;
}

const STRATEGY = { longest_first: 'LongestFirst', only_first: 'OnlyFirst', only_second: 'OnlySecond' } as const;

function readVocab(file: string): string[] {
  const lines = fs.readFileSync(file, 'utf8').split(/\r?\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

export class BertTokenizer {
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly inner: tk.Tokenizer,
    readonly config: BertTokenizerConfig,
    readonly maxLength: number,
  ) {}

  static load(folder: string, opts: { maxPositions?: number; vocabSize?: number } = {}): BertTokenizer {
    const config = readTokenizerConfig(folder);
    const json = path.join(folder, 'tokenizer.json');
    const vocabFile = path.join(folder, 'vocab.txt');
    let inner: tk.Tokenizer;
    if (fs.existsSync(json)) {
      let type: unknown;
      try {
        type = (JSON.parse(fs.readFileSync(json, 'utf8')) as { model?: { type?: unknown } }).model?.type;
      } catch (e) {
        throw new Error(`${json}: not valid JSON (${(e as Error).message})`);
      }
      if (type !== 'WordPiece') throw new Error(`${json}: a ${String(type)} tokenizer, but BERT models use WordPiece`);
      inner = tk.Tokenizer.fromFile(json);
    } else if (fs.existsSync(vocabFile)) {
      inner = BertTokenizer.fromVocab(readVocab(vocabFile), config);
    } else {
      throw new Error(`${folder} has neither tokenizer.json nor vocab.txt`);
    }
    inner.disableTruncation();
    inner.disablePadding();
    const size = inner.getVocabSize(true);
    if (opts.vocabSize !== undefined && size > opts.vocabSize) {
      throw new Error(
        `${folder}: the tokenizer has ${size} tokens but the model's embeddings have ${opts.vocabSize} rows: they do not belong together`,
      );
    }
    // Truncation defaults to what both the tokenizer and the position embeddings allow (BERT's 512 when neither says).
    const maxLength = Math.min(config.modelMaxLength ?? Infinity, opts.maxPositions ?? Infinity);
    return new BertTokenizer(inner, config, Number.isFinite(maxLength) ? maxLength : 512);
  }

  private static fromVocab(vocab: string[], c: BertTokenizerConfig): tk.Tokenizer {
    const ids = Object.fromEntries(vocab.map((w, i) => [w, i]));
    for (const t of [c.unkToken, c.sepToken, c.clsToken, c.padToken])
      if (ids[t] === undefined) throw new Error(`vocab.txt lacks the special token ${t}`);
    const inner = new tk.Tokenizer(
      tk.WordPiece.init(ids, { unkToken: c.unkToken, continuingSubwordPrefix: '##', maxInputCharsPerWord: 100 }),
    );
    inner.setNormalizer(
      tk.bertNormalizer({
        cleanText: true,
        handleChineseChars: c.tokenizeChineseChars,
        stripAccents: c.stripAccents ?? c.doLowerCase,
        lowercase: c.doLowerCase,
      }),
    );
    inner.setPreTokenizer(tk.bertPreTokenizer());
    inner.setPostProcessor(tk.bertProcessing([c.sepToken, ids[c.sepToken]], [c.clsToken, ids[c.clsToken]]));
    inner.setDecoder(tk.wordPieceDecoder('##', true));
    inner.addSpecialTokens(
      [c.padToken, c.unkToken, c.clsToken, c.sepToken, c.maskToken].filter((t) => ids[t] !== undefined),
    );
    return inner;
  }

  get vocabSize(): number {
    return this.inner.getVocabSize(true);
  }
  tokenToId(token: string): number | null {
    return this.inner.tokenToId(token);
  }
  idToToken(id: number): string | null {
    return this.inner.idToToken(id);
  }

  /** Truncation and padding are tokenizer-wide settings in the binding: calls run one at a time. */
  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private configure(o: EncodeOptions): void {
    const maxLength = o.maxLength ?? this.maxLength;
    if (o.truncation === false) this.inner.disableTruncation();
    else
      this.inner.setTruncation(maxLength, {
        strategy: STRATEGY[o.truncation ?? 'longest_first'] as tk.TruncationStrategy,
        stride: o.stride ?? 0,
      });
    if (!o.padding) this.inner.disablePadding();
    else
      this.inner.setPadding({
        maxLength: o.padding === 'max_length' ? maxLength : undefined,
        padId: this.tokenToId(this.config.padToken) ?? 0,
        padToken: this.config.padToken,
      });
  }

  private convert(e: tk.Encoding, texts: string[]): Encoded {
    const maps = texts.map(codePointToUtf16);
    const seq = e.getSequenceIds();
    return {
      tokens: e.getTokens(),
      inputIds: e.getIds(),
      tokenTypeIds: e.getTypeIds(),
      attentionMask: e.getAttentionMask(),
      offsets: e.getOffsets().map(([s, t], i) => {
        const m = maps[seq[i] ?? 0];
        return seq[i] === null || seq[i] === undefined ? [0, 0] : [m(s), m(t)];
      }),
      wordIds: e.getWordIds().map((w) => (w === undefined ? null : w)),
      sequenceIds: seq.map((s) => (s === undefined ? null : s)),
      specialTokensMask: e.getSpecialTokensMask(),
      overflowing: [],
    };
  }

  private specials(): Specials {
    const c = this.config;
    const id = (t: string) => this.tokenToId(t) ?? 0;
    return { cls: [c.clsToken, id(c.clsToken)], sep: [c.sepToken, id(c.sepToken)], pad: [c.padToken, id(c.padToken)] };
  }

  private async windowed(text: string, pair: string | null, o: EncodeOptions): Promise<Encoded> {
    this.configure({ truncation: false });
    const part = async (t: string, seq: number) => {
      const e = this.convert(
        (await this.inner.encode(t, null, { addSpecialTokens: false })) as unknown as tk.Encoding,
        [t],
      );
      return { ...e, sequenceIds: e.sequenceIds.map(() => seq) };
    };
    const a = await part(text, 0);
    const b = pair === null ? null : await part(pair, 1);
    const maxLength = o.maxLength ?? this.maxLength;
    const windows = strideWindows(a, b, maxLength, o.stride ?? 0, o.truncation || 'longest_first', this.specials());
    const padded =
      o.padding === 'max_length'
        ? windows.map((w) => padTo(w, maxLength, this.specials().pad))
        : o.padding === 'longest'
          ? windows.map((w) => padTo(w, Math.max(...windows.map((x) => x.tokens.length)), this.specials().pad))
          : windows;
    return { ...padded[0], overflowing: padded.slice(1) };
  }

  encode(text: string, pair?: string | null, o: EncodeOptions = {}): Promise<Encoded> {
    return this.exclusive(async () => {
      if ((o.returnOverflowing ?? o.stride !== undefined) && o.truncation !== false)
        return this.windowed(text, pair ?? null, o);
      this.configure({ ...o, stride: 0 });
      const e = await this.inner.encode(text, pair ?? null, { addSpecialTokens: o.addSpecialTokens ?? true });
      return this.convert(e as unknown as tk.Encoding, pair === undefined || pair === null ? [text] : [text, pair]);
    });
  }

  encodeBatch(texts: string[], pairs?: string[] | null, o: EncodeOptions = {}): Promise<Encoded[]> {
    if (pairs && pairs.length !== texts.length) throw new Error(`${texts.length} texts but ${pairs.length} pairs`);
    return this.exclusive(async () => {
      // Padding to the longest must see the whole batch, which per-pair encode does not.
      this.configure(pairs && o.padding === 'longest' ? { ...o, padding: false } : o);
      const add = { addSpecialTokens: o.addSpecialTokens ?? true };
      // The Node binding's encodeBatch takes single strings only: pairs are encoded one by one.
      const out = pairs
        ? await Promise.all(texts.map((t, i) => this.inner.encode(t, pairs[i], add)))
        : await this.inner.encodeBatch(texts as Parameters<tk.Tokenizer['encodeBatch']>[0], add);
      const encoded = out.map((e, i) =>
        this.convert(e as unknown as tk.Encoding, pairs ? [texts[i], pairs[i]] : [texts[i]]),
      );
      if (!(pairs && o.padding === 'longest')) return encoded;
      const longest = Math.max(...encoded.map((e) => e.inputIds.length));
      return encoded.map((e) => padTo(e, longest, this.specials().pad));
    });
  }

  /** Like Transformers' decode: the Rust decoder, then clean_up_tokenization when the config asks for it. */
  async decode(ids: number[], skipSpecialTokens = true): Promise<string> {
    const text = await this.exclusive(() => this.inner.decode(ids, skipSpecialTokens));
    return this.config.cleanUpTokenizationSpaces ? cleanUpTokenization(text) : text;
  }

  /** The files save() writes, as bytes by name (to place beside a model written elsewhere). */
  async files(): Promise<Record<string, Uint8Array>> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bert-tok-'));
    try {
      await this.save(dir);
      return Object.fromEntries(fs.readdirSync(dir).map((f) => [f, fs.readFileSync(path.join(dir, f))]));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }

  /** Writes tokenizer.json, tokenizer_config.json, special_tokens_map.json and vocab.txt, as save_pretrained does. */
  async save(folder: string): Promise<void> {
    await this.exclusive(async () => {
      this.inner.disableTruncation();
      this.inner.disablePadding();
      fs.mkdirSync(folder, { recursive: true });
      const tmp = path.join(folder, `.tokenizer.json.tmp-${process.pid}`);
      this.inner.save(tmp, true);
      fs.renameSync(tmp, path.join(folder, 'tokenizer.json'));
      const vocab = Object.entries(this.inner.getVocab(false))
        .sort((a, b) => a[1] - b[1])
        .map(([w]) => w);
      writeFileAtomic(path.join(folder, 'vocab.txt'), vocab.join('\n') + '\n');
      writeFileAtomic(
        path.join(folder, 'tokenizer_config.json'),
        JSON.stringify({ ...tokenizerConfigJson(this.config), model_max_length: this.maxLength }, null, 2) + '\n',
      );
      writeFileAtomic(
        path.join(folder, 'special_tokens_map.json'),
        JSON.stringify(specialTokensMap(this.config), null, 2) + '\n',
      );
    });
  }
}
