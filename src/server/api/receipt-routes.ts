/**
 * Receipts and the public log. The owner of a record revision or an evidence file gets its
 * receipt (a C2SP tlog-proof) once a checkpoint covers it; anyone gets the newest checkpoint, a
 * checkpoint by size, a consistency proof between two sizes and the log's key. Nothing public
 * names or links accounts: a checkpoint is a size and a root, a proof is hashes.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import {
  checkpointResponse,
  checkpointSizeParams,
  consistencyQuery,
  consistencyResponse,
  logHandoversResponse,
  logKeyResponse,
  receiptPendingResponse,
  receiptResponse,
  revisionReceiptParams,
  type CheckpointResponse,
  type ReceiptPendingResponse,
  type ReceiptResponse,
} from '../../contract/receipts.js';
import { decodeReceiptLeaf } from '../../crypto/checkpoint.js';
import { formatTlogProof } from '../../crypto/tlog-proof.js';
import { toBase64 } from '../../crypto/signed-note.js';
import { apiErrorResponse } from '../../contract/vault-api.js';
import {
  checkpointAt,
  latestCheckpoint,
  listKeyHandovers,
  readLogLeaf,
  type StoredCheckpoint,
} from '../db/repositories/receipt-log.js';
import { revisionLeafIndex } from '../db/repositories/records.js';
import { uploadLeafIndex } from '../db/repositories/uploads.js';
import type { Database } from '../db/schema.js';
import { consistencyProofBetween, inclusionProofAt } from '../log/append.js';
import type { ReceiptLog } from '../log/receipt-log.js';
import { ApiError } from './api-error.js';
import { requireSession, type SessionSettings } from './session-guard.js';

const errors = {
  400: apiErrorResponse,
  401: apiErrorResponse,
  404: apiErrorResponse,
  409: apiErrorResponse,
};
const uploadParams = z.object({ id: z.string().regex(/^[a-f0-9]{32}$/) });

export function receiptRoutes(
  parent: FastifyInstance,
  deps: { db: Kysely<Database>; sessions: SessionSettings; log: ReceiptLog },
): void {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  const { db, sessions, log } = deps;

  const receiptFor = (leafIndex: number | null, reply: FastifyReply) =>
    receiptForLeaf(db, log, leafIndex, reply);
  const notFound = (what: string) => new ApiError(404, 'not_found', `There is no such ${what}.`);

  app.get(
    '/records/:id/revisions/:revision/receipt',
    {
      schema: {
        tags: ['receipts'],
        summary: 'The receipt of one revision of a record: a C2SP tlog-proof (owner only)',
        params: revisionReceiptParams,
        response: { 200: receiptResponse, 202: receiptPendingResponse, ...errors },
      },
    },
    async (request, reply) => {
      const { accountId } = await requireSession(db, sessions, request);
      const { id, revision } = request.params;
      const found = await revisionLeafIndex(db, accountId, id, revision);
      if (found === undefined) throw notFound('revision');
      return receiptFor(found.leafIndex, reply);
    },
  );

  app.get(
    '/uploads/:id/receipt',
    {
      schema: {
        tags: ['receipts'],
        summary: 'The receipt of a finished evidence file: a C2SP tlog-proof (owner only)',
        params: uploadParams,
        response: { 200: receiptResponse, 202: receiptPendingResponse, ...errors },
      },
    },
    async (request, reply) => {
      const { accountId } = await requireSession(db, sessions, request);
      const found = await uploadLeafIndex(db, accountId, request.params.id);
      if (found === undefined) throw notFound('upload');
      if (!found.finished) {
        throw new ApiError(
          404,
          'receipt_unavailable',
          'This file is not fully sent yet, so it has no receipt.',
        );
      }
      return receiptFor(found.leafIndex, reply);
    },
  );

  app.get(
    '/log/checkpoint',
    {
      schema: {
        tags: ['log'],
        summary: 'The newest signed checkpoint of the receipt log (public)',
        response: { 200: checkpointResponse, ...errors },
      },
    },
    async () => toCheckpointResponse((await latestCheckpoint(db)) ?? (await log.checkpointNow())),
  );

  app.get(
    '/log/checkpoints/:size',
    {
      schema: {
        tags: ['log'],
        summary: 'The checkpoint signed at this tree size, if one was (public)',
        params: checkpointSizeParams,
        response: { 200: checkpointResponse, ...errors },
      },
    },
    async (request) => {
      const checkpoint = await checkpointAt(db, request.params.size);
      if (!checkpoint) throw notFound('checkpoint');
      return toCheckpointResponse(checkpoint);
    },
  );

  app.get(
    '/log/consistency',
    {
      schema: {
        tags: ['log'],
        summary:
          'RFC 6962 proof that the tree of size `from` is a prefix of the tree of size `to` (public)',
        querystring: consistencyQuery,
        response: { 200: consistencyResponse, ...errors },
      },
    },
    async (request) => {
      const { from, to } = request.query;
      const newest = (await latestCheckpoint(db))?.size ?? 0;
      if (from > to || to > newest) {
        throw new ApiError(
          400,
          'log_size_invalid',
          `from must be at most to, and to at most ${newest} (the newest checkpoint's size).`,
        );
      }
      const proof = await consistencyProofBetween(db, from, to);
      return { from, to, proof: proof.map(toBase64) };
    },
  );

  app.get(
    '/log/key',
    {
      schema: {
        tags: ['log'],
        summary: 'The log’s origin and public key (C2SP vkey), as at /.well-known/mosaic-log.pub',
        response: { 200: logKeyResponse },
      },
    },
    () => ({ origin: log.key.origin, vkey: log.key.vkey, fingerprint: log.key.fingerprint }),
  );

  app.get(
    '/log/handovers',
    {
      schema: {
        tags: ['log'],
        summary:
          'Every change of the log’s key, oldest first: notes signed by the old key and the new (public)',
        response: { 200: logHandoversResponse },
      },
    },
    async () => ({ handovers: await listKeyHandovers(db) }),
  );
}

/**
 * The receipt of leaf `index`: a proof against the newest checkpoint, which must cover it. A
 * null index (the entry waits for the sequencer or the backfill) is pending too.
 *
 * Pending is 202 Accepted with Retry-After, not an error: it is the normal state of every
 * write for a few seconds, and a browser logs each 4xx answer as a console error.
 */
