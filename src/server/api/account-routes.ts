/**
 * Accounts and sessions: sign up, sign in (challenge, then proof), sign out, the session list,
 * passphrase change, recovery and deletion. The server only ever sees key hashes' inputs (random
 * 256-bit keys), KDF parameters and wrapped keys — never a passphrase or a recovery word.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { MIN_KDF } from '../../crypto/kdf.js';
import {
  apiErrorResponse,
  changePassphraseBody,
  createAccountBody,
  deleteAccountBody,
  endSessionsQuery,
  loginBody,
  loginChallengeBody,
  loginChallengeResponse,
  recoveryChallengeBody,
  recoveryChallengeResponse,
  recoveryCompleteBody,
  sessionListResponse,
  sessionIdParams,
  sessionResponse,
  type KdfParamsBody,
} from '../../contract/vault-api.js';
import {
  deleteAccount,
  findAccountById,
  findAccountByUsername,
  recordFailedAttempt,
  takeFailedAttempts,
  type StoredAccount,
} from '../db/repositories/accounts.js';
import {
  deleteOtherSessions,
  deleteSession,
  deleteSessionByToken,
  listSessions,
} from '../db/repositories/sessions.js';
import type { Database } from '../db/schema.js';
import type { Limiter } from '../auth/limits.js';
import { tokenHash } from '../auth/tokens.js';
import {
  changePassphrase,
  checkSecondFactor,
  completeRecovery,
  createAccount,
  decoyKdf,
  proveKey,
  startRecovery,
} from '../services/accounts.js';
import type { UploadHousekeeping } from '../services/uploads.js';
import { ApiError } from './api-error.js';
import {
  clearSessionCookie,
  requireSession,
  sessionToken,
  startSession,
  type SessionSettings,
} from './session-guard.js';
import { toBase64Url as b64, fromBase64Url as bytes } from './wire-bytes.js';

export interface AccountRouteDeps {
  readonly db: Kysely<Database>;
  readonly sessions: SessionSettings;
  readonly limit: Limiter;
  /** Per-installation secret: makes the decoy KDF salt of unknown usernames stable. */
  readonly secret: string;
  readonly uploads: UploadHousekeeping;
}

const errors = {
  400: apiErrorResponse,
  401: apiErrorResponse,
  403: apiErrorResponse,
  409: apiErrorResponse,
  429: apiErrorResponse,
};
const noContent = z.null().describe('No content');

