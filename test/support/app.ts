/**
 * Builds the real app for a test: real configuration loading, a real database, the real content
 * (or a fixture folder), served through app.inject or on a loopback port.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { UploadRoutes } from '../../src/server/api/upload-routes.js';
import { buildApp } from '../../src/server/app.js';
import type { ReceiptLog } from '../../src/server/log/receipt-log.js';
import { loadConfig, type Config, type Timeouts } from '../../src/server/config.js';
import { PROJECT_ROOT } from '../../src/server/paths.js';
import { freshDatabase, type EngineName, type TestDatabase } from './databases.js';

export const FIXTURES = path.join(PROJECT_ROOT, 'test', 'fixtures');

export interface TestApp {
  readonly app: FastifyInstance;
  readonly config: Config;
  readonly database: TestDatabase;
  readonly blobs: UploadRoutes;
  readonly log: ReceiptLog;
  close(): Promise<void>;
}

export async function startTestApp(
  options: { engine?: EngineName; env?: Record<string, string>; timeouts?: Partial<Timeouts> } = {},
): Promise<TestApp> {
  // CONTENT_DIR and ORGANISATION_PROFILE pass through, so a deployment can test its own words.
  const passThrough = Object.fromEntries(
    ['CONTENT_DIR', 'ORGANISATION_PROFILE'].flatMap((k) =>
      process.env[k] ? [[k, process.env[k]]] : [],
    ),
  );
  // A data folder of its own, so uploaded blobs never land in the project's ./data.
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'mosaic-test-data-'));
  const loaded = await loadConfig({
    LOG_LEVEL: 'silent',
    DATA_DIR: dataDir,
    ...passThrough,
    ...options.env,
  });
  // Timeouts are not settings a deployment changes; tests shorten them to see them act.
  const config: Config = { ...loaded, timeouts: { ...loaded.timeouts, ...options.timeouts } };
  const database = await freshDatabase(options.engine ?? 'pglite');
  let blobs: UploadRoutes | undefined;
  let log: ReceiptLog | undefined;
  const app = await buildApp({
    config,
    database,
    onUploads: (uploads) => (blobs = uploads),
    onReceiptLog: (l) => (log = l),
  });
  await app.ready();
  if (!blobs || !log) throw new Error('the app did not create its blob store or receipt log');
  return {
    app,
    config,
    database,
    blobs,
    log,
    async close() {
      await app.close();
      await database.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
