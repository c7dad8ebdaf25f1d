/** Extractive QA data: SQuAD JSON, or rows with question, context and answer columns. */
import type { TaskTraining } from '../training';
import { setupQa } from '../../train/taskSetup';
import { looksLikeQa } from '../../data/squad';
import { QuestionAnswerer } from '../../infer/answer';

export const qaTraining: TaskTraining = {
  detect: (file) => looksLikeQa(file),
  setup: (r) => setupQa(r.data, r.tokenizer, r.base, r.args),
  /** Texts are questions, pairs their contexts. */
  /** Texts are questions, pairs their contexts. */
  async openPredictor(ref) {
    const qa = await QuestionAnswerer.load(ref);
    return {
      async predict(questions, contexts) {
        if (!contexts) throw new Error('question answering needs a question and a context');
        const out: { json: unknown; line: string }[] = [];
        for (let i = 0; i < questions.length; i++) {
          const [best] = await qa.answer(questions[i], contexts[i]);
          const r = best
            ? { answer: best.text, score: best.score, start: best.start, end: best.end }
            : { answer: '', score: 0, start: 0, end: 0 };
          out.push({ json: r, line: `${r.answer}\t${r.score.toFixed(4)}\t${r.start}-${r.end}` });
        }
        return out;
      },
      release: () => qa.release(),
    };
  },
};
