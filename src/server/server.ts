/**
 * The entry point: read the configuration, open and migrate the database, listen. A start-up
 * mistake prints one line saying what is wrong and how to fix it, and exits with status 1.
 */
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
