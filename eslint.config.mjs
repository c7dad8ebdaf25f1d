import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import tseslint from 'typescript-eslint';

const ROOT = path.dirname(fileURLToPath(import.meta.url));

/**
 * The rooms of the tree and who may import whom (README "Code map"):
 * - engine (extension/engine/): engine and shared; never vscode, the host or the webviews. Inside it, bert/
 *   (the model) never imports train/.
 * - shared (extension/shared/): shared only; neither vscode nor onnxruntime nor tokenizers.
 * - host (the rest of extension/): host, shared, and of the engine only its client and its wire types.
 * - webview (webview/): webview and shared; nothing of the host or the engine, not even types.
 */
const ENGINE_DOORS = ['extension/engine/process/engineClient', 'extension/engine/process/protocol'];
const PACKAGES_BANNED = {
  engine: ['vscode'],
  shared: ['vscode', 'onnxruntime-node', 'tokenizers'],
  webview: ['vscode', 'onnxruntime-node', 'tokenizers'],
};

function roomOf(rel) {
  if (rel.startsWith('extension/engine/')) return 'engine';
  if (rel.startsWith('extension/shared/')) return 'shared';
  if (rel.startsWith('extension/')) return 'host';
  if (rel.startsWith('webview/')) return 'webview';
  return null;
}

/** Why `file` (in room `from`) may not import `target` (a path from the root, without extension), or null. */
function refusal(file, from, target) {
  if (file.startsWith('extension/engine/bert/') && target.startsWith('extension/engine/train/'))
    return 'the model (engine/bert/) may not depend on training (engine/train/); training builds on the model';
  const to = roomOf(target);
  if (!to || to === from || to === 'shared') return null;
  if (from === 'host' && to === 'engine')
    return ENGINE_DOORS.includes(target)
      ? null
      : `the host reaches the engine only through ${ENGINE_DOORS.join(' and ')} (move shared code to extension/shared/)`;
  return `${from} code may not import ${to} code (${target}); code both need belongs in extension/shared/`;
}

const rooms = {
  rules: {
    imports: {
      meta: { type: 'problem', schema: [], messages: { refused: 'Import boundary: {{why}}.' } },
      create(context) {
        const file = path.relative(ROOT, context.filename).split(path.sep).join('/');
        const from = roomOf(file);
        if (!from) return {};
        const check = (node, spec) => {
          if (typeof spec !== 'string') return;
          let why = null;
          if (spec.startsWith('.')) {
            const target = path
              .relative(ROOT, path.resolve(path.dirname(context.filename), spec))
              .split(path.sep)
              .join('/')
              .replace(/\.(ts|js)$/, '');
            why = refusal(file, from, target);
          } else if ((PACKAGES_BANNED[from] ?? []).includes(spec)) {
            why = `${from} code may not import ${spec}`;
          }
          if (why) context.report({ node, messageId: 'refused', data: { why } });
        };
        const fromSource = (node) => node.source && check(node.source, node.source.value);
        return {
          ImportDeclaration: fromSource,
          ExportNamedDeclaration: fromSource,
          ExportAllDeclaration: fromSource,
          ImportExpression: (node) => node.source.type === 'Literal' && check(node.source, node.source.value),
          TSImportType: (node) => {
            const lit = node.argument?.literal ?? node.argument;
            if (lit?.type === 'Literal') check(lit, lit.value);
          },
        };
      },
    },
  },
};

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'node_modules/**',
      'test/fixtures/**',
      'bin/**',
      '**/*.mjs',
      'media/dist/**',
      '.e2e/**',
      'test-artifacts/**',
      'dist/**',
    ],
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // Plain Node (CommonJS) run by test/e2e/run.sh against the packages in .e2e/.
    files: ['test/e2e/**/*.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['extension/**/*.ts', 'webview/**/*.ts'],
    plugins: { rooms },
    rules: { 'rooms/imports': 'error' },
  },
);
