// The VSIX's runtime layout, built by the packaging script itself (scripts/package.mjs --stage): the esbuild
// bundles leave out only what they must, the runtime packages hold one platform's binaries and no
// sources, and the bundled engine process starts from dist/ and runs the real tokenizer and ONNX Runtime.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { builtinModules } from 'node:module';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EngineClient } from '../../extension/engine/process/engineClient';

const ROOT = path.join(__dirname, '..', '..', '..');
const TINY_CLS = path.join(ROOT, 'test', 'fixtures', 'parity', 'tiny-cls');
const stage = fs.mkdtempSync(path.join(os.tmpdir(), 'vsix-stage-'));
execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'package.mjs'), '--stage', stage], { stdio: 'inherit' });

function requiredModules(file: string): Set<string> {
  const code = fs.readFileSync(path.join(stage, file), 'utf8');
  return new Set([...code.matchAll(/\brequire\("([^"]+)"\)/g)].map((m) => m[1]));
}

function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => path.relative(dir, path.join(d.parentPath, d.name)));
}

test('the bundles require only Node built-ins, vscode (host) and the two native packages (engine)', () => {
  const builtin = (m: string) => m.startsWith('node:') || builtinModules.includes(m);
  const host = [...requiredModules('extension.js')].filter((m) => !builtin(m));
  assert.deepEqual(host, ['vscode']);
  const engine = [...requiredModules('engineMain.js')].filter((m) => !builtin(m)).sort();
  assert.deepEqual(engine, ['onnxruntime-node', 'tokenizers']);
});

test("the runtime packages hold this platform's binaries only, without maps, typings or sources", () => {
  const files = filesUnder(path.join(stage, 'node_modules'));
  const natives = files.filter((f) => /\.node$|\.so(\.\d+)*$|\.dylib$|\.dll$/.test(f));
  assert.ok(
    natives.some((f) => f.startsWith('onnxruntime-node/')) && natives.some((f) => f.startsWith('tokenizers/')),
    natives.join(', '),
  );
  const { platform, arch } = process;
  for (const f of natives) {
    assert.ok(
      f.includes(`${platform}/${arch}/`) || f.includes(`${platform}-${arch}`),
      `${f} is for another platform than ${platform}-${arch}`,
    );
  }
  assert.deepEqual(
    files.filter((f) => /\.(map|ts)$/.test(f)),
    [],
  );
  assert.ok(fs.existsSync(path.join(stage, 'node_modules', 'onnxruntime-common', 'dist', 'cjs', 'index.js')));
});

test('.vscodeignore lets into the VSIX only the bundles, media, the offline example, LICENSE, package.json and README', () => {
  const vsce = path.join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
  const listed = execFileSync(process.execPath, [vsce, 'ls', '--no-dependencies'], { cwd: ROOT, encoding: 'utf8' })
    .split('\n')
    .filter(Boolean);
  assert.ok(listed.includes('dist/extension.js') && listed.includes('dist/engineMain.js'), 'run `npm run build` first');
  const stray = listed.filter(
    (f) =>
      !/^(package\.json|README\.md|LICENSE|dist\/[^/]+\.js|dist\/node_modules\/.+|media\/.+|examples\/(support-messages\.csv|tiny-bert\/.+))$/.test(
        f,
      ),
  );
  assert.deepEqual(stray, []);
  assert.deepEqual(
    listed.filter((f) => /\.(ts|map)$/.test(f)),
    [],
    'no sources or source maps',
  );
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const media = (manifest.contributes.walkthroughs ?? []).flatMap((w: { steps: { media: Record<string, string> }[] }) =>
    w.steps.flatMap((s) => [s.media.image, s.media.markdown, s.media.svg].filter(Boolean)),
  );
  assert.ok(media.length >= 5, 'the walkthrough has its steps');
  for (const m of media) assert.ok(listed.includes(m), `${m} (walkthrough media) is in the VSIX`);
  for (const f of [
    'support-messages.csv',
    'tiny-bert/config.json',
    'tiny-bert/model.safetensors',
    'tiny-bert/vocab.txt',
  ])
    assert.ok(listed.includes(`examples/${f}`), `examples/${f} (the walkthrough's offline example) is in the VSIX`);
});

test('the bundled engine process starts from the staged folder and runs the real tokenizer and model', async () => {
  const engine = await EngineClient.start({ entry: path.join(stage, 'engineMain.js'), onStderr: () => {} });
  try {
    const tok = await engine.tokenize(TINY_CLS, 'I love Paris');
    assert.deepEqual(tok.encoded.inputIds, [101, 1045, 2293, 3000, 102]);
    const [probs] = await engine.classify(TINY_CLS, ['I love Paris']);
    assert.equal(probs.length, 3);
    assert.ok(Math.abs(probs.reduce((a, p) => a + p.score, 0) - 1) < 1e-5);
  } finally {
    await engine.stop();
    fs.rmSync(stage, { recursive: true, force: true });
  }
});
