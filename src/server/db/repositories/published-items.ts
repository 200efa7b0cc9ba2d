/**
 * What events and news articles share in the database: a row that is published or a draft
 * (published from a time that may be later: scheduled), with titles and texts in a translations
 * table per language (migration 0012). One copy of the status change, the delete and the staff
 * list, for both.
 */
import { sql, type Kysely } from 'kysely';
import type { PublishStatus } from '../../../domain/events.js';
import type { Locale } from '../../../domain/locales.js';
import type { Database } from '../schema.js';

export type PublishedKind = 'event' | 'news';

const TABLES = {
  event: { items: 'events', texts: 'event_translations', itemId: 'event_id' },
  news: { items: 'news_articles', texts: 'news_translations', itemId: 'article_id' },
} as const;

/** Publishes (from `at`, which may be later: scheduled) or unpublishes; false if there is none. */
export async function setPublishStatus(
  db: Kysely<Database>,
  kind: PublishedKind,
  id: string,
  status: PublishStatus,
  at?: Date,
): Promise<boolean> {
  const result = await db
    .updateTable(TABLES[kind].items)
    .set({
      status,
      ...(at === undefined ? {} : { published_at: at }),
      updated_at: sql<Date>`now()`,
    })
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export interface StaffListItem {
  readonly id: string;
  readonly slug: string;
  readonly status: PublishStatus;
  readonly publishedAt: Date;
  /** The event's start, or the article's publication time. */
  readonly at: Date;
  readonly titles: Readonly<Partial<Record<Locale, string>>>;
}

/** Every event (latest start first) or article (newest first), whatever its state. */
export async function staffList(
  db: Kysely<Database>,
  kind: PublishedKind,
): Promise<StaffListItem[]> {
  const rows =
    kind === 'event'
      ? await db
          .selectFrom('events')
          .select(['id', 'slug', 'status', 'published_at', 'starts_at as at'])
          .orderBy('starts_at', 'desc')
          .limit(500)
          .execute()
      : await db
          .selectFrom('news_articles')
          .select(['id', 'slug', 'status', 'published_at', 'published_at as at'])
          .orderBy('published_at', 'desc')
          .limit(500)
          .execute();
  const { texts, itemId } = TABLES[kind];
  const titles = rows.length
    ? await db
        .selectFrom(texts)
        .select([`${itemId} as item_id`, 'locale', 'title'])
        .where(
          itemId,
          'in',
          rows.map((r) => r.id),
        )
        .execute()
    : [];
  return rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    status: r.status,
    publishedAt: new Date(r.published_at),
    at: new Date(r.at),
    titles: Object.fromEntries(
      titles.filter((t) => t.item_id === r.id).map((t) => [t.locale, t.title]),
    ),
  }));
}
