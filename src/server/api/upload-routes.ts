/**
 * Evidence uploads over the tus resumable-upload protocol (@tus/server), under /api/uploads.
 * The browser encrypts each file in chunks before sending it, so the store (src/server/blobs:
 * files or an S3 bucket) only ever holds ciphertext; no file name, type or other metadata may
 * travel with it. Fastify checks the id's format, the session, CSRF token, ownership and quota
 * first, then hands creation, HEAD and PATCH to tus; downloads and deletions are answered here.
 *
 * tus acts only on the upload the route authorised, whatever else the address holds: it is given
 * that id (getFileIdFromRequest) and the address rewritten to the canonical /api/uploads/<id>,
 * since tus on its own takes the id from the last `/` of the whole URL, query string included.
 * Its request hook checks the owner again against the database, so a tus that one day finds ids
 * differently still cannot reach another account's upload. tus's own refusals are answered in
 * the API's JSON error shape, and it allows no other origin (the vault is same-origin only).
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { ERRORS, Server } from '@tus/server';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { apiErrorResponse, uploadLimitsResponse } from '../../contract/vault-api.js';
import type { Kysely } from 'kysely';
import {
  bytesUsed,
  findUpload,
  insertUploadWithinQuota,
  type UploadRow,
} from '../db/repositories/uploads.js';
import type { Database } from '../db/schema.js';
import type { BlobStore } from '../blobs/blob-store.js';
import { DatabaseLocker } from '../blobs/db-locker.js';
import { findWitnessUpload, insertWitnessUpload } from '../db/repositories/witness-files.js';
import { uploadHousekeeping, type UploadHousekeeping } from '../services/uploads.js';
import { ApiError } from './api-error.js';
import {
  JsonErrorTus,
  NO_SUCH_UPLOAD,
  QUOTA_EXCEEDED,
  TUS_CONTENT_TYPE,
  tusNotFound,
  tusOptions,
  TusRefusal,
  tusResumableHeader,
  WITNESS_FILES_FULL,
} from './tus-protocol.js';
import { requireSession, type SessionSettings } from './session-guard.js';

export interface UploadSettings {
  /** Where the ciphertext is kept: files under DATA_DIR/blobs, or an S3 bucket. */
  readonly store: BlobStore;
  readonly maxFileBytes: number;
  readonly accountQuotaBytes: number;
  /** An upload not finished within this long is abandoned and removed. */
  readonly abandonAfterSeconds: number;
  /** Whether finished files get receipts (always, but for the benchmark's baseline). */
  readonly receipts?: boolean;
}

/** A witness's upload (docs/vault-protocol.md §15.8): the invitation and its limits. */
export interface WitnessGrant {
  readonly invitationId: string;
  readonly maxFiles: number;
  readonly maxBytes: number;
}

/** Who a request was authorised for: the account, and for a witness the invitation. */
export interface UploadAuthority {
  readonly accountId: string;
  readonly witness?: WitnessGrant | undefined;
}

/** The uploads' housekeeping, and the tus server for tests. */
export interface UploadRoutes extends UploadHousekeeping {
  /**
   * Hands a request, once its route has checked who is asking, to the same checks and tus
   * handling as /api/uploads (the witness's upload routes call it). Only creation, HEAD and
   * PATCH: a witness can neither read nor delete.
   */
  readonly serveAuthorised: (
    request: FastifyRequest,
    reply: FastifyReply,
    who: UploadAuthority & { readonly basePath: string; readonly uploadId: string | undefined },
  ) => Promise<unknown>;
  /**
   * The tus server, for tests only: one may change its options to stand for a tus that finds
   * upload ids differently, and see the owner check in its hooks refuse.
   */
  readonly tus: Server;
}

/** An upload id exactly as the server makes them: 16 random bytes in lowercase hex. */
const UPLOAD_ID = /^[a-f0-9]{32}$/;
const BASE_PATH = '/api/uploads';

/**
 * What the route authorised for one request, kept on the Node request object, which no client
 * can reach: the account, and the upload (undefined when creating one).
 */
