import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DATA, makeTinyBase } from './tinyModel';
import { readSafetensors } from '../../../extension/engine/bert/safetensors';
import { readRun } from '../../../extension/runs/runRegistry';
import { BIN, fastTrainArgs, runCli, tmpDir } from './cli';

const CSV = path.join(DATA, 'classify.csv');
const run = runCli;
const tmp = () => tmpDir('trainer');
const model = makeTinyBase(path.join(tmp(), 'tiny'));
const COMMON = fastTrainArgs(model);

test('train on the fixture CSV reaches ≥ 0.9 validation accuracy; results and model files like Transformers', () => {
  const out = path.join(tmp(), 'run');
  const r = run(
    'train',
    CSV,
    ...COMMON,
    '--output',
    out,
    '--num_train_epochs',
    '10',
    '--text',
    'text',
    '--label',
    'label',
  );
  assert.equal(r.status, 0, r.stderr);
  const results = JSON.parse(r.stdout);
  assert.ok(results.eval_accuracy >= 0.9, `eval_accuracy ${results.eval_accuracy}`);
  assert.match(r.stderr, /newly initialized: \['classifier.bias', 'classifier.weight'\]/);
  assert.match(r.stderr, /330 rows \(320 labelled, 10 unlabelled\), labels cooking, sports, weather/);
  // Until the first step the CLI says what the engine is doing.
  assert.match(
    r.stderr,
    /starting: loading weights\n[\s\S]*starting: building the training graph[^\n]*\n[\s\S]*starting: first step[^\n]*\n(?![\s\S]*starting: )[\s\S]*step \d+\/\d+/,
  );
  for (const f of [
    'config.json',
    'model.safetensors',
    'tokenizer.json',
    'vocab.txt',
    'trainer_state.json',
    'training_args.json',
    'train_results.json',
    'eval_results.json',
    'all_results.json',
  ]) {
    assert.ok(fs.existsSync(path.join(out, f)), f);
  }
  const config = JSON.parse(fs.readFileSync(path.join(out, 'config.json'), 'utf8'));
  assert.deepEqual(config.id2label, { 0: 'cooking', 1: 'sports', 2: 'weather' });
  const runInfo = readRun(out);
  assert.equal(runInfo.status, 'finished');
  assert.equal(runInfo.model, model);
  assert.ok(runInfo.bestMetric!.value >= 0.9);
  const state = JSON.parse(fs.readFileSync(path.join(out, 'trainer_state.json'), 'utf8'));
  assert.ok(state.log_history.some((h: Record<string, number>) => 'eval_accuracy' in h && 'epoch' in h));
  assert.ok(fs.existsSync(path.join(out, 'checkpoint-160', 'optimizer.safetensors')));

  const p = run('predict', out, 'the chef put garlic and butter in the sauce', '--json');
  assert.equal(p.status, 0, p.stderr);
  const scores = JSON.parse(p.stdout);
  assert.equal(scores[0].label, 'cooking');
  assert.equal(scores.length, 3);
  assert.ok(Math.abs(scores.reduce((s: number, x: { score: number }) => s + x.score, 0) - 1) < 1e-6);

  const e = run('eval', out, CSV);
  assert.equal(e.status, 0, e.stderr);
  assert.ok(JSON.parse(e.stdout).eval_accuracy >= 0.9);
});

test('kill -9 after a checkpoint, then --resume: final weights identical to an uninterrupted run', async () => {
  const args = [...COMMON, '--num_train_epochs', '3', '--save_strategy', 'epoch', '--eval_strategy', 'no'];
  const a = path.join(tmp(), 'a');
  assert.equal(run('train', CSV, ...args, '--output', a).status, 0);
  const b = path.join(tmp(), 'b');
  const child = spawn(process.execPath, [BIN, 'train', CSV, ...args, '--output', b]);
  await new Promise<void>((resolve) => {
    child.stderr.on('data', (d: Buffer) => {
      if (/saved .*checkpoint-16\b/.test(d.toString())) {
        child.kill('SIGKILL');
        resolve();
      }
    });
    child.on('close', () => resolve());
  });
  await new Promise((r) => child.on('close', r));
  assert.equal(fs.existsSync(path.join(b, 'all_results.json')), false, 'a killed run does not look finished');
  const resumed = run('train', CSV, ...args, '--output', b, '--resume');
  assert.equal(resumed.status, 0, resumed.stderr);
  assert.match(resumed.stderr, /resuming from .*checkpoint-(16|32) at step (16|32)/);
  assert.ok(
    fs.readFileSync(path.join(a, 'model.safetensors')).equals(fs.readFileSync(path.join(b, 'model.safetensors'))),
    'bit-identical weights',
  );
});

