/**
 * A witness's files (docs/vault-protocol.md §15.8): the same resumable tus flow as /api/uploads,
 * authorised by the invitation's auth key (header x-mosaic-witness-auth) instead of a session.
 *
 *   POST /api/witness/invitations/:id/uploads             create (Upload-Length), then
 *   HEAD|PATCH /api/witness/invitations/:id/uploads/:uploadId   carry it on
 *
 * The upload belongs to the person's account (their evidence quota), marked with the invitation:
 * each invitation takes at most MAX_STATEMENT_FILES files and WITNESS_FILE_BYTES_PER_STATEMENT
 * encrypted bytes per statement it takes. A witness can never read or delete an upload, nor
 * touch another invitation's, nor one a sent statement already names. The store only ever holds
 * ciphertext; the file key travels inside the sealed statement.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import {
  MAX_STATEMENT_FILES,
  WITNESS_AUTH_HEADER,
  WITNESS_FILE_BYTES_PER_STATEMENT,
} from '../../contract/witnesses.js';
import type { Limiter } from '../auth/limits.js';
import type { Database } from '../db/schema.js';
import { witnessAccess } from '../services/witnesses.js';
import { ApiError } from './api-error.js';
import { tusOptions, tusResumableHeader } from './tus-protocol.js';
import type { UploadRoutes } from './upload-routes.js';
import { refusal } from './witness-routes.js';

const INVITATION_ID = /^[A-Za-z0-9_-]{22}$/;
const UPLOAD_ID = /^[a-f0-9]{32}$/;
const AUTH_KEY = /^[A-Za-z0-9_-]{43}$/;
const TUS_CONTENT_TYPE = 'application/offset+octet-stream';

export function witnessUploadRoutes(
  app: FastifyInstance,
  deps: { db: Kysely<Database>; limit: Limiter; uploads: UploadRoutes },
): void {
  const { db, limit, uploads } = deps;

  /** Refuses what is malformed before the body is read. */
  const shapeError = (request: FastifyRequest): ApiError | undefined => {
    const { id, uploadId } = request.params as { id?: string; uploadId?: string };
    if (id === undefined || !INVITATION_ID.test(id)) {
      return new ApiError(400, 'invalid_request', 'This is not a witness link’s address.');
    }
    if (uploadId !== undefined && !UPLOAD_ID.test(uploadId)) {
      return new ApiError(400, 'invalid_request', 'An upload id is 32 lowercase hex characters.');
    }
    if (request.method === 'PATCH' && request.headers['content-type'] !== TUS_CONTENT_TYPE) {
      return new ApiError(
        415,
        'unsupported_media_type',
        `A PATCH carries the file's bytes as ${TUS_CONTENT_TYPE}.`,
      );
    }
    return undefined;
  };
  const checkShape = (
    request: FastifyRequest,
    _reply: FastifyReply,
    done: (error?: Error) => void,
  ): void => {
    const error = shapeError(request);
    if (error === undefined) done();
    else done(error);
  };

  const handle = async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.method === 'OPTIONS') return tusOptions(reply);
    const { id, uploadId } = request.params as { id: string; uploadId?: string };
    // Creating a file counts against the address like sending a statement; carrying one on
    // (many PATCHes for a video) does not, but needs the proof every time.
    if (request.method === 'POST') await limit.hit('witnessPerAddress', request.ip);
    const authKey = request.headers[WITNESS_AUTH_HEADER];
    if (typeof authKey !== 'string' || !AUTH_KEY.test(authKey)) {
      if (request.method !== 'POST') await limit.hit('witnessPerAddress', request.ip);
      throw refusal({ kind: 'wrong' });
    }
    const access = await witnessAccess(db, id, authKey);
    if (access.kind !== 'ok') {
      if (access.kind === 'wrong' && request.method !== 'POST') {
        await limit.hit('witnessPerAddress', request.ip);
      }
      throw refusal(access);
    }
    const { invitation } = access;
    return uploads.serveAuthorised(request, reply, {
      accountId: invitation.accountId,
      basePath: `/api/witness/invitations/${id}/uploads`,
      uploadId,
      witness: {
        invitationId: id,
        maxFiles: MAX_STATEMENT_FILES * invitation.maxStatements,
        maxBytes: WITNESS_FILE_BYTES_PER_STATEMENT * invitation.maxStatements,
      },
    });
  };

  app.route({
    method: ['POST', 'OPTIONS'],
    url: '/witness/invitations/:id/uploads',
    schema: { hide: true },
    onRequest: checkShape,
    onSend: tusResumableHeader,
    handler: handle,
  });
  app.route({
    method: ['HEAD', 'PATCH'],
    url: '/witness/invitations/:id/uploads/:uploadId',
    schema: { hide: true },
    onRequest: checkShape,
    onSend: tusResumableHeader,
    compress: false,
    handler: handle,
  });
}
