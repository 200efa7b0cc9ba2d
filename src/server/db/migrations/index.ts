/**
 * Every migration, in order. Listed explicitly (not read from a folder) so the same list works
 * from TypeScript sources in tests and from compiled JavaScript in production.
 */
import type { Migration } from 'kysely';
import * as m0001 from './0001_service_meta_and_rate_limits.js';
import * as m0002 from './0002_vault.js';
import * as m0003 from './0003_second_factor.js';
import * as m0004 from './0004_uploads.js';
import * as m0005 from './0005_sign_in_failures.js';
import * as m0006 from './0006_record_quota.js';
import * as m0007 from './0007_upload_locks.js';
import * as m0008 from './0008_receipt_log.js';
import * as m0009 from './0009_log_pending.js';
import * as m0010 from './0010_shares.js';
import * as m0011 from './0011_witnesses.js';
import * as m0012 from './0012_news_and_events.js';
import * as m0013 from './0013_witness_files.js';
import * as m0014 from './0014_log_key_handovers.js';
import * as m0015 from './0015_staff.js';
import * as m0017 from './0017_local_services.js';
import * as m0018 from './0018_quick_records.js';

export const migrations: Readonly<Record<string, Migration>> = {
  '0001_service_meta_and_rate_limits': m0001,
  '0002_vault': m0002,
  '0003_second_factor': m0003,
  '0004_uploads': m0004,
  '0005_sign_in_failures': m0005,
  '0006_record_quota': m0006,
  '0007_upload_locks': m0007,
  '0008_receipt_log': m0008,
  '0009_log_pending': m0009,
  '0010_shares': m0010,
  '0011_witnesses': m0011,
  '0012_news_and_events': m0012,
  '0013_witness_files': m0013,
  '0014_log_key_handovers': m0014,
  '0015_staff': m0015,
  '0017_local_services': m0017,
  '0018_quick_records': m0018,
};
