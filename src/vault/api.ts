/**
 * The vault's HTTP client: JSON in and out, the CSRF header on every state-changing request made
 * while signed in, and typed errors carrying the server's stable code. It never retries: a
 * repeated POST or PUT could save twice, so a failure goes back to the person, who decides.
 *
 * The CSRF token lives in this object only (never in storage). Request bodies hold nothing
 * readable: base64url ciphertext, wrapped keys, derived auth keys, KDF parameters, usernames.
 *
 * Types come from the shared contract (src/contract/vault-api.ts) as types only, so zod stays out
 * of the browser bundle; responses are checked here by hand before anything trusts them.
 */
import type { z } from 'zod';
import type {
  CreateAccountBody,
  FailedAttempts,
  KdfParamsBody,
  RecordResponse,
  SessionResponse as ServerSessionResponse,
  changePassphraseBody,
  createRecordBody,
  recoveryCompleteBody,
  secondFactorSetupResponse,
  sessionSummary,
  updateRecordBody,
} from '../contract/vault-api.js';
import type {
  CreateShareBody,
  ShareContent,
  ShareMode,
  SharedRecord,
  ShareSummary,
  UpdateShareBody,
} from '../contract/shares.js';
import type {
  CreateInvitationBody,
  InvitationSummary,
  KeyPairBody,
  SealedStatement,
  StatementSummary,
  WitnessOpen,
} from '../contract/witnesses.js';

import type {
  QuickRecordSummary,
  SealedQuickRecord,
  SendQuickRecordBody,
} from '../contract/quick-records.js';

/** Must equal CSRF_HEADER in src/contract/vault-api.ts (api.test.ts checks). */
export const CSRF_HEADER = 'x-mosaic-csrf';
/** More pages of one record's revisions than this (100 a page) means a broken server. */
const MAX_REVISION_PAGES = 10_000;

export type CreateRecordBody = z.infer<typeof createRecordBody>;
export type UpdateRecordBody = z.infer<typeof updateRecordBody>;
export type ChangePassphraseBody = z.infer<typeof changePassphraseBody>;
export type RecoveryCompleteBody = z.infer<typeof recoveryCompleteBody>;
export type SessionSummary = z.infer<typeof sessionSummary>;
export type SecondFactorSetup = z.infer<typeof secondFactorSetupResponse>;

/** The signed-in account, as GET /api/account describes it. */
export interface AccountSummary {
  readonly username: string;
  readonly secondFactor: boolean;
  readonly backupCodesLeft: number;
}

/** What proves the second factor at sign-in: a code from the app, or one backup code. */
export type SecondFactorProof = { readonly totp: string } | { readonly backupCode: string };
export type { CreateAccountBody, FailedAttempts, KdfParamsBody, RecordResponse };
export type {
  CreateShareBody,
  ShareContent,
  ShareMode,
  SharedRecord,
  ShareSummary,
  UpdateShareBody,
};

export type { QuickRecordSummary, SealedQuickRecord, SendQuickRecordBody };
export type {
  CreateInvitationBody,
  InvitationSummary,
  KeyPairBody,
  SealedStatement,
  StatementSummary,
  WitnessOpen,
};

/** A recipient's share session (docs/vault-protocol.md §14.4): a bearer token, memory only. */
export interface ShareSession {
  readonly token: string;
  readonly expiresAt: string;
}

/** After sign-in, sign-up or recovery; `failedAttempts` only when the server told of any. */
export type SessionResponse = Omit<ServerSessionResponse, 'failedAttempts'> & {
  readonly failedAttempts?: FailedAttempts;
};

/** A write's answer: the stored record and, when receipts are on, the index of its receipt leaf. */
export type WrittenRecord = RecordResponse & { readonly leafIndex?: number };

/** The log's identity as GET /api/log/key gives it (contract/receipts.ts logKeyResponse). */
export interface LogKey {
  readonly origin: string;
  readonly vkey: string;
  readonly fingerprint: string;
}

/** A receipt as the API gives it (contract/receipts.ts receiptResponse); checked by the caller. */
export interface ReceiptAnswer {
  readonly leafIndex: number;
  /** c2sp.org/tlog-proof@v1 text. */
  readonly proof: string;
  /** The TSA countersignature of the proof's checkpoint, as the server says (not checked here). */
  readonly timestamp: { readonly token: string; readonly time: string } | null;
  /**
   * When the log took in a ciphertext stored before it existed (ISO 8601), or null. The caller
   * checks it against the leaf in the proof (receipts.ts), never trusts this copy alone.
   */
  readonly backfilledAt?: string | null;
}

export interface RecordPage {
  readonly records: RecordResponse[];
  readonly next: string | null;
}

