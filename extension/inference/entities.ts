/**
 * Tag Entities, decided without VS Code: the texts sent to the engine (the selection's lines), the engine's
 * entities checked and placed in the document, the colour of each type, and the rows of the Results panel.
 */
import { isNum, isObj, isStr } from '../shared/validate';
import type { EntityRow } from '../shared/protocol/results';
import type { TaggedEntity } from '../engine/process/protocol';
import { codePointLength, toUtf16 } from '../shared/data/codePoints';

/** One entity as the engine returns it: offsets count code points of the text it was sent (as Python's str does). */
export type { TaggedEntity };

/** An entity placed in the document: `start`/`end` are document offsets (as `TextDocument.offsetAt` counts them). */
export type PlacedEntity = TaggedEntity;

/** A piece of the selection sent to the engine on its own, and where it starts in the selection. */
export interface Chunk {
  text: string;
  offset: number;
}

/**
 * The selection's non-blank lines, each with its offset in the selection. A tagger reads a sentence or a
 * line at a time (it was trained on such rows); one text per line also keeps a long selection under the
 * model's length limit longer than one text would. CRLF, LF and CR all end a line.
 */
export function chunksOf(text: string): Chunk[] {
  const out: Chunk[] = [];
  for (const m of text.matchAll(/[^\r\n]+/g)) if (m[0].trim()) out.push({ text: m[0], offset: m.index! });
  return out;
}

/** The engine's result for one text (the token task's JSON: a list of entities), checked against the text, with its offsets in UTF-16 units (JS string indices) as the document counts them. */
export function parseEntities(x: unknown, text: string, where: string): TaggedEntity[] {
  if (!Array.isArray(x)) throw new Error(`${where}: the engine returned no list of entities`);
  return x.map((e: unknown, i) => {
    if (
      !isObj(e) ||
      !isStr(e.type) ||
      !isStr(e.text) ||
      !Number.isInteger(e.start) ||
      !Number.isInteger(e.end) ||
      !isNum(e.score)
    )
      throw new Error(`${where}: entity ${i} is not {type, text, start, end, score}`);
    if (
      (e.start as number) < 0 ||
      (e.end as number) <= (e.start as number) ||
      (e.end as number) > codePointLength(text)
    )
      throw new Error(
        `${where}: entity ${i} (${e.start}–${e.end}) is outside the text (${codePointLength(text)} code points)`,
      );
    const start = toUtf16(text, e.start as number);
    const end = toUtf16(text, e.end as number);
    // Offsets in another unit (bytes, UTF-16 units) would decorate the wrong characters: refuse them.
    if (text.slice(start, end) !== e.text)
      throw new Error(`${where}: entity "${e.text}" is not the text at code points ${e.start}–${e.end}`);
    return { type: e.type, text: e.text, start, end, score: e.score };
  });
}

/** Entities of each chunk → document offsets, given where the selection starts in the document; in document order. */
export function placeEntities(selectionStart: number, chunks: Chunk[], perChunk: TaggedEntity[][]): PlacedEntity[] {
  if (perChunk.length !== chunks.length)
    throw new Error(`the engine answered ${perChunk.length} texts for ${chunks.length} sent`);
  return chunks
    .flatMap((c, i) =>
      perChunk[i].map((e) => ({
        ...e,
        start: selectionStart + c.offset + e.start,
        end: selectionStart + c.offset + e.end,
      })),
    )
    .sort((a, b) => a.start - b.start);
}

/** How many distinct colours types cycle through (the editor's decoration types and the panel's classes agree). */
export const TYPE_COLOURS = 6;

/** Each type's colour index: types in alphabetical order, cycling through the colours, so a type keeps its colour across runs with the same types. */
export function typeColours(types: string[]): Map<string, number> {
  const sorted = [...new Set(types)].sort();
  return new Map(sorted.map((t, i) => [t, i % TYPE_COLOURS]));
}

/** The panel's rows in document order; `positionAt` is the document's (0-based line and character). */
export function entityRows(
  entities: PlacedEntity[],
  positionAt: (offset: number) => { line: number; character: number },
): EntityRow[] {
  const colours = typeColours(entities.map((e) => e.type));
  return entities.map((e) => {
    const p = positionAt(e.start);
    return {
      text: e.text,
      type: e.type,
      score: e.score,
      line: p.line + 1,
      column: p.character + 1,
      colour: colours.get(e.type)!,
    };
  });
}

/** How many entities of each type, most first (ties alphabetical): the panel's summary line. */
export function countByType(entities: { type: string }[]): { type: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const e of entities) counts.set(e.type, (counts.get(e.type) ?? 0) + 1);
  return [...counts]
    .map(([type, count]) => ({ type, count }))
    .sort((a, b) => b.count - a.count || a.type.localeCompare(b.type));
}
