/** Opening a data file, with the errors a person can act on. */
import * as fs from 'node:fs';
import { DataError } from './dataError';
import type { InvalidUtf8 } from './utf8';

export function openDataFile(file: string): fs.ReadStream {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new DataError(`${file}: no such file`);
  }
  if (stat.isDirectory()) throw new DataError(`${file}: is a folder, not a data file`);
  return fs.createReadStream(file);
}

export function invalidUtf8Error(file: string, where: string, at: InvalidUtf8): DataError {
  return new DataError(`${file}: invalid UTF-8 in ${where} (line ${at.line}, byte ${at.byte}); save the file as UTF-8`);
}
