// Frozen: never edit a migration that has shipped; add a new one. Imports nothing from the app.
import { sql, type Kysely } from 'kysely';

/**
 * The organisation's local support services and helplines, which staff edit (/staff/services).
 * The organisation profile's `services` list stays the default seed.
 *
 * - `local_services`: one row per service. `data` is the service as the profile writes it
 *   (names, descriptions, phone, website, hours, audiences, area), checked by the same schema
 *   when it is read; `position` orders the list.
 * - `service_seeds`: every profile service ever loaded, by key, so a service staff changed or
 *   deleted is never loaded from the file again.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('local_services')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('data', 'jsonb', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createTable('service_seeds')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('seeded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}