/**
 * A failed request. `code` is the server's stable error code, or one of the client's own:
 * `network` (no response at all), `bad_response` (a response that breaks the contract).
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * True when `e` is an ApiError, optionally with the given code.
 *
 * @example if (isApiError(e, 'revision_conflict')) showConflict();
 */
export function isApiError(e: unknown, code?: string): e is ApiError {
  return e instanceof ApiError && (code === undefined || e.code === code);
}

export interface VaultApiOptions {
  /** Defaults to the global fetch. */
  readonly fetch?: typeof fetch;
  /** Origin and prefix; defaults to '' (this origin). */
  readonly base?: string;
  /** Called when a request made while signed in finds the session gone (401 not_signed_in). */
  readonly onSessionEnded?: () => void;
}

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export class VaultApi {
  private csrfToken: string | undefined;
  /**
   * The highest receipt leaf index a write from this page was answered with. One number, kept
   * across lock (it names no record): a receipt check waits until a checkpoint covers it.
   */
  private highestLeafIndex: number | undefined;
  private readonly deletedIds = new Set<string>();
  private readonly fetchImpl: typeof fetch;
  private readonly base: string;
  private readonly onSessionEnded: (() => void) | undefined;

  constructor(options: VaultApiOptions = {}) {
    this.fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.base = options.base ?? '';
    this.onSessionEnded = options.onSessionEnded;
  }

  /** True while a session's CSRF token is held. */
  get signedIn(): boolean {
    return this.csrfToken !== undefined;
  }

  /** Keeps the token from a SessionResponse, in memory only. */
  setCsrfToken(token: string): void {
    this.csrfToken = token;
  }

  clearCsrfToken(): void {
    this.csrfToken = undefined;
  }

  /**
   * The highest receipt leaf index this page's writes were answered with, if any: a receipt
   * check waits for a checkpoint that covers it instead of asking for a receipt too early.
   */
  get lastLeafIndex(): number | undefined {
    return this.highestLeafIndex;
  }

  /**
   * Whether this client deleted the record: a receipt check waiting to ask again stops rather
   * than ask for the receipt of something that is gone (a 404 in the browser's console).
   */
  deleted(id: string): boolean {
    return this.deletedIds.has(id);
  }

  private remember(written: WrittenRecord): WrittenRecord {
    if (written.leafIndex !== undefined) {
      this.highestLeafIndex = Math.max(this.highestLeafIndex ?? 0, written.leafIndex);
    }
    return written;
  }

  /** The token, for requests made outside this class (tus uploads); undefined when locked. */
  currentCsrfToken(): string | undefined {
    return this.csrfToken;
  }

  // ---- accounts and sessions ----

  async createAccount(body: CreateAccountBody): Promise<SessionResponse> {
    return this.request('POST', '/api/accounts', { body, csrf: false, parse: parseSession });
  }

  async loginChallenge(username: string): Promise<{ kdf: unknown }> {
    return this.request('POST', '/api/sessions/challenge', {
      body: { username },
      csrf: false,
      parse: (json) => ({ kdf: field(object(json), 'kdf') }),
    });
  }

  /**
   * Signs in. An account with a second factor answers 401 `second_factor_required` without
   * `second`, and 401 `second_factor_failed` for a wrong or used code.
   */
  async signIn(
    username: string,
    authKey: string,
    second?: SecondFactorProof,
  ): Promise<SessionResponse> {
    return this.request('POST', '/api/sessions', {
      body: { username, authKey, ...second },
      csrf: false,
      parse: parseSession,
    });
  }

  async listSessions(): Promise<SessionSummary[]> {
    return this.request('GET', '/api/sessions', {
      parse: (json) => array(field(object(json), 'sessions')).map(parseSessionSummary),
    });
  }

  async endSession(id: string): Promise<void> {
    await this.request('DELETE', `/api/sessions/${encodeURIComponent(id)}`, { parse: none });
  }

  /** Ends every session of this account except this one. */
  async endOtherSessions(): Promise<void> {
    await this.request('DELETE', '/api/sessions?others=true', { parse: none });
  }

  async changePassphrase(body: ChangePassphraseBody): Promise<void> {
    await this.request('PUT', '/api/account/passphrase', { body, parse: none });
  }

  async deleteAccount(authKey: string): Promise<void> {
    await this.request('DELETE', '/api/account', { body: { authKey }, parse: none });
  }

  async getAccount(): Promise<AccountSummary> {
    return this.request('GET', '/api/account', {
      parse: (json) => {
        const o = object(json);
        if (typeof o.secondFactor !== 'boolean') throw badResponse('secondFactor');
        return {
          username: string(o, 'username'),
          secondFactor: o.secondFactor,
          backupCodesLeft: integer(o, 'backupCodesLeft'),
        };
      },
    });
  }

  /**
   * Second factor, step 1: a new secret for an authenticator app (not on until step 2), its
   * link naming it `label` in the app.
   */
  async startSecondFactor(label: string): Promise<SecondFactorSetup> {
    return this.request('POST', '/api/account/second-factor', {
      body: { label },
      parse: (json) => {
        const o = object(json);
        return { secret: string(o, 'secret'), uri: string(o, 'uri') };
      },
    });
  }

  /** Second factor, step 2: the app's first code turns it on; the backup codes come back once. */
  async enableSecondFactor(code: string): Promise<string[]> {
    return this.request('PUT', '/api/account/second-factor', {
      body: { code },
      parse: (json) =>
        array(field(object(json), 'backupCodes')).map((c) => {
          if (typeof c !== 'string') throw badResponse('backupCodes');
          return c;
        }),
    });
  }

  /** Turns the second factor off, proven by the passphrase's auth key. */
  async disableSecondFactor(authKey: string): Promise<void> {
    await this.request('DELETE', '/api/account/second-factor', {
      body: { authKey },
      parse: none,
    });
  }

  async recoveryChallenge(
    username: string,
    recoveryAuthKey: string,
  ): Promise<{ wrappedAccountKey: string; recoveryToken: string }> {
    return this.request('POST', '/api/recovery/challenge', {
      body: { username, recoveryAuthKey },
      csrf: false,
      parse: (json) => {
        const o = object(json);
        return {
          wrappedAccountKey: string(o, 'wrappedAccountKey'),
          recoveryToken: string(o, 'recoveryToken'),
        };
      },
    });
  }

  async recoveryComplete(body: RecoveryCompleteBody): Promise<SessionResponse> {
    return this.request('POST', '/api/recovery/complete', {
      body,
      csrf: false,
      parse: parseSession,
    });
  }

  /**
   * Signs this session out without waiting, in a way the browser finishes even while the page
   * is being left (quick exit, pagehide). Forgets the CSRF token at once.
   */
  signOutKeepalive(): void {
    const token = this.csrfToken;
    this.csrfToken = undefined;
    if (token === undefined) return;
    try {
      this.fetchImpl(this.base + '/api/sessions/current', {
        method: 'DELETE',
        headers: { [CSRF_HEADER]: token },
        credentials: 'same-origin',
        cache: 'no-store',
        keepalive: true,
      }).catch(() => {
        // Nothing to do: the session also expires on the server when idle.
      });
    } catch {
      // fetch can throw synchronously while the document unloads; the session still expires.
    }
  }

  // ---- records ----

  async createRecord(body: CreateRecordBody): Promise<WrittenRecord> {
    return this.remember(
      await this.request('POST', '/api/records', { body, parse: parseWrittenRecord }),
    );
  }

  /** One page of records, oldest first unless `order` is `desc`; every type when `type` is left out. */
  async listRecords(query: {
    type?: string;
    limit?: number;
    cursor?: string;
    order?: 'asc' | 'desc';
  }): Promise<RecordPage> {
    const params = new URLSearchParams();
    if (query.type !== undefined) params.set('type', query.type);
    if (query.order !== undefined) params.set('order', query.order);
    if (query.limit !== undefined) params.set('limit', String(query.limit));
    if (query.cursor !== undefined) params.set('cursor', query.cursor);
    return this.request('GET', `/api/records?${params.toString()}`, {
      parse: (json) => {
        const o = object(json);
        const next = field(o, 'next');
        if (next !== null && typeof next !== 'string') throw badResponse('next');
        return { records: array(field(o, 'records')).map(parseRecord), next };
      },
    });
  }

  async getRecord(id: string): Promise<RecordResponse> {
    return this.request('GET', `/api/records/${encodeURIComponent(id)}`, { parse: parseRecord });
  }

  async updateRecord(id: string, body: UpdateRecordBody): Promise<WrittenRecord> {
    return this.remember(
      await this.request('PUT', `/api/records/${encodeURIComponent(id)}`, {
        body,
        parse: parseWrittenRecord,
      }),
    );
  }

  /**
   * Every revision of a record, oldest first. The server sends them a page at a time (by count
   * and by bytes); this follows `next` to the end.
   */
  async listRevisions(id: string): Promise<RecordResponse[]> {
    const all: RecordResponse[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < MAX_REVISION_PAGES; page++) {
      const query = cursor === undefined ? '' : `?cursor=${encodeURIComponent(cursor)}`;
      const result = await this.request(
        'GET',
        `/api/records/${encodeURIComponent(id)}/revisions${query}`,
        {
          parse: (json) => {
            const o = object(json);
            const next = field(o, 'next');
            if (next !== null && typeof next !== 'string') throw badResponse('next');
            return { revisions: array(field(o, 'revisions')).map(parseRecord), next };
          },
        },
      );
      all.push(...result.revisions);
      if (result.next === null) return all;
      // A page with nothing in it but a next page would never end.
      if (result.revisions.length === 0) throw badResponse('next');
      cursor = result.next;
    }
    throw badResponse('next');
  }

  async deleteRecord(id: string): Promise<void> {
    this.deletedIds.add(id);
    try {
      await this.request('DELETE', `/api/records/${encodeURIComponent(id)}`, { parse: none });
    } catch (e) {
      this.deletedIds.delete(id);
      throw e;
    }
  }

  // ---- receipts and the log (docs/vault-protocol.md §9) ----

  /** The deployment's log origin and key, to pin inside the vault. */
  /** Every change of the log's key, oldest first (signed notes; check with followHandovers). */
  async getLogHandovers(): Promise<string[]> {
    return this.request('GET', '/api/log/handovers', {
      parse: (json) => {
        const list = array(object(json).handovers);
        if (!list.every((n): n is string => typeof n === 'string')) throw badResponse('handovers');
        return list;
      },
    });
  }

  async getLogKey(): Promise<LogKey> {
    return this.request('GET', '/api/log/key', {
      parse: (json) => {
        const o = object(json);
        return {
          origin: string(o, 'origin'),
          vkey: string(o, 'vkey'),
          fingerprint: string(o, 'fingerprint'),
        };
      },
    });
  }

  /** The newest signed checkpoint: its size and note (public; check the note before trusting). */
  async getLogCheckpoint(): Promise<{ size: number; note: string }> {
    return this.request('GET', '/api/log/checkpoint', {
      parse: (json) => {
        const o = object(json);
        return { size: integer(o, 'size'), note: string(o, 'checkpoint') };
      },
    });
  }

  /**
   * The receipt of one revision of a record. ApiError `receipt_pending` while the server answers
   * 202 (no checkpoint covers it yet: every write for a few seconds, and what was stored before
   * the log until it is backfilled).
   */
  async getRevisionReceipt(id: string, revision: number): Promise<ReceiptAnswer> {
    return this.request(
      'GET',
      `/api/records/${encodeURIComponent(id)}/revisions/${revision}/receipt`,
      { parse: parseReceipt },
    );
  }

  /**
   * The receipt of a finished evidence upload; pending as getRevisionReceipt, and ApiError
   * `receipt_unavailable` (404) for a file not fully sent.
   */
  async getUploadReceipt(uploadId: string): Promise<ReceiptAnswer> {
    return this.request('GET', `/api/uploads/${encodeURIComponent(uploadId)}/receipt`, {
      parse: parseReceipt,
    });
  }

  /** An RFC 6962 consistency proof from tree size `from` to `to` (base64 hashes). */
  async getConsistency(from: number, to: number): Promise<string[]> {
    return this.request('GET', `/api/log/consistency?from=${from}&to=${to}`, {
      parse: (json) => {
        const o = object(json);
        if (o.from !== from || o.to !== to) throw badResponse('from');
        return array(field(o, 'proof')).map((h) => {
          if (typeof h !== 'string') throw badResponse('proof');
          return h;
        });
      },
    });
  }

  // ---- shares (docs/vault-protocol.md §14) ----

  /** Owner: stores a new share (manifest sealed to the share key, items it lists). */
  async createShare(body: CreateShareBody): Promise<ShareSummary> {
    return this.request('POST', '/api/shares', { body, parse: parseShareSummary });
  }

  /** Owner: every share of the account, newest first, with openings and failed attempts. */
  async listShares(): Promise<ShareSummary[]> {
    return this.request('GET', '/api/shares', {
      parse: (json) => array(field(object(json), 'shares')).map(parseShareSummary),
    });
  }

  /** Owner: a kept-up-to-date share's new manifest and items; answers the new revision. */
  async updateShare(id: string, body: UpdateShareBody): Promise<number> {
    return this.request('PUT', `/api/shares/${encodeURIComponent(id)}`, {
      body,
      parse: (json) => integer(object(json), 'revision'),
    });
  }

  /** Owner: revokes at once (the server deletes the share's ciphertext). */
  async revokeShare(id: string): Promise<void> {
    await this.request('DELETE', `/api/shares/${encodeURIComponent(id)}`, { parse: none });
  }

  /**
   * Recipient: proves the share's auth key. 401 `share_passcode_wrong`, 429 `share_locked`,
   * 410 `share_expired` / `share_revoked`, 404 `share_not_found`.
   */
  async openShareSession(id: string, authKey: string): Promise<ShareSession> {
    return this.request('POST', `/api/shares/${encodeURIComponent(id)}/session`, {
      body: { authKey },
      csrf: false,
      parse: (json) => {
        const o = object(json);
        return { token: string(o, 'token'), expiresAt: string(o, 'expiresAt') };
      },
    });
  }

  /** Recipient: the share's manifest ciphertext and what the server says it is. */
  async getShare(id: string, session: ShareSession): Promise<ShareContent> {
    return this.request('GET', `/api/shares/${encodeURIComponent(id)}`, {
      bearer: session.token,
      parse: (json) => {
        const o = object(json);
        const mode = string(o, 'mode');
        if (mode !== 'snapshot' && mode !== 'live') throw badResponse('mode');
        return {
          id: string(o, 'id'),
          mode,
          revision: integer(o, 'revision'),
          manifest: string(o, 'manifest'),
          expiresAt: string(o, 'expiresAt'),
        };
      },
    });
  }

  /** Recipient: every record the server serves for the share, following `next` to the end. */
  async listShareRecords(id: string, session: ShareSession): Promise<SharedRecord[]> {
    const all: SharedRecord[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < MAX_REVISION_PAGES; page++) {
      const query = cursor === undefined ? '' : `?cursor=${encodeURIComponent(cursor)}`;
      const result = await this.request(
        'GET',
        `/api/shares/${encodeURIComponent(id)}/records${query}`,
        {
          bearer: session.token,
          parse: (json) => {
            const o = object(json);
            const next = field(o, 'next');
            if (next !== null && typeof next !== 'string') throw badResponse('next');
            const records = array(field(o, 'records')).map((r) => {
              const x = object(r);
              return {
                id: string(x, 'id'),
                type: string(x, 'type'),
                revision: integer(x, 'revision'),
                ciphertext: string(x, 'ciphertext'),
              };
            });
            return { records, next };
          },
        },
      );
      all.push(...result.records);
      if (result.next === null) return all;
      if (result.records.length === 0) throw badResponse('next');
      cursor = result.next;
    }
    throw badResponse('next');
  }

  /**
   * Recipient: the receipt of a revision the share serves (for the recipient's bundle); pending
   * and `receipt_unavailable` as getRevisionReceipt, 404 `not_found` for one it does not serve.
   */
  async getShareRecordReceipt(
    id: string,
    session: ShareSession,
    recordId: string,
    revision: number,
  ): Promise<ReceiptAnswer> {
    return this.request(
      'GET',
      `/api/shares/${encodeURIComponent(id)}/records/${encodeURIComponent(recordId)}/revisions/${revision}/receipt`,
      { bearer: session.token, parse: parseReceipt },
    );
  }

  /** Recipient: a shared evidence file's ciphertext, whole. */
  async getShareUpload(id: string, session: ShareSession, uploadId: string): Promise<Uint8Array> {
    return this.request(
      'GET',
      `/api/shares/${encodeURIComponent(id)}/uploads/${encodeURIComponent(uploadId)}`,
      { bearer: session.token, binary: true, parse: (bytes) => bytes as Uint8Array },
    );
  }

  /**
   * Recipient: a shared evidence file's ciphertext as a streaming response (for decryptToBlob
   * with responseChunks), so a large file never sits whole in memory.
   */
  async shareUploadResponse(
    id: string,
    session: ShareSession,
    uploadId: string,
  ): Promise<Response> {
    return this.request(
      'GET',
      `/api/shares/${encodeURIComponent(id)}/uploads/${encodeURIComponent(uploadId)}`,
      { bearer: session.token, raw: true, parse: (response) => response as Response },
    );
  }

  // ---- the account key pair and witness statements (docs/vault-protocol.md §15) ----

  /** The account's public key and wrapped secret key; null before they are made. */
  async getKeyPair(): Promise<KeyPairBody | null> {
    return this.request('GET', '/api/account/key-pair', {
      parse: (json) => {
        const o = object(json);
        if (o.publicKey === null && o.wrappedSecretKey === null) return null;
        return {
          publicKey: string(o, 'publicKey'),
          wrappedSecretKey: string(o, 'wrappedSecretKey'),
        };
      },
    });
  }

  /** Stores the account's key pair (once; `key_pair_exists` after that). */
  async putKeyPair(body: KeyPairBody): Promise<void> {
    await this.request('PUT', '/api/account/key-pair', { body, parse: none });
  }

  async createWitnessInvitation(body: CreateInvitationBody): Promise<InvitationSummary> {
    return this.request('POST', '/api/witness/invitations', { body, parse: parseInvitation });
  }

  async listWitnessInvitations(): Promise<InvitationSummary[]> {
    return this.request('GET', '/api/witness/invitations', {
      parse: (json) => array(field(object(json), 'invitations')).map(parseInvitation),
    });
  }

  async revokeWitnessInvitation(id: string): Promise<void> {
    await this.request('DELETE', `/api/witness/invitations/${encodeURIComponent(id)}`, {
      parse: none,
    });
  }

  async blockWitnessInvitation(id: string): Promise<void> {
    await this.request('POST', `/api/witness/invitations/${encodeURIComponent(id)}/block`, {
      parse: none,
    });
  }

  async listWitnessStatements(): Promise<StatementSummary[]> {
    return this.request('GET', '/api/witness/statements', {
      parse: (json) => array(field(object(json), 'statements')).map(parseStatementSummary),
    });
  }

  async getWitnessStatement(id: string): Promise<SealedStatement> {
    return this.request('GET', `/api/witness/statements/${encodeURIComponent(id)}`, {
      parse: (json) => ({
        ...parseStatementSummary(json),
        ciphertext: string(object(json), 'ciphertext'),
      }),
    });
  }

  async deleteWitnessStatement(id: string): Promise<void> {
    await this.request('DELETE', `/api/witness/statements/${encodeURIComponent(id)}`, {
      parse: none,
    });
  }

  /** A sealed statement's receipt; pending as getRevisionReceipt. */
  async getWitnessStatementReceipt(id: string): Promise<ReceiptAnswer> {
    return this.request('GET', `/api/witness/statements/${encodeURIComponent(id)}/receipt`, {
      parse: parseReceipt,
    });
  }

  /** Witness: proves the link; the person's public key (to be checked against the link). */
  async openWitnessInvitation(id: string, authKey: string): Promise<WitnessOpen> {
    return this.request('POST', `/api/witness/invitations/${encodeURIComponent(id)}/open`, {
      body: { authKey },
      csrf: false,
      parse: (json) => {
        const o = object(json);
        return {
          publicKey: string(o, 'publicKey'),
          expiresAt: string(o, 'expiresAt'),
          remaining: integer(o, 'remaining'),
        };
      },
    });
  }

  /** Witness: sends a sealed statement; the time the server received it. */
  async sendWitnessStatement(
    id: string,
    authKey: string,
    ciphertext: string,
    uploads: readonly string[] = [],
  ): Promise<string> {
    return this.request('POST', `/api/witness/invitations/${encodeURIComponent(id)}/statements`, {
      body: { authKey, ciphertext, ...(uploads.length > 0 ? { uploads: [...uploads] } : {}) },
      csrf: false,
      parse: (json) => string(object(json), 'receivedAt'),
    });
  }

  // ---- the locked quick record's inbox (docs/vault-protocol.md §16) ----

  /** Lets this device send sealed quick records (the server keeps SHA-256 of the token). */
  async registerQuickDevice(id: string, token: string): Promise<void> {
    await this.request('POST', '/api/quick/devices', { body: { id, token }, parse: none });
  }

  /** Turns the quick record off for a device: its token is refused from now on. */
  async deleteQuickDevice(id: string): Promise<void> {
    await this.request('DELETE', `/api/quick/devices/${encodeURIComponent(id)}`, {
      parse: none,
    });
  }

  /** The sealed quick records waiting to be opened, oldest first. */
  async listQuickRecords(): Promise<QuickRecordSummary[]> {
    return this.request('GET', '/api/quick/records', {
      parse: (json) => array(field(object(json), 'records')).map(parseQuickRecordSummary),
    });
  }

  async getQuickRecord(id: string): Promise<SealedQuickRecord> {
    return this.request('GET', `/api/quick/records/${encodeURIComponent(id)}`, {
      parse: (json) => ({
        ...parseQuickRecordSummary(json),
        sealed: string(object(json), 'sealed'),
      }),
    });
  }

  /** Files a quick record once it is in the diary: its sealed bytes go, its receipt stays. */
  async fileQuickRecord(id: string): Promise<void> {
    await this.request('DELETE', `/api/quick/records/${encodeURIComponent(id)}`, {
      parse: none,
    });
  }

  /** The receipt of a quick record's sealed bytes; pending as getRevisionReceipt. */
  async getQuickRecordReceipt(id: string): Promise<ReceiptAnswer> {
    return this.request('GET', `/api/quick/records/${encodeURIComponent(id)}/receipt`, {
      parse: parseReceipt,
    });
  }

  /**
   * Device, no session: sends one sealed quick record with the device's drop token; the time
   * the server first received it (the same time again for a resend).
   */
  async sendQuickRecord(body: SendQuickRecordBody): Promise<string> {
    return this.request('POST', '/api/quick/records', {
      body,
      csrf: false,
      parse: (json) => string(object(json), 'receivedAt'),
    });
  }

  // ---- the one place requests are made ----

  private async request<T>(
    method: Method,
    path: string,
    options: {
      body?: unknown;
      csrf?: boolean;
      /** A share session's token (recipient requests carry no cookie session or CSRF). */
      bearer?: string;
      /** The body is bytes, handed to `parse` as a Uint8Array. */
      binary?: boolean;
      /** The response itself is handed to `parse`, body unread (streaming downloads). */
      raw?: boolean;
      parse: (json: unknown) => T;
    },
  ): Promise<T> {
    const headers: Record<string, string> = {
      accept:
        options.binary === true || options.raw === true
          ? 'application/octet-stream'
          : 'application/json',
    };
    if (options.bearer !== undefined) headers.authorization = `Bearer ${options.bearer}`;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const sendCsrf = method !== 'GET' && options.csrf !== false;
    const wasSignedIn = this.csrfToken !== undefined;
    if (sendCsrf) {
      if (this.csrfToken === undefined) {
        throw new ApiError(401, 'not_signed_in', 'not signed in');
      }
      headers[CSRF_HEADER] = this.csrfToken;
    }
    let response: Response;
    try {
      response = await this.fetchImpl(this.base + path, {
        method,
        headers,
        credentials: 'same-origin',
        cache: 'no-store',
        redirect: 'error',
        ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
      });
    } catch {
      throw new ApiError(0, 'network', 'the server could not be reached');
    }
    if (!response.ok) {
      const error = await readApiError(response);
      if (error.code === 'not_signed_in' && wasSignedIn) this.onSessionEnded?.();
      throw error;
    }
    if (options.raw === true) return options.parse(response);
    if (response.status === 204) return options.parse(undefined);
    if (options.binary === true) {
      try {
        return options.parse(new Uint8Array(await response.arrayBuffer()));
      } catch {
        throw badResponse('body');
      }
    }
    let json: unknown;
    try {
      json = await response.json();
    } catch {
      throw badResponse('body');
    }
    return options.parse(json);
  }
}

