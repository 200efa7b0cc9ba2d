// Lint: type-aware TypeScript rules plus the runtime boundaries from DESIGN.md.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Node's own modules: 'node:*' by pattern, bare names exactly. (A pattern 'crypto' would also
// match the project's own isomorphic src/crypto.)
const NODE_PREFIXED = ['node:*'];
const NODE_BARE = [
  'fs',
  'path',
  'crypto',
  'os',
  'child_process',
  'http',
  'https',
  'net',
  'stream',
  'worker_threads',
].map((name) => ({
  name,
  message: 'No Node-only modules here: this code runs in the browser too.',
}));

/** Pure layers: no server, no web, no Node-only modules, no DOM. */
const pureLayer = (dir) => ({
  files: [`src/${dir}/**/*.{ts,tsx}`],
  ignores: ['src/**/*.test.{ts,tsx}'],
  languageOptions: { globals: { ...globals['shared-node-browser'] } },
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            group: ['**/server/**', '**/web/**'],
            message: `src/${dir} is pure: it may not import server or web code.`,
          },
          {
            group: NODE_PREFIXED,
            message: `src/${dir} runs in the browser too: no Node-only modules.`,
          },
        ],
        paths: NODE_BARE,
      },
    ],
    'no-restricted-globals': [
      'error',
      ...[
        'window',
        'document',
        'localStorage',
        'sessionStorage',
        'indexedDB',
        'process',
        'Buffer',
        'require',
      ].map((name) => ({ name, message: `src/${dir} is pure and isomorphic: no ${name}.` })),
    ],
  },
});

export default tseslint.config(
  { ignores: ['dist/', 'data/', 'node_modules/', 'coverage/', '.test-artifacts/'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-confusing-void-expression': 'off',
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[property.name='innerHTML']",
          message: 'Never innerHTML: build DOM nodes.',
        },
        {
          selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']",
          message: 'Only the Markdown renderer may set HTML (see src/web/pages/Markdown.tsx).',
        },
        {
          selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']",
          message: 'Math.random is not for anything secret; use crypto.getRandomValues.',
        },
      ],
    },
  },
  { files: ['**/*.js'], ...tseslint.configs.disableTypeChecked },
  pureLayer('domain'),
  pureLayer('crypto'),
  pureLayer('importers'),
  pureLayer('report'),
  {
    files: ['src/server/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/web/app/**', '**/web/enhance/**'],
              message: 'The server never imports browser code.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/server/db/migrations/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../*', '../../*', '**/src/**'],
              message: 'Migrations are frozen: they import nothing from the app.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/web/enhance/**/*.ts', 'src/web/app/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/server/**', ...NODE_PREFIXED],
              message: 'Browser code cannot import server or Node-only code.',
            },
          ],
          paths: NODE_BARE,
        },
      ],
    },
  },
  {
    files: ['**/*.test.{ts,tsx}', 'test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      // Hooks assign shared fixtures that a failed beforeAll can leave unset.
      '@typescript-eslint/no-unnecessary-condition': 'off',
      // expect.any() and inject's res.json() are typed any; tests read them to assert on them.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-floating-promises': 'error',
    },
  },
);
