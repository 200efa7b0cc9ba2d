/**
 * Encrypted records: create, read, list, update with optimistic concurrency (every update kept
 * as a revision), list revisions, delete. Every query is scoped to the signed-in account.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import {
  apiErrorResponse,
  createRecordBody,
  listRecordsQuery,
  MAX_RECORD_BYTES,
  recordIdSchema,
  recordListResponse,
  recordResponse,
  revisionListResponse,
  updateRecordBody,
  type RecordResponse,
} from '../../domain/vault-api.js';
import {
  deleteRecord,
  findRecord,
  insertRecord,
  listRecords,
  listRevisions,
  updateRecord,
  type RecordPosition,
  type StoredRecord,
} from '../db/repositories/records.js';
import type { Database } from '../db/schema.js';
import { ApiError } from './api-error.js';
import { requireSession, type SessionSettings } from './session-guard.js';

const errors = {
  400: apiErrorResponse,
  401: apiErrorResponse,
  403: apiErrorResponse,
  404: apiErrorResponse,
  409: apiErrorResponse,
  413: apiErrorResponse,
};
const idParams = z.object({ id: recordIdSchema });
/** Base64 grows data by a third; leave room for the JSON around it. */
const RECORD_BODY_LIMIT = Math.ceil((MAX_RECORD_BYTES * 4) / 3) + 16 * 1024;

export function recordRoutes(
  parent: FastifyInstance,
  deps: { db: Kysely<Database>; sessions: SessionSettings },
): void {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  const { db, sessions } = deps;
  const bytes = (b64: string): Uint8Array => new Uint8Array(Buffer.from(b64, 'base64url'));
  const notFound = (): ApiError => new ApiError(404, 'not_found', 'There is no such record.');

  app.post(
    '/records',
    {
      schema: {
        tags: ['records'],
        summary: 'Store a new encrypted record (revision 1)',
        body: createRecordBody,
        response: { 201: recordResponse, ...errors },
      },
      bodyLimit: RECORD_BODY_LIMIT,
    },
    async (request, reply) => {
      const { accountId } = await requireSession(db, sessions, request);
      const body = request.body;
      const ciphertext = bytes(body.ciphertext);
      if (ciphertext.length > MAX_RECORD_BYTES) throw tooLarge();
      const record = await insertRecord(db, accountId, {
        id: body.id,
        type: body.type,
        ciphertext,
        wrappedKey: bytes(body.wrappedKey),
      });
      if (!record)
        throw new ApiError(409, 'record_exists', 'A record with this id already exists.');
      return reply.code(201).send(toResponse(record));
    },
  );

  app.get(
    '/records',
    {
      schema: {
        tags: ['records'],
        summary: 'List records, oldest (or newest) first, a page at a time',
        querystring: listRecordsQuery,
        response: { 200: recordListResponse, ...errors },
      },
    },
    async (request) => {
      const { accountId } = await requireSession(db, sessions, request);
      const { type, limit, cursor, order } = request.query;
      const records = await listRecords(db, accountId, {
        type,
        limit,
        order,
        after: decodeCursor(cursor),
      });
      const last = records.at(-1);
      return {
        records: records.map(toResponse),
        next: records.length === limit && last ? encodeCursor(last) : null,
      };
    },
  );

  app.get(
    '/records/:id',
    {
      schema: {
        tags: ['records'],
        summary: 'One record, current revision',
        params: idParams,
        response: { 200: recordResponse, ...errors },
      },
    },
    async (request) => {
      const { accountId } = await requireSession(db, sessions, request);
      const record = await findRecord(db, accountId, request.params.id);
      if (!record) throw notFound();
      return toResponse(record);
    },
  );

  app.put(
    '/records/:id',
    {
      schema: {
        tags: ['records'],
        summary: 'Store a new revision if the current one is still expectedRevision',
        params: idParams,
        body: updateRecordBody,
        response: { 200: recordResponse, ...errors },
      },
      bodyLimit: RECORD_BODY_LIMIT,
    },
    async (request) => {
      const { accountId } = await requireSession(db, sessions, request);
      const ciphertext = bytes(request.body.ciphertext);
      if (ciphertext.length > MAX_RECORD_BYTES) throw tooLarge();
      const result = await updateRecord(db, accountId, request.params.id, {
        expectedRevision: request.body.expectedRevision,
        ciphertext,
        wrappedKey: bytes(request.body.wrappedKey),
      });
      switch (result.kind) {
        case 'updated':
          return toResponse(result.record);
        case 'not_found':
          throw notFound();
        case 'conflict':
          throw new ApiError(
            409,
            'revision_conflict',
            `This entry was changed elsewhere (it is now at revision ${result.currentRevision}). Reload it before saving.`,
          );
      }
    },
  );

  app.get(
    '/records/:id/revisions',
    {
      schema: {
        tags: ['records'],
        summary: 'Every revision of a record, oldest first',
        params: idParams,
        response: { 200: revisionListResponse, ...errors },
      },
    },
    async (request) => {
      const { accountId } = await requireSession(db, sessions, request);
      const revisions = await listRevisions(db, accountId, request.params.id);
      if (revisions.length === 0) throw notFound();
      return { revisions: revisions.map(toResponse) };
    },
  );

  app.delete(
    '/records/:id',
    {
      schema: {
        tags: ['records'],
        summary: 'Delete a record and all its revisions',
        params: idParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      const { accountId } = await requireSession(db, sessions, request);
      if (!(await deleteRecord(db, accountId, request.params.id))) throw notFound();
      return reply.code(204).send(null);
    },
  );
}

function tooLarge(): ApiError {
  return new ApiError(
    413,
    'record_too_large',
    'This record is too large. Files belong in the evidence locker.',
  );
}

function toResponse(record: StoredRecord): RecordResponse {
  return {
    id: record.id,
    type: record.type,
    revision: record.revision,
    ciphertext: Buffer.from(record.ciphertext).toString('base64url'),
    wrappedKey: Buffer.from(record.wrappedKey).toString('base64url'),
    size: record.ciphertext.length,
    createdAt: record.createdAt.toISOString(),
    updatedAt: record.updatedAt.toISOString(),
  };
}

function encodeCursor(record: StoredRecord): string {
  return Buffer.from(JSON.stringify([record.createdAt.toISOString(), record.id])).toString(
    'base64url',
  );
}

const cursorSchema = z.tuple([z.iso.datetime(), recordIdSchema]);

function decodeCursor(cursor: string | undefined): RecordPosition | undefined {
  if (cursor === undefined) return undefined;
  try {
    const [createdAt, id] = cursorSchema.parse(
      JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')),
    );
    return { createdAt: new Date(createdAt), id };
  } catch {
    throw new ApiError(
      400,
      'invalid_request',
      'cursor: this is not a cursor from a previous page.',
    );
  }
}