/**
 * The one reader of the API's error shape, `{ "error": { "code", "message" } }`, for every request
 * the vault makes (these JSON calls and the tus uploads alike). A field that is missing or not a
 * string keeps its status-based default, so a proxy's page or tus's plain-text answer still
 * gives a typed error.
 */
export async function readApiError(response: Response): Promise<ApiError> {
  let code = response.status >= 500 ? 'internal_error' : 'bad_request';
  let message = response.statusText;
  try {
    const json: unknown = await response.json();
    const error = isRecord(json) ? json.error : undefined;
    if (isRecord(error)) {
      if (typeof error.code === 'string') code = error.code;
      if (typeof error.message === 'string') message = error.message;
    }
  } catch {
    // Not JSON at all: the status-based code stands.
  }
  if (response.status === 429) code = 'rate_limited';
  return new ApiError(response.status, code, message);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// ---- response checks: the server is not trusted to keep the contract ----

function badResponse(what: string): ApiError {
  return new ApiError(0, 'bad_response', `the server's response is not as expected (${what})`);
}

function object(value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw badResponse('object');
  }
  return value as Record<string, unknown>;
}

function field(o: Record<string, unknown>, name: string): unknown {
  if (!(name in o)) throw badResponse(name);
  return o[name];
}

function string(o: Record<string, unknown>, name: string): string {
  const value = o[name];
  if (typeof value !== 'string') throw badResponse(name);
  return value;
}

