// Frozen: never edit a migration that has shipped; add a new one. Imports nothing from the app.
import { sql, type Kysely } from 'kysely';

/**
 * The organisation's news and its training and events, with the bookings people make.
 *
 * - `news_articles` / `events`: one row per item, with what does not depend on the language.
 *   `status` is draft or published; a published item whose `published_at` is still to come is
 *   scheduled, and shows from then on. `origin` says whether the item came from a content file
 *   (the seed) or from staff.
 * - `news_translations` / `event_translations`: the words, one row per language the item exists
 *   in (one language or several).
 * - `events.places_taken` counts live bookings; a booking adds one only while it is below
 *   `capacity` (one conditional update in the booking's transaction), so bookings made at once
 *   can never pass it.
 * - `bookings`: personal data, deleted a set number of days after the event ends. The
 *   cancellation link's token is kept only as its SHA-256.
 * - `content_seeds`: every file item ever loaded, so an item staff deleted is not loaded again.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('news_articles')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('draft', 'published')`))
    .addColumn('published_at', 'timestamptz', (c) => c.notNull())
    .addColumn('image', 'text')
    .addColumn('origin', 'text', (c) => c.notNull().check(sql`origin in ('file', 'staff')`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('news_articles_published')
    .on('news_articles')
    .columns(['status', 'published_at'])
    .execute();
  await db.schema
    .createTable('news_translations')
    .addColumn('article_id', 'uuid', (c) =>
      c.notNull().references('news_articles.id').onDelete('cascade'),
    )
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('image_alt', 'text')
    .addPrimaryKeyConstraint('news_translations_pk', ['article_id', 'locale'])
    .execute();

  await db.schema
    .createTable('events')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('draft', 'published')`))
    .addColumn('published_at', 'timestamptz', (c) => c.notNull())
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('course', 'briefing', 'conference')`),
    )
    .addColumn('audience', 'text', (c) =>
      c.notNull().check(sql`audience in ('practitioners', 'public')`),
    )
    .addColumn('mode', 'text', (c) => c.notNull().check(sql`mode in ('online', 'in-person')`))
    .addColumn('starts_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ends_at', 'timestamptz', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('cost_pence', 'integer', (c) => c.notNull().check(sql`cost_pence >= 0`))
    .addColumn('capacity', 'integer', (c) => c.check(sql`capacity is null or capacity >= 0`))
    .addColumn('places_taken', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`places_taken >= 0`),
    )
    .addColumn('booking', 'text', (c) =>
      c.notNull().check(sql`booking in ('form', 'link', 'none')`),
    )
    .addColumn('booking_url', 'text')
    .addColumn('origin', 'text', (c) => c.notNull().check(sql`origin in ('file', 'staff')`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('events_ends_after_start', sql`ends_at >= starts_at`)
    .addCheckConstraint('events_capacity_kept', sql`capacity is null or places_taken <= capacity`)
    .execute();
  await db.schema.createIndex('events_starts').on('events').column('starts_at').execute();
  await db.schema.createIndex('events_ends').on('events').column('ends_at').execute();
  await db.schema
    .createTable('event_translations')
    .addColumn('event_id', 'uuid', (c) => c.notNull().references('events.id').onDelete('cascade'))
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('venue', 'text')
    .addPrimaryKeyConstraint('event_translations_pk', ['event_id', 'locale'])
    .execute();

  await db.schema
    .createTable('bookings')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('event_id', 'uuid', (c) => c.notNull().references('events.id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('organisation', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('needs', 'text', (c) => c.notNull())
    .addColumn('consent', 'boolean', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // One place per email address per event: sending the form twice books once.
  await sql`create unique index bookings_event_email on bookings (event_id, lower(email))`.execute(
    db,
  );

  await db.schema
    .createTable('content_seeds')
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('news', 'event')`))
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('seeded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('content_seeds_pk', ['kind', 'slug'])
    .execute();
}
