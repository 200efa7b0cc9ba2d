/**
 * The vault client's calls for shares (docs/vault-protocol.md §14): the owner's (create, list,
 * update, revoke) and the recipient's, made with a share session's bearer token instead of
 * the cookie session. One layer of VaultApi (../api.ts).
 */
import type {
  CreateShareBody,
  ShareContent,
  SharedRecord,
  ShareSummary,
  UpdateShareBody,
} from '../../contract/shares.js';
import { array, field, integer, MAX_PAGES, none, object, string } from './checks.js';
import { badResponse } from './errors.js';
import { parseReceipt, ReceiptCalls, type ReceiptAnswer } from './receipts.js';

/** A recipient's share session (docs/vault-protocol.md §14.4): a bearer token, memory only. */
export interface ShareSession {
  readonly token: string;
  readonly expiresAt: string;
}

export class ShareCalls extends ReceiptCalls {
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
    for (let page = 0; page < MAX_PAGES; page++) {
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
