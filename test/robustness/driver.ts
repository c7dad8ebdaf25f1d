/**
 * Runs every case of cases.json in this one process (train through the same argument parsing and
 * trainer the engine runs), capturing each command's exit code and output, and writes them as JSON to
 * the file named by its argument. robustness.test.ts starts it and judges the results.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import type { AddressInfo } from 'node:net';
import { main } from '../../extension/engine/cli/main';
import { trainParams } from '../../extension/engine/cli/train';
import { train } from '../../extension/engine/train/trainer';
import { readSafetensors, writeSafetensors } from '../../extension/engine/bert/safetensors';
import { FakeRepo, startFakeHub } from '../engine/hub/fakeHub';

const ROOT = path.join(__dirname, '..', '..', '..');
const HERE = path.join(ROOT, 'test', 'robustness');
const DATA = path.join(HERE, 'data');
const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'parity');

type FileSpec = string | null | 'folder' | { nan: string };
export interface Case {
  name: string;
  cmd: string;
  args: string[];
  /** A fixture name, or a fixture with files replaced (a data/ path), removed (null), made a folder, or given a NaN. */
  model?: string | { from: string; files: Record<string, FileSpec> };
  env?: Record<string, string>;
  /** Before the command: files to write into the output folder (a run left there). */
  before?: Record<string, string>;
  expect: string;
  exit?: number;
}
export interface Corpus {
  hub: Record<string, { files: Record<string, string> } & Omit<FakeRepo, 'files' | 'commit'>>;
  cases: Case[];
}

export const corpus = JSON.parse(fs.readFileSync(path.join(HERE, 'cases.json'), 'utf8')) as Corpus;

/** `fixture:tiny-cls/vocab.txt` or a data/ path → bytes. */
const bytesOf = (ref: string) =>
  fs.readFileSync(ref.startsWith('fixture:') ? path.join(FIXTURES, ref.slice(8)) : path.join(DATA, ref));

function makeModel(spec: Case['model'], dir: string): string {
  if (!spec) return path.join(FIXTURES, 'tiny-cls');
  if (typeof spec === 'string') return path.join(FIXTURES, spec);
  const folder = path.join(dir, 'model');
  fs.cpSync(path.join(FIXTURES, spec.from), folder, { recursive: true });
  for (const [name, f] of Object.entries(spec.files)) {
    const file = path.join(folder, name);
    if (f === null) fs.rmSync(file, { force: true });
    else if (f === 'folder') {
      fs.rmSync(file, { force: true });
      fs.mkdirSync(file);
    } else if (typeof f === 'object') {
      const tensors = readSafetensors(file);
      (tensors.get(f.nan)!.data as Float32Array)[0] = NaN;
      writeSafetensors(file, tensors, { format: 'pt' });
    } else fs.copyFileSync(path.join(DATA, f), file);
  }
  return folder;
}

/** Runs argv in this process, capturing what it writes; train goes straight to the trainer. */
async function runCommand(c: Case, argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = process.stdout.write.bind(process.stdout);
  const err = process.stderr.write.bind(process.stderr);
  process.stdout.write = ((s: string) => ((stdout += s), true)) as typeof process.stdout.write;
  process.stderr.write = ((s: string) => ((stderr += s), true)) as typeof process.stderr.write;
  try {
    if (c.cmd !== 'train') return { code: await main([c.cmd, ...argv]), stdout, stderr };
    try {
      const params = trainParams(argv);
      if (!argv.includes('--execution_provider')) params.args.execution_provider = 'cpu';
      const results = await train({
        ...params,
        onEvent: (e) => {
          if (e.type === 'log') stderr += e.message + '\n';
          if (e.type === 'stats') stderr += `${e.stats.rows} rows, labels ${e.labels.join(', ')}\n`;
        },
      });
      stdout += JSON.stringify(results);
      return { code: 0, stdout, stderr };
    } catch (e) {
      stderr += `bert-studio train: ${(e as Error).message}\n`;
      return { code: e instanceof Error && e.constructor.name === 'UsageError' ? 2 : 1, stdout, stderr };
    }
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
  }
}

export interface Outcome {
  name: string;
  code: number;
  stdout: string;
  stderr: string;
  /** Whether the command left an all_results.json that was not there before (a run that looks finished). */
  finished: boolean;
  ms: number;
}

async function runCase(c: Case, urls: { hub: string; silent: string }): Promise<Outcome> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'robust-'));
  const started = Date.now();
  const model = makeModel(c.model, dir);
  const out = path.join(dir, 'out');
  for (const [f, ref] of Object.entries(c.before ?? {})) {
    fs.mkdirSync(path.dirname(path.join(out, f)), { recursive: true });
    fs.writeFileSync(path.join(out, f), ref.startsWith('@') ? bytesOf(ref.slice(1)) : ref);
  }
  const resultsFile = path.join(out, 'all_results.json');
  const before = fs.existsSync(resultsFile) ? fs.readFileSync(resultsFile, 'utf8') : null;
  const argv = c.args.map((a) =>
    a === '$MODEL' ? model : a === '$OUT' ? out : a.startsWith('@') ? path.join(DATA, a.slice(1)) : a,
  );
  const env: Record<string, string> = {
    HF_ENDPOINT: urls.hub,
    HF_HUB_CACHE: path.join(dir, 'hf'),
    HF_HUB_ETAG_TIMEOUT: '1',
    HF_HUB_DOWNLOAD_TIMEOUT: '1',
    ...Object.fromEntries(Object.entries(c.env ?? {}).map(([k, v]) => [k, v === '$SILENT' ? urls.silent : v])),
  };
  delete process.env.HF_TOKEN;
  delete process.env.HF_HUB_OFFLINE;
  Object.assign(process.env, env);
  let timer: NodeJS.Timeout | undefined;
  try {
    const r = await Promise.race([
      runCommand(c, argv),
      new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
        timer = setTimeout(() => resolve({ code: -1, stdout: '', stderr: 'HANG: no answer within 30 s' }), 30_000);
      }),
    ]);
    return {
      name: c.name,
      ...r,
      finished: fs.existsSync(resultsFile) && fs.readFileSync(resultsFile, 'utf8') !== before,
      ms: Date.now() - started,
    };
  } finally {
    clearTimeout(timer);
    for (const k of Object.keys(env)) delete process.env[k];
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function serveSilently(): Promise<{ url: string; close(): void }> {
  const silent = http.createServer(() => undefined);
  await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(silent.address() as AddressInfo).port}`,
    close: () => {
      silent.closeAllConnections();
      silent.close();
    },
  };
}

async function runAll(resultsFile: string): Promise<void> {
  const repos = Object.fromEntries(
    Object.entries(corpus.hub).map(([id, r], i) => [
      id,
      {
        ...r,
        commit: String(i + 1).padStart(40, 'e'),
        files: Object.fromEntries(Object.entries(r.files).map(([f, ref]) => [f, bytesOf(ref)])),
      },
    ]),
  );
  const hub = await startFakeHub(repos);
  const silent = await serveSilently();
  const outcomes: Outcome[] = [];
  for (const c of corpus.cases) outcomes.push(await runCase(c, { hub: hub.url, silent: silent.url }));
  await hub.close();
  silent.close();
  fs.writeFileSync(resultsFile, JSON.stringify(outcomes));
}

if (require.main === module)
  runAll(process.argv[2]).then(
    () => process.exit(0),
    (e) => {
      process.stderr.write(String((e as Error).stack));
      process.exit(1);
    },
  );
