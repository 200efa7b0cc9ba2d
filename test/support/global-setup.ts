/**
 * Runs once before any test file: makes (or finds) the databases freshDatabase starts from
 * (embedded, empty and migrated; PostgreSQL, migrated), so no file pays for them inside a hook
 * with a deadline.
 */
import { pgliteTemplate, POSTGRES_URL, postgresTemplate } from './databases.js';

export default async function setup(): Promise<void> {
  await Promise.all([
    pgliteTemplate(false),
    pgliteTemplate(true),
    ...(POSTGRES_URL === undefined ? [] : [postgresTemplate()]),
  ]);
}
