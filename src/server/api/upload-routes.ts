/**
 * Evidence uploads over the tus resumable-upload protocol (@tus/server), under /api/uploads.
 * The browser encrypts each file in chunks before sending it, so the store only ever holds
 * ciphertext; no file name, type or other metadata may travel with it. Fastify checks the
 * session, CSRF token, ownership and quota first, then hands the request to tus unchanged.
 */
import { randomBytes } from 'node:crypto';
import { FileStore } from '@tus/file-store';
import { EVENTS, MemoryLocker, Server } from '@tus/server';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import {
  abandonedUploads,
  bytesUsed,
  deleteUpload,
  findUpload,
  insertUpload,
  markCompleted,
  uploadIdsOfAccount,
} from '../db/repositories/uploads.js';
import type { Database } from '../db/schema.js';
import { ApiError } from './api-error.js';
import { requireSession, type SessionSettings } from './session-guard.js';

export interface UploadSettings {
  /** Where the encrypted blobs are kept (the filesystem store). */
  readonly directory: string;
  readonly maxFileBytes: number;
  readonly accountQuotaBytes: number;
  /** An upload not finished within this long is abandoned and removed. */
  readonly abandonAfterSeconds: number;
}

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
  const store = new FileStore({ directory: uploads.directory });
  const tus = new Server({
    path: '/api/uploads',
    datastore: store,
    locker: new MemoryLocker(),
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
  tus.on(EVENTS.POST_TERMINATE, (_req, _res, id: string) => {
    void deleteUpload(db, id);
  });

  app.addContentTypeParser('application/offset+octet-stream', (_request, _payload, done) => {
    done(null);
  });

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
    } else if (!UPLOAD_ID.test(id) || !(await findUpload(db, session.accountId, id))) {
      throw new ApiError(404, 'not_found', 'There is no such upload.');
    }
    setOwner(request, session.accountId);
    reply.hijack();
    reply.raw.setHeader('cache-control', 'no-store');
    reply.raw.setHeader('x-content-type-options', 'nosniff');
    await tus.handle(request.raw, reply.raw);
  };

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
    handler: handle,
  });

  const removeBlob = async (id: string): Promise<void> => {
    await store.remove(id).catch(() => {
      // Already gone (never written, or removed before): nothing left to remove.
    });
    await deleteUpload(db, id);
  };
  const sweepAbandoned = async (): Promise<number> => {
    const ids = await abandonedUploads(db, uploads.abandonAfterSeconds);
    for (const id of ids) await removeBlob(id);
    return ids.length;
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

function megabytes(bytes: number): string {
  return bytes >= 1024 ** 3
    ? `${(bytes / 1024 ** 3).toFixed(bytes % 1024 ** 3 === 0 ? 0 : 1)} GB`
    : `${Math.round(bytes / 1024 ** 2)} MB`;
}
