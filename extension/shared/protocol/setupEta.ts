/**
 * The setup page's time estimate messages: the page asks for one (or cancels it when the form changes), the
 * extension answers with the estimate of the form it measured, so the page can tell a stale answer from a fresh one.
 */
import type { SetupForm } from './setup';
import { Estimate, isEstimate } from '../training/eta';

export type EtaFromSetup = { type: 'estimate'; form: SetupForm } | { type: 'estimateCancel' };

export type EtaToSetup =
  | { type: 'estimate'; form: SetupForm; estimate: Estimate }
  /** What the engine is doing while it measures (loading weights, building the step, timing steps). */
  | { type: 'estimateProgress'; message: string }
  | { type: 'estimateError'; form: SetupForm; message: string };

type Msg = Record<string, unknown> | null;
type FormParser = (x: unknown) => SetupForm;

const message = (x: unknown): string => {
  if (typeof x !== 'string') throw new Error('setup: message must be a string');
  return x;
};

/** An estimate message from the page, or null when `m` is none of them. */
export function parseEtaFromSetup(m: Msg, parseForm: FormParser): EtaFromSetup | null {
  switch (m?.type) {
    case 'estimate':
      return { type: 'estimate', form: parseForm(m.form) };
    case 'estimateCancel':
      return { type: 'estimateCancel' };
    default:
      return null;
  }
}

/** An estimate message from the extension, or null when `m` is none of them. */
export function parseEtaToSetup(m: Msg, parseForm: FormParser): EtaToSetup | null {
  switch (m?.type) {
    case 'estimate':
      if (!isEstimate(m.estimate)) throw new Error('setup: the estimate is malformed');
      return { type: 'estimate', form: parseForm(m.form), estimate: m.estimate };
    case 'estimateProgress':
      return { type: 'estimateProgress', message: message(m.message) };
    case 'estimateError':
      return { type: 'estimateError', form: parseForm(m.form), message: message(m.message) };
    default:
      return null;
  }
}

/** Two forms are the same run when every field is (an estimate of one is stale for the other). */
export const sameForm = (a: SetupForm, b: SetupForm): boolean =>
  (Object.keys(a) as (keyof SetupForm)[]).every((k) => a[k] === b[k]) &&
  Object.keys(a).length === Object.keys(b).length;
