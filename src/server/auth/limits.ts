/**
 * Attempt limits for signing in and recovery, per account and per address, counted in the
 * database (shared by every app server) under anonymous HMAC keys.
 */
import { createHmac } from 'node:crypto';
import type { Kysely } from 'kysely';
import { countHit } from '../db/repositories/rate-limit-counters.js';
import type { Database } from '../db/schema.js';
import { ApiError } from '../api/api-error.js';

export interface Limit {
  readonly max: number;
  readonly windowMs: number;
}

export const LIMITS = {
  signInPerAccount: { max: 10, windowMs: 15 * 60_000 },
  signInPerAddress: { max: 50, windowMs: 15 * 60_000 },
  signUpPerAddress: { max: 10, windowMs: 60 * 60_000 },
  recoveryPerAccount: { max: 5, windowMs: 60 * 60_000 },
  recoveryPerAddress: { max: 20, windowMs: 60 * 60_000 },
} as const satisfies Record<string, Limit>;

export type Limiter = (name: keyof typeof LIMITS, subject: string) => Promise<void>;

export function createLimiter(db: Kysely<Database>, secret: string): Limiter {
  return async (name, subject) => {
    const limit = LIMITS[name];
    const key = createHmac('sha256', secret).update(`${name}\0${subject}`).digest('base64url');
    const { hits } = await countHit(db, key, limit.windowMs);
    if (hits > limit.max) {
      throw new ApiError(
        429,
        'rate_limited',
        'Too many attempts. Please wait a while and try again.',
      );
    }
  };
}
