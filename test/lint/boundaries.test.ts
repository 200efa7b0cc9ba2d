/**
 * The boundaries of DESIGN.md hold: each rule of eslint/layers.js and the pure layers' globals
 * rule fires on a probe that breaks it, and a clean probe passes. The probes are linted with the
 * project's own eslint.config.js (only the boundary rules run, so no type information is needed),
 * at the paths they stand for. The pure tsconfig is proved the same way: it refuses DOM and Node
 * globals that the main tsconfig accepts.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { ESLint } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const BOUNDARY_RULES = new Set([
  'layers/allowed-imports',
  'no-restricted-globals',
  'no-restricted-imports',
]);

const eslint = new ESLint({
  cwd: root,
  overrideConfig: { languageOptions: { parserOptions: { projectService: false } } },
  ruleFilter: ({ ruleId }) => BOUNDARY_RULES.has(ruleId),
});

/** The boundary messages eslint gives a probe with this source at this path. */
async function lint(file: string, code: string): Promise<{ rule: string; text: string }[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return (result?.messages ?? []).map((m) => ({ rule: m.ruleId ?? 'fatal', text: m.message }));
}

describe('the layer allow-list (eslint/layers.js)', () => {
  const refused: [string, string, string, RegExp][] = [
    [
      'domain → web',
      'src/domain/probe.ts',
      "import { x } from '../web/app/x.js';",
      /src\/domain may not import src\/web\/app/,
    ],
    [
      'domain → vault',
      'src/domain/probe.ts',
      "export { x } from '../vault/index.js';",
      /may not import src\/vault/,
    ],
    [
      'contract → server',
      'src/contract/probe.ts',
      "import '../server/app.js';",
      /may not import src\/server/,
    ],
    [
      'crypto → domain',
      'src/crypto/probe.ts',
      "import type { X } from '../domain/x.js';",
      /may not import src\/domain/,
    ],
    [
      'importers → vault',
      'src/importers/probe.ts',
      "import { x } from '../vault/index.js';",
      /may not import src\/vault/,
    ],
    [
      'vault → server',
      'src/vault/probe.ts',
      "import { x } from '../server/app.js';",
      /src\/vault may not import src\/server/,
    ],
    [
      'vault → web/app',
      'src/vault/probe.ts',
      "export * from '../web/app/context.js';",
      /may not import src\/web\/app/,
    ],
    [
      'report → server',
      'src/report/probe.ts',
      "import { x } from '../server/app.js';",
      /src\/report may not import src\/server/,
    ],
    [
      'server → web/app',
      'src/server/probe.ts',
      "import { x } from '../web/app/main.js';",
      /src\/server may not import src\/web\/app/,
    ],
    [
      'server → vault',
      'src/server/api/probe.ts',
      "import { x } from '../../vault/index.js';",
      /may not import src\/vault/,
    ],
    [
      'web/app → server',
      'src/web/app/probe.ts',
      "import { x } from '../../server/app.js';",
      /src\/web\/app may not import src\/server/,
    ],
    [
      'web/pages → web/app',
      'src/web/pages/probe.tsx',
      "import { x } from '../app/ui.js';",
      /src\/web\/pages may not import src\/web\/app/,
    ],
    [
      'web/enhance → vault',
      'src/web/enhance/probe.ts',
      "import { x } from '../../vault/index.js';",
      /src\/web\/enhance may not import src\/vault/,
    ],
    [
      'web/search → web/pages',
      'src/web/search/probe.ts',
      "import { x } from '../pages/x.js';",
      /src\/web\/search may not import src\/web\/pages/,
    ],
    [
      'web/i18n → server',
      'src/web/i18n/probe.ts',
      "import { x } from '../../server/x.js';",
      /src\/web\/i18n may not import src\/server/,
    ],
    [
      'a folder in no layer',
      'src/vault/probe.ts',
      "import { x } from '../elsewhere/x.js';",
      /in no layer/,
    ],
    [
      'a package not allowed (crypto → preact)',
      'src/crypto/probe.ts',
      "import { h } from 'preact';",
      /package 'preact'/,
    ],
    [
      'a package not allowed (vault → fastify)',
      'src/vault/probe.ts',
      "import Fastify from 'fastify';",
      /package 'fastify'/,
    ],
    [
      'a package not allowed (web/app → kysely)',
      'src/web/app/probe.ts',
      "import { sql } from 'kysely';",
      /package 'kysely'/,
    ],
    [
      'a package not allowed (web/pages → zod)',
      'src/web/pages/probe.ts',
      "import { z } from 'zod';",
      /package 'zod'/,
    ],
    [
      'Node in a pure layer (node:fs)',
      'src/domain/probe.ts',
      "import { readFile } from 'node:fs/promises';",
      /Node's 'node:fs\/promises'/,
    ],
    [
      'Node in a pure layer (bare crypto)',
      'src/vault/probe.ts',
      "import { randomBytes } from 'crypto';",
      /Node's 'crypto'/,
    ],
    [
      'Node in the browser app',
      'src/web/app/probe.ts',
      "import path from 'node:path';",
      /Node's 'node:path'/,
    ],
    [
      'import() across layers, even an allowed one',
      'src/web/app/probe.ts',
      "export const load = () => import('../../vault/backup-transfer.js');",
      /import\(\) may not cross layers/,
    ],
    [
      'import() across layers (template)',
      'src/report/probe.ts',
      'export const load = () => import(`../vault/index.js`);',
      /import\(\) may not cross layers/,
    ],
    [
      'a folder of src/ that is in no layer (its imports would go unchecked)',
      'src/web/newfolder/probe.ts',
      'export const x = 1;',
      /src\/web\/newfolder\/probe\.ts is in no layer/,
    ],
  ];

  it.each(refused)('refuses %s', async (_what, file, code, message) => {
    const messages = await lint(file, code);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ rule: 'layers/allowed-imports' });
    expect(messages[0]!.text).toMatch(message);
  });

  const allowed: [string, string, string][] = [
    [
      'vault → its own files, contract, crypto, domain and its packages',
      'src/vault/probe.ts',
      [
        "import { x } from './api.js';",
        "import { y } from '../contract/index.js';",
        "import { z as zz } from '../crypto/index.js';",
        "import type { W } from '../domain/diary/index.js';",
        "import { z } from 'zod';",
        "export const lazy = () => import('./backup-transfer.js');",
        'export const all = [x, y, zz, z];',
        'export type { W };',
      ].join('\n'),
    ],
    [
      'web/app → vault, domain, i18n, styles and preact',
      'src/web/app/probe.tsx',
      [
        "import { h } from 'preact';",
        "import { useState } from 'preact/hooks';",
        "import { VaultApi } from '../../vault/index.js';",
        "import { t } from '../i18n/messages.js';",
        "import '../styles/vault.css';",
        'export const all = [h, useState, VaultApi, t];',
      ].join('\n'),
    ],
    [
      'report → vault, crypto and its PDF and ZIP packages',
      'src/report/probe.ts',
      [
        "import { PDFDocument } from 'pdf-lib';",
        "import fontkit from '@pdf-lib/fontkit';",
        "import { ZipWriter } from '@zip.js/zip.js';",
        "import { openRecord } from '../vault/index.js';",
        'export const all = [PDFDocument, fontkit, ZipWriter, openRecord];',
      ].join('\n'),
    ],
    [
      'server → Node, its packages, contract and pages',
      'src/server/probe.ts',
      [
        "import { readFile } from 'node:fs/promises';",
        "import Fastify from 'fastify';",
        "import { CSRF_HEADER } from '../contract/index.js';",
        "import { Page } from '../web/pages/page.js';",
        'export const all = [readFile, Fastify, CSRF_HEADER, Page];',
      ].join('\n'),
    ],
    [
      'a test, which may compare layers',
      'src/vault/probe.test.ts',
      [
        "import { expect, it } from 'vitest';",
        "import { QUICK_EXIT_EVENT } from '../web/enhance/quick-exit.js';",
        "it('agrees', () => expect(QUICK_EXIT_EVENT).toBeTruthy());",
      ].join('\n'),
    ],
  ];

  it.each(allowed)('allows %s', async (_what, file, code) => {
    expect(await lint(file, code)).toEqual([]);
  });
});

