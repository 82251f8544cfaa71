// ESLint flat config: typescript-eslint's recommended rules (syntax only, no type information, to stay fast),
// with eslint-config-prettier last so that no lint rule argues with Prettier about layout (`npm run lint`).
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const SKIP_BLANKS_AND_COMMENTS = { skipBlankLines: true, skipComments: true };

export default defineConfig(
  {
    // Lint scope: src, machines, test, docs/*.ts and the JavaScript config files; the rest is output or data.
    ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'data/**', '.scratch/**'],
  },
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: { ...globals.node },
    },
    rules: {
      // xstate's actor and snapshot types are taken as `any` at the machine boundaries.
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
      // `cond ? a++ : b++` is used as a statement; a bare expression that does nothing is still an error.
      '@typescript-eslint/no-unused-expressions': ['error', { allowTernary: true }],
      'no-console': 'error',
      'max-lines': ['warn', { max: 450, ...SKIP_BLANKS_AND_COMMENTS }],
    },
  },
  {
    files: ['src/**/*.ts', 'machines/**/*.ts'],
    rules: {
      'max-lines-per-function': ['warn', { max: 60, ...SKIP_BLANKS_AND_COMMENTS, IIFEs: true }],
    },
  },
  {
    // Spec files and migrations are long by nature: one scenario, or one schema step, after another.
    files: [
      'test/**/*.spec.ts',
      'test/**/*.e2e-spec.ts',
      'test/**/*.medium-spec.ts',
      'src/database/migrations/**/*.ts',
    ],
    rules: { 'max-lines': 'off', 'max-lines-per-function': 'off' },
  },
  {
    // The command line and the benchmark write to the terminal on purpose.
    files: ['src/cli.ts', 'test/bench/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    // A path test prints the path it failed on before it throws: that is its diagnosis.
    files: ['test/**/*.spec.ts'],
    rules: { 'no-console': ['error', { allow: ['error'] }] },
  },
  {
    files: ['**/*.js'],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'commonjs',
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  prettier,
);
