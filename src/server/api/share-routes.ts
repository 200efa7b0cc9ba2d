/**
 * Shares under /api/shares (docs/vault-protocol.md §14; contract in src/contract/shares.ts).
 *
 * Owner (session cookie + CSRF): create, list (openings, failed attempts), update a
 * kept-up-to-date share, revoke. Recipient: prove the auth key for a short-lived bearer token,
 * then read the manifest, the listed records and the listed uploads' ciphertext, and nothing
 * else. Nothing is answered to anyone before the proof but whether the share is gone.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import {
  createShareBody,
  shareContentResponse,
  shareIdParams,
  shareListResponse,
  shareRecordsQuery,
  shareReceiptParams,
  shareRecordsResponse,
  shareSessionBody,
  shareSessionResponse,
  shareSummary,
  shareUploadParams,
  updateShareBody,
} from '../../contract/shares.js';
import { apiErrorResponse, MAX_PAGE_BYTES, MAX_RECORD_BYTES } from '../../contract/vault-api.js';
import { recordIdSchema } from '../../domain/record-id.js';
import { deviceLabel } from '../auth/tokens.js';
import type { BlobStore } from '../blobs/blob-store.js';
import { revisionLeafIndex } from '../db/repositories/records.js';
import { servesRevision, sharedRecordsPage, sharedUpload } from '../db/repositories/shares.js';
import type { Database } from '../db/schema.js';
import {
  createShare,
  listOwnShares,
  openShareSession,
  revokeShare,
  shareForToken,
  updateShare,
  type ShareAccess,
} from '../services/shares.js';
import { receiptPendingResponse, receiptResponse } from '../../contract/receipts.js';
import type { ReceiptLog } from '../log/receipt-log.js';
import { ApiError } from './api-error.js';
import { receiptForLeaf } from './receipt-routes.js';
import { requireSession, type SessionSettings } from './session-guard.js';
import { fromBase64Url as bytes } from './wire-bytes.js';

const errors = {
  400: apiErrorResponse,
  401: apiErrorResponse,
  403: apiErrorResponse,
  404: apiErrorResponse,
  409: apiErrorResponse,
  410: apiErrorResponse,
  413: apiErrorResponse,
  429: apiErrorResponse,
};
/** A manifest can list thousands of items: room for a 1 MiB envelope and the lists. */
const SHARE_BODY_LIMIT = Math.ceil((MAX_RECORD_BYTES * 4) / 3) + 512 * 1024;

const notFound = (): ApiError =>
  new ApiError(
    404,
    'share_not_found',
    'There is no shared case at this link. Check that the whole link was copied.',
  );
const gone = (state: 'expired' | 'revoked'): ApiError =>
  state === 'expired'
    ? new ApiError(
        410,
        'share_expired',
        'This shared case has expired. Ask the person who shared it for a new link.',
      )
    : new ApiError(410, 'share_revoked', 'The person who shared this case has stopped sharing it.');
const itemNotFound = (what: string): ApiError =>
  new ApiError(
    400,
    'share_item_not_found',
    what === 'upload'
      ? 'One of the files chosen is not in your evidence locker, or has not finished uploading.'
      : 'One of the entries chosen is not in your diary (or not at that version).',
  );

function bearer(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer ([A-Za-z0-9_-]{43})$/.exec(header) : null;
  return match?.[1];
}

function access(result: ShareAccess) {
  switch (result.kind) {
    case 'ok':
      return result.share;
    case 'not_found':
      throw notFound();
    case 'gone':
      throw gone(result.state);
    case 'session_invalid':
      throw new ApiError(
        401,
        'share_session_invalid',
        'Please enter the passcode again to see this shared case.',
      );
  }
}

