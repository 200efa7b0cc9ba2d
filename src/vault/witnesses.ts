/**
 * Witness statements in the vault core (docs/vault-protocol.md §15): the account key pair, the
 * person's invitations and statements, and the witness's side of the link. Pure but for the one
 * API client; the screens (src/web/app/witness/) and the /witness page (src/web/witness/) call
 * these.
 *
 * Person:
 * - `ensureAccountKeyPair(api, accountKey)` at sign-up and unlock: reads the key pair, or makes
 *   and stores it for an account that has none; the public key is derived from the secret key
 *   and must match what the server holds.
 * - `createWitnessInvitation`, `listWitnessInvitations` (notes opened), `revokeWitnessInvitation`,
 *   `blockWitnessInvitation` (also deletes the link's statements not yet in the diary).
 * - `openWitnessStatements` (sealed statements from the server, opened and checked),
 *   `fileWitnessStatement` (keeps one as a `witness-statement` record), `updateFiledStatement`
 *   (the person's links and note; the witness's words can never change) and
 *   `listFiledWitnessStatements` (every kept statement: what the report and shares read),
 *   `proveFiledStatement` (for a report bundle: the sealed bytes as they arrived, the opening key
 *   of that one message and its arrival receipt, §15.7) and `deleteFiledStatement`.
 *
 * Witness: `openWitnessLink(api, hash)` (proves the link, checks the served public key against
 * the fingerprint in the link) and `sendWitnessStatement`.
 */
import {
  fromBase64Url,
  generateAccountKeyPair,
  openSealed,
  parseWitnessFragment,
  publicKeyFingerprint,
  publicKeyMatches,
  sealedOpeningKey,
  sealToPublicKey,
  sha256,
  toBase64Url,
  toHex,
  unwrapAccountKeyPair,
  utf8Decode,
  utf8Encode,
  witnessAuthKey,
  witnessInvitationContext,
  witnessStatementContext,
  wrapAccountSecretKey,
  CryptoError,
  formatWitnessFragment,
  generateWitnessSecret,
  newInvitationId,
  WITNESS_PAGE_SLUG,
  type AccountKeyPair,
  type WitnessLink,
} from '../crypto/index.js';
import {
  WITNESS_STATEMENT_TYPE,
  witnessStatementRecordSchema,
  witnessStatementSchema,
  type WitnessStatement,
  type WitnessStatementRecord,
} from '../domain/witness.js';
import {
  isApiError,
  type InvitationSummary,
  type ReceiptAnswer,
  type RecordResponse,
  type VaultApi,
  type WitnessOpen,
} from './api.js';
import { loadAll, type Kind } from './diary-records.js';
import { deleteWitnessFiles } from './witness-files.js';
import {
  RecordShapeError,
  sealNewRecord,
  sealRecordUpdate,
  type DecryptedRecord,
  type RevisionWatch,
} from './records.js';

export type WitnessErrorCode = 'statement_invalid' | 'note_invalid';

/** A statement or note that opens but is not what it should be (another invitation's, bad shape). */
export class WitnessError extends Error {
  override readonly name = 'WitnessError';
  constructor(
    readonly code: WitnessErrorCode,
    message: string,
  ) {
    super(message);
  }
}

// ---- the account key pair ----

/**
 * The account's key pair, made and stored first if the account has none (at sign-up, and at the
 * first unlock of an account made before witness statements). The public key is always derived
 * from the secret key; a server holding another is refused (`public_key_mismatch`).
 *
 * @example const keyPair = await ensureAccountKeyPair(api, accountKey);
 */
export async function ensureAccountKeyPair(
  api: VaultApi,
  accountKey: Uint8Array,
): Promise<AccountKeyPair> {
  const existing = await loadAccountKeyPair(api, accountKey);
  if (existing) return existing;
  const pair = await generateAccountKeyPair();
  const wrapped = await wrapAccountSecretKey(accountKey, pair.secretKey);
  try {
    await api.putKeyPair({
      publicKey: toBase64Url(pair.publicKey),
      wrappedSecretKey: toBase64Url(wrapped),
    });
    return pair;
  } catch (error) {
    // Another device made one at the same moment: that one is the account's.
    if (!isApiError(error, 'key_pair_exists')) throw error;
    const made = await loadAccountKeyPair(api, accountKey);
    if (!made) throw error;
    return made;
  }
}

