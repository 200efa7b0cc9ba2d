/**
 * Events, their translations, their bookings and the record of seeded file items
 * (migration 0012). Public reads return only published events whose time has come.
 */
import { sql, type Kysely, type Selectable } from 'kysely';
import { isLocale, type Locale } from '../../../domain/locales.js';
import type {
  BookingAnswers,
  EventFilter,
  EventItem,
  EventText,
  PublishStatus,
} from '../../../domain/events.js';
import type { Database } from '../schema.js';

export interface EventInput {
  readonly slug: string;
  readonly status: PublishStatus;
  readonly publishedAt: Date;
  readonly kind: EventItem['kind'];
  readonly audience: EventItem['audience'];
  readonly mode: EventItem['mode'];
  readonly startsAt: Date;
  readonly endsAt: Date;
  readonly timeZone: string;
  readonly costPence: number;
  readonly capacity: number | undefined;
  readonly booking: EventItem['booking'];
  readonly bookingUrl: string | undefined;
  readonly origin: 'file' | 'staff';
  readonly texts: Partial<Record<Locale, EventText>>;
}

function columns(input: Omit<EventInput, 'origin' | 'texts'>) {
  return {
    slug: input.slug,
    status: input.status,
    published_at: input.publishedAt,
    kind: input.kind,
    audience: input.audience,
    mode: input.mode,
    starts_at: input.startsAt,
    ends_at: input.endsAt,
    time_zone: input.timeZone,
    cost_pence: input.costPence,
    capacity: input.capacity ?? null,
    booking: input.booking,
    booking_url: input.bookingUrl ?? null,
  };
}

export async function insertEvent(
  db: Kysely<Database>,
  id: string,
  input: EventInput,
): Promise<void> {
  await db
    .insertInto('events')
    .values({ id, ...columns(input), origin: input.origin })
    .execute();
  await insertTexts(db, id, input.texts);
}

/**
 * Replaces everything about the event but its id, origin and bookings; false if there is none.
 * A capacity below the places already taken is refused by the database (events_capacity_kept).
 */
export async function updateEvent(
  db: Kysely<Database>,
  id: string,
  input: Omit<EventInput, 'origin'>,
): Promise<boolean> {
  const result = await db
    .updateTable('events')
    .set({ ...columns(input), updated_at: sql<Date>`now()` })
    .where('id', '=', id)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) return false;
  await db.deleteFrom('event_translations').where('event_id', '=', id).execute();
  await insertTexts(db, id, input.texts);
  return true;
}

async function insertTexts(
  db: Kysely<Database>,
  id: string,
  texts: Partial<Record<Locale, EventText>>,
): Promise<void> {
  const rows = Object.entries(texts).map(([locale, t]) => ({
    event_id: id,
    locale,
    title: t.title,
    summary: t.summary,
    body: t.body,
    venue: t.venue ?? null,
  }));
  if (rows.length > 0) await db.insertInto('event_translations').values(rows).execute();
}

const visible = (now: Date) =>
  sql<boolean>`events.status = 'published' and events.published_at <= ${now}`;

/**
 * Published events matching the filter: upcoming ones (not yet ended) soonest first, past ones
 * latest first; one page at a time, with how many there are in all.
 */
