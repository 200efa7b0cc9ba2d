/**
 * The database as Kysely sees it. Add a table here when a migration adds it; repositories are
 * the only code that touches these types.
 */
import type { ColumnType } from 'kysely';

export interface Database {
  service_meta: ServiceMetaTable;
  rate_limit_counters: RateLimitCounterTable;
}

export interface ServiceMetaTable {
  key: string;
  value: string;
  created_at: ColumnType<Date, never, never>;
}

export interface RateLimitCounterTable {
  /** HMAC of the limited subject (an address, an account), never the subject itself. */
  key: string;
  hits: number;
  reset_at: Date;
}
