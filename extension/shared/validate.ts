/** Small checks for messages that cross a boundary (engine process, webviews): what arrives is unknown until checked. */

export const isObj = (x: unknown): x is Record<string, unknown> => !!x && typeof x === 'object' && !Array.isArray(x);

export const isStr = (x: unknown): x is string => typeof x === 'string';

export const isNum = (x: unknown): x is number => typeof x === 'number';

export const arrayOf =
  <T>(is: (x: unknown) => x is T) =>
  (x: unknown): x is T[] =>
    Array.isArray(x) && x.every(is);

export const recordOf =
  <T>(is: (x: unknown) => x is T) =>
  (x: unknown): x is Record<string, T> =>
    isObj(x) && Object.values(x).every(is);

export const nullOr =
  <T>(is: (x: unknown) => x is T) =>
  (x: unknown): x is T | null =>
    x === null || is(x);
