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
  const start = Buffer.alloc(Math.min(4096, stat.size));
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, start, 0, start.length, 0);
  } finally {
    fs.closeSync(fd);
  }
  const utf16 = utf16Kind(start);
  if (utf16) throw new DataError(`${file}: the file is ${utf16}, not UTF-8; save it as UTF-8`);
  return fs.createReadStream(file);
}

/** 'UTF-16LE (with a byte order mark)' and the like when the bytes look like UTF-16, else null. */
export function utf16Kind(start: Uint8Array): string | null {
  if (start[0] === 0xff && start[1] === 0xfe) return 'UTF-16LE (it starts with the byte order mark FF FE)';
  if (start[0] === 0xfe && start[1] === 0xff) return 'UTF-16BE (it starts with the byte order mark FE FF)';
  // Text in UTF-16 without a mark: mostly ASCII, so every other byte is zero.
  const pairs = Math.floor(start.length / 2);
  if (pairs < 4) return null;
  let evenZero = 0,
    oddZero = 0;
  for (let i = 0; i < pairs * 2; i += 2) {
    if (start[i] === 0) evenZero++;
    if (start[i + 1] === 0) oddZero++;
  }
  if (oddZero > 0.4 * pairs && evenZero < 0.05 * pairs) return 'UTF-16LE (without a byte order mark)';
  if (evenZero > 0.4 * pairs && oddZero < 0.05 * pairs) return 'UTF-16BE (without a byte order mark)';
  return null;
}

export function invalidUtf8Error(file: string, where: string, at: InvalidUtf8): DataError {
  return new DataError(`${file}: invalid UTF-8 in ${where} (line ${at.line}, byte ${at.byte}); save the file as UTF-8`);
}
