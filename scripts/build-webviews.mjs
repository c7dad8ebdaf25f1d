// Bundles each webview (webview/<name>/main.ts) into media/dist/<name>.js: one file per panel,
// no remote imports at run time, so the panels' CSP can allow only the extension's media.
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.join(path.dirname(new URL(import.meta.url).pathname), '..');
const entries = fs
  .readdirSync(path.join(root, 'webview'), { withFileTypes: true })
  .filter((d) => d.isDirectory() && fs.existsSync(path.join(root, 'webview', d.name, 'main.ts')))
  .map((d) => ({ in: path.join(root, 'webview', d.name, 'main.ts'), out: d.name }));

await esbuild.build({
  entryPoints: entries,
  outdir: path.join(root, 'media', 'dist'),
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: 'es2022',
  minify: true,
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
});