interface Grant extends UploadAuthority {
  readonly uploadId: string | undefined;
  /** Where this upload lives: /api/uploads, or a witness invitation's uploads. */
  readonly basePath: string;
}
const grants = new WeakMap<IncomingMessage, Grant>();

/** The grant of the request tus is handling (tus wraps the Node request; see srvx's NodeRequest). */
function grantOf(req: unknown): Grant | undefined {
  const node = (req as { runtime?: { node?: { req?: IncomingMessage } } }).runtime?.node?.req;
  return node ? grants.get(node) : undefined;
}

export function uploadRoutes(
  app: FastifyInstance,
  deps: { db: Kysely<Database>; sessions: SessionSettings; uploads: UploadSettings },
): UploadRoutes {
  const { db, sessions, uploads } = deps;
  const { store } = uploads;
  // In the database, so every app server sees the same locks (no sticky sessions); shared with
  // removals below, so a blob is never removed in the middle of a PATCH on any server.
  const locker = new DatabaseLocker(db);
  const housekeeping = uploadHousekeeping({
    db,
    store,
    locker,
    abandonAfterSeconds: uploads.abandonAfterSeconds,
    receipts: uploads.receipts ?? true,
    onSweepError: (error) =>
      app.log.warn({ err: errorKind(error) }, 'could not remove an abandoned upload'),
  });
  const { removeBlob, finishedInStore } = housekeeping;
  const tus = new JsonErrorTus({
    path: BASE_PATH,
    datastore: store.datastore,
    locker,
    maxSize: uploads.maxFileBytes,
    namingFunction: () => randomBytes(16).toString('hex'),
    // Same-origin only: no Access-Control-Allow-Origin for anyone (tus's default is `*`).
    allowedOrigins: () => false,
    // The canonical address, whatever the creating request's address or Host looked like.
    generateUrl: (req, { id }) => `${grantOf(req)?.basePath ?? BASE_PATH}/${id}`,
    // The id the route authorised, never one read from the address.
    getFileIdFromRequest: (req) => grantOf(req)?.uploadId,
    // The second check, inside tus: the id it is about to act on must be the authorised one,
    // and the database must say it belongs to the account (for a creation: a fresh id).
    onIncomingRequest: async (req, uploadId) => {
      const grant = grantOf(req);
      if (!grant || !UPLOAD_ID.test(uploadId)) throw tusNotFound();
      if (grant.uploadId === undefined) {
        if (req.method !== 'POST') throw tusNotFound();
        return;
      }
      if (uploadId !== grant.uploadId || !(await isGranted(grant, uploadId))) {
        throw tusNotFound();
      }
    },
    onUploadCreate: async (req, upload) => {
      const grant = grantOf(req);
      if (!grant || grant.uploadId !== undefined) throw tusNotFound();
      if (upload.size === undefined) throw new TusRefusal(400, ERRORS.INVALID_LENGTH.body);
      // The route checked the quota already; this check and the insert are one step, so
      // creations racing on several app servers cannot together go past it.
      const size = upload.size;
      const witness = grant.witness;
      if (witness !== undefined) {
        const made = await db.transaction().execute((trx) =>
          insertWitnessUpload(trx, {
            accountId: grant.accountId,
            invitationId: witness.invitationId,
            id: upload.id,
            length: size,
            quotaBytes: uploads.accountQuotaBytes,
            maxFiles: witness.maxFiles,
            maxBytes: witness.maxBytes,
          }),
        );
        if (made === 'quota') throw new TusRefusal(413, QUOTA_EXCEEDED);
        if (made === 'files_full') throw new TusRefusal(413, WITNESS_FILES_FULL);
        return {};
      }
      const within = await db
        .transaction()
        .execute((trx) =>
          insertUploadWithinQuota(trx, grant.accountId, upload.id, size, uploads.accountQuotaBytes),
        );
      if (!within) throw new TusRefusal(413, QUOTA_EXCEEDED);
      return {};
    },
    onUploadFinish: async (req, upload) => {
      const grant = grantOf(req);
      // Finished by its creation (an empty file), or by a PATCH to the authorised upload.
      if (!grant || (grant.uploadId !== undefined && grant.uploadId !== upload.id)) {
        throw tusNotFound();
      }
      // Its receipt is fetched by upload id once sequenced (no index header: see §9).
      await housekeeping.complete(upload.id);
      return {};
    },
    onResponseError: (_req, error) => {
      // tus's own refusals carry a status; anything else is a fault worth a line in the log.
      if (!('status_code' in error)) {
        app.log.error({ err: errorKind(error) }, 'upload request failed');
      }
      return undefined;
    },
  });
  /** The account's upload, and for a witness also the invitation's. */
  async function isGranted(grant: UploadAuthority, uploadId: string): Promise<boolean> {
    if (grant.witness !== undefined) {
      const found = await findWitnessUpload(db, grant.witness.invitationId, uploadId);
      return found !== undefined && found.statementId === null;
    }
    return (await findUpload(db, grant.accountId, uploadId)) !== undefined;
  }
  app.addContentTypeParser('application/offset+octet-stream', (_request, _payload, done) => {
    done(null);
  });

  /**
   * Downloads are served here rather than by tus, whose GET wraps the file in a web Response:
   * Node 20's bundled undici then throws an uncaught exception, ending the process, when the
   * client closes the connection just as the last bytes go out, as an HTTP/1.0 proxy does after
   * every response. Fastify pipes the Node stream and destroys it if the client goes away.
   */
  const sendBlob = async (reply: FastifyReply, id: string, upload: UploadRow) => {
    if (upload.completedAt === null && !(await finishedInStore(id))) {
      // Only the owner gets this far, so saying why tells no one anything new.
      throw new ApiError(404, 'not_found', 'This file has not finished uploading.');
    }
    const body = await store.read(id);
    // Removed between the look-up and now (a DELETE that has not yet dropped the row).
    if (!body) throw new ApiError(404, 'not_found', NO_SUCH_UPLOAD);
    return reply
      .header('content-type', 'application/octet-stream')
      .header('content-disposition', 'attachment')
      .header('content-length', String(upload.length))
      .header('x-content-type-options', 'nosniff')
      .send(body);
  };

  /**
   * Refuses what is malformed before the body is read: an id not exactly in the server's
   * format (before anything else), and a PATCH body of another type, which Fastify would
   * otherwise parse (after the session, so someone signed out hears that first).
   */
  const checkShape = async (request: FastifyRequest) => {
    const { id } = request.params as { id?: string };
    if (id !== undefined && !UPLOAD_ID.test(id)) {
      throw new ApiError(400, 'invalid_request', 'An upload id is 32 lowercase hex characters.');
    }
    if (request.method === 'PATCH' && request.headers['content-type'] !== TUS_CONTENT_TYPE) {
      await requireSession(db, sessions, request);
      throw new ApiError(
        415,
        'unsupported_media_type',
        `A PATCH carries the file's bytes as ${TUS_CONTENT_TYPE}.`,
      );
    }
  };

  const tusHeader = tusResumableHeader;
  const handle = async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.method === 'OPTIONS') return tusOptions(reply);
    const session = await requireSession(db, sessions, request);
    return serve(request, reply, {
      accountId: session.accountId,
      basePath: BASE_PATH,
      uploadId: (request.params as { id?: string }).id,
    });
  };

  /** Everything after the question of who is asking: the same for the person and a witness. */
  const serve = async (
    request: FastifyRequest,
    reply: FastifyReply,
    who: UploadAuthority & { readonly basePath: string; readonly uploadId: string | undefined },
  ) => {
    const session = who;
    if (request.headers['upload-metadata'] !== undefined) {
      throw new ApiError(
        400,
        'invalid_request',
        'Upload-Metadata is not accepted: nothing readable may travel with a file.',
      );
    }
    for (const header of ['upload-concat', 'upload-defer-length']) {
      if (request.headers[header] !== undefined) {
        throw new ApiError(400, 'invalid_request', `${header} is not offered: send Upload-Length.`);
      }
    }
    const id = who.uploadId;
    if (id === undefined) {
      if (request.method !== 'POST') throw new ApiError(404, 'not_found', NO_SUCH_UPLOAD);
      const length = Number(request.headers['upload-length']);
      if (!Number.isSafeInteger(length) || length < 0) {
        throw new ApiError(
          400,
          'invalid_request',
          'Upload-Length must be the size of the file in bytes.',
        );
      }
      if (length > uploads.maxFileBytes) {
        throw new ApiError(
          413,
          'file_too_large',
          `This file is too large. The most one file can be is ${megabytes(uploads.maxFileBytes)}.`,
        );
      }
      if ((await bytesUsed(db, session.accountId)) + length > uploads.accountQuotaBytes) {
        throw new ApiError(
          413,
          'quota_exceeded',
          `This would take your evidence past the ${megabytes(uploads.accountQuotaBytes)} your account can hold.`,
        );
      }
    } else if (who.witness !== undefined) {
      // A witness carries on their own unfinished upload, never reads or deletes one, and
      // cannot touch one a statement already names.
      if (request.method !== 'HEAD' && request.method !== 'PATCH') {
        throw new ApiError(404, 'not_found', NO_SUCH_UPLOAD);
      }
      if (!(await isGranted(who, id))) throw new ApiError(404, 'not_found', NO_SUCH_UPLOAD);
    } else {
      // checkShape has already refused any other form of id.
      const upload = await findUpload(db, session.accountId, id);
      if (!upload) throw new ApiError(404, 'not_found', NO_SUCH_UPLOAD);
      if (request.method === 'GET') return sendBlob(reply, id, upload);
      // Termination is answered here rather than by tus, which would answer before the row
      // is gone, so a request right after could still find the upload but not its blob.
      if (request.method === 'DELETE') {
        await removeBlob(id);
        return reply.code(204).header('tus-resumable', '1.0.0').send();
      }
    }
    // tus sees only what was authorised: the grant, and the canonical address of it.
    grants.set(request.raw, {
      accountId: session.accountId,
      uploadId: id,
      basePath: who.basePath,
      ...(who.witness !== undefined ? { witness: who.witness } : {}),
    });
    // tus's own path is /api/uploads; it reads the id from the grant, never from this address.
    request.raw.url = id === undefined ? BASE_PATH : `${BASE_PATH}/${id}`;
    reply.hijack();
    reply.raw.setHeader('cache-control', 'no-store');
    reply.raw.setHeader('x-content-type-options', 'nosniff');
    await tus.handle(request.raw, reply.raw);
  };

  app.withTypeProvider<ZodTypeProvider>().get(
    '/uploads/limits',
    {
      schema: {
        tags: ['uploads'],
        summary: 'The largest file, the account quota, and what the account already uses',
        response: { 200: uploadLimitsResponse, 401: apiErrorResponse },
      },
    },
    async (request) => {
      const { accountId } = await requireSession(db, sessions, request);
      return {
        maxFileBytes: uploads.maxFileBytes,
        accountQuotaBytes: uploads.accountQuotaBytes,
        usedBytes: await bytesUsed(db, accountId),
      };
    },
  );
  app.route({
    method: ['POST', 'OPTIONS'],
    url: '/uploads',
    schema: { hide: true },
    onRequest: checkShape,
    onSend: tusHeader,
    handler: handle,
  });
  app.route({
    method: ['HEAD', 'PATCH', 'DELETE', 'GET'],
    url: '/uploads/:id',
    schema: { hide: true },
    onRequest: checkShape,
    onSend: tusHeader,
    // Ciphertext does not compress; trying would only spend CPU and drop Content-Length.
    compress: false,
    handler: handle,
  });

  const sweeper = setInterval(() => {
    housekeeping.sweepAbandoned().catch(() => {
      // The next sweep tries again.
    });
  }, 10 * 60_000);
  sweeper.unref();
  app.addHook('onClose', () => clearInterval(sweeper));

  return { ...housekeeping, tus, serveAuthorised: serve };
}

/** The error's kind only: a store's message can quote keys or addresses. */
function errorKind(error: unknown): { type: string } {
  return { type: error instanceof Error ? error.name : typeof error };
}

function megabytes(bytes: number): string {
  return bytes >= 1024 ** 3
    ? `${(bytes / 1024 ** 3).toFixed(bytes % 1024 ** 3 === 0 ? 0 : 1)} GB`
    : `${Math.round(bytes / 1024 ** 2)} MB`;
}