function integer(o: Record<string, unknown>, name: string): number {
  const value = o[name];
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw badResponse(name);
  return value;
}

function array(value: unknown): unknown[] {
  if (!Array.isArray(value)) throw badResponse('array');
  return value as unknown[];
}

function none(): undefined {
  return undefined;
}

function parseSession(json: unknown): SessionResponse {
  const o = object(json);
  const failed = o.failedAttempts === undefined ? undefined : parseFailedAttempts(o.failedAttempts);
  return {
    username: string(o, 'username'),
    wrappedAccountKey: string(o, 'wrappedAccountKey'),
    csrfToken: string(o, 'csrfToken'),
    idleTimeoutSeconds: integer(o, 'idleTimeoutSeconds'),
    ...(failed === undefined ? {} : { failedAttempts: failed }),
  };
}

function parseFailedAttempts(json: unknown): FailedAttempts {
  const o = object(json);
  const count = (name: string): number => {
    const n = integer(o, name);
    if (n < 0) throw badResponse(name);
    return n;
  };
  const lastAt = o.lastAt;
  if (lastAt !== null && typeof lastAt !== 'string') throw badResponse('lastAt');
  return {
    passphrase: count('passphrase'),
    code: count('code'),
    recovery: count('recovery'),
    lastAt,
  };
}

