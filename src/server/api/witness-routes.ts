/**
 * Witness statements and the account key pair (docs/vault-protocol.md §15; contract in
 * src/contract/witnesses.ts).
 *
 * Person (session cookie + CSRF): store and read the key pair; create, list, revoke and block
 * invitations; list, fetch and delete sealed statements and get a statement's receipt.
 * Witness (no account): prove the link's auth key to get the person's public key, then send one
 * sealed statement. Both witness routes count against the address's rate limit, and a closed or
 * expired link answers with a stable code and kind words.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { receiptPendingResponse, receiptResponse } from '../../contract/receipts.js';
import { apiErrorResponse } from '../../contract/vault-api.js';
import {
  createInvitationBody,
  invitationListResponse,
  invitationParams,
  invitationSummary,
  keyPairBody,
  keyPairResponse,
  MAX_INVITATION_NOTE_BYTES,
  MAX_STATEMENT_BYTES,
  statementListResponse,
  statementParams,
  statementResponse,
  submitStatementBody,
  submitStatementResponse,
  witnessOpenResponse,
  witnessProofBody,
} from '../../contract/witnesses.js';
import type { Limiter } from '../auth/limits.js';
import {
  findKeyPair,
  findStatement,
  listStatements,
  setKeyPairOnce,
  statementLeafIndex,
} from '../db/repositories/witnesses.js';
import type { Database } from '../db/schema.js';
import type { ReceiptLog } from '../log/receipt-log.js';
import {
  closeOwnInvitation,
  createInvitation,
  deleteStatement,
  listOwnInvitations,
  openInvitation,
  submitStatement,
  type OpenInvitationResult,
} from '../services/witnesses.js';
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
  410: apiErrorResponse,
  413: apiErrorResponse,
  429: apiErrorResponse,
};

const invitationNotFound = (): ApiError =>
  new ApiError(
    404,
    'witness_invitation_not_found',
    'We cannot find this link. Check that the whole link was copied.',
  );

/** The witness's refusals: kind words, never a hint about the person. */
export function refusal(result: Exclude<OpenInvitationResult, { kind: 'opened' }>): ApiError {
  switch (result.kind) {
    case 'not_found':
      return invitationNotFound();
    case 'wrong':
      return new ApiError(
        401,
        'witness_proof_wrong',
        'This link is not whole. Check that the whole link was copied.',
      );
    case 'gone':
      return result.state === 'expired'
        ? new ApiError(
            410,
            'witness_invitation_expired',
            'This link has ended. Thank you for wanting to help.',
          )
        : new ApiError(
            410,
            'witness_invitation_closed',
            'This link is no longer in use. Thank you for wanting to help.',
          );
    case 'full':
      return new ApiError(
        409,
        'witness_invitation_full',
        'This link has already been used for all the accounts it can take. Thank you.',
      );
  }
}