test('bad input: clear messages, non-zero exit, no finished-looking run folder', () => {
  const dir = tmp();
  const f = (name: string, content: string) => {
    fs.writeFileSync(path.join(dir, name), content);
    return path.join(dir, name);
  };
  const cases: [string[], RegExp][] = [
    [[path.join(dir, 'nope.csv')], /no such file/],
    [[f('empty.csv', '')], /the file is empty/],
    [[f('nums.csv', 'a,b\n1,2\n3,4\n')], /no text column found/],
    [[CSV, '--label', 'missing'], /no column 'missing' for the label/],
    [[f('one.csv', 'text,label\nsome words here,x\nmore words here,x\n')], /at least 2 classes/],
    [[CSV, '--max_length', '9999'], /more than the model's 512 positions/],
    [
      [f('bad.jsonl', '{"text":"a b c d e","label":"x"}\n{"text":"f g h i j","label":"y"}\nnot json\n')],
      /line 3 is not JSON/,
    ],
  ];
  for (const [args, message] of cases) {
    const out = path.join(dir, 'out');
    const r = run('train', ...args, '--model', model, '--output', out);
    assert.notEqual(r.status, 0, args.join(' '));
    assert.match(r.stderr, message);
    assert.equal(fs.existsSync(path.join(out, 'all_results.json')), false);
  }
  const asFile = f('taken', 'x');
  assert.match(run('train', CSV, '--model', model, '--output', asFile).stderr, /is a file/);
});

test('frozen mode: features cached once, only the classifier changes, encoder weights bit-identical to the checkpoint', () => {
  const out = path.join(tmp(), 'frozen');
  const r = run(
    'train',
    CSV,
    ...COMMON,
    '--output',
    out,
    '--mode',
    'frozen',
    '--num_train_epochs',
    '3',
    '--learning_rate',
    '1e-2',
  );
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /frozen encoder: cached the features of 320 examples/);
  const base = readSafetensors(path.join(model, 'model.safetensors'));
  const trained = readSafetensors(path.join(out, 'model.safetensors'));
  for (const [name, t] of base) {
    const mine = trained.get(name);
    assert.ok(mine, name);
    assert.ok(
      Buffer.from(mine.data.buffer, mine.data.byteOffset, mine.data.byteLength).equals(
        Buffer.from(t.data.buffer, t.data.byteOffset, t.data.byteLength),
      ),
      `${name} unchanged`,
    );
  }
  assert.deepEqual(trained.get('classifier.weight')!.shape, [3, 32]);
  const w = trained.get('classifier.weight')!.data as Float32Array;
  assert.ok(w.some((v) => v !== 0));
});

test('sentence pairs train and evaluate end to end, and predict takes a pair', () => {
  const out = path.join(tmp(), 'pairs');
  const r = run('train', path.join(DATA, 'pairs.csv'), ...COMMON, '--output', out, '--num_train_epochs', '2');
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /text column 'sentence1' \+ 'sentence2', label column 'label'/);
  const results = JSON.parse(r.stdout);
  assert.ok(results.eval_samples === 36 && results.eval_accuracy >= 0 && results.eval_accuracy <= 1);
  const p = run('predict', out, 'goal team match', 'rain storm snow', '--json');
  assert.equal(p.status, 0, p.stderr);
  assert.deepEqual(
    JSON.parse(p.stdout)
      .map((x: { label: string }) => x.label)
      .sort(),
    ['different', 'same'],
  );
});