export async function listPublishedEvents(
  db: Kysely<Database>,
  options: { now: Date; filter: EventFilter; limit: number; offset: number },
): Promise<{ events: EventItem[]; total: number }> {
  const { now, filter } = options;
  let base = db
    .selectFrom('events')
    .where(visible(now))
    .where('ends_at', filter.when === 'past' ? '<' : '>=', now);
  if (filter.audience) base = base.where('audience', '=', filter.audience);
  if (filter.kind) base = base.where('kind', '=', filter.kind);
  if (filter.mode) base = base.where('mode', '=', filter.mode);
  const direction = filter.when === 'past' ? 'desc' : 'asc';
  const [rows, count] = await Promise.all([
    base
      .selectAll('events')
      .orderBy('starts_at', direction)
      .orderBy('slug')
      .limit(options.limit)
      .offset(options.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { events: await withTexts(db, rows), total: Number(count.n) };
}

/** Every published event, soonest first (the calendar feed). */
export async function allPublishedEvents(db: Kysely<Database>, now: Date): Promise<EventItem[]> {
  const rows = await db
    .selectFrom('events')
    .selectAll()
    .where(visible(now))
    .orderBy('starts_at')
    .orderBy('slug')
    .execute();
  return withTexts(db, rows);
}

export async function findPublishedEvent(
  db: Kysely<Database>,
  slug: string,
  now: Date,
): Promise<EventItem | undefined> {
  const row = await db
    .selectFrom('events')
    .selectAll()
    .where('slug', '=', slug)
    .where(visible(now))
    .executeTakeFirst();
  return row ? (await withTexts(db, [row]))[0] : undefined;
}

export async function findEventById(
  db: Kysely<Database>,
  id: string,
): Promise<EventItem | undefined> {
  const row = await db.selectFrom('events').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? (await withTexts(db, [row]))[0] : undefined;
}

type EventRow = Selectable<Database['events']>;

async function withTexts(db: Kysely<Database>, rows: EventRow[]): Promise<EventItem[]> {
  if (rows.length === 0) return [];
  const texts = await db
    .selectFrom('event_translations')
    .selectAll()
    .where(
      'event_id',
      'in',
      rows.map((r) => r.id),
    )
    .execute();
  return rows.map((r) => {
    const mine: Partial<Record<Locale, EventText>> = {};
    for (const t of texts) {
      if (t.event_id !== r.id || !isLocale(t.locale)) continue;
      mine[t.locale] = {
        title: t.title,
        summary: t.summary,
        body: t.body,
        venue: t.venue ?? undefined,
      };
    }
    return {
      id: r.id,
      slug: r.slug,
      status: r.status,
      publishedAt: new Date(r.published_at),
      kind: r.kind,
      audience: r.audience,
      mode: r.mode,
      startsAt: new Date(r.starts_at),
      endsAt: new Date(r.ends_at),
      timeZone: r.time_zone,
      costPence: r.cost_pence,
      capacity: r.capacity ?? undefined,
      placesTaken: r.places_taken,
      booking: r.booking,
      bookingUrl: r.booking_url ?? undefined,
      texts: mine,
    };
  });
}

// ---- Bookings ---------------------------------------------------------------------------------

/**
 * Takes one place if one is free: a single conditional update, so bookings racing for the last
 * place are put in order by the row lock and only one of them gets it. False: full (or gone).
 */
export async function takePlace(db: Kysely<Database>, eventId: string): Promise<boolean> {
  const row = await db
    .updateTable('events')
    .set({ places_taken: sql<number>`places_taken + 1` })
    .where('id', '=', eventId)
    .where((eb) => eb.or([eb('capacity', 'is', null), eb('places_taken', '<', eb.ref('capacity'))]))
    .returning('places_taken')
    .executeTakeFirst();
  return row !== undefined;
}

export async function releasePlace(db: Kysely<Database>, eventId: string): Promise<void> {
  await db
    .updateTable('events')
    .set({ places_taken: sql<number>`greatest(places_taken - 1, 0)` })
    .where('id', '=', eventId)
    .execute();
}

/** False when this email address already has a place at the event. */
export async function insertBooking(
  db: Kysely<Database>,
  booking: {
    id: string;
    eventId: string;
    tokenHash: string;
    locale: Locale;
    answers: BookingAnswers;
  },
): Promise<boolean> {
  const row = await db
    .insertInto('bookings')
    .values({
      id: booking.id,
      event_id: booking.eventId,
      token_hash: booking.tokenHash,
      locale: booking.locale,
      ...booking.answers,
    })
    .onConflict((oc) => oc.expression(sql`event_id, lower(email)`).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

export interface BookingRow {
  readonly id: string;
  readonly eventId: string;
  readonly name: string;
  readonly email: string;
  readonly organisation: string;
  readonly role: string;
  readonly needs: string;
  readonly consent: boolean;
  readonly locale: string;
  readonly createdAt: Date;
}

function toBooking(r: Selectable<Database['bookings']>): BookingRow {
  return {
    id: r.id,
    eventId: r.event_id,
    name: r.name,
    email: r.email,
    organisation: r.organisation,
    role: r.role,
    needs: r.needs,
    consent: r.consent,
    locale: r.locale,
    createdAt: new Date(r.created_at),
  };
}

export async function findBookingByToken(
  db: Kysely<Database>,
  tokenHash: string,
): Promise<BookingRow | undefined> {
  const row = await db
    .selectFrom('bookings')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
  return row ? toBooking(row) : undefined;
}

/** An event's bookings, oldest first (for staff and their CSV export). */
export async function bookingsForEvent(
  db: Kysely<Database>,
  eventId: string,
): Promise<BookingRow[]> {
  const rows = await db
    .selectFrom('bookings')
    .selectAll()
    .where('event_id', '=', eventId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(toBooking);
}

/** Deletes one booking; its event id, or undefined if it was already gone. */
export async function deleteBooking(
  db: Kysely<Database>,
  tokenHash: string,
): Promise<string | undefined> {
  const row = await db
    .deleteFrom('bookings')
    .where('token_hash', '=', tokenHash)
    .returning('event_id')
    .executeTakeFirst();
  return row?.event_id;
}

/** Deletes the bookings of events that ended more than `days` days before `now`. */
export async function deleteBookingsEndedBefore(
  db: Kysely<Database>,
  now: Date,
  days: number,
): Promise<number> {
  const result = await db
    .deleteFrom('bookings')
    .where('event_id', 'in', (eb) =>
      eb
        .selectFrom('events')
        .select('id')
        .where('ends_at', '<', sql<Date>`${now}::timestamptz - make_interval(days => ${days})`),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

// ---- Seeds ------------------------------------------------------------------------------------

/** Records that a file item was loaded; false if it had been before. */
export async function markSeeded(
  db: Kysely<Database>,
  kind: 'news' | 'event',
  slug: string,
): Promise<boolean> {
  const row = await db
    .insertInto('content_seeds')
    .values({ kind, slug })
    .onConflict((oc) => oc.columns(['kind', 'slug']).doNothing())
    .returning('slug')
    .executeTakeFirst();
  return row !== undefined;
}