export function shareRoutes(
  parent: FastifyInstance,
  deps: {
    db: Kysely<Database>;
    sessions: SessionSettings;
    secret: string;
    store: BlobStore;
    log: Pick<ReceiptLog, 'checkpointMs'>;
  },
): void {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  const { db, sessions, secret, store, log } = deps;

  // ---- owner ----

  app.post(
    '/shares',
    {
      schema: {
        tags: ['shares'],
        summary: 'Share chosen records and uploads: a manifest sealed to the share key',
        body: createShareBody,
        response: { 201: shareSummary, ...errors },
      },
      bodyLimit: SHARE_BODY_LIMIT,
    },
    async (request, reply) => {
      const { accountId } = await requireSession(db, sessions, request);
      const body = request.body;
      const manifest = bytes(body.manifest);
      if (manifest.length > MAX_RECORD_BYTES) {
        throw new ApiError(413, 'record_too_large', 'This share lists too much to send at once.');
      }
      const result = await createShare(db, accountId, {
        id: body.id,
        mode: body.mode,
        authKey: body.authKey,
        ownerWrappedKey: bytes(body.ownerWrappedKey),
        manifest,
        expiresInSeconds: body.expiresInSeconds,
        records: body.records,
        uploads: body.uploads,
      });
      switch (result.kind) {
        case 'exists':
          throw new ApiError(409, 'share_exists', 'A share with this id already exists.');
        case 'item_not_found':
          throw itemNotFound(result.what);
        case 'created': {
          const summary = (await listOwnShares(db, accountId)).find((s) => s.id === body.id);
          if (!summary) throw notFound();
          return reply.code(201).send(summary);
        }
      }
    },
  );

  app.get(
    '/shares',
    {
      schema: {
        tags: ['shares'],
        summary: "The account's shares, newest first, with openings and failed attempts",
        response: { 200: shareListResponse, ...errors },
      },
    },
    async (request) => {
      const { accountId } = await requireSession(db, sessions, request);
      return { shares: await listOwnShares(db, accountId) };
    },
  );

  app.put(
    '/shares/:id',
    {
      schema: {
        tags: ['shares'],
        summary: "Replace a kept-up-to-date share's manifest and items (expectedRevision)",
        params: shareIdParams,
        body: updateShareBody,
        response: { 200: z.object({ revision: z.number().int() }), ...errors },
      },
      bodyLimit: SHARE_BODY_LIMIT,
    },
    async (request) => {
      const { accountId } = await requireSession(db, sessions, request);
      const manifest = bytes(request.body.manifest);
      if (manifest.length > MAX_RECORD_BYTES) {
        throw new ApiError(413, 'record_too_large', 'This share lists too much to send at once.');
      }
      const result = await updateShare(db, accountId, request.params.id, {
        expectedRevision: request.body.expectedRevision,
        manifest,
        records: request.body.records,
        uploads: request.body.uploads,
      });
      switch (result.kind) {
        case 'updated':
          return { revision: result.revision };
        case 'not_found':
          throw notFound();
        case 'gone':
          throw gone(result.state);
        case 'snapshot':
          throw new ApiError(
            409,
            'share_is_snapshot',
            'This share is a snapshot: it stays as it was made. Make a new share instead.',
          );
        case 'conflict':
          throw new ApiError(
            409,
            'share_revision_conflict',
            `This share was changed elsewhere (it is now at revision ${result.currentRevision}). Reload it first.`,
          );
        case 'item_not_found':
          throw itemNotFound(result.what);
      }
    },
  );

  app.delete(
    '/shares/:id',
    {
      schema: {
        tags: ['shares'],
        summary: 'Revoke: the share ciphertext is deleted and the link refused from now on',
        params: shareIdParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      const { accountId } = await requireSession(db, sessions, request);
      if (!(await revokeShare(db, accountId, request.params.id))) throw notFound();
      return reply.code(204).send(null);
    },
  );

  // ---- recipient ----

  app.post(
    '/shares/:id/session',
    {
      schema: {
        tags: ['shares'],
        summary: 'Prove the share auth key (link secret + passcode) for a short-lived session',
        params: shareIdParams,
        body: shareSessionBody,
        response: { 201: shareSessionResponse, ...errors },
      },
    },
    async (request, reply) => {
      const result = await openShareSession(db, secret, {
        id: request.params.id,
        authKey: request.body.authKey,
        address: request.ip,
        device: deviceLabel(request.headers['user-agent']),
      });
      switch (result.kind) {
        case 'opened':
          return reply
            .code(201)
            .send({ token: result.token, expiresAt: result.expiresAt.toISOString() });
        case 'not_found':
          throw notFound();
        case 'gone':
          throw gone(result.state);
        case 'locked':
          throw new ApiError(
            429,
            'share_locked',
            'The passcode was wrong too many times, so this shared case is locked for 15 minutes. The person who shared it can see this.',
          );
        case 'rate_limited':
          throw new ApiError(
            429,
            'rate_limited',
            'Too many attempts. Please wait a while and try again.',
          );
        case 'wrong':
          throw new ApiError(
            401,
            'share_passcode_wrong',
            'That passcode is not right. Check it with the person who shared this case.',
          );
      }
    },
  );

  app.get(
    '/shares/:id',
    {
      schema: {
        tags: ['shares'],
        summary: "The share's manifest ciphertext (share session)",
        params: shareIdParams,
        response: { 200: shareContentResponse, ...errors },
      },
    },
    async (request) => {
      const share = access(await shareForToken(db, request.params.id, bearer(request)));
      return {
        id: share.id,
        mode: share.mode,
        revision: share.revision,
        manifest: Buffer.from(share.manifest ?? new Uint8Array()).toString('base64url'),
        expiresAt: share.expiresAt.toISOString(),
      };
    },
  );

  app.get(
    '/shares/:id/records',
    {
      schema: {
        tags: ['shares'],
        summary: "The share's records, by id, a page at a time (share session)",
        params: shareIdParams,
        querystring: shareRecordsQuery,
        response: { 200: shareRecordsResponse, ...errors },
      },
    },
    async (request) => {
      const share = access(await shareForToken(db, request.params.id, bearer(request)));
      const after = decodeCursor(request.query.cursor);
      const { records, more } = await sharedRecordsPage(db, share, {
        after,
        limit: request.query.limit,
        maxBytes: MAX_PAGE_BYTES,
      });
      const last = records.at(-1);
      return {
        records: records.map((r) => ({
          id: r.id,
          type: r.type,
          revision: r.revision,
          ciphertext: Buffer.from(r.ciphertext).toString('base64url'),
        })),
        next: more && last ? Buffer.from(last.id).toString('base64url') : null,
      };
    },
  );

  app.get(
    '/shares/:id/records/:recordId/revisions/:revision/receipt',
    {
      schema: {
        tags: ['shares'],
        summary:
          "The receipt of a revision the share serves, for the recipient's bundle: a C2SP tlog-proof (share session)",
        params: shareReceiptParams,
        response: { 200: receiptResponse, 202: receiptPendingResponse, ...errors },
      },
    },
    async (request, reply) => {
      const share = access(await shareForToken(db, request.params.id, bearer(request)));
      const { recordId, revision } = request.params;
      const noRevision = () =>
        new ApiError(404, 'not_found', 'This entry is not part of the shared case.');
      if (!(await servesRevision(db, share, recordId, revision))) throw noRevision();
      const found = await revisionLeafIndex(db, share.accountId, recordId, revision);
      if (found === undefined) throw noRevision();
      return receiptForLeaf(db, log, found.leafIndex, reply);
    },
  );

  app.get(
    '/shares/:id/uploads/:uploadId',
    {
      schema: {
        tags: ['shares'],
        summary: "A shared evidence file's ciphertext (share session)",
        params: shareUploadParams,
      },
    },
    async (request, reply) => {
      const share = access(await shareForToken(db, request.params.id, bearer(request)));
      const length = await sharedUpload(db, share, request.params.uploadId);
      const noFile = () =>
        new ApiError(404, 'not_found', 'This file is not part of the shared case.');
      if (length === undefined) throw noFile();
      const body = await store.read(request.params.uploadId);
      if (!body) throw noFile();
      return reply
        .header('content-type', 'application/octet-stream')
        .header('content-disposition', 'attachment')
        .header('content-length', String(length))
        .header('x-content-type-options', 'nosniff')
        .send(body);
    },
  );
}

function decodeCursor(cursor: string | undefined): string | undefined {
  if (cursor === undefined) return undefined;
  const id = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!recordIdSchema.safeParse(id).success) {
    throw new ApiError(
      400,
      'invalid_request',
      'cursor: this is not a cursor from a previous page.',
    );
  }
  return id;
}