/** The account's key pair, or undefined when it has none yet. */
export async function loadAccountKeyPair(
  api: VaultApi,
  accountKey: Uint8Array,
): Promise<AccountKeyPair | undefined> {
  const served = await api.getKeyPair();
  if (served === null) return undefined;
  return unwrapAccountKeyPair(
    accountKey,
    fromBase64Url(served.wrappedSecretKey),
    fromBase64Url(served.publicKey),
  );
}

// ---- invitations (the person) ----

export const WITNESS_DEFAULT_DAYS = 14;

/** The person's own words about an invitation, sealed to their own public key. */
export interface InvitationNote {
  readonly label: string;
  readonly incidentId?: string | undefined;
}

export interface MadeInvitation {
  readonly invitation: InvitationSummary;
  /** The whole link to send to the witness (the secret is in its fragment). */
  readonly link: string;
}

/**
 * A new invitation: the link's secret and id are made here; the server gets the auth key's proof
 * material and the sealed note only.
 *
 * @example const { link } = await createWitnessInvitation(api, keyPair, { label: 'Sam', origin, maxStatements: 1 });
 */
export async function createWitnessInvitation(
  api: VaultApi,
  keyPair: AccountKeyPair,
  options: {
    label: string;
    incidentId?: string | undefined;
    maxStatements: number;
    expiresInSeconds?: number;
    /** e.g. https://support.example.org; the link opens <origin><prefix>/witness. */
    origin: string;
    /** '' for the default language, '/cy' for Welsh. */
    prefix?: string;
  },
): Promise<MadeInvitation> {
  const id = await newInvitationId();
  const secret = await generateWitnessSecret();
  const authKey = toBase64Url(await witnessAuthKey(secret, id));
  const note: InvitationNote & { v: 1; invitationId: string } = {
    v: 1,
    invitationId: id,
    label: options.label,
    ...(options.incidentId !== undefined ? { incidentId: options.incidentId } : {}),
  };
  const sealedNote = await sealToPublicKey(
    keyPair.publicKey,
    utf8Encode(JSON.stringify(note)),
    witnessInvitationContext(id),
  );
  const invitation = await api.createWitnessInvitation({
    id,
    authKey,
    note: toBase64Url(sealedNote),
    maxStatements: options.maxStatements,
    ...(options.expiresInSeconds !== undefined
      ? { expiresInSeconds: options.expiresInSeconds }
      : {}),
  });
  const fragment = formatWitnessFragment({
    invitationId: id,
    secret,
    fingerprint: await publicKeyFingerprint(keyPair.publicKey),
  });
  const link = `${options.origin}${options.prefix ?? ''}/${WITNESS_PAGE_SLUG}#${fragment}`;
  return { invitation, link };
}

export interface OpenedInvitation extends InvitationSummary {
  /** The person's note; null when it could not be opened (or is gone). */
  readonly label: string | null;
  readonly incidentId: string | undefined;
}

async function openNote(keyPair: AccountKeyPair, summary: InvitationSummary) {
  if (summary.note === null) return null;
  try {
    const bytes = await openSealed(
      keyPair,
      fromBase64Url(summary.note),
      witnessInvitationContext(summary.id),
    );
    const value = JSON.parse(utf8Decode(bytes)) as Record<string, unknown>;
    if (value.invitationId !== summary.id || typeof value.label !== 'string') return null;
    const incidentId = typeof value.incidentId === 'string' ? value.incidentId : undefined;
    return { label: value.label, incidentId };
  } catch {
    return null;
  }
}

/** Every invitation of the account, newest first, with its note opened. */
export async function listWitnessInvitations(
  api: VaultApi,
  keyPair: AccountKeyPair,
): Promise<OpenedInvitation[]> {
  const all = await api.listWitnessInvitations();
  const out: OpenedInvitation[] = [];
  for (const summary of all) {
    const note = await openNote(keyPair, summary);
    out.push({ ...summary, label: note?.label ?? null, incidentId: note?.incidentId });
  }
  return out;
}

export function revokeWitnessInvitation(api: VaultApi, id: string): Promise<void> {
  return api.revokeWitnessInvitation(id);
}

