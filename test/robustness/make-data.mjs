// Writes the robustness suite's bad inputs into data/ (committed; run again to regenerate): node test/robustness/make-data.mjs
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.join(path.dirname(new URL(import.meta.url).pathname), 'data');
fs.rmSync(root, { recursive: true, force: true });
const put = (name, content) => {
  const f = path.join(root, name);
  fs.mkdirSync(path.dirname(f), { recursive: true });
  fs.writeFileSync(f, content);
};
const words = ['garlic butter sauce', 'football match goal', 'rain storm cloud', 'pasta oven bake', 'tennis serve'];
const rows = (n, label = (i) => ['a', 'b'][i % 2]) =>
  Array.from({ length: n }, (_, i) => `${words[i % words.length]} number ${i},${label(i)}`).join('\n');
const good = `text,label\n${rows(40)}\n`;

// CSV
put('csv/good.csv', good);
put('csv/empty.csv', '');
put('csv/header-only.csv', 'text,label\n');
put('csv/blank-lines.csv', '\n\n\n');
put('csv/ragged.csv', 'text,label\nsome words,a\nmore words,b,extra\n');
put('csv/short-row.csv', 'text,label\nsome words,a\nlonely\n');
put('csv/unclosed-quote.csv', 'text,label\nfine words,a\n"never closed,b\nmore,a\n');
put('csv/duplicate-header.csv', 'text,text\nsome words,a\n');
put('csv/numbers-only.csv', 'a,b\n1,2\n3,4\n');
put('csv/one-class.csv', 'text,label\nsome words here,x\nmore words here,x\n');
put('csv/unlabelled.csv', 'text,label\nsome words here,\nmore words here,\n');
put('csv/ids.csv', `text,label\n${rows(80, (i) => `id${i}`)}\n`);
put(
  'csv/invalid-utf8.csv',
  Buffer.concat([
    Buffer.from('text,label\nsome words,a\nbad '),
    Buffer.from([0xff, 0xfe, 0x41]),
    Buffer.from(' byte,b\n'),
  ]),
);
put(
  'csv/binary.csv',
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0xff, 0xd8]),
);
put('csv/utf16le-bom.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(good, 'utf16le')]));
put('csv/utf16le.csv', Buffer.from(good, 'utf16le'));
put('csv/utf16be-bom.csv', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(good, 'utf16le').swap16()]));
put('csv/labels-same-number.csv', `text,label\n${rows(40, (i) => ['1', '01', '1.0', '2'][i % 4])}\n`);
put('csv/few-rows.csv', `text,label\n${rows(8)}\n`);
put('csv/multiline.csv', `text,label\n"a field with\na line break",a\n${rows(39)}\n`);
put('csv/semicolons.csv', `text;label\n${rows(10).replace(/,/g, ';')}\n`);
put('csv/crlf-bom.csv', '\ufeff' + good.replace(/\n/g, '\r\n'));
put('csv/nul-bytes.csv', `text,label\nsome\u0000words,a\n${rows(10)}\n`);
put('csv/only-spaces-labels.csv', 'text,label\nsome words,  \nmore words,\t\n');
put(
  'csv/huge-label-count.csv',
  `text,label\n${Array.from({ length: 1200 }, (_, i) => `w ${i},c${i % 1100}`).join('\n')}\n`,
);

// TSV
const tsvLines = Array.from({ length: 60 }, (_, i) => `${words[i % 5]} row ${i + 1}\t${['a', 'b'][i % 2]}`);
tsvLines[5] = `"quoted start of row 6\tb`;
tsvLines[10] = `row 11 ends with a quote"\tb`;
put('tsv/quotes.tsv', `text\tlabel\n${tsvLines.join('\n')}\n`);
put('tsv/ragged.tsv', 'text\tlabel\nsome words\ta\tb\n');
put('tsv/commas.tsv', good);
put('tsv/empty.tsv', '');

// JSONL
const jl = (n) =>
  Array.from({ length: n }, (_, i) => JSON.stringify({ text: `${words[i % 5]} ${i}`, label: ['a', 'b'][i % 2] }));
put('jsonl/not-json-line.jsonl', [...jl(2), 'not json', ...jl(2)].join('\n') + '\n');
put('jsonl/array-line.jsonl', [...jl(2), '[1, 2]'].join('\n') + '\n');
put('jsonl/empty.jsonl', '');
put('jsonl/nested.jsonl', [...jl(2), JSON.stringify({ text: { a: 1 }, label: 'a' })].join('\n') + '\n');
put(
  'jsonl/numeric-labels.jsonl',
  Array.from({ length: 30 }, (_, i) => JSON.stringify({ text: `${words[i % 5]} ${i}`, label: i % 2 })).join('\n') +
    '\n',
);
put('jsonl/truncated.jsonl', [...jl(3), '{"text": "cut off in the mid'].join('\n'));
put('jsonl/utf16.jsonl', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(jl(5).join('\n'), 'utf16le')]));

