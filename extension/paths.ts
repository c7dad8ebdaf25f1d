/** Path questions asked in more than one place; no VS Code import. */
import * as path from 'node:path';

/** Whether `file` is `folder` or lies somewhere below it. */
export function isWithin(file: string, folder: string): boolean {
  const relative = path.relative(path.resolve(folder), path.resolve(file));
  return !relative.startsWith('..') && !path.isAbsolute(relative);
}
