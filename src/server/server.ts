/**
 * The entry point: read the configuration, open and migrate the database, listen. A start-up
 * mistake prints one line saying what is wrong and how to fix it, and exits with status 1.
 */
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { openDatabase, type OpenDatabase } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { StartupError } from './startup-error.js';

async function main(): Promise<void> {
  const config = await loadConfig();
  const database = await openDatabase(
    config.databaseUrl !== undefined
      ? { engine: 'postgres', url: config.databaseUrl }
      : { engine: 'pglite', dataDir: config.dataDir },
  );
  let app: FastifyInstance | undefined;
  try {
    await migrateToLatest(database.db);
    app = await buildApp({ config, database });
    await listen(app, config.host, config.port);
  } catch (error) {
    await app?.close();
    await database.close();
    throw error;
  }
  const where =
    database.engine === 'postgres' ? 'PostgreSQL' : `the embedded database in ${config.dataDir}`;
  app.log.info(`Mosaic is serving http://${config.host}:${config.port} on ${where}`);
  shutDownOnSignal(app, database);
  backUpOnSignal(app, database, config.dataDir);
}

/**
 * `npm run backup` sends SIGUSR2 to a server using the embedded database: the server writes a
 * consistent copy of it to DATA_DIR/backups/ (under a temporary name, renamed when complete).
 */
function backUpOnSignal(app: FastifyInstance, database: OpenDatabase, dataDir: string): void {
  const dump = database.dump;
  if (!dump) return;
  process.on('SIGUSR2', () => {
    void (async () => {
      const folder = path.join(dataDir, 'backups');
      await mkdir(folder, { recursive: true, mode: 0o700 });
      const name = `database-${new Date().toISOString().replace(/[:.]/g, '-')}.tar.gz`;
      const file = path.join(folder, name);
      await writeFile(`${file}.partial`, Buffer.from(await (await dump()).arrayBuffer()), {
        mode: 0o600,
      });
      await rename(`${file}.partial`, file);
      app.log.info(`backup written: ${name}`);
    })().catch((error: unknown) => {
      app.log.error({ err: { type: (error as Error).name } }, 'backup failed');
    });
  });
}

async function listen(app: FastifyInstance, host: string, port: number): Promise<void> {
  try {
    await app.listen({ host, port });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') {
      throw new StartupError(
        `Port ${port} is already in use. Stop the other program, or set PORT to a free port.`,
      );
    }
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') {
      throw new StartupError(
        `Cannot listen on host "${host}": it is not an address of this machine. Check HOST.`,
      );
    }
    if (code === 'EACCES') {
      throw new StartupError(
        `Not allowed to listen on port ${port}. Use a port above 1023, or check permissions.`,
      );
    }
    throw error;
  }
}

function shutDownOnSignal(app: FastifyInstance, database: OpenDatabase): void {
  const stop = (): void => {
    void app
      .close()
      .then(() => database.close())
      .then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  if (error instanceof StartupError) {
    process.stderr.write(`Mosaic could not start: ${error.message}\n`);
  } else {
    process.stderr.write(
      `Mosaic could not start because of an unexpected error:\n${String((error as Error).stack ?? error)}\n`,
    );
  }
  process.exit(1);
});