// SQuAD
const squad = (answers) =>
  JSON.stringify({
    data: [
      {
        paragraphs: [
          {
            context: 'Paris is the capital of France.',
            qas: [{ id: 'q1', question: 'What is the capital?', answers }],
          },
        ],
      },
    ],
  });
put('squad/not-json.json', '{"data": [');
put('squad/no-data.json', '{"version": "1.1"}');
put('squad/wrong-start.json', squad([{ text: 'Paris', answer_start: 7 }]));
put('squad/answer-past-end.json', squad([{ text: 'Paris', answer_start: 999 }]));
put(
  'squad/utf16.json',
  Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(squad([{ text: 'Paris', answer_start: 0 }]), 'utf16le')]),
);
put('squad/qa.csv', 'question,context,answer\nWhat is the capital?,Paris is the capital of France.,Berlin\n');

// Model configs (placed over a copy of test/fixtures/parity/tiny-cls)
const base = JSON.parse(
  fs.readFileSync(path.join(root, '..', '..', 'fixtures', 'parity', 'tiny-cls', 'config.json'), 'utf8'),
);
put('configs/not-json.json', '{"model_type": "bert",');
put('configs/array.json', '[1, 2, 3]');
put('configs/gpt2.json', JSON.stringify({ ...base, model_type: 'gpt2' }));
put('configs/heads.json', JSON.stringify({ ...base, num_attention_heads: 3 }));
put('configs/no-hidden-size.json', JSON.stringify({ ...base, hidden_size: undefined }));
put('configs/negative-layers.json', JSON.stringify({ ...base, num_hidden_layers: -1 }));
put('configs/string-size.json', JSON.stringify({ ...base, hidden_size: '32' }));
put('configs/bad-act.json', JSON.stringify({ ...base, hidden_act: 'swish2' }));
put('configs/small-vocab.json', JSON.stringify({ ...base, vocab_size: 100 }));
put('configs/bad-id2label.json', JSON.stringify({ ...base, id2label: { 0: 'a', 5: 'b' } }));

// Safetensors
const st = (header, data = Buffer.alloc(0)) => {
  const h = Buffer.from(JSON.stringify(header));
  const len = Buffer.alloc(8);
  len.writeBigUInt64LE(BigInt(h.length));
  return Buffer.concat([len, h, data]);
};
put('safetensors/empty.safetensors', '');
put('safetensors/short.safetensors', Buffer.from([1, 2, 3]));
put(
  'safetensors/huge-header.safetensors',
  Buffer.concat([Buffer.from([0, 0, 0, 0, 0, 0, 0, 0x7f]), Buffer.from('{}')]),
);
put(
  'safetensors/header-not-json.safetensors',
  Buffer.concat([Buffer.from([8, 0, 0, 0, 0, 0, 0, 0]), Buffer.from('notjson!')]),
);
put(
  'safetensors/offsets-past-end.safetensors',
  st(
    { 'bert.embeddings.word_embeddings.weight': { dtype: 'F32', shape: [2, 2], data_offsets: [0, 16] } },
    Buffer.alloc(8),
  ),
);
put('safetensors/bad-dtype.safetensors', st({ w: { dtype: 'Q4', shape: [2], data_offsets: [0, 2] } }, Buffer.alloc(2)));
put(
  'safetensors/wrong-shape.safetensors',
  st(
    { 'bert.embeddings.word_embeddings.weight': { dtype: 'F32', shape: [2, 2], data_offsets: [0, 16] } },
    Buffer.alloc(16),
  ),
);
put(
  'safetensors/unrelated.safetensors',
  st({ 'lm_head.weight': { dtype: 'F32', shape: [2], data_offsets: [0, 8] } }, Buffer.alloc(8)),
);
put(
  'safetensors/shape-mismatch-bytes.safetensors',
  st({ w: { dtype: 'F32', shape: [3], data_offsets: [0, 8] } }, Buffer.alloc(8)),
);
put('safetensors/index-bad.json', '{"weight_map": {"a": "../../etc/passwd"}}');

// Tokenizer files
put('tokenizer/empty-vocab.txt', '');
put('tokenizer/not-json.json', '{"model": ');
put('tokenizer/config-not-json.json', '{');

// Batches for reference-step
put('batches/no-input-ids.json', JSON.stringify({ attention_mask: [[1, 1]] }));
put('batches/ragged.json', JSON.stringify({ input_ids: [[101, 102], [101]], labels: [0, 1] }));
put('batches/float-ids.json', JSON.stringify({ input_ids: [[101.5, 102]], labels: [0] }));

// Hub answers
put('hub/error-page.html', '<html><body>502 Bad Gateway</body></html>');
// Distinct bytes per repo: the local Hub serves its CDN by sha256, so repos must not share weights.
for (const [i, name] of ['ok', 'liar', 'corrupt', 'stall'].entries())
  put(
    `hub/${name}.safetensors`,
    st({ w: { dtype: 'U8', shape: [4096], data_offsets: [0, 4096] } }, Buffer.alloc(4096, i + 1)),
  );
