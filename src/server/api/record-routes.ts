/**
 * Encrypted records: create, read, list, update with optimistic concurrency (every update kept
 * as a revision), list revisions, delete. Every query is scoped to the signed-in account.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { recordWriteResponse, type RecordWriteResponse } from '../../contract/receipts.js';
import {
  apiErrorResponse,
  createRecordBody,
  listRecordsQuery,
  listRevisionsQuery,
  MAX_PAGE_BYTES,
  MAX_RECORD_BYTES,
  recordIdSchema,
  recordListResponse,
  recordResponse,
  revisionListResponse,
  updateRecordBody,
  type RecordResponse,
} from '../../contract/vault-api.js';
import {
  findRecord,
  listRecords,
  listRevisions,
  recordExists,
  type RecordPosition,
  type PagedRecord,
  type StoredRecord,
} from '../db/repositories/records.js';
import type { Database } from '../db/schema.js';
import {
  createRecord,
  deleteRecord,
  reviseRecord,
  type RecordWriteOptions,
} from '../services/records.js';
import { ApiError } from './api-error.js';
import {
  notSignedIn,
  requireSession,
  sessionWriter,
  type SessionSettings,
} from './session-guard.js';
import { fromBase64Url as bytes, CIPHERTEXT_COMPRESSION } from './wire-bytes.js';

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

export interface RecordSettings {
  /** Bytes one account's records may take, every revision counted. */
  readonly quotaBytes: number;
}

/**
 * A written record's answer: the record. No `leafIndex`: the revision's receipt entry gets its
 * index when the sequencer runs, after the write; the receipt is fetched by record and revision.
 */
function toWriteResponse(record: StoredRecord): RecordWriteResponse {
  return toResponse(record);
}