/**
 * Blocks a misused link, and deletes the statements it brought that are not in the diary.
 *
 * @example await blockWitnessInvitation(api, id, filedStatementIds);
 */
export async function blockWitnessInvitation(
  api: VaultApi,
  id: string,
  filedStatementIds: ReadonlySet<string>,
  /** Opens the statements first, so that their files (§15.8) are deleted with them. */
  keyPair?: AccountKeyPair,
): Promise<number> {
  await api.blockWitnessInvitation(id);
  let deleted = 0;
  for (const s of await api.listWitnessStatements()) {
    if (s.invitationId !== id || filedStatementIds.has(s.id)) continue;
    if (keyPair !== undefined) await deleteStatementFiles(api, keyPair, s.id);
    await api.deleteWitnessStatement(s.id);
    deleted++;
  }
  return deleted;
}

/** Deletes the uploads a statement names (one that does not open has none to find). */
async function deleteStatementFiles(
  api: VaultApi,
  keyPair: AccountKeyPair,
  statementId: string,
): Promise<void> {
  try {
    const opened = await openWitnessStatement(keyPair, await api.getWitnessStatement(statementId));
    await deleteWitnessFiles(api, opened.statement);
  } catch (error) {
    if (!(error instanceof CryptoError) && !(error instanceof WitnessError)) throw error;
  }
}

// ---- statements (the person) ----

export interface OpenedStatement {
  readonly id: string;
  readonly invitationId: string;
  readonly receivedAt: string;
  readonly size: number;
  /** SHA-256 (hex) of the sealed bytes as served, which the receipt covers. */
  readonly sealedSha256: string;
  readonly statement: WitnessStatement;
}

export type StatementResult =
  | ({ readonly ok: true } & OpenedStatement)
  | {
      readonly ok: false;
      readonly id: string;
      readonly invitationId: string;
      readonly receivedAt: string;
    };

/**
 * Opens one sealed statement: it must open in its invitation's context, fit the schema, and name
 * that same invitation inside (else `statement_invalid`, or `decryption_failed`).
 */
export async function openWitnessStatement(
  keyPair: AccountKeyPair,
  sealed: {
    id: string;
    invitationId: string;
    receivedAt: string;
    size: number;
    ciphertext: string;
  },
): Promise<OpenedStatement> {
  const bytes = fromBase64Url(sealed.ciphertext);
  const plain = await openSealed(keyPair, bytes, witnessStatementContext(sealed.invitationId));
  let value: unknown;
  try {
    value = JSON.parse(utf8Decode(plain));
  } catch {
    throw new WitnessError('statement_invalid', 'the statement is not readable');
  }
  const parsed = witnessStatementSchema.safeParse(value);
  if (!parsed.success || parsed.data.invitationId !== sealed.invitationId) {
    throw new WitnessError('statement_invalid', 'the statement is not one of this invitation');
  }
  return {
    id: sealed.id,
    invitationId: sealed.invitationId,
    receivedAt: sealed.receivedAt,
    size: sealed.size,
    sealedSha256: toHex(await sha256(bytes)),
    statement: parsed.data,
  };
}

/**
 * Every statement on the server, opened (those that fail are listed as not ok, never dropped).
 * `skip` names statements already kept in the diary, which are not fetched again.
 */
export async function openWitnessStatements(
  api: VaultApi,
  keyPair: AccountKeyPair,
  skip: ReadonlySet<string> = new Set(),
): Promise<StatementResult[]> {
  const out: StatementResult[] = [];
  for (const summary of await api.listWitnessStatements()) {
    if (skip.has(summary.id)) continue;
    try {
      const sealed = await api.getWitnessStatement(summary.id);
      if (sealed.id !== summary.id || sealed.invitationId !== summary.invitationId) {
        throw new WitnessError('statement_invalid', 'the server sent another statement');
      }
      out.push({ ok: true, ...(await openWitnessStatement(keyPair, sealed)) });
    } catch (error) {
      if (error instanceof CryptoError || error instanceof WitnessError) {
        out.push({
          ok: false,
          id: summary.id,
          invitationId: summary.invitationId,
          receivedAt: summary.receivedAt,
        });
      } else {
        throw error;
      }
    }
  }
  return out;
}

