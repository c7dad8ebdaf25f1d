/** `bert-studio tokenize MODEL "text" ["pair"] [--max-length N] [--json]`. */
import { loadTokenizer } from '../bert/loadModel';
import { UsageError, parseArgs, readFlags } from './args';

export async function tokenizeCommand(argv: string[]): Promise<void> {
  const { positional, flags } = parseArgs(argv, ['json']);
  if (positional.length < 2 || positional.length > 3)
    throw new UsageError('usage: bert-studio tokenize MODEL "text" ["pair"] [--max-length N] [--json]');
  const a = readFlags(flags, { max_length: 0, json: false }, 'tokenize');
  if (flags.has('max_length') && !(Number.isInteger(a.max_length) && a.max_length >= 1))
    throw new UsageError(`tokenize: --max-length must be a positive integer, got ${flags.get('max_length')}`);
  const [model, text, pair] = positional;
  const { tokenizer } = await loadTokenizer(model);
  if (a.max_length > tokenizer.maxLength)
    throw new UsageError(
      `tokenize: --max-length ${a.max_length} is more than the model's ${tokenizer.maxLength} positions`,
    );
  const e = await tokenizer.encode(text, pair ?? null, { maxLength: a.max_length || undefined });
  if (a.json) {
    process.stdout.write(
      JSON.stringify({
        tokens: e.tokens,
        input_ids: e.inputIds,
        token_type_ids: e.tokenTypeIds,
        attention_mask: e.attentionMask,
        offsets: e.offsets,
      }) + '\n',
    );
    return;
  }
  const rows = e.tokens.map((t, i) => [
    String(i),
    t,
    String(e.inputIds[i]),
    String(e.tokenTypeIds[i]),
    String(e.attentionMask[i]),
    `${e.offsets[i][0]}-${e.offsets[i][1]}`,
  ]);
  const head = ['#', 'token', 'id', 'type', 'mask', 'chars'];
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  for (const r of [head, ...rows])
    process.stdout.write(
      r
        .map((v, c) => v.padEnd(widths[c]))
        .join('  ')
        .trimEnd() + '\n',
    );
}
