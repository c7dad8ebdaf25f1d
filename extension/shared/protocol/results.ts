/**
 * Messages of the Results panel. The extension sends a classification (every label's
 * probability) or the top answers to a question; the panel sends back which answer
 * the user clicked. Both sides parse what they receive with these functions.
 */
import { isObj } from '../validate';
export interface LabelScore {
  label: string;
  score: number;
}
export interface AnswerScore {
  text: string;
  score: number;
}

export interface ShowClassification {
  type: 'classification';
  model: string;
  text: string;
  predictions: LabelScore[];
}
export interface ShowAnswers {
  type: 'answers';
  model: string;
  question: string;
  answers: AnswerScore[];
  selected: number;
}

export type ToResultsPanel = ShowClassification | ShowAnswers;
export type FromResultsPanel = { type: 'reveal'; index: number };

const isScore = (x: unknown): x is number => typeof x === 'number' && x >= 0 && x <= 1;

function list<T>(x: unknown, what: string, item: (v: Record<string, unknown>) => T | null): T[] {
  if (!Array.isArray(x)) throw new Error(`results panel: ${what} must be a list`);
  return x.map((v, i) => {
    const parsed = isObj(v) ? item(v) : null;
    if (parsed === null) throw new Error(`results panel: ${what}[${i}] is malformed`);
    return parsed;
  });
}

export function parseToResultsPanel(x: unknown): ToResultsPanel {
  if (!isObj(x) || typeof x.model !== 'string') throw new Error('results panel: a message needs a type and a model');
  if (x.type === 'classification') {
    if (typeof x.text !== 'string') throw new Error('results panel: classification needs the text');
    const predictions = list(x.predictions, 'predictions', (p) =>
      typeof p.label === 'string' && isScore(p.score) ? { label: p.label, score: p.score } : null,
    );
    return { type: 'classification', model: x.model, text: x.text, predictions };
  }
  if (x.type === 'answers') {
    if (typeof x.question !== 'string') throw new Error('results panel: answers need the question');
    const answers = list(x.answers, 'answers', (a) =>
      typeof a.text === 'string' && isScore(a.score) ? { text: a.text, score: a.score } : null,
    );
    if (
      !Number.isInteger(x.selected) ||
      (x.selected as number) < 0 ||
      (answers.length && (x.selected as number) >= answers.length)
    )
      throw new Error('results panel: selected is not an answer');
    return { type: 'answers', model: x.model, question: x.question, answers, selected: x.selected as number };
  }
  throw new Error(`results panel: unknown message type ${JSON.stringify(x.type)}`);
}

/** `count`: how many answers the panel was sent; an index beyond them is refused. */
export function parseFromResultsPanel(x: unknown, count: number): FromResultsPanel {
  if (!isObj(x) || x.type !== 'reveal') throw new Error('results panel: unknown message from the panel');
  if (!Number.isInteger(x.index) || (x.index as number) < 0 || (x.index as number) >= count)
    throw new Error(`results panel: answer ${String(x.index)} does not exist`);
  return { type: 'reveal', index: x.index as number };
}
