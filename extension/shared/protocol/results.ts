/**
 * Messages of the Results panel. The extension sends a classification (every label's
 * probability), the top answers to a question or the entities tagged in a text; the
 * panel sends back which answer or entity the user clicked. Both sides parse what they receive with these functions.
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

export interface EntityRow {
  text: string;
  type: string;
  score: number;
  /** 1-based, as the status bar counts. */
  line: number;
  column: number;
  /** Index of the type's colour, the same in the editor and the panel. */
  colour: number;
}
export interface ShowEntities {
  type: 'entities';
  model: string;
  text: string;
  entities: EntityRow[];
  /** The entity last clicked, -1 for none. */
  selected: number;
}

export type ToResultsPanel = ShowClassification | ShowAnswers | ShowEntities;
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
  if (x.type === 'entities') return parseEntities(x);
  throw new Error(`results panel: unknown message type ${JSON.stringify(x.type)}`);
}

const isPlace = (x: unknown): x is number => Number.isInteger(x) && (x as number) >= 1;

function parseEntities(x: Record<string, unknown>): ShowEntities {
  if (typeof x.text !== 'string') throw new Error('results panel: entities need the tagged text');
  const entities = list(x.entities, 'entities', (e) =>
    typeof e.text === 'string' &&
    typeof e.type === 'string' &&
    isScore(e.score) &&
    isPlace(e.line) &&
    isPlace(e.column) &&
    Number.isInteger(e.colour) &&
    (e.colour as number) >= 0
      ? { text: e.text, type: e.type, score: e.score, line: e.line, column: e.column, colour: e.colour as number }
      : null,
  );
  const selected = x.selected as number;
  if (!Number.isInteger(selected) || selected < -1 || selected >= entities.length)
    throw new Error('results panel: selected is not an entity');
  return { type: 'entities', model: x.model as string, text: x.text, entities, selected };
}

/** How many items of `shown` a click can reveal in the editor (answers, entities); 0 for a classification. */
export function revealable(shown: ToResultsPanel): number {
  return shown.type === 'answers' ? shown.answers.length : shown.type === 'entities' ? shown.entities.length : 0;
}

/** `count`: how many answers the panel was sent; an index beyond them is refused. */
export function parseFromResultsPanel(x: unknown, count: number): FromResultsPanel {
  if (!isObj(x) || x.type !== 'reveal') throw new Error('results panel: unknown message from the panel');
  if (!Number.isInteger(x.index) || (x.index as number) < 0 || (x.index as number) >= count)
    throw new Error(`results panel: answer ${String(x.index)} does not exist`);
  return { type: 'reveal', index: x.index as number };
}