function parser(value: unknown): WitnessStatementRecord {
  const result = witnessStatementRecordSchema.safeParse(value);
  if (!result.success) throw new RecordShapeError('the record does not fit its schema');
  return result.data;
}

/** The `witness-statement` record kind (diary-records.ts Kind). */
export const WITNESS_STATEMENT: Kind<WitnessStatementRecord, WitnessStatementRecord> = {
  type: WITNESS_STATEMENT_TYPE,
  parse: parser,
  check: parser,
};

/**
 * Keeps an opened statement in the diary: a `witness-statement` record with the statement as
 * sent and the person's own part beside it. Returns the record id.
 */
export async function fileWitnessStatement(
  api: VaultApi,
  accountKey: Uint8Array,
  opened: OpenedStatement,
  own: {
    incidentIds?: readonly string[];
    note?: string;
    /** The evidence items made from its files (`keepWitnessFiles`), when it has any. */
    evidenceIds?: readonly string[];
  } = {},
): Promise<string> {
  const value = WITNESS_STATEMENT.check({
    v: 1,
    statementId: opened.id,
    invitationId: opened.invitationId,
    receivedAt: opened.receivedAt,
    sealedSha256: opened.sealedSha256,
    statement: opened.statement,
    incidentIds: [...(own.incidentIds ?? [])],
    note: own.note ?? '',
    ...(own.evidenceIds !== undefined && own.evidenceIds.length > 0
      ? { evidenceIds: [...own.evidenceIds] }
      : {}),
  });
  const created = await api.createRecord(
    await sealNewRecord(accountKey, WITNESS_STATEMENT_TYPE, value),
  );
  return created.id;
}

/**
 * The person's own part of a kept statement (links to incidents, a note), as a new revision.
 * The witness's words are copied from the current revision, never from the caller.
 */
export async function updateFiledStatement(
  api: VaultApi,
  accountKey: Uint8Array,
  current: { record: DecryptedRecord<WitnessStatementRecord>; response: RecordResponse },
  own: { incidentIds: readonly string[]; note: string },
): Promise<void> {
  const value = WITNESS_STATEMENT.check({
    ...current.record.value,
    incidentIds: [...own.incidentIds],
    note: own.note,
  });
  if (JSON.stringify(value.statement) !== JSON.stringify(current.record.value.statement)) {
    throw new WitnessError('statement_invalid', 'the witness’s words cannot change');
  }
  await api.updateRecord(
    current.response.id,
    await sealRecordUpdate(accountKey, current.response, value),
  );
}

/**
 * Every statement kept in the diary, oldest first by when it arrived (what a report's "Witness
 * statements" section or a share reads), and how many could not be opened.
 */
export async function listFiledWitnessStatements(
  api: VaultApi,
  accountKey: Uint8Array,
  watch: RevisionWatch,
): Promise<{ records: DecryptedRecord<WitnessStatementRecord>[]; unreadable: number }> {
  const { records, unreadable } = await loadAll(api, accountKey, watch, WITNESS_STATEMENT);
  records.sort((a, b) => a.value.receivedAt.localeCompare(b.value.receivedAt));
  return { records, unreadable };
}

/** What proves a kept statement offline (§15.7): see `proveFiledStatement`. */
export interface StatementProof {
  /** The sealed bytes exactly as the server holds them (SHA-256 = the record's sealedSha256). */
  readonly sealed: Uint8Array;
  /** Opens this one sealed message and nothing else. */
  readonly openingKey: Uint8Array;
  readonly publicKey: Uint8Array;
  /** The log's receipt for the sealed bytes; undefined while pending or when there is none. */
  readonly receipt: ReceiptAnswer | undefined;
}

/**
 * For a report bundle: fetches a kept statement's sealed bytes, checks they are the ones the
 * record names (SHA-256) and that they open to the very words kept, then gives the opening key of
 * that message and its arrival receipt. Undefined when the server no longer has the statement,
 * or gives other bytes: the bundle then says its arrival is not proven.
 *
 * @example const proof = await proveFiledStatement(api, keyPair, record.value);
 */
