/**
 * The database as Kysely sees it. Add a table here when a migration adds it; repositories are
 * the only code that touches these types.
 */
import type { ColumnType, RawBuilder } from 'kysely';

export interface Database {
  service_meta: ServiceMetaTable;
  rate_limit_counters: RateLimitCounterTable;
  accounts: AccountTable;
  sessions: SessionTable;
  records: RecordTable;
  record_revisions: RecordRevisionTable;
  backup_codes: BackupCodeTable;
  uploads: UploadTable;
  upload_locks: UploadLockTable;
  revision_leaves: RevisionLeafTable;
  log_head: LogHeadTable;
  log_key_handovers: LogKeyHandoverTable;
  log_pending: LogPendingTable;
  log_leaves: LogLeafTable;
  log_nodes: LogNodeTable;
  log_checkpoints: LogCheckpointTable;
  shares: ShareTable;
  share_items: ShareItemTable;
  share_opens: ShareOpenTable;
  share_sessions: ShareSessionTable;
  witness_invitations: WitnessInvitationTable;
  witness_statements: WitnessStatementTable;
  news_articles: NewsArticleTable;
  news_translations: NewsTranslationTable;
  events: EventTable;
  event_translations: EventTranslationTable;
  bookings: BookingTable;
  content_seeds: ContentSeedTable;
  quick_devices: QuickDeviceTable;
  quick_records: QuickRecordTable;
  staff_members: StaffMemberTable;
  staff_passkeys: StaffPasskeyTable;
  staff_invitations: StaffInvitationTable;
  staff_setup_tokens: StaffSetupTokenTable;
  staff_sessions: StaffSessionTable;
  staff_challenges: StaffChallengeTable;
  staff_audit: StaffAuditTable;
  local_services: LocalServiceTable;
  service_seeds: ServiceSeedTable;
}

/** A device that may send locked quick records (docs/vault-protocol.md §16.2). */
export interface QuickDeviceTable {
  id: string;
  account_id: string;
  /** SHA-256 of the device's drop token. */
  token_hash: Uint8Array;
  created_at: ColumnType<Date, never, never>;
}

/** A sealed quick record; the ciphertext is null once the vault has filed it (§16.5). */
export interface QuickRecordTable {
  id: string;
  account_id: string;
  device_id: string;
  ciphertext: Uint8Array | null;
  size: number;
  received_at: ColumnType<Date, never, never>;
  filed_at: Date | null;
  log_entry_id: ColumnType<string | null, never, string | null>;
}

/** A witness invitation (docs/vault-protocol.md §15); the auth-key hash is null once closed. */
export interface WitnessInvitationTable {
  id: string;
  account_id: string;
  /** SHA-256 of the invitation's auth key. */
  auth_key_hash: Uint8Array | null;
  /** The person's note (label, incident), sealed to their own public key. */
  note: Uint8Array | null;
  max_statements: number;
  statements: ColumnType<number, never, number>;
  expires_at: Date;
  revoked_at: Date | null;
  blocked: ColumnType<boolean, never, boolean>;
  created_at: ColumnType<Date, never, never>;
}

/** A sealed witness statement and its receipt entry. */
export interface WitnessStatementTable {
  id: string;
  account_id: string;
  invitation_id: string;
  ciphertext: Uint8Array;
  size: number;
  received_at: ColumnType<Date, never, never>;
  log_entry_id: ColumnType<string | null, never, string | null>;
}