test('extractive QA on SQuAD-style JSON with long contexts trains, evaluates (EM/F1) and answers with character offsets', () => {
  const out = path.join(tmp(), 'qa');
  const data = path.join(DATA, 'squad-small.json');
  const r = run(
    'train',
    data,
    '--model',
    model,
    '--output',
    out,
    '--num_train_epochs',
    '20',
    '--learning_rate',
    '3e-3',
    '--per_device_train_batch_size',
    '16',
    '--max_length',
    '64',
    '--doc_stride',
    '16',
    '--eval_strategy',
    'no',
    '--save_strategy',
    'no',
  );
  assert.equal(r.status, 0, r.stderr);
  const results = JSON.parse(r.stdout);
  assert.ok('eval_exact_match' in results && 'eval_f1' in results);
  assert.ok(results.train_samples > 40, 'long contexts became several windows');
  assert.deepEqual(JSON.parse(fs.readFileSync(path.join(out, 'config.json'), 'utf8')).architectures, [
    'BertForQuestionAnswering',
  ]);
  const squad = JSON.parse(fs.readFileSync(data, 'utf8'));
  const p = squad.data[1].paragraphs[0];
  const q = p.qas[0];
  const a = run('predict', out, q.question, p.context, '--json');
  assert.equal(a.status, 0, a.stderr);
  const answer = JSON.parse(a.stdout);
  assert.equal(answer.answer, q.answers[0].text, 'a training question is answered');
  assert.equal(p.context.slice(answer.start, answer.end), answer.answer);
  assert.ok(answer.score > 0 && answer.score <= 1);
});

test('a split column, a separate validation file, --export_onnx', () => {
  const dir = tmp();
  const rows = fs
    .readFileSync(CSV, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .filter((l) => /,(sports|cooking|weather)$/.test(l) && !l.includes('"'));
  const withSplit = path.join(dir, 'split.csv');
  fs.writeFileSync(
    withSplit,
    'id,text,label,split\n' + rows.map((l, i) => `${l},${i % 5 === 0 ? 'validation' : 'train'}`).join('\n') + '\n',
  );
  const a = run(
    'train',
    withSplit,
    ...COMMON,
    '--output',
    path.join(dir, 'a'),
    '--num_train_epochs',
    '1',
    '--export_onnx',
  );
  assert.equal(a.status, 0, a.stderr);
  assert.equal(JSON.parse(a.stdout).eval_samples, rows.filter((_, i) => i % 5 === 0).length);
  assert.ok(fs.existsSync(path.join(dir, 'a', 'onnx', 'model.onnx')));
  const val = path.join(dir, 'val.csv');
  fs.writeFileSync(val, 'text,label\nrain and snow and wind,weather\nthe chef and the oven,cooking\n');
  const b = run(
    'train',
    CSV,
    ...COMMON,
    '--output',
    path.join(dir, 'b'),
    '--num_train_epochs',
    '1',
    '--validation_file',
    val,
  );
  assert.equal(b.status, 0, b.stderr);
  assert.equal(JSON.parse(b.stdout).eval_samples, 2);
  fs.writeFileSync(val, 'text,label\nsomething,unknown\n');
  assert.match(
    run('train', CSV, ...COMMON, '--output', path.join(dir, 'c'), '--validation_file', val).stderr,
    /label 'unknown' in column label is not one of the model's labels/,
  );
});

test('early stopping, best model, checkpoint rotation; a diverging loss stops the run', () => {
  const out = path.join(tmp(), 'early');
  const r = run(
    'train',
    CSV,
    ...COMMON,
    '--output',
    out,
    '--num_train_epochs',
    '40',
    '--save_total_limit',
    '1',
    '--early_stopping_patience',
    '2',
    '--metric_for_best_model',
    'accuracy',
    '--load_best_model_at_end',
  );
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /early stopping: eval_accuracy did not improve for 2 evaluations/);
  assert.match(r.stderr, /loaded the best model from/);
  assert.ok(JSON.parse(r.stdout).epoch < 40);
  assert.ok(
    fs.readdirSync(out).filter((d) => d.startsWith('checkpoint-')).length <= 2,
    'the newest and the best are kept',
  );
  const nan = run(
    'train',
    CSV,
    ...COMMON,
    '--output',
    path.join(tmp(), 'nan'),
    '--learning_rate',
    '1e9',
    '--max_grad_norm',
    '0',
    '--num_train_epochs',
    '3',
  );
  assert.notEqual(nan.status, 0);
  assert.match(nan.stderr, /the loss became (NaN|Infinity|-Infinity) at step \d+; training stopped/);
});