export function witnessRoutes(
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

  // ---- the account key pair ----

  app.get(
    '/account/key-pair',
    {
      schema: {
        tags: ['witnesses'],
        summary: "The account's X25519 public key and its secret key wrapped by the account key",
        response: { 200: keyPairResponse, ...errors },
      },
    },
    async (request) => {
      const { accountId } = await requireSession(db, sessions, request);
      const pair = await findKeyPair(db, accountId);
      if (!pair) return { publicKey: null, wrappedSecretKey: null };
      return { publicKey: b64(pair.publicKey), wrappedSecretKey: b64(pair.wrappedSecretKey) };
    },
  );

  app.put(
    '/account/key-pair',
    {
      schema: {
        tags: ['witnesses'],
        summary: "Store the account's key pair (once)",
        body: keyPairBody,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      const { accountId } = await requireSession(db, sessions, request);
      const { publicKey, wrappedSecretKey } = request.body;
      if (!(await setKeyPairOnce(db, accountId, bytes(publicKey), bytes(wrappedSecretKey)))) {
        throw new ApiError(409, 'key_pair_exists', 'This account already has a key pair.');
      }
      return reply.code(204).send(null);
    },
  );

  // ---- the person's invitations ----

  app.post(
    '/witness/invitations',
    {
      schema: {
        tags: ['witnesses'],
        summary: 'Create a witness invitation (the note is sealed to the account’s own key)',
        body: createInvitationBody,
        response: { 201: invitationSummary, ...errors },
      },
    },
    async (request, reply) => {
      const { accountId } = await requireSession(db, sessions, request);
      const body = request.body;
      const note = bytes(body.note);
      if (note.length > MAX_INVITATION_NOTE_BYTES) {
        throw new ApiError(413, 'record_too_large', 'The label is too long.');
      }
      const result = await createInvitation(db, accountId, {
        id: body.id,
        authKey: body.authKey,
        note,
        maxStatements: body.maxStatements,
        expiresInSeconds: body.expiresInSeconds,
      });
      switch (result.kind) {
        case 'created': {
          const made = (await listOwnInvitations(db, accountId)).find((x) => x.id === body.id);
          if (!made) throw invitationNotFound();
          return reply.code(201).send(made);
        }
        case 'exists':
          throw new ApiError(409, 'witness_invitation_exists', 'This invitation already exists.');
        case 'too_many':
          throw new ApiError(
            409,
            'witness_invitations_too_many',
            'You have 50 witness links open. Stop one you no longer need first.',
          );
        case 'no_key_pair':
          throw new ApiError(404, 'key_pair_missing', 'This account has no key pair yet.');
      }
    },
  );

  app.get(
    '/witness/invitations',
    {
      schema: {
        tags: ['witnesses'],
        summary: "The account's witness invitations, newest first",
        response: { 200: invitationListResponse, ...errors },
      },
    },
    async (request) => {
      const { accountId } = await requireSession(db, sessions, request);
      return { invitations: await listOwnInvitations(db, accountId) };
    },
  );

  const close = async (request: FastifyRequest<{ Params: { id: string } }>, blocked: boolean) => {
    const { accountId } = await requireSession(db, sessions, request);
    if (!(await closeOwnInvitation(db, accountId, request.params.id, blocked))) {
      throw invitationNotFound();
    }
  };

  app.delete(
    '/witness/invitations/:id',
    {
      schema: {
        tags: ['witnesses'],
        summary: 'Revoke an invitation: the link is refused from now on',
        params: invitationParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await close(request, false);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/witness/invitations/:id/block',
    {
      schema: {
        tags: ['witnesses'],
        summary: 'Block a misused invitation: the link is refused from now on',
        params: invitationParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await close(request, true);
      return reply.code(204).send(null);
    },
  );

  // ---- the person's statements ----

  app.get(
    '/witness/statements',
    {
      schema: {
        tags: ['witnesses'],
        summary: 'The sealed statements received, newest first (no ciphertext)',
        response: { 200: statementListResponse, ...errors },
      },
    },
    async (request) => {
      const { accountId } = await requireSession(db, sessions, request);
      const rows = await listStatements(db, accountId);
      return {
        statements: rows.map((r) => ({
          id: r.id,
          invitationId: r.invitationId,
          size: r.size,
          receivedAt: r.receivedAt.toISOString(),
        })),
      };
    },
  );

  app.get(
    '/witness/statements/:id',
    {
      schema: {
        tags: ['witnesses'],
        summary: 'One sealed statement',
        params: statementParams,
        response: { 200: statementResponse, ...errors },
      },
    },
    async (request) => {
      const { accountId } = await requireSession(db, sessions, request);
      const row = await findStatement(db, accountId, request.params.id);
      if (!row) throw new ApiError(404, 'not_found', 'There is no such statement.');
      return {
        id: row.id,
        invitationId: row.invitationId,
        size: row.size,
        receivedAt: row.receivedAt.toISOString(),
        ciphertext: b64(row.ciphertext),
      };
    },
  );

  app.delete(
    '/witness/statements/:id',
    {
      schema: {
        tags: ['witnesses'],
        summary: 'Delete a sealed statement (its receipt leaf stays in the log)',
        params: statementParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      const { accountId } = await requireSession(db, sessions, request);
      if (!(await deleteStatement(db, accountId, request.params.id))) {
        throw new ApiError(404, 'not_found', 'There is no such statement.');
      }
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/witness/statements/:id/receipt',
    {
      schema: {
        tags: ['witnesses'],
        summary: 'The receipt of a sealed statement: a C2SP tlog-proof (owner only)',
        params: statementParams,
        response: { 200: receiptResponse, 202: receiptPendingResponse, ...errors },
      },
    },
    async (request, reply) => {
      const { accountId } = await requireSession(db, sessions, request);
      const found = await statementLeafIndex(db, accountId, request.params.id);
      if (!found) throw new ApiError(404, 'not_found', 'There is no such statement.');
      return receiptForLeaf(db, log, found.leafIndex, reply);
    },
  );

  // ---- the witness ----

  app.post(
    '/witness/invitations/:id/open',
    {
      schema: {
        tags: ['witnesses'],
        summary:
          "Prove the link: the person's public key, the expiry and what the link still takes",
        params: invitationParams,
        body: witnessProofBody,
        response: { 200: witnessOpenResponse, ...errors },
      },
    },
    async (request) => {
      await limit.hit('witnessPerAddress', request.ip);
      const result = await openInvitation(db, request.params.id, request.body.authKey);
      if (result.kind !== 'opened') throw refusal(result);
      return {
        publicKey: b64(result.publicKey),
        expiresAt: result.expiresAt.toISOString(),
        remaining: result.remaining,
      };
    },
  );

  app.post(
    '/witness/invitations/:id/statements',
    {
      schema: {
        tags: ['witnesses'],
        summary: 'Send a statement sealed to the person’s public key',
        params: invitationParams,
        body: submitStatementBody,
        response: { 201: submitStatementResponse, ...errors },
      },
      bodyLimit: Math.ceil((MAX_STATEMENT_BYTES * 4) / 3) + 1024,
    },
    async (request, reply) => {
      await limit.hit('witnessPerAddress', request.ip);
      const ciphertext = bytes(request.body.ciphertext);
      if (ciphertext.length > MAX_STATEMENT_BYTES) {
        throw new ApiError(413, 'witness_statement_too_large', 'This account is too long to send.');
      }
      const result = await submitStatement(db, {
        invitationId: request.params.id,
        authKey: request.body.authKey,
        ciphertext,
        quotaBytes,
        uploads: request.body.uploads,
      });
      if (result.kind === 'stored') {
        return reply.code(201).send({ receivedAt: result.receivedAt.toISOString() });
      }
      if (result.kind === 'quota_exceeded') {
        throw new ApiError(
          413,
          'record_quota_exceeded',
          'This account cannot be taken just now. Thank you for writing it.',
        );
      }
      if (result.kind === 'upload_unknown') {
        throw new ApiError(
          409,
          'witness_upload_unknown',
          'A file this account names has not arrived. Try sending it again.',
        );
      }
      throw refusal(result);
    },
  );
}
