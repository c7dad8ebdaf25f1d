import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DATA, makeTinyBase } from '../train/tinyModel';

const ROOT = path.join(__dirname, '..', '..', '..', '..');
const BIN = path.join(ROOT, 'bin', 'bert-studio.js');
const CSV = path.join(DATA, 'classify.csv');

test('Ctrl-C (SIGINT to the process group) cancels training with a checkpoint that --resume continues', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sigint-'));
  const model = makeTinyBase(path.join(dir, 'tiny'));
  const out = path.join(dir, 'run');
  const args = [BIN, 'train', CSV, '--model', model, '--output', out, '--max_length', '32'];
  const common = ['--max_steps', '60', '--eval_strategy', 'no', '--save_strategy', 'no', '--logging_steps', '1'];
  // Its own process group, as a shell gives a command: the signal goes to the CLI and the engine it forked alike.
  const child = spawn(process.execPath, [...args, ...common], { detached: true });
  let stderr = '';
  let sent = false;
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
    // Step events are throttled (some steps print no line): any step past the second will do.
    const steps = [...stderr.matchAll(/^step (\d+)\//gm)].map((m) => Number(m[1]));
    if (!sent && steps.some((n) => n >= 3)) {
      sent = true;
      process.kill(-child.pid!, 'SIGINT');
    }
  });
  const code = await new Promise<number | null>((r) => child.on('close', (c) => r(c)));
  assert.ok(sent, stderr);
  assert.equal(code, 1, stderr);
  const m = /cancelled at step (\d+); resume with --resume/.exec(stderr);
  assert.ok(m, stderr);
  assert.ok(fs.existsSync(path.join(out, `checkpoint-${m[1]}`, 'trainer_state.json')), 'a resumable checkpoint');
  assert.equal(fs.existsSync(path.join(out, 'all_results.json')), false);
  const resumed = spawnSync(process.execPath, [...args, ...common, '--resume'], { encoding: 'utf8' });
  assert.equal(resumed.status, 0, resumed.stderr);
  assert.match(resumed.stderr, new RegExp(`resuming from .*checkpoint-${m[1]} at step ${m[1]}`));
});