test('a label column with 10,000 distinct values is refused', () => {
  const f = path.join(tmp(), 'ids.csv');
  fs.writeFileSync(
    f,
    'text,label\n' + Array.from({ length: 10000 }, (_, i) => `some words number ${i},id${i}`).join('\n') + '\n',
  );
  const r = run('train', f, '--model', model, '--output', path.join(tmp(), 'x'), '--label', 'label');
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /10000 distinct values in 10000 rows: it looks like free text or ids, not labels/);
});

test('the execution provider in use is reported; an unavailable one asked for by name fails the run', () => {
  const out = path.join(tmp(), 'ep');
  const cacheHome = tmp();
  const env = { ...process.env, XDG_CACHE_HOME: cacheHome };
  const ok = spawnSync(
    process.execPath,
    [BIN, 'train', CSV, ...COMMON, '--output', out, '--num_train_epochs', '1', '--execution_provider', 'cpu'],
    { encoding: 'utf8', env },
  );
  assert.equal(ok.status, 0, ok.stderr);
  assert.match(ok.stderr, /execution provider: cpu \(asked for the CPU\)/);
  assert.equal(JSON.parse(fs.readFileSync(path.join(out, 'training_args.json'), 'utf8')).execution_provider, 'cpu');
  // onnxruntime-node is installed without its CUDA libraries here, so CUDA is never available.
  const cuda = spawnSync(
    process.execPath,
    [BIN, 'train', CSV, ...COMMON, '--output', path.join(tmp(), 'cuda'), '--execution_provider', 'cuda'],
    { encoding: 'utf8', env },
  );
  assert.notEqual(cuda.status, 0);
  assert.match(
    cuda.stderr,
    /the cuda execution provider is not available here: .*CUDA needs onnxruntime-node's CUDA libraries/,
  );
});

test('a stale cached verdict (webgpu ok, made where another Vulkan driver was set) falls back to the CPU and is corrected', async (t) => {
  const { probeProvider } = await import('../../../extension/engine/runtime/ort');
  if ((await probeProvider('webgpu')).ok) return t.skip('WebGPU really works in this process, so no verdict is stale');
  const { ORT_VERSION } = await import('../../../extension/engine/runtime/ort');
  const { providerEnvironment } = await import('../../../extension/engine/runtime/providers');
  const cacheHome = tmp();
  const cacheFile = path.join(cacheHome, 'bert-studio', 'providers.json');
  fs.mkdirSync(path.dirname(cacheFile), { recursive: true });
  const stale = { ortVersion: ORT_VERSION, environment: providerEnvironment(), results: { webgpu: { ok: true } } };
  fs.writeFileSync(cacheFile, JSON.stringify(stale));
  const out = path.join(tmp(), 'stale');
  const r = spawnSync(process.execPath, [BIN, 'train', CSV, ...COMMON, '--output', out, '--num_train_epochs', '1'], {
    encoding: 'utf8',
    env: { ...process.env, XDG_CACHE_HOME: cacheHome },
  });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /execution provider: webgpu \(auto: webgpu is available\)/);
  assert.match(r.stderr, /execution provider: cpu \(the webgpu session failed: .*; a new probe says: /);
  assert.equal(JSON.parse(fs.readFileSync(path.join(out, 'training_args.json'), 'utf8')).execution_provider, 'cpu');
  assert.equal(JSON.parse(fs.readFileSync(cacheFile, 'utf8')).results.webgpu.ok, false, 'the verdict is corrected');
});
