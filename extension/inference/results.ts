/** What inference shows in the editor, decided without VS Code: decoration text, hover, answer ranges in the document. */
import * as path from 'node:path';
import type { Prediction, Answer } from '../engine/process/protocol';

export const percent = (score: number, digits = 0) => `${(100 * score).toFixed(digits)}%`;

/**
 * The text after the selection: the best label and its probability ("positive 93%"); for a multi-label
 * model every label at or above its threshold ("music 81%, sports 64%").
 */
export function classificationBadge(predictions: Prediction[]): string {
  if (predictions.some((p) => p.selected !== undefined)) {
    const chosen = predictions.filter((p) => p.selected);
    return chosen.length
      ? chosen.map((p) => `${p.label} ${percent(p.score)}`).join(', ')
      : 'no label above its threshold';
  }
  const best = predictions[0];
  return best ? `${best.label} ${percent(best.score)}` : 'no labels';
}

/** The hover: every label with its probability, best first, as Markdown lines. */
export function classificationHover(model: string, predictions: Prediction[]): string {
  const multi = predictions.some((p) => p.threshold !== undefined);
  const rows = predictions.map(
    (p) =>
      `| ${escapeMarkdown(p.label)} | ${percent(p.score, 1)} |` +
      (multi ? ` ${percent(p.threshold ?? 0.5)} | ${p.selected ? '✓' : ''} |` : ''),
  );
  const head = multi
    ? ['| label | probability | threshold | chosen |', '| --- | ---: | ---: | :---: |']
    : ['| label | probability |', '| --- | ---: |'];
  return [`**${escapeMarkdown(modelLabel(model))}**`, '', ...head, ...rows].join('\n');
}

/** An answer placed in the document: offsets of its characters there. */
export interface PlacedAnswer {
  text: string;
  score: number;
  start: number;
  end: number;
}

/**
 * Answers (offsets in the selected text, from the tokenizer) → offsets in the document, given where
 * the selection starts. Windows that overlap find the same span: it is listed once, at its best score.
 * An answer whose text is not the selection's text at its offsets would be decorated on the wrong
 * characters, so it is refused.
 */
export function placeAnswers(selectionStart: number, selectedText: string, answers: Answer[]): PlacedAnswer[] {
  const seen = new Set<string>();
  const placed: PlacedAnswer[] = [];
  for (const a of [...answers].sort((x, y) => y.score - x.score)) {
    if (selectedText.slice(a.start, a.end) !== a.text) {
      throw new Error(`the answer "${a.text}" is not the selected text at ${a.start}–${a.end}`);
    }
    const key = `${a.start}:${a.end}`;
    if (seen.has(key)) continue;
    seen.add(key);
    placed.push({ text: a.text, score: a.score, start: selectionStart + a.start, end: selectionStart + a.end });
  }
  return placed;
}

/** A short name for a model reference: a folder's name, or the Hub id. */
export function modelLabel(ref: string): string {
  return path.isAbsolute(ref) ? path.basename(ref) || ref : ref;
}

const escapeMarkdown = (s: string) => s.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, (c) => `\\${c}`);
