// ESLint configuration for lint/ (ESLint 10 uses the nearest eslint.config.* to each file):
// the repository's rules, plus CommonJS for the bpmnlint plugin's .cjs files, which bpmnlint
// loads with require().
import rootConfig from '../eslint.config.js';

export default [
  ...rootConfig,
  {
    files: ['**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { require: 'readonly', module: 'writable', exports: 'writable', __dirname: 'readonly' },
    },
    rules: {
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
];
