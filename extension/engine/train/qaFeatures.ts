/**
 * QA features as Transformers' run_qa builds them: question + context windows
 * (only_second truncation with a stride), the answer's characters mapped to
 * tokens through the offsets, [CLS] (index 0) when a window lacks the answer;
 * and the reverse: the best valid span across an example's windows.
 */
import type { BertTokenizer, Encoded } from '../tokenize/bertTokenizer';
import type { QaExample } from '../data/squad';
import type { Example } from '../data/batches';

export interface QaFeature extends Example {
  exampleIndex: number;
  /** Character span in the context for each token; null outside the context. */
  contextOffsets: ([number, number] | null)[];
}

function answerPositions(w: Encoded, answer: { text: string; start: number } | undefined): [number, number] {
  if (!answer) return [0, 0];
  const startChar = answer.start;
  const endChar = answer.start + answer.text.length;
  const ctx = w.sequenceIds.map((s, i) => (s === 1 ? i : -1)).filter((i) => i >= 0);
  const first = ctx[0];
  const last = ctx[ctx.length - 1];
  if (w.offsets[first][0] > startChar || w.offsets[last][1] < endChar) return [0, 0];
  let s = first;
  while (s <= last && w.offsets[s][0] <= startChar) s++;
  let e = last;
  while (e >= first && w.offsets[e][1] >= endChar) e--;
  return [s - 1, e + 1];
}

export async function qaFeatures(
  examples: QaExample[],
  tokenizer: BertTokenizer,
  maxLength: number,
  stride: number,
): Promise<QaFeature[]> {
  const out: QaFeature[] = [];
  for (let i = 0; i < examples.length; i++) {
    const ex = examples[i];
    const first = await tokenizer.encode(ex.question.trimStart(), ex.context, {
      maxLength,
      truncation: 'only_second',
      stride,
    });
    for (const w of [first, ...first.overflowing]) {
      const [start, end] = answerPositions(w, ex.answers[0]);
      out.push({
        inputIds: w.inputIds,
        tokenTypeIds: w.tokenTypeIds,
        label: 0,
        start,
        end,
        exampleIndex: i,
        contextOffsets: w.offsets.map((o, k) => (w.sequenceIds[k] === 1 ? o : null)),
      });
    }
  }
  return out;
}

export interface Answer {
  text: string;
  score: number;
  start: number;
  end: number;
}

const topIndices = (row: ArrayLike<number>, n: number): number[] =>
  Array.from(row, (v, i) => [v, i])
    .sort((a, b) => b[0] - a[0])
    .slice(0, n)
    .map(([, i]) => i);

/** The best answers of one example over its windows: start ≤ end, inside the context, at most maxAnswerLength tokens. */
export function bestSpans(
  context: string,
  windows: { start: ArrayLike<number>; end: ArrayLike<number>; offsets: ([number, number] | null)[] }[],
  nBest = 20,
  maxAnswerLength = 30,
): Answer[] {
  const found: Answer[] = [];
  for (const w of windows) {
    for (const s of topIndices(w.start, nBest)) {
      for (const e of topIndices(w.end, nBest)) {
        const so = w.offsets[s],
          eo = w.offsets[e];
        if (!so || !eo || e < s || e - s + 1 > maxAnswerLength) continue;
        found.push({ text: context.slice(so[0], eo[1]), score: w.start[s] + w.end[e], start: so[0], end: eo[1] });
      }
    }
  }
  return found.sort((a, b) => b.score - a.score);
}