export function accountRoutes(parent: FastifyInstance, deps: AccountRouteDeps): void {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  const { db, sessions, limit } = deps;

  const signedIn = async (request: FastifyRequest, reply: FastifyReply, account: StoredAccount) => {
    const previous = sessionToken(request);
    if (previous !== undefined) await deleteSessionByToken(db, tokenHash(previous));
    const { csrfToken } = await startSession(db, sessions, request, reply, account.id);
    const failed = await takeFailedAttempts(db, account.id);
    return {
      username: account.username,
      wrappedAccountKey: b64(account.wrappedKeyByPassphrase),
      csrfToken,
      idleTimeoutSeconds: sessions.idleSeconds,
      failedAttempts: { ...failed, lastAt: failed.lastAt?.toISOString() ?? null },
    };
  };

  app.post(
    '/accounts',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Create an account (sign up) and start a session',
        body: createAccountBody,
        response: { 201: sessionResponse, ...errors },
      },
      bodyLimit: 16 * 1024,
    },
    async (request, reply) => {
      await limit.hit('signUpPerAddress', request.ip);
      const body = request.body;
      checkKdf(body.kdf);
      const account = await createAccount(db, {
        username: body.username,
        authKey: body.authKey,
        recoveryAuthKey: body.recoveryAuthKey,
        kdf: body.kdf,
        wrappedKeyByPassphrase: bytes(body.wrappedAccountKey.byPassphrase),
        wrappedKeyByRecovery: bytes(body.wrappedAccountKey.byRecoveryKey),
      });
      if (!account) {
        throw new ApiError(409, 'username_taken', 'That username is taken. Please choose another.');
      }
      return reply.code(201).send(await signedIn(request, reply, account));
    },
  );

  app.post(
    '/sessions/challenge',
    {
      schema: {
        tags: ['sessions'],
        summary: 'The key-derivation parameters for a username (the same shape for every username)',
        body: loginChallengeBody,
        response: { 200: loginChallengeResponse, ...errors },
      },
    },
    async (request) => {
      await limit.hit('challengePerAddress', request.ip);
      const account = await findAccountByUsername(db, request.body.username);
      return { kdf: account?.kdf ?? decoyKdf(deps.secret, request.body.username) };
    },
  );

  app.post(
    '/sessions',
    {
      schema: {
        tags: ['sessions'],
        summary: 'Sign in with the auth key derived from the passphrase',
        body: loginBody,
        response: { 200: sessionResponse, ...errors },
      },
    },
    async (request, reply) => {
      const { username, authKey, totp, backupCode } = request.body;
      await limit.hit('signInPerAddress', request.ip);
      const attempt = await limit.attempt('signIn', username, request.ip);
      const account = await proveKey(await findAccountByUsername(db, username), 'auth', authKey);
      if (!account) {
        // The same statement runs for a username with no account (it changes nothing there).
        await recordFailedAttempt(db, username, 'passphrase');
        throw new ApiError(
          401,
          'sign_in_failed',
          'The username or passphrase is not right. Please try again.',
        );
      }
      const factor = await checkSecondFactor(db, account.id, totp, backupCode);
      if (factor === 'required') {
        // The passphrase was right and no code was sent yet: the usual first step, no failure.
        await attempt.uncounted();
        throw new ApiError(
          401,
          'second_factor_required',
          'Enter the code from your authenticator app, or a backup code.',
        );
      }
      if (factor === 'failed') {
        await recordFailedAttempt(db, username, 'code');
        throw new ApiError(
          401,
          'second_factor_failed',
          'That code is not right, or has been used. Try the newest code.',
        );
      }
      await attempt.succeeded();
      return signedIn(request, reply, account);
    },
  );

  app.get(
    '/sessions',
    {
      schema: {
        tags: ['sessions'],
        summary: 'This account’s sessions',
        response: { 200: sessionListResponse, ...errors },
      },
    },
    async (request) => {
      const current = await requireSession(db, sessions, request);
      const list = await listSessions(db, current.accountId);
      return {
        sessions: list.map((s) => ({
          id: s.id,
          device: s.device,
          createdAt: s.createdAt.toISOString(),
          lastSeenAt: s.lastSeenAt.toISOString(),
          current: s.id === current.id,
        })),
      };
    },
  );

  app.delete(
    '/sessions/current',
    {
      schema: {
        tags: ['sessions'],
        summary: 'Sign out (lock)',
        response: { 204: noContent, ...errors },
      },
    },
    async (request, reply) => {
      const session = await requireSession(db, sessions, request).catch((error: unknown) => {
        // Signing out twice, or after the session ended, is not an error.
        if (error instanceof ApiError && error.code === 'not_signed_in') return undefined;
        throw error;
      });
      if (session) await deleteSession(db, session.accountId, session.id);
      clearSessionCookie(reply);
      return reply.code(204).send(null);
    },
  );

  app.delete(
    '/sessions/:id',
    {
      schema: {
        tags: ['sessions'],
        summary: 'End another session of this account',
        params: sessionIdParams,
        response: { 204: noContent, 404: apiErrorResponse, ...errors },
      },
    },
    async (request, reply) => {
      const session = await requireSession(db, sessions, request);
      if (!(await deleteSession(db, session.accountId, request.params.id))) {
        throw new ApiError(404, 'not_found', 'There is no such session.');
      }
      return reply.code(204).send(null);
    },
  );

  app.delete(
    '/sessions',
    {
      schema: {
        tags: ['sessions'],
        summary: 'End every other session of this account (`?others=true`); this one stays',
        querystring: endSessionsQuery,
        response: { 204: noContent, ...errors },
      },
    },
    async (request, reply) => {
      const session = await requireSession(db, sessions, request);
      await deleteOtherSessions(db, session.accountId, session.id);
      return reply.code(204).send(null);
    },
  );

  app.put(
    '/account/passphrase',
    {
      schema: {
        tags: ['accounts'],
        summary:
          'Change the passphrase: re-wrapped account key, new KDF parameters; other sessions end',
        body: changePassphraseBody,
        response: { 204: noContent, ...errors },
      },
    },
    async (request, reply) => {
      const session = await requireSession(db, sessions, request);
      const body = request.body;
      checkKdf(body.kdf);
      const attempt = await limit.attempt('reauth', session.accountId, request.ip);
      const account = await proveKey(
        await findAccountById(db, session.accountId),
        'auth',
        body.currentAuthKey,
      );
      if (!account)
        throw new ApiError(401, 'sign_in_failed', 'The current passphrase is not right.');
      await attempt.succeeded();
      await changePassphrase(
        db,
        account.id,
        {
          authKey: body.authKey,
          kdf: body.kdf,
          wrappedKeyByPassphrase: bytes(body.wrappedAccountKey),
        },
        session.id,
      );
      return reply.code(204).send(null);
    },
  );

  app.delete(
    '/account',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Delete the account and everything in it, at once',
        body: deleteAccountBody,
        response: { 204: noContent, ...errors },
      },
    },
    async (request, reply) => {
      const session = await requireSession(db, sessions, request);
      const attempt = await limit.attempt('reauth', session.accountId, request.ip);
      const account = await proveKey(
        await findAccountById(db, session.accountId),
        'auth',
        request.body.authKey,
      );
      if (!account) throw new ApiError(401, 'sign_in_failed', 'The passphrase is not right.');
      await attempt.succeeded();
      await deps.uploads.removeAccountBlobs(account.id);
      await deleteAccount(db, account.id);
      clearSessionCookie(reply);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/recovery/challenge',
    {
      schema: {
        tags: ['recovery'],
        summary:
          'Prove the recovery key; receive the recovery-wrapped account key and a one-time token',
        body: recoveryChallengeBody,
        response: { 200: recoveryChallengeResponse, ...errors },
      },
    },
    async (request) => {
      const { username, recoveryAuthKey } = request.body;
      await limit.hit('recoveryPerAddress', request.ip);
      const attempt = await limit.attempt('recovery', username, request.ip);
      const account = await proveKey(
        await findAccountByUsername(db, username),
        'recovery',
        recoveryAuthKey,
      );
      if (!account) {
        await recordFailedAttempt(db, username, 'recovery');
        throw new ApiError(
          401,
          'recovery_failed',
          'The username or recovery key is not right. Please check the words.',
        );
      }
      await attempt.succeeded();
      const recoveryToken = await startRecovery(db, account.id);
      return { wrappedAccountKey: b64(account.wrappedKeyByRecovery), recoveryToken };
    },
  );

  app.post(
    '/recovery/complete',
    {
      schema: {
        tags: ['recovery'],
        summary: 'Set a new passphrase with a recovery token; every other session ends',
        body: recoveryCompleteBody,
        response: { 200: sessionResponse, ...errors },
      },
    },
    async (request, reply) => {
      const body = request.body;
      checkKdf(body.kdf);
      const account = await completeRecovery(db, body.recoveryToken, {
        authKey: body.authKey,
        kdf: body.kdf,
        wrappedKeyByPassphrase: bytes(body.wrappedAccountKey),
      });
      if (!account)
        throw new ApiError(
          401,
          'recovery_failed',
          'This recovery has expired. Please start again.',
        );
      return signedIn(request, reply, account);
    },
  );
}

/** The server refuses to store parameters the client would refuse to use. */
function checkKdf(kdf: KdfParamsBody): void {
  if (kdf.opsLimit < MIN_KDF.opsLimit || kdf.memLimitBytes < MIN_KDF.memLimitBytes) {
    throw new ApiError(400, 'invalid_request', 'kdf: the key-derivation parameters are too weak.');
  }
}
