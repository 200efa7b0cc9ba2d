/**
 * `npm run log:rotate [-- --origin NAME]`: gives the receipt log a new key (see
 * src/server/log/rotate.ts and docs/vault-protocol.md §9.7). With the embedded database, stop
 * the server first (only one process may open it). With PostgreSQL, run it while the servers run:
 * each picks the new key up before its next checkpoint. When the key comes from LOG_SIGNING_KEY,
 * this prints the new key for you to put there.
 */
import { loadConfig } from '../src/server/config.js';
import { openDatabase } from '../src/server/db/database.js';
import { migrateToLatest } from '../src/server/db/migrate.js';
import { rotateLogKey } from '../src/server/log/rotate.js';
import { StartupError } from '../src/server/startup-error.js';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const at = args.indexOf('--origin');
  const origin = at >= 0 ? args[at + 1] : undefined;
  if (at >= 0 && origin === undefined) throw new StartupError('Say the new origin after --origin.');
  const config = await loadConfig();
  const database = await openDatabase(
    config.databaseUrl !== undefined
      ? { engine: 'postgres', url: config.databaseUrl }
      : { engine: 'pglite', dataDir: config.dataDir },
  );
  try {
    await migrateToLatest(database.db);
    const rotation = await rotateLogKey(database.db, config.log, origin ? { origin } : {});
    const lines = [
      `The receipt log's key changed from ${rotation.from.origin} to ${rotation.to.origin}.`,
      `Old key fingerprint: ${rotation.from.fingerprint}`,
      `New key fingerprint: ${rotation.to.fingerprint}`,
      'Vaults follow the change by the hand-over both keys signed (/api/log/handovers).',
    ];
    if (rotation.keptInDatabase) {
      lines.push(
        'The new key is kept in the database. Publish its fingerprint where you published the old one.',
      );
    } else {
      lines.push(
        'Set LOG_SIGNING_KEY to this new key (secret: keep it like the old one), unset LOG_ORIGIN',
        'or set it to the new origin, and restart every app server:',
        '',
        rotation.to.text,
      );
    }
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof StartupError ? error.message : `Could not change the log key: ${(error as Error).message}`}\n`,
  );
  process.exit(1);
});
