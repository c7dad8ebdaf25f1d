/**
 * How long the labeler takes to open a 100,000-row CSV (the issue asks for under 2 s): indexing every cell by
 * offset, reading the label set, and one label edit; papaparse parsing the same text is the peer, in the same run.
 * Prints one JSON object.
 */
import Papa from 'papaparse';
import { scanDocument } from '../extension/labeler/scan';
import { readLabels } from '../extension/labeler/labelSet';
import { labelEdit } from '../extension/labeler/labelEdit';
import { peakRssMiB, percentile } from './common';

const rows = Number(process.env.BENCH_ROWS ?? 100_000);
const repeats = Number(process.env.BENCH_REPEATS ?? 5);
const words = ['the', 'match', 'oven', 'storm', 'said', '"quoted"', 'people', 'garlic', 'referee,', 'sunny'];
const lines = ['id,text,label'];
for (let i = 0; i < rows; i++) {
  const text = Array.from({ length: 12 + (i % 20) }, (_, k) => words[(i * 7 + k * 3) % words.length]).join(' ');
  lines.push(`${i},"${text.replace(/"/g, '""')}",${i % 3 === 0 ? '' : ['pos', 'neg'][i % 2]}`);
}
const text = lines.join('\r\n') + '\r\n';

function time<T>(f: () => T): [number, T] {
  const t0 = performance.now();
  const value = f();
  return [performance.now() - t0, value];
}
const median = (xs: number[]) =>
  percentile(
    [...xs].sort((a, b) => a - b),
    50,
  );

const open: number[] = [],
  index: number[] = [],
  labelSet: number[] = [],
  peer: number[] = [];
let labeled = 0;
for (let r = 0; r < repeats; r++) {
  const [ti, doc] = time(() => scanDocument(text, 'csv'));
  const [tl, labels] = time(() => readLabels(doc, text, 2));
  labeled = labels.labeled;
  index.push(ti);
  labelSet.push(tl);
  open.push(ti + tl);
  peer.push(time(() => Papa.parse(text, { header: true, skipEmptyLines: 'greedy' }))[0]);
}
const doc = scanDocument(text, 'csv');
const edits = Array.from(
  { length: 200 },
  (_, k) => time(() => labelEdit(doc, text, (k * 499) % rows, 'label', 'pos'))[0],
).sort((a, b) => a - b);

console.log(
  JSON.stringify({
    bench: 'labeler-open',
    rows,
    chars: text.length,
    labeled,
    repeats,
    open_ms: +median(open).toFixed(1),
    index_ms: +median(index).toFixed(1),
    label_set_ms: +median(labelSet).toFixed(1),
    rows_per_s: Math.round(rows / (median(index) / 1000)),
    edit_ms_p50: +percentile(edits, 50).toFixed(3),
    edit_ms_p99: +percentile(edits, 99).toFixed(3),
    peer: { name: 'papaparse full parse', ms: +median(peer).toFixed(1) },
    ratio_vs_peer: +(median(peer) / median(index)).toFixed(2),
    peak_rss_mib: peakRssMiB(),
  }),
);
