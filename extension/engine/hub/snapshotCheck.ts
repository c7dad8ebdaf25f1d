/**
 * Whether the files of a snapshot are what their names say: JSON that parses, safetensors whose
 * header and offsets fit the file. A mirror's garbage (an HTML error page, the wrong blob behind a
 * reused ETag) must not count as a complete download.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readSafetensorsHeader } from '../bert/safetensors';

/** Why `file` is not usable as what its name says, or null when it is. */
export function unusableFile(file: string): string | null {
  const name = path.basename(file);
  try {
    if (fs.statSync(file).isDirectory()) return `${name} is a folder, not a file`;
    if (name.endsWith('.json')) {
      const v = JSON.parse(fs.readFileSync(file, 'utf8'));
      if (!v || typeof v !== 'object' || Array.isArray(v)) return `${name} is not a JSON object`;
    } else if (name.endsWith('.safetensors')) {
      readSafetensorsHeader(file);
    }
    return null;
  } catch (e) {
    const message = (e as Error).message.replace(`${file}: `, '');
    return `${name} is not valid ${name.endsWith('.json') ? 'JSON' : name.endsWith('.safetensors') ? 'safetensors' : 'data'} (${message.slice(0, 200)})`;
  }
}

/** The unusable files among those present in `folder`, each with its reason. */
export function unusableFiles(folder: string, names: string[]): string[] {
  return names
    .map((n) => path.join(folder, n))
    .filter((f) => fs.existsSync(f))
    .map(unusableFile)
    .filter((r): r is string => r !== null);
}
