/**
 * Local support services and helplines: the organisation profile's `services` are the seed;
 * the database holds what staff change. Read from the database on every request that shows
 * them, so a change shows at once on every app server (no cache in the process).
 *
 * Only services with a key of their own are local: a profile entry that replaces a national
 * service (content/services.yaml, which content pages refer to by key) stays in the file, so a
 * page that names that service and the list of services can never disagree.
 */
import type { Kysely } from 'kysely';
import type { Service } from '../../domain/services.js';
import {
  insertLocalService,
  listLocalServices,
  markServiceSeeded,
} from '../db/repositories/local-services.js';
import type { Database } from '../db/schema.js';

/** The services that stay in the files: national ones, and profile entries replacing them. */
export function fixedServices(all: readonly Service[], seed: readonly Service[]): Service[] {
  const local = new Set(seed.map((s) => s.key));
  return all.filter((s) => !local.has(s.key));
}

/**
 * Loads each seed service the database has never had, in its own transaction that first marks
 * its key as loaded: servers starting together load it once, and a service staff changed or
 * deleted is never loaded again. Returns how many were added.
 */
export async function seedLocalServices(
  db: Kysely<Database>,
  seed: readonly Service[],
): Promise<number> {
  let added = 0;
  for (const service of seed) {
    added += await db.transaction().execute(async (trx) => {
      if (!(await markServiceSeeded(trx, service.key))) return 0;
      return (await insertLocalService(trx, service)) ? 1 : 0;
    });
  }
  return added;
}

/** Every service the public pages list: the fixed ones first, then the local ones. */
export async function currentServices(
  db: Kysely<Database>,
  fixed: readonly Service[],
): Promise<Service[]> {
  return [...fixed, ...(await listLocalServices(db))];
}
