/**
 * The optional second factor: set up (a secret for an authenticator app), turn on (with a first
 * code; backup codes shown once), turn off (with the passphrase), and the account summary.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import {
  accountResponse,
  apiErrorResponse,
  backupCodesResponse,
  secondFactorDisableBody,
  DEFAULT_AUTHENTICATOR_LABEL,
  secondFactorEnableBody,
  secondFactorSetupBody,
  secondFactorSetupResponse,
} from '../../contract/vault-api.js';
import { findAccountById } from '../db/repositories/accounts.js';
import {
  disableSecondFactor,
  enableSecondFactor,
  secondFactorState,
  setPendingSecret,
} from '../db/repositories/second-factor.js';
import type { Database } from '../db/schema.js';
import { verifyKey } from '../auth/key-hash.js';
import type { Limiter } from '../auth/limits.js';
import { newBackupCodes, newTotpSecret, totpStep, totpUri } from '../auth/totp.js';
import { ApiError } from './api-error.js';
import { requireSession, type SessionSettings } from './session-guard.js';

const errors = {
  400: apiErrorResponse,
  401: apiErrorResponse,
  403: apiErrorResponse,
  409: apiErrorResponse,
  429: apiErrorResponse,
};

export function secondFactorRoutes(
  parent: FastifyInstance,
  deps: { db: Kysely<Database>; sessions: SessionSettings; limit: Limiter },
): void {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  const { db, sessions, limit } = deps;

  app.get(
    '/account',
    {
      schema: {
        tags: ['accounts'],
        summary: 'The signed-in account: username and second-factor state',
        response: { 200: accountResponse, ...errors },
      },
    },
    async (request) => {
      const session = await requireSession(db, sessions, request);
      const account = await findAccountById(db, session.accountId);
      const factor = await secondFactorState(db, session.accountId);
      return {
        username: account?.username ?? '',
        secondFactor: factor.secret !== null,
        backupCodesLeft: factor.backupCodesLeft,
      };
    },
  );

  app.post(
    '/account/second-factor',
    {
      schema: {
        tags: ['second factor'],
        summary:
          'Start setting up an authenticator app, under the name the person chose for it there',
        body: secondFactorSetupBody,
        response: { 200: secondFactorSetupResponse, ...errors },
      },
    },
    async (request) => {
      const session = await requireSession(db, sessions, request);
      const factor = await secondFactorState(db, session.accountId);
      if (factor.secret !== null)
        throw new ApiError(
          409,
          'invalid_request',
          'The second factor is already on. Turn it off first.',
        );
      const secret = newTotpSecret();
      await setPendingSecret(db, session.accountId, secret);
      return { secret, uri: totpUri(secret, request.body?.label ?? DEFAULT_AUTHENTICATOR_LABEL) };
    },
  );

  app.put(
    '/account/second-factor',
    {
      schema: {
        tags: ['second factor'],
        summary: 'Turn the second factor on with a first code; returns backup codes, once',
        body: secondFactorEnableBody,
        response: { 200: backupCodesResponse, ...errors },
      },
    },
    async (request) => {
      const session = await requireSession(db, sessions, request);
      const factor = await secondFactorState(db, session.accountId);
      const step =
        factor.pendingSecret === null ? null : totpStep(factor.pendingSecret, request.body.code);
      if (factor.pendingSecret === null || step === null) {
        throw new ApiError(
          400,
          'second_factor_failed',
          'That code is not right. Check the time on your phone and try the newest code.',
        );
      }
      const { codes, hashes } = newBackupCodes();
      const secret = factor.pendingSecret;
      await db.transaction().execute((trx) =>
        enableSecondFactor(trx, session.accountId, {
          secret,
          step,
          backupCodeHashes: hashes,
        }),
      );
      return { backupCodes: codes };
    },
  );

  app.delete(
    '/account/second-factor',
    {
      schema: {
        tags: ['second factor'],
        summary: 'Turn the second factor off (needs the passphrase)',
        body: secondFactorDisableBody,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      const session = await requireSession(db, sessions, request);
      const attempt = await limit.attempt('reauth', session.accountId, request.ip);
      const account = await findAccountById(db, session.accountId);
      if (!account || !(await verifyKey(account.authKeyHash, request.body.authKey))) {
        throw new ApiError(401, 'sign_in_failed', 'The passphrase is not right.');
      }
      await attempt.succeeded();
      await db.transaction().execute((trx) => disableSecondFactor(trx, session.accountId));
      return reply.code(204).send(null);
    },
  );
}
