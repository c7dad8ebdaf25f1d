// The README's offline first run, exactly as written there: its commands are read from the README and run in a
// fresh folder that sees this clone's bin/ and examples/, with no network configured and an empty Hugging Face cache.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..', '..', '..', '..');

/** The README's `node bin/bert-studio.js …` lines of the code block that uses examples/, split as a shell would (double quotes only). */
function readmeCommands(): string[][] {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const block = [...readme.matchAll(/```\n([\s\S]*?)```/g)].map((m) => m[1]).find((b) => b.includes('examples/'));
  assert.ok(block, 'the README has a code block using examples/');
  return block
    .split('\n')
    .filter((l) => l.startsWith('node bin/bert-studio.js '))
    .map((l) => [...l.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]));
}

test("the README's offline example trains the tiny BERT on the example data and classifies with the result", () => {
  const commands = readmeCommands();
  assert.deepEqual(
    commands.map((c) => c[2]),
    ['train', 'predict'],
  );
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'offline-example-'));
  for (const d of ['bin', 'examples']) fs.symlinkSync(path.join(ROOT, d), path.join(cwd, d));
  const hfHome = fs.mkdtempSync(path.join(os.tmpdir(), 'offline-example-hf-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HF_HOME: hfHome,
    HF_HUB_OFFLINE: '1',
    HF_ENDPOINT: 'http://127.0.0.1:9',
  };
  delete env.HF_HUB_CACHE;
  const results: string[] = [];
  for (const [node, ...args] of commands) {
    assert.equal(node, 'node');
    const r = spawnSync(process.execPath, args, { cwd, env, encoding: 'utf8', timeout: 300_000 });
    assert.equal(r.status, 0, `${args.join(' ')}\n${r.stderr}`);
    results.push(r.stdout);
  }
  const output = commands[0][commands[0].indexOf('--output') + 1];
  const all = JSON.parse(fs.readFileSync(path.join(cwd, output, 'all_results.json'), 'utf8'));
  assert.equal(all.train_samples + all.eval_samples, 300);
  assert.ok(all.eval_accuracy >= 0.9, `eval_accuracy ${all.eval_accuracy}`);
  assert.match(results[1].split('\n')[0], /^billing\t0\.\d+$/, 'the charged-twice message is billing');
  assert.deepEqual(fs.readdirSync(hfHome), [], 'nothing was downloaded or cached');
});
