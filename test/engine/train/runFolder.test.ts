import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DATA, makeTinyBase } from './tinyModel';
import { readRun } from '../../../extension/runs/runRegistry';
import { readSafetensors, writeSafetensors } from '../../../extension/engine/bert/safetensors';
import { loadCheckpoint } from '../../../extension/engine/train/checkpoint';
import { ROOT, runCli, tmpDir } from './cli';

const CSV = path.join(DATA, 'classify.csv');
const run = runCli;
const tmp = () => tmpDir('runfolder');
const model = makeTinyBase(path.join(tmp(), 'tiny'));
const COMMON = ['--model', model, '--per_device_train_batch_size', '32', '--max_length', '32', '--eval_strategy', 'no'];
const checkpoints = (dir: string) => fs.readdirSync(dir).filter((n) => n.startsWith('checkpoint-'));

test('a second run into a used folder is refused; --overwrite_output_dir removes the old run first', () => {
  const out = path.join(tmp(), 'x');
  const first = run(
    'train',
    CSV,
    ...COMMON,
    '--output',
    out,
    '--num_train_epochs',
    '2',
    '--save_strategy',
    'steps',
    '--save_steps',
    '3',
  );
  assert.equal(first.status, 0, first.stderr);
  assert.ok(checkpoints(out).includes('checkpoint-9'));
  const again = run('train', CSV, ...COMMON, '--output', out, '--num_train_epochs', '1');
  assert.equal(again.status, 1);
  assert.match(
    again.stderr,
    /already holds a run \(.*\): give --overwrite_output_dir to replace it, --resume to continue it/,
  );
  assert.ok(checkpoints(out).includes('checkpoint-9'), 'the refused run touched nothing');
  const over = run('train', CSV, ...COMMON, '--output', out, '--num_train_epochs', '1', '--overwrite_output_dir');
  assert.equal(over.status, 0, over.stderr);
  assert.deepEqual(checkpoints(out), ['checkpoint-8'], "the old run's checkpoints are gone");
  assert.equal(JSON.parse(fs.readFileSync(path.join(out, 'all_results.json'), 'utf8')).epoch, 1);
});

test('--resume only resumes the same run, names the difference, and a failing resume keeps no old results', () => {
  const dir = tmp();
  const out = path.join(dir, 'x');
  const args = [...COMMON, '--output', out, '--num_train_epochs', '2', '--save_strategy', 'steps', '--save_steps', '3'];
  assert.equal(run('train', CSV, ...args).status, 0);
  const other = path.join(dir, 'other.csv');
  fs.writeFileSync(other, fs.readFileSync(CSV, 'utf8').replace(/\n.*\n$/, '\n'));
  const wrongData = run('train', other, ...args, '--resume');
  assert.equal(wrongData.status, 1);
  assert.match(
    wrongData.stderr,
    /--resume: .* holds a different run \(the data file was .*classify\.csv, now .*other\.csv\)/,
  );
  const wrongRate = run('train', CSV, ...args, '--resume', '--learning_rate', '1e-3');
  assert.match(wrongRate.stderr, /--learning_rate was 0\.00005, now 0\.001/);
  const wrongModel = run(
    'train',
    CSV,
    ...args,
    '--resume',
    '--model',
    path.join(ROOT, 'test/fixtures/parity/tiny-cls'),
  );
  assert.match(wrongModel.stderr, /the model was .*tiny, now .*tiny-cls/);
  assert.equal(readRun(out).status, 'finished', 'refused resumes change nothing');
  // The same run resumed, but failing (CUDA is not installed here): the old results must not stay.
  const failing = run('train', CSV, ...args, '--resume', '--execution_provider', 'cuda');
  assert.equal(failing.status, 1);
  assert.equal(fs.existsSync(path.join(out, 'all_results.json')), false);
  assert.notEqual(readRun(out).status, 'finished');
  const ok = run('train', CSV, ...args, '--resume');
  assert.equal(ok.status, 0, ok.stderr);
  assert.match(ok.stderr, /resuming from .*checkpoint-15 at step 15/);
  assert.equal(readRun(out).status, 'finished');
  const noRecord = path.join(dir, 'bare');
  fs.mkdirSync(path.join(noRecord, 'checkpoint-3'), { recursive: true });
  fs.writeFileSync(path.join(noRecord, 'checkpoint-3', 'trainer_state.json'), '{}');
  assert.match(run('train', CSV, ...COMMON, '--output', noRecord, '--resume').stderr, /has no bert-studio-run\.json/);
});

test('epochs ≤ 0 and other nonsensical arguments are refused before anything is written', () => {
  const dir = tmp();
  const cases: [string[], RegExp][] = [
    [['--num_train_epochs', '0'], /--num_train_epochs must be more than 0/],
    [['--num_train_epochs', '-2'], /--num_train_epochs must be more than 0/],
    [['--warmup_ratio', '1.5'], /--warmup_ratio must be at least 0 and less than 1/],
    [['--weight_decay', '-1'], /--weight_decay must be of at least 0/],
    [['--save_strategy', 'steps', '--save_steps', '0'], /--save_steps of at least 1/],
    [['--test_size', '1'], /--test_size must be more than 0 and less than 1/],
    [['--logging_steps', '0'], /--logging_steps must be an integer of at least 1/],
    [['--max_steps', '2.5'], /--max_steps must be a positive integer/],
  ];
  for (const [args, message] of cases) {
    const out = path.join(dir, 'out');
    const r = run('train', CSV, '--model', model, '--output', out, ...args);
    assert.equal(r.status, 1, args.join(' '));
    assert.match(r.stderr, message);
    assert.equal(fs.existsSync(out), false, args.join(' '));
  }
  const steps = run(
    'train',
    CSV,
    ...COMMON,
    '--output',
    path.join(dir, 'steps'),
    '--num_train_epochs',
    '0',
    '--max_steps',
    '2',
  );
  assert.equal(steps.status, 0, '--max_steps overrides the epochs, as in Transformers');
});

test('NaN weights: predict and train refuse naming the tensor; no learning-rate advice', () => {
  const dir = tmp();
  const bad = path.join(dir, 'nan');
  fs.cpSync(path.join(ROOT, 'test/fixtures/parity/tiny-cls'), bad, { recursive: true });
  const tensors = readSafetensors(path.join(bad, 'model.safetensors'));
  (tensors.get('classifier.weight')!.data as Float32Array)[3] = NaN;
  writeSafetensors(path.join(bad, 'model.safetensors'), tensors, { format: 'pt' });
  const p = run('predict', bad, 'some text');
  assert.equal(p.status, 1);
  assert.match(p.stderr, /tensor classifier\.weight holds NaN \(at index 3\)/);
  assert.equal(p.stdout, '');
  const t = run('train', CSV, '--model', bad, '--output', path.join(dir, 'run'), '--max_length', '32');
  assert.equal(t.status, 1);
  assert.match(t.stderr, /tensor classifier\.weight holds NaN/);
  assert.doesNotMatch(t.stderr, /learning_rate/);
});

test('a corrupt trainer_state.json on resume names the file', () => {
  const dir = path.join(tmp(), 'checkpoint-7');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'trainer_state.json'), '{"global_step": 7,');
  assert.throws(
    () => loadCheckpoint(dir),
    new RegExp(`${path.join(dir, 'trainer_state.json')}: cannot read the checkpoint's state`),
  );
  fs.writeFileSync(path.join(dir, 'trainer_state.json'), '{"epoch": 1}');
  assert.throws(() => loadCheckpoint(dir), /trainer_state\.json: not a trainer state/);
});
