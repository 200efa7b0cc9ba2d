/**
 * News, events and bookings: what the server does with them. Each operation that writes more
 * than one row owns its transaction; the repositories never open one.
 *
 * - Staff (a later staff area) create, update, publish (now or scheduled) and unpublish items.
 * - At start, the file items (content/<locale>/news, …/events) are loaded once each: an item
 *   already loaded, or a slug staff already use, is left as the database has it, so staff
 *   changes win over the files.
 * - A booking takes a place and stores the answers in one transaction; the place is taken by
 *   one conditional update, so no event is ever overbooked. Bookings are deleted a set number of
 *   days after their event ends.
 */
import { createHmac, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import {
  bookingOpen,
  type BookingAnswers,
  type BookingRefusal,
  type EventItem,
} from '../../domain/events.js';
import type { Locale } from '../../domain/locales.js';
import { LIMITS } from '../auth/limits.js';
import { newToken, tokenHash } from '../auth/tokens.js';
import {
  deleteBooking,
  deleteBookingsEndedBefore,
  findBookingByToken,
  findEventById,
  insertBooking,
  insertEvent,
  markSeeded,
  releasePlace,
  takePlace,
  updateEvent,
  type BookingRow,
  type EventInput,
} from '../db/repositories/events.js';
import { insertNewsArticle, updateNewsArticle, type NewsInput } from '../db/repositories/news.js';
import { setPublishStatus } from '../db/repositories/published-items.js';
import { countHit } from '../db/repositories/rate-limit-counters.js';
import type { Database } from '../db/schema.js';
import { addressKey } from '../net/client-address.js';

// ---- Staff: news ------------------------------------------------------------------------------

export async function createNews(db: Kysely<Database>, input: NewsInput): Promise<string> {
  const id = randomUUID();
  await db.transaction().execute((trx) => insertNewsArticle(trx, id, input));
  return id;
}

export async function changeNews(
  db: Kysely<Database>,
  id: string,
  input: Omit<NewsInput, 'origin'>,
): Promise<boolean> {
  return db.transaction().execute((trx) => updateNewsArticle(trx, id, input));
}

/** Publishes now, or from `at` (scheduled). */
export function publishNews(db: Kysely<Database>, id: string, at = new Date()): Promise<boolean> {
  return setPublishStatus(db, 'news', id, 'published', at);
}

export function unpublishNews(db: Kysely<Database>, id: string): Promise<boolean> {
  return setPublishStatus(db, 'news', id, 'draft');
}

// ---- Staff: events ----------------------------------------------------------------------------

export async function createEvent(db: Kysely<Database>, input: EventInput): Promise<string> {
  const id = randomUUID();
  await db.transaction().execute((trx) => insertEvent(trx, id, input));
  return id;
}

export async function changeEvent(
  db: Kysely<Database>,
  id: string,
  input: Omit<EventInput, 'origin'>,
): Promise<boolean> {
  return db.transaction().execute((trx) => updateEvent(trx, id, input));
}

export function publishEvent(db: Kysely<Database>, id: string, at = new Date()): Promise<boolean> {
  return setPublishStatus(db, 'event', id, 'published', at);
}

export function unpublishEvent(db: Kysely<Database>, id: string): Promise<boolean> {
  return setPublishStatus(db, 'event', id, 'draft');
}

// ---- The seed -----------------------------------------------------------------------------------

/**
 * Loads each file item the database has never had. Each item is one transaction that first
 * records the slug as seeded: servers starting together load each item once, and an item staff
 * deleted stays deleted. Returns how many items were added.
 */
export async function seedNewsAndEvents(
  db: Kysely<Database>,
  items: { news: readonly NewsInput[]; events: readonly EventInput[] },
  now = new Date(),
): Promise<number> {
  let added = 0;
  for (const item of items.news) {
    added += await db.transaction().execute(async (trx) => {
      if (!(await markSeeded(trx, 'news', item.slug))) return 0;
      const taken = await trx
        .selectFrom('news_articles')
        .select('id')
        .where('slug', '=', item.slug)
        .executeTakeFirst();
      if (taken) return 0;
      await insertNewsArticle(trx, randomUUID(), item);
      return 1;
    });
  }
  for (const item of items.events) {
    added += await db.transaction().execute(async (trx) => {
      if (!(await markSeeded(trx, 'event', item.slug))) return 0;
      const taken = await trx
        .selectFrom('events')
        .select('id')
        .where('slug', '=', item.slug)
        .executeTakeFirst();
      if (taken) return 0;
      // An event file without a "published" date shows from the moment it is first loaded.
      const publishedAt = item.publishedAt.getTime() === 0 ? now : item.publishedAt;
      await insertEvent(trx, randomUUID(), { ...item, publishedAt });
      return 1;
    });
  }
  return added;
}

// ---- Bookings ---------------------------------------------------------------------------------

export type BookResult =
  | { readonly kind: 'booked'; readonly token: string }
  | { readonly kind: 'refused'; readonly code: BookingRefusal };

/**
 * Books a place. The address is counted first (every attempt); then, in one transaction, a
 * place is taken if one is free and the answers stored with the cancellation token's hash.
 * The same email address twice gives `already_booked` and takes no second place.
 */
export async function bookPlace(
  db: Kysely<Database>,
  secret: string,
  request: {
    readonly event: EventItem;
    readonly answers: BookingAnswers;
    readonly locale: Locale;
    readonly address: string;
    readonly now?: Date;
  },
): Promise<BookResult> {
  const { event, answers, locale } = request;
  const key = createHmac('sha256', secret)
    .update(`bookingPerAddress\0${addressKey(request.address)}`)
    .digest('base64url');
  const count = await countHit(db, key, LIMITS.bookingPerAddress.windowMs);
  if (count.hits > LIMITS.bookingPerAddress.max) return { kind: 'refused', code: 'rate_limited' };
  if (!bookingOpen(event, request.now ?? new Date())) {
    return {
      kind: 'refused',
      code:
        event.booking === 'form' &&
        event.capacity !== undefined &&
        event.placesTaken >= event.capacity
          ? 'event_full'
          : 'booking_closed',
    };
  }
  const { token, hash } = newToken();
  const outcome = await db.transaction().execute(async (trx) => {
    if (!(await takePlace(trx, event.id))) return 'event_full' as const;
    const stored = await insertBooking(trx, {
      id: randomUUID(),
      eventId: event.id,
      tokenHash: Buffer.from(hash).toString('hex'),
      locale,
      answers,
    });
    if (!stored) {
      // Undo the place in the same transaction: nothing of this attempt is kept.
      await releasePlace(trx, event.id);
      return 'already_booked' as const;
    }
    return 'booked' as const;
  });
  return outcome === 'booked' ? { kind: 'booked', token } : { kind: 'refused', code: outcome };
}

export async function findBooking(
  db: Kysely<Database>,
  token: string,
): Promise<{ booking: BookingRow; event: EventItem } | undefined> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
  const booking = await findBookingByToken(db, tokenHex(token));
  if (!booking) return undefined;
  const event = await findEventById(db, booking.eventId);
  return event ? { booking, event } : undefined;
}

/** Cancels a booking and frees its place; false if there was none (already cancelled). */
export async function cancelBooking(db: Kysely<Database>, token: string): Promise<boolean> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return false;
  return db.transaction().execute(async (trx) => {
    const eventId = await deleteBooking(trx, tokenHex(token));
    if (eventId === undefined) return false;
    await releasePlace(trx, eventId);
    return true;
  });
}

/** Deletes the bookings of events that ended more than `days` days ago. */
export function sweepBookings(
  db: Kysely<Database>,
  days: number,
  now = new Date(),
): Promise<number> {
  return deleteBookingsEndedBefore(db, now, days);
}

/** SHA-256 of the token, as hex: the only form of it the database holds. */
function tokenHex(token: string): string {
  return Buffer.from(tokenHash(token)).toString('hex');
}
