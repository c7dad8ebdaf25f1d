import tseslint from 'typescript-eslint';

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
    files: ['extension/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'The engine runs without VS Code (engine process, CLI, tests).' }],
        },
      ],
    },
  },
);
