/** Extractive QA examples from SQuAD JSON, or JSONL/CSV with question, context and answers columns. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DataError, readTable } from '../../shared/data/records';
import { utf16Kind } from '../../shared/data/source';

export interface QaExample {
  id: string;
  question: string;
  context: string;
  answers: { text: string; start: number }[];
}

function checkAnswers(file: string, e: QaExample): QaExample {
  for (const a of e.answers) {
    if (e.context.slice(a.start, a.start + a.text.length) !== a.text) {
      throw new DataError(`${file}: example ${e.id}: answer '${a.text}' is not at character ${a.start} of its context`);
    }
  }
  return e;
}

function fromSquadJson(file: string): QaExample[] {
  let json: {
    data?: {
      paragraphs?: {
        context: string;
        qas: { id: string; question: string; answers?: { text: string; answer_start: number }[] }[];
      }[];
    }[];
  };
  const bytes = fs.readFileSync(file);
  const utf16 = utf16Kind(bytes.subarray(0, 4096));
  if (utf16) throw new DataError(`${file}: the file is ${utf16}, not UTF-8; save it as UTF-8`);
  try {
    json = JSON.parse(bytes.toString('utf8').replace(/^\ufeff/, ''));
  } catch (e) {
    throw new DataError(`${file}: not valid JSON (${(e as Error).message})`);
  }
  if (!Array.isArray(json.data)) throw new DataError(`${file}: not SQuAD-style JSON (no "data" array)`);
  return json.data.flatMap((article) =>
    (article.paragraphs ?? []).flatMap((p) =>
      p.qas.map((q) =>
        checkAnswers(file, {
          id: String(q.id),
          question: q.question,
          context: p.context,
          answers: (q.answers ?? []).map((a) => ({ text: a.text, start: a.answer_start })),
        }),
      ),
    ),
  );
}

async function fromTable(file: string): Promise<QaExample[]> {
  const t = await readTable(file);
  for (const c of ['question', 'context'])
    if (!t.columns.includes(c))
      throw new DataError(`${file}: QA data needs a '${c}' column (columns: ${t.columns.join(', ')})`);
  return t.rows.map((r, i) => {
    let answers: { text: string; start: number }[];
    if (r.answers !== undefined && r.answers !== '') {
      let a: { text?: string[] | string; answer_start?: number[] | number };
      try {
        a = JSON.parse(r.answers);
      } catch {
        throw new DataError(`${file}: row ${i + 1}: answers is not JSON`);
      }
      const texts = ([] as string[]).concat(a.text ?? []);
      const starts = ([] as number[]).concat(a.answer_start ?? []);
      answers = texts.map((text, k) => ({ text, start: Number(starts[k]) }));
    } else if (r.answer_text !== undefined) {
      answers = r.answer_text === '' ? [] : [{ text: r.answer_text, start: Number(r.answer_start) }];
    } else {
      throw new DataError(`${file}: QA data needs an 'answers' column or 'answer_text' and 'answer_start'`);
    }
    return checkAnswers(file, { id: r.id ?? String(i), question: r.question, context: r.context, answers });
  });
}

export async function readQaExamples(file: string): Promise<QaExample[]> {
  const examples = path.extname(file).toLowerCase() === '.json' ? fromSquadJson(file) : await fromTable(file);
  if (!examples.length) throw new DataError(`${file}: no questions`);
  return examples;
}

export async function looksLikeQa(file: string): Promise<boolean> {
  if (path.extname(file).toLowerCase() === '.json') return true;
  const t = await readTable(file);
  return t.columns.includes('question') && t.columns.includes('context');
}