function parseSessionSummary(json: unknown): SessionSummary {
  const o = object(json);
  if (typeof o.current !== 'boolean') throw badResponse('current');
  return {
    id: string(o, 'id'),
    device: string(o, 'device'),
    createdAt: string(o, 'createdAt'),
    lastSeenAt: string(o, 'lastSeenAt'),
    current: o.current,
  };
}

function parseWrittenRecord(json: unknown): WrittenRecord {
  const record = parseRecord(json);
  const o = object(json);
  return o.leafIndex === undefined ? record : { ...record, leafIndex: integer(o, 'leafIndex') };
}

function parseReceipt(json: unknown): ReceiptAnswer {
  const o = object(json);
  if (o.pending === true) {
    throw new ApiError(202, 'receipt_pending', 'The receipt is not ready yet.');
  }
  const ts = field(o, 'timestamp');
  let timestamp: ReceiptAnswer['timestamp'] = null;
  if (ts !== null) {
    const t = object(ts);
    timestamp = { token: string(t, 'token'), time: string(t, 'time') };
  }
  const backfilledAt = o.backfilledAt;
  if (backfilledAt !== undefined && backfilledAt !== null && typeof backfilledAt !== 'string') {
    throw badResponse('backfilledAt');
  }
  return {
    leafIndex: integer(o, 'leafIndex'),
    proof: string(o, 'proof'),
    timestamp,
    backfilledAt: backfilledAt ?? null,
  };
}

