/**
 * News articles and their translations (migration 0012). Public reads return only published
 * articles whose time has come; staff reads see every state.
 */
import { sql, type Kysely } from 'kysely';
import type { Locale } from '../../../domain/locales.js';
import { isLocale } from '../../../domain/locales.js';
import type { NewsArticle, NewsText, PublishStatus } from '../../../domain/events.js';
import type { Database } from '../schema.js';

export interface NewsInput {
  readonly slug: string;
  readonly status: PublishStatus;
  readonly publishedAt: Date;
  readonly image: string | undefined;
  readonly origin: 'file' | 'staff';
  readonly texts: Partial<Record<Locale, NewsText>>;
}

export async function insertNewsArticle(
  db: Kysely<Database>,
  id: string,
  input: NewsInput,
): Promise<void> {
  await db
    .insertInto('news_articles')
    .values({
      id,
      slug: input.slug,
      status: input.status,
      published_at: input.publishedAt,
      image: input.image ?? null,
      origin: input.origin,
    })
    .execute();
  await insertTexts(db, id, input.texts);
}

/** Replaces everything about the article but its id and origin; false if there is none. */
export async function updateNewsArticle(
  db: Kysely<Database>,
  id: string,
  input: Omit<NewsInput, 'origin'>,
): Promise<boolean> {
  const result = await db
    .updateTable('news_articles')
    .set({
      slug: input.slug,
      status: input.status,
      published_at: input.publishedAt,
      image: input.image ?? null,
      updated_at: sql<Date>`now()`,
    })
    .where('id', '=', id)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) return false;
  await db.deleteFrom('news_translations').where('article_id', '=', id).execute();
  await insertTexts(db, id, input.texts);
  return true;
}

async function insertTexts(
  db: Kysely<Database>,
  id: string,
  texts: Partial<Record<Locale, NewsText>>,
): Promise<void> {
  const rows = Object.entries(texts).map(([locale, t]) => ({
    article_id: id,
    locale,
    title: t.title,
    summary: t.summary,
    body: t.body,
    image_alt: t.imageAlt ?? null,
  }));
  if (rows.length > 0) await db.insertInto('news_translations').values(rows).execute();
}

const visible = (now: Date) =>
  sql<boolean>`news_articles.status = 'published' and news_articles.published_at <= ${now}`;

/** Published articles, newest first, one page at a time, with how many there are in all. */
export async function listPublishedNews(
  db: Kysely<Database>,
  options: { now: Date; limit: number; offset: number; locale?: Locale },
): Promise<{ articles: NewsArticle[]; total: number }> {
  let base = db.selectFrom('news_articles').where(visible(options.now));
  if (options.locale !== undefined) {
    const locale = options.locale;
    base = base.where((eb) =>
      eb.exists(
        eb
          .selectFrom('news_translations')
          .select(sql`1`.as('one'))
          .whereRef('news_translations.article_id', '=', 'news_articles.id')
          .where('news_translations.locale', '=', locale),
      ),
    );
  }
  const [rows, count] = await Promise.all([
    base
      .selectAll('news_articles')
      .orderBy('published_at', 'desc')
      .orderBy('slug')
      .limit(options.limit)
      .offset(options.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { articles: await withTexts(db, rows), total: Number(count.n) };
}

export async function findPublishedNews(
  db: Kysely<Database>,
  slug: string,
  now: Date,
): Promise<NewsArticle | undefined> {
  const row = await db
    .selectFrom('news_articles')
    .selectAll()
    .where('slug', '=', slug)
    .where(visible(now))
    .executeTakeFirst();
  return row ? (await withTexts(db, [row]))[0] : undefined;
}

/** Any article by id, whatever its state (for staff). */
export async function findNewsById(
  db: Kysely<Database>,
  id: string,
): Promise<NewsArticle | undefined> {
  const row = await db
    .selectFrom('news_articles')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? (await withTexts(db, [row]))[0] : undefined;
}

type ArticleRow = {
  id: string;
  slug: string;
  status: PublishStatus;
  published_at: Date;
  image: string | null;
};

async function withTexts(db: Kysely<Database>, rows: ArticleRow[]): Promise<NewsArticle[]> {
  if (rows.length === 0) return [];
  const texts = await db
    .selectFrom('news_translations')
    .selectAll()
    .where(
      'article_id',
      'in',
      rows.map((r) => r.id),
    )
    .execute();
  return rows.map((r) => {
    const mine: Partial<Record<Locale, NewsText>> = {};
    for (const t of texts) {
      if (t.article_id !== r.id || !isLocale(t.locale)) continue;
      mine[t.locale] = {
        title: t.title,
        summary: t.summary,
        body: t.body,
        imageAlt: t.image_alt ?? undefined,
      };
    }
    return {
      id: r.id,
      slug: r.slug,
      status: r.status,
      publishedAt: new Date(r.published_at),
      image: r.image ?? undefined,
      texts: mine,
    };
  });
}
