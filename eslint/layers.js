// The layer allow-list from DESIGN.md ("Boundaries"): each folder of src/ may import only the
// src folders and npm packages listed for it here — an allow-list, as Signal Desktop and
// Bitwarden keep, so a new dependency is a decision made in this file, not an accident.
// import() may not cross layers at all (a lazy chunk stays inside its own layer, which exports a
// loader). Test files (*.test.ts) ship nowhere and often check that two layers agree (a header
// name, an event name), so they may import any layer, any declared package, Node and test/.
//
// Written here rather than with eslint-plugin-boundaries because its resolver cannot map the
// `.js` specifiers of NodeNext TypeScript to `.ts` files without another resolver package; this
// rule resolves a relative path itself, which is all the layers need.
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';

const root = path.dirname(path.dirname(new URL(import.meta.url).pathname));
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));

/** Every runtime dependency: the server (Node) may use any of them, and Node itself. */
const RUNTIME_DEPENDENCIES = Object.keys(pkg.dependencies ?? {});

/**
 * Layer → the other layers and the npm packages it may import. Folders are under src/.
 * `node: true` lets a layer use Node's own modules.
 */
export const LAYERS = {
  domain: { layers: [], packages: ['zod', 'qrcode-generator'] },
  contract: { layers: ['domain'], packages: ['zod'] },
  crypto: {
    layers: [],
    packages: ['libsodium-wrappers-sumo', '@scure/bip39', 'pkijs', 'asn1js'],
  },
  importers: { layers: ['domain'], packages: ['zod', 'fflate', 'saxes', 'postal-mime'] },
  vault: {
    layers: ['domain', 'contract', 'crypto'],
    packages: ['zod', 'tus-js-client', 'exifr'],
  },
  report: {
    layers: ['domain', 'contract', 'crypto', 'vault'],
    packages: ['zod', 'pdf-lib', '@pdf-lib/fontkit', '@zip.js/zip.js', '@fontsource/noto-sans'],
  },
  server: {
    layers: [
      'domain',
      'contract',
      'crypto',
      'importers',
      'report',
      'web/pages',
      'web/i18n',
      'web/search',
    ],
    packages: RUNTIME_DEPENDENCIES,
    node: true,
  },
  'web/app': {
    layers: [
      'domain',
      'contract',
      'crypto',
      'importers',
      'vault',
      'report',
      'web/i18n',
      'web/styles',
      'web/browser',
    ],
    packages: ['preact', 'zod', '@fontsource/noto-sans', 'qrcode-generator'],
  },
  'web/pages': {
    layers: ['domain', 'web/i18n'],
    packages: ['preact', 'preact-render-to-string', 'markdown-it'],
  },
  'web/enhance': { layers: ['domain', 'web/search'], packages: [] },
  /** The bundle checker's page script and worker (/verify and verify.html). */
  'web/verify': { layers: ['domain', 'report', 'web/browser'], packages: [] },
  /** Browser-only helpers any page script may use (a worker's Trusted Types address). */
  'web/browser': { layers: [], packages: [] },
  /** The installed vault app's service worker (a classic script: no imports at all). */
  'web/pwa': { layers: [], packages: [] },
  /** The page a witness link opens (/witness): its script, then the vault core, lazily. */
  'web/witness': { layers: ['domain', 'crypto', 'vault', 'web/i18n'], packages: [] },
  /**
   * The page a share link opens (/share): its script, then the vault core, lazily. It makes the
   * report with the vault app's report worker (web/app/report) and checks the bundle with the
   * /verify worker, so the recipient runs exactly the code the owner and the checker run.
   */
  'web/share': {
    layers: ['domain', 'crypto', 'vault', 'report', 'web/app', 'web/browser', 'web/verify'],
    packages: [],
  },
  /** The staff area's passkey buttons (/staff): the WebAuthn ceremony in the browser. */
  'web/staff': { layers: [], packages: ['@simplewebauthn/browser'] },
  'web/search': { layers: ['domain'], packages: ['minisearch', 'stemmer'] },
  'web/i18n': { layers: ['domain'], packages: [] },
  'web/styles': { layers: [], packages: [] },
};