export async function receiptForLeaf(
  db: Kysely<Database>,
  log: Pick<ReceiptLog, 'checkpointMs'>,
  leafIndex: number | null,
  reply: FastifyReply,
): Promise<ReceiptResponse | ReceiptPendingResponse> {
  const checkpoint = await latestCheckpoint(db);
  if (leafIndex === null || !checkpoint || checkpoint.size <= leafIndex) {
    const retryAfterSeconds = Math.max(1, Math.ceil(log.checkpointMs / 1000));
    reply.code(202).header('retry-after', String(retryAfterSeconds));
    return {
      pending: true,
      retryAfterSeconds,
      message: 'The receipt is not ready yet. Ask again in a few seconds.',
    };
  }
  const [leaf, inclusion] = await Promise.all([
    readLogLeaf(db, leafIndex),
    inclusionProofAt(db, leafIndex, checkpoint.size),
  ]);
  if (!leaf) throw new Error('a leaf inside a checkpoint is missing');
  const { receivedAt, backfilledAt } = decodeReceiptLeaf(leaf);
  return {
    leafIndex,
    receivedAt: new Date(receivedAt).toISOString(),
    backfilledAt: backfilledAt === undefined ? null : new Date(backfilledAt).toISOString(),
    proof: formatTlogProof({
      extra: leaf,
      index: leafIndex,
      inclusion,
      checkpoint: checkpoint.note,
    }),
    timestamp: timestampOf(checkpoint),
  };
}

function timestampOf(checkpoint: StoredCheckpoint): CheckpointResponse['timestamp'] {
  return checkpoint.timestamp
    ? {
        token: toBase64(checkpoint.timestamp.token),
        time: checkpoint.timestamp.time.toISOString(),
      }
    : null;
}

function toCheckpointResponse(checkpoint: StoredCheckpoint): CheckpointResponse {
  return {
    size: checkpoint.size,
    checkpoint: checkpoint.note,
    timestamp: timestampOf(checkpoint),
  };
}