/** A share (docs/vault-protocol.md §14); the secrets are null once it is revoked. */
export interface ShareTable {
  id: string;
  account_id: string;
  mode: 'snapshot' | 'live';
  revision: number;
  /** Argon2id (PHC string) of the share's auth key. */
  auth_key_hash: string | null;
  /** The share key wrapped by the owner's account key (slot share-key/<id>). */
  owner_wrapped_key: Uint8Array | null;
  /** The manifest envelope, sealed to the share key. */
  manifest: Uint8Array | null;
  expires_at: Date;
  revoked_at: Date | null;
  failed_attempts: ColumnType<number, never, number>;
  last_failed_at: ColumnType<Date | null, never, Date | null>;
  created_at: ColumnType<Date, never, never>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export interface ShareItemTable {
  share_id: string;
  kind: 'record' | 'upload';
  item_id: string;
  /** A snapshot's pinned revision of a record; null for a kept-up-to-date share or an upload. */
  revision: number | null;
}

export interface ShareOpenTable {
  share_id: string;
  opened_at: ColumnType<Date, never, never>;
  device: string;
}

export interface ShareSessionTable {
  token_hash: Uint8Array;
  share_id: string;
  expires_at: Date;
}

/** The receipt log's one row: its size (bigint: pg returns it as text). */
export interface LogHeadTable {
  id: number;
  size: ColumnType<string, number, number>;
  /** The log's private key text, when it was made at first start (not LOG_SIGNING_KEY). */
  signing_key: ColumnType<string | null, never, string | null>;
}

/** One change of the log's key: a note signed by the old key and the new (§9.7). */
export interface LogKeyHandoverTable {
  seq: number;
  from_vkey: string;
  to_vkey: string;
  note: string;
  created_at: Date;
}

export interface LogLeafTable {
  idx: ColumnType<string, number, never>;
  /** The receipt leaf bytes (docs/vault-protocol.md §9). */
  leaf: Uint8Array;
  received_at: Date;
  /** The log_pending entry it was sequenced from (null for leaves appended before 0009). */
  entry_id: ColumnType<string | null, number | undefined, never>;
}

/** A committed write's receipt entry waiting for the sequencer to give it an index. */
export interface LogPendingTable {
  id: ColumnType<string, never, never>;
  record_id: string;
  revision: number;
  ciphertext_sha256: Uint8Array;
  received_at: ColumnType<Date, Date | undefined, never>;
  /** Set on entries for ciphertexts stored before the log existed. */
  backfilled_at: ColumnType<Date | null, Date | undefined, never>;
}

/** The hash of the complete subtree of 2^level leaves starting at leaf idx × 2^level. */
export interface LogNodeTable {
  level: number;
  idx: ColumnType<string, number, never>;
  hash: Uint8Array;
}

export interface LogCheckpointTable {
  size: ColumnType<string, number, never>;
  root_hash: Uint8Array;
  /** The signed checkpoint note, verbatim. */
  note: string;
  created_at: ColumnType<Date, never, never>;
  /** RFC 3161 token (CMS ContentInfo DER) over the checkpoint body, when a TSA stamped it. */
  tsa_token: ColumnType<Uint8Array | null, never, Uint8Array | null>;
  tsa_time: ColumnType<Date | null, never, Date | null>;
}

/** A tus lock on one upload, shared by every app server (src/server/blobs/db-locker.ts). */
export interface UploadLockTable {
  upload_id: string;
  /** Random per lock taken: only its taker renews or releases it. */
  holder: string;
  expires_at: ColumnType<Date, RawBuilder<Date>, RawBuilder<Date>>;
  release_requested: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: ColumnType<Date, never, never>;
}

export interface UploadTable {
  /** Random, made by the server; also the blob's name in the store. */
  id: string;
  account_id: string;
  /** Bytes of ciphertext declared at creation (bigint: pg returns it as text). */
  length: ColumnType<string, number, never>;
  created_at: ColumnType<Date, never, never>;
  completed_at: ColumnType<Date | null, never, Date>;
  /** The receipt leaf of the finished file (null until then). */
  leaf_index: ColumnType<string | null, never, number>;
  /** Its log_pending entry (migration 0009 on); the index is found through log_leaves. */
  log_entry_id: ColumnType<string | null, never, number>;
  /** The witness invitation that sent it (migration 0013), null for the person's own. */
  witness_invitation_id: ColumnType<string | null, string | undefined, string | null>;
  /** The statement that names it, once sent (migration 0013). */
  witness_statement_id: ColumnType<string | null, string | undefined, string>;
}

export interface BackupCodeTable {
  account_id: string;
  /** SHA-256 of a 80-bit random code: not worth brute-forcing, so no slow hash is needed. */
  code_hash: Uint8Array;
  created_at: ColumnType<Date, never, never>;
}

/** Stored as given by the client; checked again by the client before every derivation. */
export interface KdfParamsColumn {
  algorithm: 'argon2id13';
  opsLimit: number;
  memLimitBytes: number;
  salt: string;
}

export interface AccountTable {
  id: string;
  username: string;
  /** Argon2id (PHC string) of the client's auth key. */
  auth_key_hash: string;
  /** Argon2id (PHC string) of the client's recovery auth key. */
  recovery_key_hash: string;
  kdf_params: ColumnType<KdfParamsColumn, string, string>;
  wrapped_key_passphrase: Uint8Array;
  wrapped_key_recovery: Uint8Array;
  /** Base32 TOTP secret once the second factor is on; null when it is off. */
  totp_secret: ColumnType<string | null, string | null | undefined, string | null>;
  /** A secret being set up, waiting for its first code. */
  totp_pending_secret: ColumnType<string | null, string | null | undefined, string | null>;
  /** The last TOTP time step accepted, so no code can be used twice. */
  totp_last_step: ColumnType<string | null, number | null | undefined, number | null>;
  /** Failed attempts since the last successful sign-in (told to the person, then reset). */
  failed_passphrases: ColumnType<number, never, number>;
  failed_codes: ColumnType<number, never, number>;
  failed_recoveries: ColumnType<number, never, number>;
  last_failed_at: ColumnType<Date | null, never, Date | null>;
  /**
   * Bytes of ciphertext and wrapped key in every revision of this account's records (bigint:
   * pg returns it as text), kept by each write in the same transaction; the record quota.
   */
  records_bytes: ColumnType<string, never, string>;
  /** The account's X25519 public key and wrapped secret key (§15.1); null until made. */
  key_pair_public: ColumnType<Uint8Array | null, never, Uint8Array | null>;
  key_pair_secret: ColumnType<Uint8Array | null, never, Uint8Array | null>;
  created_at: ColumnType<Date, never, never>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export interface SessionTable {
  /** Public id, shown in the session list; not a credential. */
  id: string;
  /** SHA-256 of the cookie's token: a database leak gives no usable session. */
  token_hash: Uint8Array;
  account_id: string;
  /** 'recovery' sessions may only complete a recovery. */
  kind: 'full' | 'recovery';
  device: string;
  created_at: ColumnType<Date, never, never>;
  last_seen_at: ColumnType<Date, Date | undefined, Date>;
  expires_at: Date;
}

export interface RecordTable {
  account_id: string;
  id: string;
  type: string;
  revision: number;
  ciphertext: Uint8Array;
  wrapped_key: Uint8Array;
  created_at: ColumnType<Date, never, never>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export interface RecordRevisionTable {
  account_id: string;
  record_id: string;
  revision: number;
  type: string;
  ciphertext: Uint8Array;
  wrapped_key: Uint8Array;
  created_at: ColumnType<Date, Date | undefined, never>;
  /** Its receipt entry in log_pending (0009 on); the index is found through log_leaves. */
  log_entry_id: ColumnType<string | null, never, number>;
}

/**
 * Which receipt leaf covers a revision, for leaves appended before migration 0009 (later ones:
 * record_revisions.log_entry_id).
 */
export interface RevisionLeafTable {
  account_id: string;
  record_id: string;
  revision: number;
  leaf_index: ColumnType<string, number, never>;
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

/** A news article (migration 0012); published and shown once `published_at` has come. */
export interface NewsArticleTable {
  id: string;
  slug: string;
  status: 'draft' | 'published';
  published_at: Date;
  /** A file under CONTENT_DIR/media, served at /media/<name>. */
  image: string | null;
  origin: 'file' | 'staff';
  created_at: ColumnType<Date, never, never>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export interface NewsTranslationTable {
  article_id: string;
  locale: string;
  title: string;
  summary: string;
  /** Markdown, rendered with HTML switched off. */
  body: string;
  image_alt: string | null;
}

/** A training course, briefing or conference (migration 0012). */
export interface EventTable {
  id: string;
  slug: string;
  status: 'draft' | 'published';
  published_at: Date;
  kind: 'course' | 'briefing' | 'conference';
  audience: 'practitioners' | 'public';
  mode: 'online' | 'in-person';
  starts_at: Date;
  ends_at: Date;
  time_zone: string;
  cost_pence: number;
  capacity: number | null;
  places_taken: ColumnType<number, never, number>;
  booking: 'form' | 'link' | 'none';
  booking_url: string | null;
  origin: 'file' | 'staff';
  created_at: ColumnType<Date, never, never>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export interface EventTranslationTable {
  event_id: string;
  locale: string;
  title: string;
  summary: string;
  body: string;
  venue: string | null;
}

/** Personal data: deleted a set number of days after its event ends. */
export interface BookingTable {
  id: string;
  event_id: string;
  /** SHA-256 (hex) of the cancellation link's token. */
  token_hash: string;
  name: string;
  email: string;
  organisation: string;
  role: string;
  needs: string;
  consent: boolean;
  locale: string;
  created_at: ColumnType<Date, never, never>;
}

export interface ContentSeedTable {
  kind: 'news' | 'event';
  slug: string;
  seeded_at: ColumnType<Date, never, never>;
}

/** Staff accounts (migration 0015): separate from vault accounts. */
export interface StaffMemberTable {
  id: string;
  login: string;
  name: string;
  role: 'editor' | 'administrator';
  totp_secret: string | null;
  totp_last_step: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: ColumnType<Date, never, never>;
}

export interface StaffPasskeyTable {
  id: string;
  member_id: string;
  public_key: Uint8Array;
  counter: ColumnType<string, string | number, string | number>;
  transports: string;
  created_at: ColumnType<Date, never, never>;
}

export interface StaffInvitationTable {
  token_hash: Uint8Array;
  member_id: string;
  expires_at: Date;
}

export interface StaffSetupTokenTable {
  token_hash: Uint8Array;
  created_at: ColumnType<Date, never, never>;
}

export interface StaffSessionTable {
  id: string;
  token_hash: Uint8Array;
  member_id: string;
  created_at: ColumnType<Date, never, never>;
  last_seen_at: ColumnType<Date, never, RawBuilder<Date> | Date>;
  expires_at: Date;
}

export interface StaffChallengeTable {
  challenge: string;
  purpose: string;
  expires_at: Date;
}

export interface StaffAuditTable {
  id: ColumnType<string, never, never>;
  at: ColumnType<Date, never, never>;
  member_id: string | null;
  member_login: string;
  action: string;
  target: string;
}

/** A local support service staff edit (migration 0017); `data` is checked by serviceSchema. */
export interface LocalServiceTable {
  key: string;
  data: ColumnType<unknown, string, string>;
  position: ColumnType<number, number | undefined, number>;
  updated_at: ColumnType<Date, never, RawBuilder<Date>>;
}

export interface ServiceSeedTable {
  key: string;
  seeded_at: ColumnType<Date, never, never>;
}