/** The layers that run everywhere (browser, worker, Node): no DOM, no Node globals. */
export const PURE_LAYERS = ['domain', 'contract', 'crypto', 'importers', 'vault', 'report'];

/** What a test may import besides its layer's list: every package the project declares. */
const TEST_PACKAGES = [...RUNTIME_DEPENDENCIES, ...Object.keys(pkg.devDependencies ?? {})];
const NODE_BUILTINS = new Set(builtinModules);
const LAYER_NAMES = Object.keys(LAYERS).sort((a, b) => b.length - a.length);

/** The layer a file of the repository belongs to, or undefined outside src/. */
export function layerOf(file) {
  const rel = path.relative(path.join(root, 'src'), file).split(path.sep).join('/');
  if (rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  return LAYER_NAMES.find((name) => rel === name || rel.startsWith(`${name}/`)) ?? `?${rel}`;
}

/** 'node:fs' → node; '@scope/pkg/sub' → '@scope/pkg'; 'pkg/sub' → 'pkg'. */
function packageOf(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

const isNodeBuiltin = (specifier) =>
  specifier.startsWith('node:') || NODE_BUILTINS.has(packageOf(specifier));

/** @type {import('eslint').Rule.RuleModule} */
const allowedImports = {
  meta: {
    type: 'problem',
    docs: { description: 'Each layer of src/ imports only what its allow-list names.' },
    schema: [],
    messages: {
      layer: 'src/{{from}} may not import src/{{to}} (allowed: {{allowed}}). See eslint/layers.js.',
      unknown: 'src/{{from}} may not import {{to}}: it is in no layer of eslint/layers.js.',
      homeless:
        'src/{{file}} is in no layer of eslint/layers.js: give its folder an allow-list there.',
      outside: 'src/{{from}} may not import {{to}}: code in src/ stays inside src/.',
      package: "src/{{from}} may not import the package '{{name}}' (not in its allow-list).",
      node: "src/{{from}} may not import Node's '{{name}}': this code runs in the browser too.",
      dynamic:
        'import() may not cross layers (src/{{from}} → src/{{to}}): export a loader from src/{{to}}.',
    },
  },
  create(context) {
    const file = context.filename;
    const from = layerOf(file);
    if (from === undefined) return {};
    if (from.startsWith('?')) {
      return {
        Program: (node) =>
          context.report({ node, messageId: 'homeless', data: { file: from.slice(1) } }),
      };
    }
    const rules = LAYERS[from];
    const isTest = /\.test\.tsx?$/.test(file);

    function check(node, specifier, dynamic) {
      if (typeof specifier !== 'string') return;
      const report = (messageId, data) =>
        context.report({ node, messageId, data: { from, ...data } });
      if (specifier.startsWith('.') || specifier.startsWith('/')) {
        const target = path.resolve(path.dirname(file), specifier.split('?')[0]);
        const to = layerOf(target);
        if (to === undefined) {
          if (!isTest) report('outside', { to: specifier });
          return;
        }
        if (to === from || (isTest && !to.startsWith('?'))) return;
        if (to.startsWith('?')) return report('unknown', { to: specifier });
        if (dynamic) return report('dynamic', { to });
        if (!rules.layers.includes(to)) {
          report('layer', { to, allowed: rules.layers.join(', ') || 'none' });
        }
        return;
      }
      if (isNodeBuiltin(specifier)) {
        if (!rules.node && !isTest) report('node', { name: specifier });
        return;
      }
      const name = packageOf(specifier);
      if (rules.packages.includes(name) || (isTest && TEST_PACKAGES.includes(name))) return;
      report('package', { name });
    }

    const fromSource = (node) => check(node.source, node.source?.value, false);
    return {
      ImportDeclaration: fromSource,
      ExportNamedDeclaration: (node) => node.source && fromSource(node),
      ExportAllDeclaration: fromSource,
      ImportExpression(node) {
        if (node.source.type === 'Literal') check(node.source, node.source.value, true);
        else if (node.source.type === 'TemplateLiteral' && node.source.expressions.length === 0) {
          check(node.source, node.source.quasis[0]?.value.cooked, true);
        }
      },
    };
  },
};

export const layersPlugin = { rules: { 'allowed-imports': allowedImports } };
