/**
 * Builds the real app for a test: real configuration loading, a real database, the real content
 * (or a fixture folder), served through app.inject or on a loopback port.
 */
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app.js';
import { loadConfig, type Config } from '../../src/server/config.js';
import { PROJECT_ROOT } from '../../src/server/paths.js';
import { freshDatabase, type EngineName, type TestDatabase } from './databases.js';

export const FIXTURES = path.join(PROJECT_ROOT, 'test', 'fixtures');

export interface TestApp {
  readonly app: FastifyInstance;
  readonly config: Config;
  readonly database: TestDatabase;
  close(): Promise<void>;
}

export async function startTestApp(
  options: { engine?: EngineName; env?: Record<string, string> } = {},
): Promise<TestApp> {
  // CONTENT_DIR and ORGANISATION_PROFILE pass through, so a deployment can test its own words.
  const passThrough = Object.fromEntries(
    ['CONTENT_DIR', 'ORGANISATION_PROFILE'].flatMap((k) =>
      process.env[k] ? [[k, process.env[k]]] : [],
    ),
  );
  const config = await loadConfig({ LOG_LEVEL: 'silent', ...passThrough, ...options.env });
  const database = await freshDatabase(options.engine ?? 'pglite');
  const app = await buildApp({ config, database });
  await app.ready();
  return {
    app,
    config,
    database,
    async close() {
      await app.close();
      await database.close();
    },
  };
}
