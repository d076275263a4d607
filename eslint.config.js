import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/**', 'coverage/**', 'dist/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // The workbench's pages: plain ES modules run by the browser.
    files: ['web/**/*.js'],
    languageOptions: {
      sourceType: 'module',
      globals: Object.fromEntries(
        ['window', 'document', 'history', 'location', 'fetch', 'crypto', 'CSS', 'URL', 'URLSearchParams', 'CustomEvent', 'Node', 'setTimeout', 'queueMicrotask', 'FormData', 'XMLHttpRequest'].map((name) => [name, 'readonly']),
      ),
    },
  },
  {
    files: ['domain/**/*.ts'],
    rules: {
      // domain/ is pure: it imports nothing of ours outside itself.
      'no-restricted-imports': ['error', { patterns: ['../../platform/*', '../platform/*', '**/api/*', '**/workers/*', 'pg', 'ioredis', 'bullmq', 'fastify'] }],
    },
  },
);
