// Bundles the extension host (extension/extension.ts → dist/extension.js) and the engine process
// (extension/engine/process/engineMain.ts → dist/engineMain.js) with esbuild. 'vscode' comes from the
// editor; onnxruntime-node and tokenizers load native .node files, so they stay outside the bundle and
// ship as packages (scripts/package.mjs copies them into dist/node_modules for one platform).
// EngineClient forks engineMain.js from its own folder, which is dist/ once bundled.
import * as esbuild from 'esbuild';
import * as path from 'node:path';

export const root = path.join(path.dirname(new URL(import.meta.url).pathname), '..');
export const NATIVE_PACKAGES = ['onnxruntime-node', 'tokenizers'];

export async function bundle(outdir = path.join(root, 'dist')) {
  await esbuild.build({
    entryPoints: [
      { in: path.join(root, 'extension', 'extension.ts'), out: 'extension' },
      { in: path.join(root, 'extension', 'engine', 'process', 'engineMain.ts'), out: 'engineMain' },
    ],
    outdir,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode', ...NATIVE_PACKAGES],
    // Not minified: stack traces in the Output channel stay readable, and the native libraries dwarf the code.
    minify: false,
    sourcemap: false,
    legalComments: 'none',
    logLevel: 'warning',
  });
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
  const i = process.argv.indexOf('--outdir');
  await bundle(i > 0 ? path.resolve(process.argv[i + 1]) : undefined);
}
