/** The labeler's keyboard: which action a key press asks for, apart from the state the actions change. */
import { LABEL_KEYS } from './rowView';

export type KeyAction =
  | { kind: 'label'; index: number }
  | { kind: 'clear' }
  | { kind: 'move'; by: number }
  | { kind: 'first' }
  | { kind: 'last' }
  | { kind: 'acceptSuggestion' }
  | { kind: 'toggleHelp' }
  | { kind: 'search' };

const MOVES: Record<string, KeyAction> = {
  ArrowRight: { kind: 'move', by: 1 },
  j: { kind: 'move', by: 1 },
  ArrowDown: { kind: 'move', by: 1 },
  ArrowLeft: { kind: 'move', by: -1 },
  k: { kind: 'move', by: -1 },
  ArrowUp: { kind: 'move', by: -1 },
  PageDown: { kind: 'move', by: 10 },
  PageUp: { kind: 'move', by: -10 },
  Home: { kind: 'first' },
  End: { kind: 'last' },
  Backspace: { kind: 'clear' },
  Delete: { kind: 'clear' },
  Enter: { kind: 'acceptSuggestion' },
  '/': { kind: 'search' },
};

/** Null when the key is not the labeler's: typed into a field, pressed on a button, or with a modifier. */
export function keyAction(e: KeyboardEvent, labelCount: number, helpOpen: boolean): KeyAction | null {
  const target = e.target as HTMLElement;
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  if (target.matches('input, select, textarea')) return null;
  if (target.matches('button') && (e.key === 'Enter' || e.key === ' ')) return null;
  if (helpOpen && e.key !== '?' && e.key !== 'Escape') return null;
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  const labelIndex = e.key.length === 1 && !e.shiftKey ? LABEL_KEYS.indexOf(key) : -1;
  if (labelIndex >= 0 && labelIndex < labelCount) return { kind: 'label', index: labelIndex };
  if (e.key === '?' || (key === 'Escape' && helpOpen)) return { kind: 'toggleHelp' };
  return MOVES[key] ?? null;
}
