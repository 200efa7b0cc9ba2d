/**
 * Evidence uploads over the tus resumable-upload protocol (@tus/server), under /api/uploads.
 * The browser encrypts each file in chunks before sending it, so the store (src/server/blobs:
 * files or an S3 bucket) only ever holds ciphertext; no file name, type or other metadata may
 * travel with it. Fastify checks the session, CSRF token, ownership and quota first, then hands
 * creation, HEAD and PATCH to tus unchanged; downloads and deletions are answered here.
 */
import { randomBytes } from 'node:crypto';
import { MemoryLocker, Server } from '@tus/server';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { apiErrorResponse, uploadLimitsResponse } from '../../domain/vault-api.js';
import type { Kysely } from 'kysely';
import {
  abandonedUploads,
  bytesUsed,
  deleteUpload,
  findUpload,
  insertUpload,
  markCompleted,
  uploadIdsOfAccount,
  type UploadRow,
} from '../db/repositories/uploads.js';
import type { Database } from '../db/schema.js';
import type * as blobs from '../blobs/index.js';
import { ApiError } from './api-error.js';
import { requireSession, type SessionSettings } from './session-guard.js';

export interface UploadSettings {
  /** Where the ciphertext is kept: files under DATA_DIR/blobs, or an S3 bucket. */
  readonly store: blobs.BlobStore;
  readonly maxFileBytes: number;
  readonly accountQuotaBytes: number;
  /** An upload not finished within this long is abandoned and removed. */
  readonly abandonAfterSeconds: number;
}

/** The uploads' housekeeping, for the account routes and tests. */
export interface BlobStore {
  /** Removes every blob of an account (before the account itself is deleted). */
  removeAccountBlobs(accountId: string): Promise<void>;
  /** Removes uploads never finished in time, with their blobs; returns how many. */
  sweepAbandoned(): Promise<number>;
}

/** Set by this module only: a client-sent value is removed before tus sees the request. */
const OWNER_HEADER = 'x-mosaic-upload-owner';
const UPLOAD_ID = /^[a-f0-9]{32}$/;

export function uploadRoutes(
  app: FastifyInstance,
  deps: { db: Kysely<Database>; sessions: SessionSettings; uploads: UploadSettings },
): BlobStore {
  const { db, sessions, uploads } = deps;
  const { store } = uploads;
  // Shared with removals below, so a blob is never removed in the middle of a PATCH.
  const locker = new MemoryLocker();
  const tus = new Server({
    path: '/api/uploads',
    datastore: store.datastore,
    locker,
    relativeLocation: true,
    maxSize: uploads.maxFileBytes,
    namingFunction: () => randomBytes(16).toString('hex'),
    onUploadCreate: async (req, upload) => {
      const owner = req.headers.get(OWNER_HEADER);
      if (!owner || upload.size === undefined) {
        // @tus/server's documented way to refuse: throw { status_code, body }.
        // eslint-disable-next-line @typescript-eslint/only-throw-error
        throw { status_code: 400, body: 'Upload-Length is required' };
      }
      await insertUpload(db, owner, upload.id, upload.size);
      return {};
    },
    onUploadFinish: async (_req, upload) => {
      await markCompleted(db, upload.id);
      return {};
    },
  });
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
    if (upload.completedAt === null) {
      // Only the owner gets this far, so saying why tells no one anything new.
      throw new ApiError(404, 'not_found', 'This file has not finished uploading.');
    }
    const body = await store.read(id);
    // Removed between the look-up and now (a DELETE that has not yet dropped the row).
    if (!body) throw new ApiError(404, 'not_found', 'There is no such upload.');
    return reply
      .header('content-type', 'application/octet-stream')
      .header('content-disposition', 'attachment')
      .header('content-length', String(upload.length))
      .header('x-content-type-options', 'nosniff')
      .send(body);
  };

  const handle = async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.method === 'OPTIONS') {
      return reply
        .code(204)
        .header('tus-resumable', '1.0.0')
        .header('tus-version', '1.0.0')
        .header('tus-extension', 'creation,termination')
        .send();
    }
    const session = await requireSession(db, sessions, request);
    if (request.headers['upload-metadata'] !== undefined) {
      throw new ApiError(
        400,
        'invalid_request',
        'Upload-Metadata is not accepted: nothing readable may travel with a file.',
      );
    }
    const id = (request.params as { id?: string }).id;
    if (id === undefined) {
      if (request.method !== 'POST')
        throw new ApiError(404, 'not_found', 'There is no such upload.');
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
    } else {
      const upload = UPLOAD_ID.test(id) ? await findUpload(db, session.accountId, id) : undefined;
      if (!upload) throw new ApiError(404, 'not_found', 'There is no such upload.');
      if (request.method === 'GET') return sendBlob(reply, id, upload);
      // Termination is answered here rather than by tus, which would answer before the row
      // is gone, so a request right after could still find the upload but not its blob.
      if (request.method === 'DELETE') {
        await removeBlob(id);
        return reply.code(204).header('tus-resumable', '1.0.0').send();
      }
    }
    setOwner(request, session.accountId);
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
    handler: handle,
  });
  app.route({
    method: ['HEAD', 'PATCH', 'DELETE', 'GET'],
    url: '/uploads/:id',
    schema: { hide: true },
    // Ciphertext does not compress; trying would only spend CPU and drop Content-Length.
    compress: false,
    handler: handle,
  });

  // The row goes only after its blob: if the store fails, the row stays and the next sweep (or
  // the person's next try) removes both, so no ciphertext is ever left without an owner.
  const removeBlob = async (id: string): Promise<void> => {
    const lock = locker.newLock(id);
    // A PATCH holding the lock is asked to stop, as tus does for its own requests.
    await lock.lock(AbortSignal.timeout(60_000), () => {});
    try {
      await store.remove(id);
      await deleteUpload(db, id);
    } finally {
      await lock.unlock();
    }
  };
  const sweepAbandoned = async (): Promise<number> => {
    const ids = await abandonedUploads(db, uploads.abandonAfterSeconds);
    let removed = 0;
    for (const id of ids) {
      try {
        await removeBlob(id);
        removed++;
      } catch (error) {
        app.log.warn({ err: errorKind(error) }, 'could not remove an abandoned upload');
      }
    }
    return removed;
  };
  const sweeper = setInterval(() => {
    sweepAbandoned().catch(() => {
      // The next sweep tries again.
    });
  }, 10 * 60_000);
  sweeper.unref();
  app.addHook('onClose', () => clearInterval(sweeper));

  return {
    async removeAccountBlobs(accountId) {
      for (const id of await uploadIdsOfAccount(db, accountId)) await removeBlob(id);
    },
    sweepAbandoned,
  };
}

/** Tells tus whose upload this is. tus reads the raw header list, so both forms are set. */
function setOwner(request: FastifyRequest, accountId: string): void {
  const raw = request.raw.rawHeaders;
  const kept: string[] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) {
    if (raw[i]?.toLowerCase() !== OWNER_HEADER) kept.push(raw[i] ?? '', raw[i + 1] ?? '');
  }
  raw.splice(0, raw.length, ...kept, OWNER_HEADER, accountId);
  request.raw.headers[OWNER_HEADER] = accountId;
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
