/**
 * Tag Entities: the words of a text tagged by a token-classification model (each word
 * by its first piece), grouped into strict IOB2 entities with their exact characters
 * and the mean probability of their words (the pipeline's "simple" aggregation).
 * Offsets count code points, as Python's str (and so Transformers' pipeline and span files) does.
 */
import type { TaskPredictor } from '../predictor';
import { softmax } from '../../bert/logits';
import { firstPieces, tokenWords } from './align';
import { entitiesOf } from './entities';
import { wordsOf } from './sentences';
import { toCodePoints } from '../../../shared/data/codePoints';

export interface TaggedEntity {
  type: string;
  text: string;
  /** Code points from the text's start. */
  start: number;
  end: number;
  score: number;
}

export async function tagEntities(p: TaskPredictor, texts: string[], maxLength?: number): Promise<TaggedEntity[][]> {
  const { logits, encoded } = await p.run(texts, null, maxLength);
  const labels = p.model.config.id2label;
  return texts.map((text, i) => {
    const words = wordsOf(text);
    const first = firstPieces(tokenWords(encoded[i], words), words.length);
    const best = first.map((piece) => {
      if (piece < 0) return { tag: 'O', score: 0 };
      const probs = softmax(logits[i][piece]);
      const c = probs.indexOf(Math.max(...probs));
      return { tag: labels[c], score: probs[c] };
    });
    return entitiesOf(best.map((b) => b.tag)).map((e) => ({
      type: e.type,
      text: text.slice(words[e.start][0], words[e.end - 1][1]),
      start: toCodePoints(text, words[e.start][0]),
      end: toCodePoints(text, words[e.end - 1][1]),
      score: best.slice(e.start, e.end).reduce((a, b) => a + b.score, 0) / (e.end - e.start),
    }));
  });
}