export async function proveFiledStatement(
  api: VaultApi,
  keyPair: AccountKeyPair,
  kept: WitnessStatementRecord,
): Promise<StatementProof | undefined> {
  let served: Awaited<ReturnType<VaultApi['getWitnessStatement']>>;
  try {
    served = await api.getWitnessStatement(kept.statementId);
  } catch (error) {
    if (isApiError(error, 'not_found')) return undefined;
    throw error;
  }
  if (served.id !== kept.statementId || served.invitationId !== kept.invitationId) return undefined;
  const sealed = fromBase64Url(served.ciphertext);
  if (toHex(await sha256(sealed)) !== kept.sealedSha256) return undefined;
  const context = witnessStatementContext(kept.invitationId);
  try {
    const words = JSON.parse(utf8Decode(await openSealed(keyPair, sealed, context))) as unknown;
    if (JSON.stringify(witnessStatementSchema.parse(words)) !== JSON.stringify(kept.statement)) {
      return undefined;
    }
  } catch {
    return undefined;
  }
  const openingKey = await sealedOpeningKey(keyPair, sealed, context);
  let receipt: ReceiptAnswer | undefined;
  try {
    receipt = await api.getWitnessStatementReceipt(kept.statementId);
  } catch (error) {
    if (!isApiError(error, 'receipt_pending') && !isApiError(error, 'receipt_unavailable')) {
      throw error;
    }
  }
  return { sealed, openingKey, publicKey: keyPair.publicKey, receipt };
}

/**
 * Deletes a kept statement: the diary record (the person's copy and their note) and the sealed
 * statement on the server (so it is not offered again as new). Its receipt stays in the log, as
 * every receipt does: the log shows that something arrived then, never what it said.
 *
 * @example await deleteFiledStatement(api, record.id, record.value.statementId);
 */
export async function deleteFiledStatement(
  api: VaultApi,
  recordId: string,
  statementId: string,
): Promise<void> {
  try {
    await api.deleteWitnessStatement(statementId);
  } catch (error) {
    // Already gone from the server (deleted before, or the link was blocked): the record goes.
    if (!isApiError(error, 'not_found')) throw error;
  }
  await api.deleteRecord(recordId);
}

// ---- the witness ----

export interface OpenLink extends WitnessOpen {
  readonly link: WitnessLink;
  readonly authKey: string;
  readonly publicKey: string;
}

/**
 * The witness's first step: reads the link, proves it, and checks the public key the server gives
 * against the fingerprint in the link (`public_key_mismatch` if the server swapped it).
 *
 * @example const open = await openWitnessLink(api, location.hash);
 */
export async function openWitnessLink(api: VaultApi, hash: string): Promise<OpenLink> {
  const link = parseWitnessFragment(hash);
  const authKey = toBase64Url(await witnessAuthKey(link.secret, link.invitationId));
  const answer = await api.openWitnessInvitation(link.invitationId, authKey);
  let key: Uint8Array;
  try {
    key = fromBase64Url(answer.publicKey);
  } catch {
    throw new CryptoError('public_key_mismatch', 'the server gave no usable key');
  }
  if (!(await publicKeyMatches(key, link.fingerprint))) {
    throw new CryptoError(
      'public_key_mismatch',
      'the key the server gave is not the one in the link',
    );
  }
  return { ...answer, link, authKey };
}

/**
 * Seals the statement to the checked public key and sends it; the time the server received it.
 * Nothing is kept: the caller drops the statement after this.
 */
export async function sendWitnessStatement(
  api: VaultApi,
  open: OpenLink,
  statement: WitnessStatement,
): Promise<string> {
  const checked = witnessStatementSchema.safeParse(statement);
  if (!checked.success || checked.data.invitationId !== open.link.invitationId) {
    throw new WitnessError('statement_invalid', 'the statement is not complete');
  }
  const key = fromBase64Url(open.publicKey);
  // Checked again right before sealing: the key must be the one the link names.
  if (!(await publicKeyMatches(key, open.link.fingerprint))) {
    throw new CryptoError('public_key_mismatch', 'the key is not the one in the link');
  }
  const sealed = await sealToPublicKey(
    key,
    utf8Encode(JSON.stringify(checked.data)),
    witnessStatementContext(open.link.invitationId),
  );
  return api.sendWitnessStatement(
    open.link.invitationId,
    open.authKey,
    toBase64Url(sealed),
    (checked.data.files ?? []).map((f) => f.uploadId),
  );
}
