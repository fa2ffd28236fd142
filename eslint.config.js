// One lint config for the whole repository (formatting is Prettier's, see .prettierrc.json).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { orchestratorRules } from './infra/lint/orchestrator-rules.js';
import { newsdeskPlugin } from './infra/lint/plugin.js';

// The import rules resolve relative imports against this folder, wherever eslint is started from.
const root = import.meta.dirname;

export default tseslint.config(
  { ignores: ['**/dist/**', 'node_modules/**', 'bench/results/**', '.data/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        console: 'readonly',
        process: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setImmediate: 'readonly',
        fetch: 'readonly',
        Response: 'readonly',
        performance: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name=/^(it|test|describe)$/][callee.property.name='only']",
          message: 'Focused tests silence the rest of the suite.',
        },
      ],
    },
  },
  {
    files: ['**/*.js'],
    rules: { '@typescript-eslint/consistent-type-imports': 'off' },
  },
  // Imports point down the layers (DESIGN.md, Layout), types included; tests obey their folder's layer and may also
  // import test/support/. The app never imports the one-machine platform: it does not know where it runs.
  {
    plugins: { newsdesk: newsdeskPlugin },
    rules: {
      'newsdesk/layers': ['error', { root }],
      'newsdesk/local-platform': ['error', { root }],
    },
  },
  // Newsdesk's own composition of the platform (infra/stack) and the benchmarks use its package entry points only.
  {
    files: ['infra/stack/**', 'bench/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/infra/local/**', '**/infra/local', '../local', '../local/**'],
              message: "Import the local platform's public entry points: @newsdesk/local-platform[/host|/durable|…].",
            },
          ],
        },
      ],
    },
  },
  // Orchestrator functions are replayed: no I/O, clocks, randomness or Node built-ins. Their tests beside them are not.
  {
    files: ['**/orchestrations/**/*.{ts,js}'],
    ignores: ['**/*.test.ts'],
    rules: {
      ...orchestratorRules,
      // Activity names and input types come from one module (`allow`, globs from the root); activity code never.
      'newsdesk/orchestration-imports': ['error', { root, allow: ['**/activities/catalog.ts', 'contracts/**'] }],
    },
  },
  // The desk runs in the browser (its build script under desk/scripts/ in Node, with the globals above).
  {
    files: ['desk/src/**'],
    languageOptions: {
      globals: {
        window: 'readonly',
        document: 'readonly',
        location: 'readonly',
        history: 'readonly',
        sessionStorage: 'readonly',
        navigator: 'readonly',
        XMLHttpRequest: 'readonly',
        FormData: 'readonly',
        Blob: 'readonly',
        File: 'readonly',
        TextDecoder: 'readonly',
        AbortController: 'readonly',
        HTMLElement: 'readonly',
        HTMLDialogElement: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        requestAnimationFrame: 'readonly',
        process: 'off',
        Buffer: 'off',
        setImmediate: 'off',
      },
    },
  },
  // The command line is a client of the HTTP API, installed on people's machines: it shares contracts/ and lib/ with the
  // service and nothing else (the layers rule alone would let the top layer import adapters/ and the features).
  {
    files: ['cli/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '**/adapters/**',
                '**/ingest/**',
                '**/orchestrator/**',
                '**/workers/**',
                '**/classifier/**',
                '**/app/**',
                '**/infra/**',
                '**/desk/**',
              ],
              message: 'The command line speaks HTTP: it imports only contracts/, lib/ and packages.',
            },
          ],
        },
      ],
    },
  },
);