export function recordRoutes(
  parent: FastifyInstance,
  deps: {
    db: Kysely<Database>;
    sessions: SessionSettings;
    records: RecordSettings;
    writes: RecordWriteOptions;
  },
): void {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  const { db, sessions } = deps;
  const { quotaBytes } = deps.records;
  const quotaExceeded = (): ApiError =>
    new ApiError(
      413,
      'record_quota_exceeded',
      `Your diary is full (it can hold ${megabytes(quotaBytes)}), so this was not saved. ` +
        'Deleting entries you no longer need makes room.',
    );
  const notFound = (): ApiError => new ApiError(404, 'not_found', 'There is no such record.');
  /** Too large, for a signed-in writer; not signed in comes first, as it always did. */
  const tooLargeFor = async (request: FastifyRequest): Promise<ApiError> => {
    await requireSession(db, sessions, request);
    return tooLarge();
  };

  app.post(
    '/records',
    {
      schema: {
        tags: ['records'],
        summary:
          'Store a new encrypted record (revision 1); the same create sent again (identical bytes) is answered 200 with the stored record',
        body: createRecordBody,
        response: {
          201: recordWriteResponse.or(recordResponse),
          200: recordWriteResponse.or(recordResponse),
          ...errors,
        },
      },
      bodyLimit: RECORD_BODY_LIMIT,
    },
    async (request, reply) => {
      // The session is checked (and marked as seen) inside the write's own statement.
      const writer = await sessionWriter(db, sessions, request);
      const body = request.body;
      const ciphertext = bytes(body.ciphertext);
      if (ciphertext.length > MAX_RECORD_BYTES) throw await tooLargeFor(request);
      const result = await createRecord(
        db,
        writer,
        { id: body.id, type: body.type, ciphertext, wrappedKey: bytes(body.wrappedKey) },
        quotaBytes,
        deps.writes,
      );
      switch (result.kind) {
        case 'created':
          return reply.code(201).send(toWriteResponse(result.record));
        case 'repeated':
          return reply.code(200).send(toWriteResponse(result.record));
        case 'exists':
          throw new ApiError(409, 'record_exists', 'A record with this id already exists.');
        case 'quota_exceeded':
          throw quotaExceeded();
        case 'not_signed_in':
          throw notSignedIn();
      }
    },
  );

  app.get(
    '/records',
    {
      compress: CIPHERTEXT_COMPRESSION,
      schema: {
        tags: ['records'],
        summary:
          'List records, oldest (or newest) first, a page at a time (at most limit records and 16 MiB of ciphertext)',
        querystring: listRecordsQuery,
        response: { 200: recordListResponse, ...errors },
      },
    },
    async (request) => {
      const { accountId } = await requireSession(db, sessions, request);
      const { type, limit, cursor, order } = request.query;
      const { records, more } = await listRecords(db, accountId, {
        type,
        limit,
        order,
        after: decodeCursor(cursor),
        maxBytes: MAX_PAGE_BYTES,
      });
      const last = records.at(-1);
      return {
        records: records.map(pagedResponse),
        next: more && last ? encodeCursor(last) : null,
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
        summary:
          'Store a new revision if the current one is still expectedRevision (the same revision sent again is answered 200 as the first time); the answer gives its receipt leaf',
        params: idParams,
        body: updateRecordBody,
        response: { 200: recordWriteResponse.or(recordResponse), ...errors },
      },
      bodyLimit: RECORD_BODY_LIMIT,
    },
    async (request) => {
      // The session is checked (and marked as seen) inside the write's own statement.
      const writer = await sessionWriter(db, sessions, request);
      const ciphertext = bytes(request.body.ciphertext);
      if (ciphertext.length > MAX_RECORD_BYTES) throw await tooLargeFor(request);
      const result = await reviseRecord(
        db,
        writer,
        request.params.id,
        {
          expectedRevision: request.body.expectedRevision,
          ciphertext,
          wrappedKey: bytes(request.body.wrappedKey),
        },
        quotaBytes,
        deps.writes,
      );
      switch (result.kind) {
        case 'updated':
          return toWriteResponse(result.record);
        case 'not_found':
          throw notFound();
        case 'conflict':
          throw new ApiError(
            409,
            'revision_conflict',
            `This entry was changed elsewhere (it is now at revision ${result.currentRevision}). Reload it before saving.`,
          );
        case 'quota_exceeded':
          throw quotaExceeded();
        case 'not_signed_in':
          throw notSignedIn();
      }
    },
  );

  app.get(
    '/records/:id/revisions',
    {
      compress: CIPHERTEXT_COMPRESSION,
      schema: {
        tags: ['records'],
        summary:
          'The revisions of a record, oldest first, a page at a time (at most limit revisions and 16 MiB of ciphertext)',
        params: idParams,
        querystring: listRevisionsQuery,
        response: { 200: revisionListResponse, ...errors },
      },
    },
    async (request) => {
      const { accountId } = await requireSession(db, sessions, request);
      const { id } = request.params;
      const afterRevision = decodeRevisionCursor(request.query.cursor);
      const { revisions, more } = await listRevisions(db, accountId, id, {
        afterRevision,
        limit: request.query.limit,
        maxBytes: MAX_PAGE_BYTES,
      });
      // Every record has revision 1, so an empty first page means there is no such record.
      if (
        revisions.length === 0 &&
        (afterRevision === 0 || !(await recordExists(db, accountId, id)))
      )
        throw notFound();
      const last = revisions.at(-1);
      return {
        revisions: revisions.map(pagedResponse),
        next: more && last ? encodeRevisionCursor(last.revision) : null,
      };
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

function pagedResponse(record: PagedRecord): RecordResponse {
  return {
    id: record.id,
    type: record.type,
    revision: record.revision,
    ciphertext: record.ciphertext,
    wrappedKey: record.wrappedKey,
    size: record.size,
    createdAt: record.createdAt.toISOString(),
    updatedAt: record.updatedAt.toISOString(),
  };
}

function encodeCursor(record: RecordPosition): string {
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
    throw badCursor();
  }
}

function encodeRevisionCursor(revision: number): string {
  return Buffer.from(JSON.stringify(['revision', revision])).toString('base64url');
}

/** Revisions are PostgreSQL integers. */
const revisionCursorSchema = z.tuple([
  z.literal('revision'),
  z
    .number()
    .int()
    .min(1)
    .max(2 ** 31 - 1),
]);

/** The last revision of the previous page; 0 for the first page. */
function decodeRevisionCursor(cursor: string | undefined): number {
  if (cursor === undefined) return 0;
  try {
    const [, revision] = revisionCursorSchema.parse(
      JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')),
    );
    return revision;
  } catch {
    throw badCursor();
  }
}

function badCursor(): ApiError {
  return new ApiError(400, 'invalid_request', 'cursor: this is not a cursor from a previous page.');
}

/** 268435456 → "256 MB", as the settings are given. */
function megabytes(bytes: number): string {
  return `${Math.floor(bytes / (1024 * 1024))} MB`;
}
