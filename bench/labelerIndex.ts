/** How long the labeler takes to index a 100,000-row CSV (the issue asks for well under 2 s), and one label edit on it. */
import { scanDocument } from '../extension/labeler/scan';
import { readLabels } from '../extension/labeler/labelSet';
import { labelEdit } from '../extension/labeler/labelEdit';

const rows = Number(process.env.BENCH_ROWS ?? 100_000);
const words = ['the', 'match', 'oven', 'storm', 'said', '"quoted"', 'people', 'garlic', 'referee,', 'sunny'];
const lines = ['id,text,label'];
for (let i = 0; i < rows; i++) {
  const text = Array.from({ length: 12 + (i % 20) }, (_, k) => words[(i * 7 + k * 3) % words.length]).join(' ');
  lines.push(`${i},"${text.replace(/"/g, '""')}",${i % 3 === 0 ? '' : ['pos', 'neg'][i % 2]}`);
}
const text = lines.join('\r\n') + '\r\n';
const t0 = performance.now();
const index = scanDocument(text, 'csv');
const t1 = performance.now();
const labels = readLabels(index, text, 2);
const t2 = performance.now();
labelEdit(index, text, rows - 1, 'label', 'pos');
const t3 = performance.now();
console.log(`${rows} rows, ${(text.length / 1e6).toFixed(1)} M chars: index ${(t1 - t0).toFixed(0)} ms, label set ${(t2 - t1).toFixed(0)} ms (${labels.labeled} labeled), one edit ${(t3 - t2).toFixed(2)} ms`);
