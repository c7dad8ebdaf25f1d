/** Where "Split into train/validation files" writes: FILE.train.EXT and FILE.validation.EXT beside FILE (no I/O, so the host can ask before overwriting). */
import * as path from 'node:path';

export function splitFileNames(file: string): { train: string; validation: string } {
  const ext = path.extname(file);
  const base = file.slice(0, file.length - ext.length);
  return { train: `${base}.train${ext}`, validation: `${base}.validation${ext}` };
}
