/**
 * The bad-input corpus: every case in cases.json runs a command on files from data/ (and model folders
 * made from the tiny fixtures, Hub answers from a local server) and must end in its expected clear
 * error, or its correct result: never a stack trace, a hang, or a run folder that looks finished.
 * One child process (driver.ts) runs them all in-process, so the corpus takes seconds, not minutes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Outcome, corpus } from './driver';

const STACK = /^\s+at .+(\(|\s)\S+:\d+:\d+\)?$/m;
const RAW_JS =
  /\b(TypeError|ReferenceError|RangeError|SyntaxError: Unexpected|Cannot read propert|is not a function|undefined is not)/;

test('the corpus holds at least 60 cases, each named once', () => {
  assert.ok(corpus.cases.length >= 60, `${corpus.cases.length} cases`);
  assert.equal(new Set(corpus.cases.map((c) => c.name)).size, corpus.cases.length);
});

test('every bad input ends in its clear error (or its correct result)', async (t) => {
  const results = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'robust-results-')), 'results.json');
  const r = spawnSync(process.execPath, [path.join(__dirname, 'driver.js'), results], {
    encoding: 'utf8',
    timeout: 600_000,
  });
  assert.equal(r.status, 0, r.stderr);
  const outcomes = new Map((JSON.parse(fs.readFileSync(results, 'utf8')) as Outcome[]).map((o) => [o.name, o]));
  for (const c of corpus.cases) {
    await t.test(`${c.cmd}: ${c.name}`, () => {
      const o = outcomes.get(c.name)!;
      const said = `${o.stderr}${o.stdout}`;
      assert.equal(o.code, c.exit ?? 1, `exit code; output:\n${said}`);
      assert.ok(said.includes(c.expect), `expected "${c.expect}" in:\n${said}`);
      assert.doesNotMatch(o.stderr, STACK, 'no stack trace');
      assert.doesNotMatch(o.stderr, RAW_JS, 'no raw JavaScript error');
      if (o.code !== 0) assert.equal(o.finished, false, 'no finished-looking run folder');
    });
  }
});
