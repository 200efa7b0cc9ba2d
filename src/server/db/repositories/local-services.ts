/**
 * The organisation's local support services (migration 0017), which staff edit. Each row's
 * `data` is checked by the same schema as the organisation profile when it is read, so a page
 * never shows a service that would not pass the profile's checks.
 */
import { sql, type Kysely } from 'kysely';
import { serviceSchema, type Service } from '../../../domain/services.js';
import type { Database } from '../schema.js';

function parse(data: unknown): Service | undefined {
  const result = serviceSchema.safeParse(typeof data === 'string' ? JSON.parse(data) : data);
  return result.success ? result.data : undefined;
}

/** Every local service, in the order staff see and the public pages show. */
export async function listLocalServices(db: Kysely<Database>): Promise<Service[]> {
  const rows = await db
    .selectFrom('local_services')
    .select(['data'])
    .orderBy('position')
    .orderBy('key')
    .execute();
  return rows.map((r) => parse(r.data)).filter((s): s is Service => s !== undefined);
}

export async function findLocalService(
  db: Kysely<Database>,
  key: string,
): Promise<Service | undefined> {
  const row = await db
    .selectFrom('local_services')
    .select('data')
    .where('key', '=', key)
    .executeTakeFirst();
  return row ? parse(row.data) : undefined;
}

/** Adds a service at the end of the list; false when its key is taken. */
export async function insertLocalService(db: Kysely<Database>, service: Service): Promise<boolean> {
  const row = await db
    .insertInto('local_services')
    .values({
      key: service.key,
      data: JSON.stringify(service),
      position: sql<number>`(select coalesce(max(position), -1) + 1 from local_services)`,
    })
    .onConflict((oc) => oc.column('key').doNothing())
    .returning('key')
    .executeTakeFirst();
  return row !== undefined;
}

/** Replaces a service's details (its key stays); false if there is none. */
export async function updateLocalService(db: Kysely<Database>, service: Service): Promise<boolean> {
  const result = await db
    .updateTable('local_services')
    .set({ data: JSON.stringify(service), updated_at: sql<Date>`now()` })
    .where('key', '=', service.key)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function deleteLocalService(db: Kysely<Database>, key: string): Promise<boolean> {
  const result = await db.deleteFrom('local_services').where('key', '=', key).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Records a profile service's key as loaded; false if it was loaded before. */
export async function markServiceSeeded(db: Kysely<Database>, key: string): Promise<boolean> {
  const row = await db
    .insertInto('service_seeds')
    .values({ key })
    .onConflict((oc) => oc.column('key').doNothing())
    .returning('key')
    .executeTakeFirst();
  return row !== undefined;
}
