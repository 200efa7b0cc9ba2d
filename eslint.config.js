// Lint: type-aware TypeScript rules plus the runtime boundaries from DESIGN.md.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { layersPlugin, PURE_LAYERS } from './eslint/layers.js';

/** Globals a pure layer may not touch: the DOM's and Node's (tsconfig.pure.json proves it too). */
const DOM_AND_NODE_GLOBALS = [
  'window',
  'document',
  'navigator',
  'location',
  'history',
  'localStorage',
  'sessionStorage',
  'indexedDB',
  'caches',
  'self',
  'process',
  'Buffer',
  'global',
  'require',
  'module',
  '__dirname',
  '__filename',
];

/** Pure layers (domain, contract, crypto, importers, vault, report): no DOM, no Node. */
const pureLayer = (dir) => ({
  files: [`src/${dir}/**/*.{ts,tsx}`],
  ignores: ['src/**/*.test.{ts,tsx}'],
  languageOptions: { globals: { ...globals['shared-node-browser'] } },
  rules: {
    'no-restricted-globals': [
      'error',
      ...DOM_AND_NODE_GLOBALS.map((name) => ({
        name,
        message: `src/${dir} is pure and isomorphic: no ${name}.`,
      })),
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
  { files: ['**/*.{js,cjs,mjs}'], ...tseslint.configs.disableTypeChecked },
  // Each layer imports only what eslint/layers.js allows it; import() never crosses a layer.
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { layers: layersPlugin },
    rules: { 'layers/allowed-imports': 'error' },
  },
  ...PURE_LAYERS.map(pureLayer),
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
    files: ['src/web/enhance/**/*.ts', 'src/web/app/**/*.{ts,tsx}', 'src/web/staff/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
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
