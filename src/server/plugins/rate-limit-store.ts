/**
 * A store for @fastify/rate-limit that keeps counters in the database, so every app server
 * behind a load balancer sees the same counts. Subjects (usually an address) are replaced by an
 * HMAC under a per-installation secret before they reach the database: counters are anonymous.
 */
import { createHmac } from 'node:crypto';
import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { Kysely } from 'kysely';
import { countHit } from '../db/repositories/rate-limit-counters.js';
import type { Database } from '../db/schema.js';

export function databaseRateLimitStore(
  db: Kysely<Database>,
  secret: string,
  namespace: string,
): FastifyRateLimitStoreCtor {
  const anonymise = (subject: string): string =>
    createHmac('sha256', secret).update(`${namespace}\0${subject}`).digest('base64url');

  class DatabaseStore implements FastifyRateLimitStore {
    incr(
      subject: string,
      callback: (error: Error | null, result?: { current: number; ttl: number }) => void,
      timeWindow: number,
    ): void {
      countHit(db, anonymise(subject), timeWindow).then(
        ({ hits, resetAt }) =>
          callback(null, { current: hits, ttl: Math.max(0, resetAt.getTime() - Date.now()) }),
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
      );
    }

    child(): FastifyRateLimitStore {
      return new DatabaseStore();
    }
  }
  return DatabaseStore;
}