describe('the pure layers refuse DOM and Node globals (eslint)', () => {
  const globalsRefused: [string, string][] = [
    ['src/domain/probe.ts', 'document.title'],
    ['src/contract/probe.ts', 'window.name'],
    ['src/crypto/probe.ts', 'process.env.KEY'],
    ['src/importers/probe.ts', 'Buffer.from("x")'],
    ['src/vault/probe.ts', 'localStorage.getItem("k")'],
    ['src/vault/probe.ts', 'indexedDB.open("d")'],
    ['src/report/probe.ts', 'navigator.userAgent'],
  ];

  it.each(globalsRefused)('%s may not use %s', async (file, expression) => {
    const messages = await lint(file, `export const probe = ${expression};`);
    expect(messages.map((m) => m.rule)).toEqual(['no-restricted-globals']);
  });

  it('lets the browser app use the DOM', async () => {
    expect(await lint('src/web/app/probe.ts', 'export const probe = document.title;')).toEqual([]);
  });
});

describe('the pure tsconfig (tsconfig.pure.json) has no DOM and no Node', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'mosaic-pure-probe-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  /** tsc's error codes for a probe checked with the pure tsconfig's options. */
  async function pureTsc(code: string): Promise<string[]> {
    await writeFile(path.join(dir, 'probe.ts'), code);
    await writeFile(
      path.join(dir, 'tsconfig.json'),
      JSON.stringify({
        extends: path.join(root, 'tsconfig.pure.json'),
        include: [],
        files: [path.join(dir, 'probe.ts')],
      }),
    );
    const tsc = path.join(root, 'node_modules/typescript/bin/tsc');
    try {
      await promisify(execFile)(process.execPath, [tsc, '--noEmit', '-p', dir]);
      return [];
    } catch (e) {
      const out = (e as { stdout?: string }).stdout ?? '';
      return [...out.matchAll(/Cannot find name '(\w+)'/g)].map((m) => m[1]!);
    }
  }

  it('refuses document, window, localStorage, process and Buffer', async () => {
    const missing = await pureTsc(
      'export const probe = [document.title, window.name, localStorage, process.env, Buffer.from("x")];',
    );
    expect(missing.sort()).toEqual(['Buffer', 'document', 'localStorage', 'process', 'window']);
  }, 60_000);

  it('accepts the web platform every runtime shares (fetch, Blob, URL, TextEncoder, crypto)', async () => {
    const missing = await pureTsc(
      'export const probe = [fetch, Blob, URL, new TextEncoder(), crypto.getRandomValues, setTimeout];',
    );
    expect(missing).toEqual([]);
  }, 60_000);
});
