/**
 * Attempt limits, counted in the database (shared by every app server) under anonymous HMAC
 * keys — never an address or a username in clear.
 *
 * Two kinds:
 * - plain limits count every request from a subject (sign-ups, challenges and sign-ins per
 *   address);
 * - failure limits count only failed attempts at proving a secret (a passphrase, a code, a
 *   recovery key). Each attempt takes a hit first (so parallel guesses cannot slip past the
 *   limit) and gives it back when it turns out not to be a failure. A tight limit applies to one
 *   account from one address, so a flood from one address stops there and never touches the
 *   owner elsewhere; a higher ceiling applies to the account across every address, and past it
 *   the account is slowed to one attempt per back-off period instead of being locked.
 *
 * Accounts are named by their normalised username, whether or not the account exists, so an
 * unknown username is counted exactly like a real one and the limits reveal nothing.
 */
import { createHmac } from 'node:crypto';
import type { Kysely } from 'kysely';
import { countHit, refundHit, resetCounter } from '../db/repositories/rate-limit-counters.js';
import type { Database } from '../db/schema.js';
import { ApiError } from '../api/api-error.js';
import { addressKey } from '../net/client-address.js';

export interface Limit {
  readonly max: number;
  readonly windowMs: number;
}

const MINUTE = 60_000;

/** Every request from an address counts. */
export const LIMITS = {
  signInPerAddress: { max: 50, windowMs: 15 * MINUTE },
  signUpPerAddress: { max: 10, windowMs: 60 * MINUTE },
  recoveryPerAddress: { max: 20, windowMs: 60 * MINUTE },
  /** The sign-in challenge: one per sign-in, passphrase check or backup, from one address. */
  challengePerAddress: { max: 100, windowMs: 15 * MINUTE },
  /** A witness link opened or a statement sent (docs/vault-protocol.md §15.4), from one address. */
  witnessPerAddress: { max: 60, windowMs: 15 * MINUTE },
  /** Booking a place at an event (the public form), whatever the outcome. */
  bookingPerAddress: { max: 20, windowMs: 60 * MINUTE },
  /** A locked quick record sent (docs/vault-protocol.md §16.4), from one address. */
  quickPerAddress: { max: 60, windowMs: 15 * MINUTE },
  /** A locked quick record sent by one device (keyed by its id), whatever the outcome. */
  quickPerDevice: { max: 30, windowMs: 60 * MINUTE },
  /** Staff sign-in and setup attempts (passkey or code), from one address. */
  staffSignInPerAddress: { max: 30, windowMs: 15 * MINUTE },
} as const satisfies Record<string, Limit>;

export interface FailureLimit {
  /** Failures on one account from one address: the tight limit, a hard stop. */
  readonly perAccountAddress?: Limit;
  /** Failures on one account from every address together. */
  readonly perAccount: Limit;
  /** Past `perAccount`: one attempt per this many ms (undefined: a hard stop instead). */
  readonly backoffMs?: number;
}

/** Only failures count. */
export const FAILURE_LIMITS = {
  signIn: {
    perAccountAddress: { max: 10, windowMs: 15 * MINUTE },
    perAccount: { max: 100, windowMs: 60 * MINUTE },
    backoffMs: 30_000,
  },
  recovery: {
    perAccountAddress: { max: 5, windowMs: 60 * MINUTE },
    perAccount: { max: 50, windowMs: 60 * MINUTE },
    backoffMs: 60_000,
  },
  /**
   * The passphrase proved again while signed in (changing it, turning the second factor off,
   * deleting the account), per account: whoever holds the session gets a few tries, not a
   * guessing machine.
   */
  reauth: { perAccount: { max: 10, windowMs: 15 * MINUTE } },
  /** A staff sign-in code (the TOTP fallback): few tries, then a slow back-off. */
  staffSignIn: {
    perAccountAddress: { max: 5, windowMs: 15 * MINUTE },
    perAccount: { max: 20, windowMs: 60 * MINUTE },
    backoffMs: 60_000,
  },
} as const satisfies Record<string, FailureLimit>;

export type FailureKind = keyof typeof FAILURE_LIMITS;

/** An attempt that has taken its hits; a failure needs nothing more (its hits stay). */
export interface Attempt {
  /** It succeeded: this address's failures on the account are forgotten, its hit given back. */
  succeeded(): Promise<void>;
  /** It was neither right nor wrong (a second factor is needed): its hits are given back. */
  uncounted(): Promise<void>;
}

export interface Limiter {
  /** Counts a request from `address`; 429 past the limit. */
  hit(name: keyof typeof LIMITS, address: string): Promise<void>;
  /** Starts an attempt at a secret for `account` from `address`; 429 when it may not be tried. */
  attempt(kind: FailureKind, account: string, address: string): Promise<Attempt>;
}

/**
 * The refusal past a limit. With the window's end, it says when to try again (Retry-After), so a
 * person's app can wait the right time rather than guess.
 */
export function tooManyAttempts(resetAt?: Date): ApiError {
  const seconds =
    resetAt === undefined
      ? undefined
      : Math.max(1, Math.ceil((resetAt.getTime() - Date.now()) / 1000));
  return new ApiError(
    429,
    'rate_limited',
    'Too many attempts. Please wait a while and try again.',
    seconds,
  );
}

export function createLimiter(db: Kysely<Database>, secret: string): Limiter {
  const key = (name: string, subject: string): string =>
    createHmac('sha256', secret).update(`${name}\0${subject}`).digest('base64url');

  return {
    // Addresses are counted by addressKey: an IPv6 client by its /64, which it can fill at will.
    async hit(name, address) {
      const limit = LIMITS[name];
      const { hits, resetAt } = await countHit(db, key(name, addressKey(address)), limit.windowMs);
      if (hits > limit.max) throw tooManyAttempts(resetAt);
    },

    async attempt(kind, account, address) {
      const limits: FailureLimit = FAILURE_LIMITS[kind];
      const taken: string[] = [];
      const giveBack = async (): Promise<void> => {
        for (const k of taken) await refundHit(db, k);
      };
      let pairKey: string | undefined;
      if (limits.perAccountAddress !== undefined) {
        pairKey = key(`${kind}PerAccountAddress`, `${account}\0${addressKey(address)}`);
        const pair = await countHit(db, pairKey, limits.perAccountAddress.windowMs);
        // Over the tight limit: refused before the account's ceiling is touched, so one
        // address hammering on cannot push the whole account into its back-off.
        if (pair.hits > limits.perAccountAddress.max) throw tooManyAttempts(pair.resetAt);
        taken.push(pairKey);
      }
      const accountKey = key(`${kind}PerAccount`, account);
      const { hits, resetAt } = await countHit(db, accountKey, limits.perAccount.windowMs);
      taken.push(accountKey);
      if (hits > limits.perAccount.max) {
        const slot =
          limits.backoffMs === undefined
            ? undefined
            : await countHit(db, key(`${kind}Backoff`, account), limits.backoffMs);
        if (slot === undefined || slot.hits > 1) {
          await giveBack();
          // With a back-off, one try is let through when its slot opens; else the window ends.
          throw tooManyAttempts(slot?.resetAt ?? resetAt);
        }
      }
      return {
        async succeeded() {
          if (pairKey !== undefined) await resetCounter(db, pairKey);
          await refundHit(db, accountKey);
        },
        uncounted: giveBack,
      };
    },
  };
}
