import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EngineClient } from '../../../extension/engine/process/engineClient';
import { ProtocolError, parseEngineMessage, parseRequest } from '../../../extension/engine/process/protocol';
import { DEFAULT_ARGUMENTS } from '../../../extension/engine/train/arguments';
import { DATA, makeTinyBase } from '../train/tinyModel';
import { readEvents } from '../../../extension/shared/runs/eventLog';
import type { TrainEvent } from '../../../extension/shared/runs/trainEvent';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'engine-'));
const model = makeTinyBase(path.join(tmp(), 'tiny'));
const args = (out: string, more = {}) => ({
  ...DEFAULT_ARGUMENTS,
  output_dir: out,
  learning_rate: 2e-3,
  per_device_train_batch_size: 16,
  max_length: 48,
  ...more,
});

test('messages are validated on arrival', () => {
  assert.throws(() => parseRequest({ type: 'train' }), ProtocolError);
  assert.throws(() => parseRequest({ id: 1, type: 'train', params: { data: 1 } }), /train needs params/);
  assert.throws(() => parseRequest({ id: 1, type: 'rm -rf' }), /unknown request type "rm -rf"/);
  assert.deepEqual(parseRequest({ id: 2, type: 'cancel', target: 1 }), { id: 2, type: 'cancel', target: 1 });
  assert.throws(() => parseEngineMessage({ type: 'error', id: 1 }), /error needs an id and a message/);
});

test('training in the engine process: events, result, then classify on the warm model', async (t) => {
  const engine = await EngineClient.start();
  t.after(() => engine.kill());
  const out = path.join(tmp(), 'run');
  const events: TrainEvent[] = [];
  const { result } = engine.train(
    { data: path.join(DATA, 'classify.csv'), model, args: args(out, { num_train_epochs: 4 }) },
    (e) => events.push(e),
  );
  const metrics = await result;
  assert.ok(metrics.eval_accuracy > 0);
  assert.deepEqual(events[0], { type: 'task', task: 'cls' }, 'the run says its task first (the dashboard panel)');
  assert.equal(events[1].type, 'stats');
  const steps = events.filter((e) => e.type === 'step');
  assert.ok(steps.length >= 1 && steps.length <= 64, `${steps.length} step events for 64 steps (throttled)`);
  assert.equal(
    steps[steps.length - 1].type === 'step' && steps[steps.length - 1].step,
    64,
    'the last step is always sent',
  );
  assert.ok(events.some((e) => e.type === 'eval') && events.some((e) => e.type === 'checkpoint'));
  const logged = readEvents(out);
  assert.equal(logged.filter((e) => e.type === 'step').length, 64, 'the run folder logs every step, unthrottled');
  assert.deepEqual(
    logged.slice(0, 2).map((e) => e.type),
    ['task', 'stats'],
  );
  const scores = await engine.classify(out, ['rain and storm and snow today']);
  assert.equal(scores[0].length, 3);
  const evaluated = await engine.evaluate(out, path.join(DATA, 'classify.csv'));
  assert.equal(evaluated.eval_samples, 320);
  await assert.rejects(engine.answer(out, 'q', 'c'), /not a fine-tuned question-answering model/);
  const tok = await engine.tokenize(out, 'I love Paris', undefined, 4);
  assert.deepEqual(tok.encoded.tokens, ['[CLS]', 'i', 'love', '[SEP]']);
  assert.equal(tok.fullLength, 5);
  const summary = await engine.inspect(path.join(DATA, 'classify.csv'));
  assert.equal(summary.kind, 'classification');
  assert.equal(summary.rows, 330);
  assert.equal(Object.values(summary.labelCounts).reduce((a, b) => a + b, 0) + summary.unlabeled, 330);
  const preview = await engine.preview(path.join(DATA, 'classify.csv'), out, undefined, 16);
  assert.equal(preview.totalRows, 330);
  assert.equal(preview.encoded[0].inputIds.length, 16);
  assert.equal(
    preview.lengths.counts.reduce((a, b) => a + b, 0),
    330,
  );
  assert.throws(
    () => parseRequest({ id: 3, type: 'preview', file: 'a.csv', model: 'm', maxLength: -1 }),
    /preview needs/,
  );
  assert.throws(() => parseRequest({ id: 3, type: 'inspect', file: 7 }), /inspect needs \{file, columns\?\}/);
  await assert.rejects(
    engine.classify(path.join(tmp(), 'none'), ['x']),
    /no such folder|not a Hugging Face repo id|config.json/,
  );
  await engine.stop();
});

test('any task through the engine: train with a named task, then predict by the model’s own task', async (t) => {
  const engine = await EngineClient.start();
  t.after(() => engine.kill());
  assert.throws(
    () => parseRequest({ id: 1, type: 'train', params: { data: 'a', model: 'm', args: {}, task: 'ner' } }),
    /task must be one of cls, qa, token, multilabel, regression/,
  );
  assert.throws(() => parseRequest({ id: 1, type: 'predict', model: 'm', texts: ['a'], pairs: [] }), /predict needs/);
  const out = path.join(tmp(), 'ner');
  const metrics = await engine.train(
    { data: path.join(DATA, 'ner-spans.jsonl'), model, task: 'token', args: args(out, { num_train_epochs: 6 }) },
    () => undefined,
  ).result;
  assert.ok(metrics.eval_f1 >= 0.5, `eval_f1 ${metrics.eval_f1}`);
  const r = await engine.predict(out, ['yesterday bob met grace lee in paris .', 'nothing happened today .']);
  assert.equal(r.task, 'token');
  assert.equal(r.results.length, 2);
  const [first] = r.results as { type: string; text: string; start: number; end: number }[][];
  for (const e of first) assert.equal('yesterday bob met grace lee in paris .'.slice(e.start, e.end), e.text);
  // No texts: the model's task alone, for a command to check before it sends text (QA would want a question).
  assert.deepEqual(await engine.predict(out, []), { task: 'token', results: [] });
  assert.deepEqual(await engine.predict(path.join(DATA, '..', 'parity', 'tiny-qa'), []), { task: 'qa', results: [] });
  await assert.rejects(engine.predict(model, ['x']), /base model with no task head/);
  await engine.stop();
});

test('cancel stops within a step and leaves a resumable checkpoint', async (t) => {
  const engine = await EngineClient.start();
  t.after(() => engine.kill());
  const out = path.join(tmp(), 'run');
  let cancelled = false;
  const req = engine.train(
    { data: path.join(DATA, 'classify.csv'), model, args: args(out, { num_train_epochs: 50 }) },
    (e) => {
      if (e.type === 'step' && e.step >= 5 && !cancelled) {
        cancelled = true;
        void engine.cancel(req.id);
      }
    },
  );
  await assert.rejects(req.result, /cancelled at step \d+; resume with --resume/);
  assert.ok(
    fs.readdirSync(out).some((d) => /^checkpoint-\d+$/.test(d)),
    'a checkpoint was saved',
  );
  assert.equal(fs.existsSync(path.join(out, 'all_results.json')), false);
  await engine.stop();
});

test('a killed engine is reported to every pending request, with the signal', async (t) => {
  const engine = await EngineClient.start();
  t.after(() => engine.kill());
  const req = engine.train({
    data: path.join(DATA, 'classify.csv'),
    model,
    args: args(path.join(tmp(), 'run'), { num_train_epochs: 50 }),
  });
  setTimeout(() => engine.kill('SIGKILL'), 300);
  await assert.rejects(req.result, /the engine process exited \(signal SIGKILL\)/);
  assert.deepEqual(await engine.exited, { code: null, signal: 'SIGKILL' });
});