function parseRecord(json: unknown): RecordResponse {
  const o = object(json);
  return {
    id: string(o, 'id'),
    type: string(o, 'type'),
    revision: integer(o, 'revision'),
    ciphertext: string(o, 'ciphertext'),
    wrappedKey: string(o, 'wrappedKey'),
    size: integer(o, 'size'),
    createdAt: string(o, 'createdAt'),
    updatedAt: string(o, 'updatedAt'),
  };
}

function parseShareSummary(json: unknown): ShareSummary {
  const o = object(json);
  const mode = string(o, 'mode');
  if (mode !== 'snapshot' && mode !== 'live') throw badResponse('mode');
  const state = string(o, 'state');
  if (state !== 'active' && state !== 'expired' && state !== 'revoked') throw badResponse('state');
  const nullableString = (name: string): string | null => {
    const value = field(o, name);
    if (value !== null && typeof value !== 'string') throw badResponse(name);
    return value;
  };
  const failed = object(field(o, 'failedAttempts'));
  const lastAt = field(failed, 'lastAt');
  if (lastAt !== null && typeof lastAt !== 'string') throw badResponse('lastAt');
  return {
    id: string(o, 'id'),
    mode,
    state,
    revision: integer(o, 'revision'),
    createdAt: string(o, 'createdAt'),
    updatedAt: string(o, 'updatedAt'),
    expiresAt: string(o, 'expiresAt'),
    revokedAt: nullableString('revokedAt'),
    manifest: nullableString('manifest'),
    ownerWrappedKey: nullableString('ownerWrappedKey'),
    records: array(field(o, 'records')).map((r) => {
      const x = object(r);
      const revision = field(x, 'revision');
      if (revision !== null && !Number.isSafeInteger(revision)) throw badResponse('revision');
      return { id: string(x, 'id'), revision: revision as number | null };
    }),
    uploads: array(field(o, 'uploads')).map((u) => {
      if (typeof u !== 'string') throw badResponse('uploads');
      return u;
    }),
    opens: array(field(o, 'opens')).map((e) => {
      const x = object(e);
      return { at: string(x, 'at'), device: string(x, 'device') };
    }),
    failedAttempts: { count: integer(failed, 'count'), lastAt },
  };
}

