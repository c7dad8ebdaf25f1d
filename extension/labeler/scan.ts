/** One entry point for indexing a document's text by its format. */
import type { DocumentIndex, LabelerFormat } from './documentIndex';
import { scanDelimited } from './scanDelimited';
import { scanJsonl } from './scanJsonl';

export function scanDocument(text: string, format: LabelerFormat): DocumentIndex {
  return format === 'jsonl' ? scanJsonl(text) : scanDelimited(text, format);
}
