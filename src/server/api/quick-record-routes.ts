/**
 * The locked quick record's inbox (docs/vault-protocol.md §16; contract in
 * src/contract/quick-records.ts).
 *
 * Person (session cookie + CSRF): turn the quick record on for a device, list and turn off
 * devices; list, fetch and file waiting sealed items and get an item's receipt.
 * Device (no session): send one sealed item with its drop token. Sending counts against the
 * address's and the device's rate limits; a resend of an id already received is a 200 with the
 * first time, never a second copy.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import {
  createQuickDeviceBody,
  MAX_QUICK_RECORD_BYTES,
  quickDeviceListResponse,
  quickDeviceSummary,
  quickParams,
  quickRecordListResponse,
  quickRecordResponse,
  sendQuickRecordBody,
  sendQuickRecordResponse,
} from '../../contract/quick-records.js';
import { receiptPendingResponse, receiptResponse } from '../../contract/receipts.js';
import { apiErrorResponse } from '../../contract/vault-api.js';
import type { Limiter } from '../auth/limits.js';
import {
  deleteQuickDevice,
  findWaitingQuickRecord,
  listQuickDevices,
  listWaitingQuickRecords,
  quickRecordLeafIndex,
} from '../db/repositories/quick-records.js';
import type { Database } from '../db/schema.js';
import type { ReceiptLog } from '../log/receipt-log.js';
import {
  fileQuickRecord,
  registerQuickDevice,
  sendQuickRecord,
} from '../services/quick-records.js';
import { ApiError } from './api-error.js';
import { receiptForLeaf } from './receipt-routes.js';
import type { RecordSettings } from './record-routes.js';
import { requireSession, type SessionSettings } from './session-guard.js';
import { toBase64Url as b64, fromBase64Url as bytes } from './wire-bytes.js';

const errors = {
  400: apiErrorResponse,
  401: apiErrorResponse,
  403: apiErrorResponse,
  404: apiErrorResponse,
  409: apiErrorResponse,
  413: apiErrorResponse,
  429: apiErrorResponse,
};

const noSuchItem = (): ApiError => new ApiError(404, 'not_found', 'There is no such item.');

export function quickRecordRoutes(
  parent: FastifyInstance,
  deps: {
    db: Kysely<Database>;
    sessions: SessionSettings;
    limit: Limiter;
    records: RecordSettings;
    log: ReceiptLog;
  },
): void {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  const { db, sessions, limit, log } = deps;
  const { quotaBytes } = deps.records;

  // ---- the person's devices ----

  app.post(
    '/quick/devices',
    {
      schema: {
        tags: ['quick-records'],
        summary: 'Let this device send sealed quick records (keeps SHA-256 of its drop token)',
        body: createQuickDeviceBody,
        response: { 201: quickDeviceSummary, ...errors },
      },
    },
    async (request, reply) => {
      const { accountId } = await requireSession(db, sessions, request);
      const result = await registerQuickDevice(db, accountId, request.body);
      switch (result.kind) {
        case 'created': {
          const made = (await listQuickDevices(db, accountId)).find(
            (d) => d.id === request.body.id,
          );
          if (!made) throw noSuchItem();
          return reply.code(201).send({ id: made.id, createdAt: made.createdAt.toISOString() });
        }
        case 'exists':
          throw new ApiError(409, 'quick_device_exists', 'This device is already set up.');
        case 'too_many':
          throw new ApiError(
            409,
            'quick_devices_too_many',
            'Recording without unlocking is on for 10 devices. Turn it off on one first.',
          );
        case 'no_key_pair':
          throw new ApiError(404, 'key_pair_missing', 'This account has no key pair yet.');
      }
    },
  );

  app.get(
    '/quick/devices',
    {
      schema: {
        tags: ['quick-records'],
        summary: 'The devices that may send quick records',
        response: { 200: quickDeviceListResponse, ...errors },
      },
    },
    async (request) => {
      const { accountId } = await requireSession(db, sessions, request);
      const devices = await listQuickDevices(db, accountId);
      return { devices: devices.map((d) => ({ id: d.id, createdAt: d.createdAt.toISOString() })) };
    },
  );

  app.delete(
    '/quick/devices/:id',
    {
      schema: {
        tags: ['quick-records'],
        summary: 'Turn the quick record off for a device: its token is refused from now on',
        params: quickParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      const { accountId } = await requireSession(db, sessions, request);
      if (!(await deleteQuickDevice(db, accountId, request.params.id))) throw noSuchItem();
      return reply.code(204).send(null);
    },
  );

  // ---- the person's waiting items ----

  app.get(
    '/quick/records',
    {
      schema: {
        tags: ['quick-records'],
        summary: 'The sealed quick records waiting to be opened, oldest first (no ciphertext)',
        response: { 200: quickRecordListResponse, ...errors },
      },
    },
    async (request) => {
      const { accountId } = await requireSession(db, sessions, request);
      const rows = await listWaitingQuickRecords(db, accountId);
      return {
        records: rows.map((r) => ({
          id: r.id,
          size: r.size,
          receivedAt: r.receivedAt.toISOString(),
        })),
      };
    },
  );

  app.get(
    '/quick/records/:id',
    {
      schema: {
        tags: ['quick-records'],
        summary: 'One waiting sealed quick record',
        params: quickParams,
        response: { 200: quickRecordResponse, ...errors },
      },
    },
    async (request) => {
      const { accountId } = await requireSession(db, sessions, request);
      const row = await findWaitingQuickRecord(db, accountId, request.params.id);
      if (!row) throw noSuchItem();
      return {
        id: row.id,
        size: row.size,
        receivedAt: row.receivedAt.toISOString(),
        sealed: b64(row.ciphertext),
      };
    },
  );

  app.delete(
    '/quick/records/:id',
    {
      schema: {
        tags: ['quick-records'],
        summary: 'File a quick record: its sealed bytes go, its id and receipt stay',
        params: quickParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      const { accountId } = await requireSession(db, sessions, request);
      if (!(await fileQuickRecord(db, accountId, request.params.id))) throw noSuchItem();
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/quick/records/:id/receipt',
    {
      schema: {
        tags: ['quick-records'],
        summary: 'The receipt of a quick record’s sealed bytes: a C2SP tlog-proof (owner only)',
        params: quickParams,
        response: { 200: receiptResponse, 202: receiptPendingResponse, ...errors },
      },
    },
    async (request, reply) => {
      const { accountId } = await requireSession(db, sessions, request);
      const found = await quickRecordLeafIndex(db, accountId, request.params.id);
      if (!found) throw noSuchItem();
      return receiptForLeaf(db, log, found.leafIndex, reply);
    },
  );

  // ---- the device ----

  app.post(
    '/quick/records',
    {
      schema: {
        tags: ['quick-records'],
        summary: 'Send a quick record sealed to the account’s public key (drop token, no session)',
        body: sendQuickRecordBody,
        response: { 200: sendQuickRecordResponse, 201: sendQuickRecordResponse, ...errors },
      },
      bodyLimit: Math.ceil(((MAX_QUICK_RECORD_BYTES + 1024) * 4) / 3) + 4096,
    },
    async (request, reply) => {
      await limit.hit('quickPerAddress', request.ip);
      await limit.hit('quickPerDevice', `quick-device:${request.body.device}`);
      const sealed = bytes(request.body.sealed);
      if (sealed.length > MAX_QUICK_RECORD_BYTES) {
        throw new ApiError(413, 'quick_record_too_large', 'This is too large to send.');
      }
      const result = await sendQuickRecord(db, {
        device: request.body.device,
        token: request.body.token,
        id: request.body.id,
        sealed,
        quotaBytes,
      });
      switch (result.kind) {
        case 'stored':
          return reply.code(201).send({ receivedAt: result.receivedAt.toISOString() });
        case 'already':
          return reply.code(200).send({ receivedAt: result.receivedAt.toISOString() });
        case 'wrong_token':
          throw new ApiError(401, 'quick_token_wrong', 'This device cannot send any more.');
        case 'id_taken':
          throw new ApiError(409, 'quick_record_id_taken', 'This item cannot be taken.');
        case 'inbox_full':
          throw new ApiError(
            409,
            'quick_inbox_full',
            'There are 50 items waiting. Unlock to take them in first.',
          );
        case 'quota_exceeded':
          throw new ApiError(413, 'record_quota_exceeded', 'There is no room for this just now.');
      }
    },
  );
}