function parseInvitation(json: unknown): InvitationSummary {
  const o = object(json);
  const state = string(o, 'state');
  if (!['active', 'full', 'expired', 'revoked', 'blocked'].includes(state))
    throw badResponse('state');
  const note = field(o, 'note');
  if (note !== null && typeof note !== 'string') throw badResponse('note');
  const revokedAt = field(o, 'revokedAt');
  if (revokedAt !== null && typeof revokedAt !== 'string') throw badResponse('revokedAt');
  return {
    id: string(o, 'id'),
    state: state as InvitationSummary['state'],
    note,
    maxStatements: integer(o, 'maxStatements'),
    statements: integer(o, 'statements'),
    createdAt: string(o, 'createdAt'),
    expiresAt: string(o, 'expiresAt'),
    revokedAt,
  };
}

function parseQuickRecordSummary(json: unknown): QuickRecordSummary {
  const o = object(json);
  return { id: string(o, 'id'), size: integer(o, 'size'), receivedAt: string(o, 'receivedAt') };
}

function parseStatementSummary(json: unknown): StatementSummary {
  const o = object(json);
  return {
    id: string(o, 'id'),
    invitationId: string(o, 'invitationId'),
    size: integer(o, 'size'),
    receivedAt: string(o, 'receivedAt'),
  };
}
