// Builds the platform-specific VSIX: the esbuild bundles in dist/, the webview bundles in media/dist, and
// only the runtime packages the bundles leave external (onnxruntime-node with its onnxruntime-common, and
// tokenizers), copied into dist/node_modules with the native binaries of the one target platform, without
// source maps, typings or sources. vsce then packs what .vscodeignore lets through (--no-dependencies: the
// runtime packages are already in dist/node_modules).
// Usage: node scripts/package.mjs [--target linux-x64] [--out file.vsix]   (default: this machine's target)
//        node scripts/package.mjs --stage DIR [--target …]   only the bundles and runtime packages, into DIR (tests)
import * as fs from 'node:fs';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { bundle, root } from './bundle.mjs';

// vsce target → onnxruntime-node's bin/napi-v6/<os>/<arch> and the tokenizers binary's suffix.
const TARGETS = {
  'linux-x64': { os: 'linux', arch: 'x64', tokenizers: 'linux-x64-gnu' },
  'linux-arm64': { os: 'linux', arch: 'arm64', tokenizers: 'linux-arm64-gnu' },
  'alpine-x64': { os: 'linux', arch: 'x64', tokenizers: 'linux-x64-musl' },
  'alpine-arm64': { os: 'linux', arch: 'arm64', tokenizers: 'linux-arm64-musl' },
  'darwin-x64': { os: 'darwin', arch: 'x64', tokenizers: 'darwin-x64' },
  'darwin-arm64': { os: 'darwin', arch: 'arm64', tokenizers: 'darwin-arm64' },
  'win32-x64': { os: 'win32', arch: 'x64', tokenizers: 'win32-x64-msvc' },
  'win32-arm64': { os: 'win32', arch: 'arm64', tokenizers: 'win32-arm64-msvc' },
};

function currentTarget() {
  const musl = process.platform === 'linux' && !process.report?.getReport().header.glibcVersionRuntime;
  return `${musl ? 'alpine' : process.platform}-${process.arch}`;
}

function option(name) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
}

/** Copies the files of node_modules/<name> that `keep` accepts (paths relative to the package, '/'-separated). */
function copyPackage(name, modules, keep) {
  const from = path.join(root, 'node_modules', name);
  const to = path.join(modules, name);
  const walk = (rel) => {
    for (const entry of fs.readdirSync(path.join(from, rel), { withFileTypes: true })) {
      const file = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(file);
      else if (keep(file)) {
        fs.mkdirSync(path.dirname(path.join(to, file)), { recursive: true });
        fs.copyFileSync(path.join(from, file), path.join(to, file));
      }
    }
  };
  walk('');
}

export function stageRuntimePackages(target, outdir = path.join(root, 'dist')) {
  const t = TARGETS[target];
  if (!t) throw new Error(`unknown target "${target}"; one of: ${Object.keys(TARGETS).join(', ')}`);
  const ortBin = `bin/napi-v6/${t.os}/${t.arch}`;
  const tokBin = `tokenizers.${t.tokenizers}.node`;
  for (const [pkg, file] of [
    ['onnxruntime-node', ortBin],
    ['tokenizers', tokBin],
  ]) {
    if (!fs.existsSync(path.join(root, 'node_modules', pkg, file))) {
      throw new Error(`${pkg} has no binary for ${target} (node_modules/${pkg}/${file} is missing)`);
    }
  }
  const modules = path.join(outdir, 'node_modules');
  fs.rmSync(modules, { recursive: true, force: true });
  const js = (f) => /\.(js|cjs|json)$/.test(f);
  copyPackage(
    'onnxruntime-node',
    modules,
    (f) => f === 'package.json' || (f.startsWith('dist/') && js(f)) || f.startsWith(`${ortBin}/`),
  );
  copyPackage('onnxruntime-common', modules, (f) => f === 'package.json' || (f.startsWith('dist/cjs/') && js(f)));
  copyPackage('tokenizers', modules, (f) => ['package.json', 'index.js', 'LICENSE', tokBin].includes(f));
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
  const target = option('target') ?? currentTarget();
  const stage = option('stage');
  if (stage) {
    await bundle(path.resolve(stage));
    stageRuntimePackages(target, path.resolve(stage));
    process.exit(0);
  }
  const { version, name } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const out = path.resolve(option('out') ?? path.join(root, `${name}-${target}-${version}.vsix`));
  if (!fs.existsSync(path.join(root, 'media', 'dist')))
    throw new Error('media/dist is missing: run `npm run build` first');
  await bundle();
  stageRuntimePackages(target);
  try {
    // The README's images stay relative: they are inside the VSIX, and there is no public repository to point at.
    execFileSync(
      process.execPath,
      [
        path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce'),
        'package',
        '--no-dependencies',
        '--target',
        target,
        '--allow-missing-repository',
        '--no-rewrite-relative-links',
        '--out',
        out,
      ],
      { cwd: root, stdio: 'inherit' },
    );
  } finally {
    // Another target's binaries must not shadow node_modules/ when dist/ runs from the checkout (F5).
    fs.rmSync(path.join(root, 'dist', 'node_modules'), { recursive: true, force: true });
  }
  console.log(`${out}: ${(fs.statSync(out).size / 2 ** 20).toFixed(1)} MiB`);
}
