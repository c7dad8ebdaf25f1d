/**
 * Every training event of a run, one JSON line each, in <run>/bert-studio-events.jsonl:
 * what the dashboard is rebuilt from after it is closed or the window reloads.
 * Lines are appended as they happen; a process killed mid-line leaves a torn
 * last line, which the reader skips (and only that line).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { TrainEvent } from './trainEvent';
import { writeError } from '../atomicWrite';

export const EVENTS_FILE = 'bert-studio-events.jsonl';

/** An event as logged: the trainer's event and when it happened (ms since the epoch). */
export type LoggedEvent = TrainEvent & { time: number };

export function eventLogger(outputDir: string, forward: (e: TrainEvent) => void): (e: TrainEvent) => void {
  const file = path.join(outputDir, EVENTS_FILE);
  return (e) => {
    try {
      fs.mkdirSync(outputDir, { recursive: true });
      fs.appendFileSync(file, JSON.stringify({ ...e, time: Date.now() }) + '\n');
    } catch (err) {
      throw writeError(err, file);
    }
    forward(e);
  };
}

const EVENT_TYPES = new Set(['task', 'stats', 'log', 'step', 'eval', 'checkpoint']);

/** The run's events in order; [] when it has none. A line that is not a whole event is skipped. */
export function readEvents(runFolder: string): LoggedEvent[] {
  let text: string;
  try {
    text = fs.readFileSync(path.join(runFolder, EVENTS_FILE), 'utf8');
  } catch {
    return [];
  }
  const events: LoggedEvent[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const e = JSON.parse(line) as LoggedEvent;
      if (e && typeof e === 'object' && EVENT_TYPES.has(e.type)) events.push(e);
    } catch {
      // A torn line from a killed process.
    }
  }
  return events;
}
