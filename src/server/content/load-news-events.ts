/**
 * Reads the news and events that ship as files (content/<locale>/news/*.md and
 * content/<locale>/events/*.md): the seed the database starts from. An item may exist in one
 * language or in several; what does not depend on the language (dates, type, capacity…) must
 * then agree between the files. Anything wrong stops the server with a message naming the file.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { instantOf, resolveWallTime } from '../../domain/diary/time.js';
import {
  BOOKING_KINDS,
  EVENT_AUDIENCES,
  EVENT_KINDS,
  EVENT_MODES,
  isItemSlug,
  type EventText,
  type NewsText,
} from '../../domain/events.js';
import type { Locale } from '../../domain/locales.js';
import type { EventInput } from '../db/repositories/events.js';
import type { NewsInput } from '../db/repositories/news.js';
import { StartupError } from '../startup-error.js';

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/;
const WALL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const MEDIA_NAME = /^[a-z0-9]+(-[a-z0-9]+)*\.(svg|png|jpg|jpeg|webp)$/;

const text = (max: number) => z.string().trim().min(1).max(max);

const newsSchema = z
  .object({
    title: text(150),
    summary: text(400),
    /** The day it was published (YYYY-MM-DD), or a wall-clock time in the organisation's zone. */
    date: z.string().refine((v) => DATE.test(v) || WALL.test(v), 'must be YYYY-MM-DD'),
    image: z.string().regex(MEDIA_NAME, 'must be a file name in content/media').optional(),
    imageAlt: text(300).optional(),
    draft: z.boolean().default(false),
  })
  .strict();

const eventSchema = z
  .object({
    title: text(150),
    summary: text(400),
    type: z.enum(EVENT_KINDS),
    audience: z.enum(EVENT_AUDIENCES),
    mode: z.enum(EVENT_MODES),
    starts: z.string().regex(WALL, 'must be YYYY-MM-DDTHH:MM'),
    ends: z.string().regex(WALL, 'must be YYYY-MM-DDTHH:MM'),
    venue: text(300).optional(),
    /** In pounds; 0 is free. */
    cost: z.number().min(0).max(100_000).multipleOf(0.01).default(0),
    capacity: z.number().int().min(1).max(100_000).optional(),
    booking: z.enum(BOOKING_KINDS),
    bookingUrl: z.url({ protocol: /^https$/ }).optional(),
    published: z.string().refine((v) => DATE.test(v) || WALL.test(v), 'must be YYYY-MM-DD').optional(),
    draft: z.boolean().default(false),
  })
  .strict();

/** Loads every file item for the offered languages, in slug order. */
export async function loadNewsAndEvents(
  contentDir: string,
  locales: readonly Locale[],
  timeZone: string,
): Promise<{ news: NewsInput[]; events: EventInput[] }> {
  const newsFiles = await readItems(contentDir, locales, 'news');
  const eventFiles = await readItems(contentDir, locales, 'events');
  const news: NewsInput[] = [];
  for (const [slug, files] of newsFiles) {
    const texts: Partial<Record<Locale, NewsText>> = {};
    let shared: { publishedAt: Date; image: string | undefined; draft: boolean } | undefined;
    for (const [locale, { file, front, body }] of files) {
      const f = parse(newsSchema, front, file);
      if (f.image !== undefined && f.imageAlt === undefined) {
        throw new StartupError(`News file ${file}: an image needs imageAlt, words saying what it shows.`);
      }
      const mine = {
        publishedAt: instant(f.date, timeZone, file),
        image: f.image,
        draft: f.draft,
      };
      shared = agree(shared, mine, file);
      texts[locale] = { title: f.title, summary: f.summary, body, imageAlt: f.imageAlt };
    }
    if (!shared) continue;
    news.push({
      slug,
      status: shared.draft ? 'draft' : 'published',
      publishedAt: shared.publishedAt,
      image: shared.image,
      origin: 'file',
      texts,
    });
  }
  const events: EventInput[] = [];
  for (const [slug, files] of eventFiles) {
    const texts: Partial<Record<Locale, EventText>> = {};
    let shared: Omit<EventInput, 'slug' | 'origin' | 'texts' | 'status' | 'publishedAt'> & {
      draft: boolean;
      published: string | undefined;
    } = undefined as never;
    let first = true;
    for (const [locale, { file, front, body }] of files) {
      const f = parse(eventSchema, front, file);
      const startsAt = instant(f.starts, timeZone, file);
      const endsAt = instant(f.ends, timeZone, file);
      if (endsAt.getTime() < startsAt.getTime()) {
        throw new StartupError(`Event file ${file}: "ends" is before "starts".`);
      }
      if (f.booking === 'link' && f.bookingUrl === undefined) {
        throw new StartupError(`Event file ${file}: booking: link needs a bookingUrl (https://…).`);
      }
      if (f.booking !== 'link' && f.bookingUrl !== undefined) {
        throw new StartupError(`Event file ${file}: bookingUrl is only for booking: link.`);
      }
      if (f.mode === 'in-person' && f.venue === undefined) {
        throw new StartupError(`Event file ${file}: an in-person event needs a venue.`);
      }
      const mine = {
        kind: f.type,
        audience: f.audience,
        mode: f.mode,
        startsAt,
        endsAt,
        timeZone,
        costPence: Math.round(f.cost * 100),
        capacity: f.capacity,
        booking: f.booking,
        bookingUrl: f.bookingUrl,
        draft: f.draft,
        published: f.published,
      };
      shared = first ? mine : agree(shared, mine, file);
      first = false;
      texts[locale] = { title: f.title, summary: f.summary, body, venue: f.venue };
    }
    if (first) continue;
    const { draft, published, ...rest } = shared;
    events.push({
      slug,
      status: draft ? 'draft' : 'published',
      publishedAt: published === undefined ? new Date(0) : instant(published, timeZone, slug),
      ...rest,
      origin: 'file',
      texts,
    });
  }
  return { news, events };
}

interface ItemFile {
  readonly file: string;
  readonly front: unknown;
  readonly body: string;
}

async function readItems(
  contentDir: string,
  locales: readonly Locale[],
  folder: 'news' | 'events',
): Promise<Map<string, Map<Locale, ItemFile>>> {
  const items = new Map<string, Map<Locale, ItemFile>>();
  for (const locale of locales) {
    const dir = path.join(contentDir, locale, folder);
    let names: string[];
    try {
      names = (await readdir(dir)).filter((n) => n.endsWith('.md')).sort();
    } catch {
      continue; // No items in this language.
    }
    for (const name of names) {
      const slug = name.slice(0, -3);
      const file = path.join(dir, name);
      if (!isItemSlug(slug)) {
        throw new StartupError(
          `Content file ${file}: names must be lowercase words joined by hyphens (at most 80 characters).`,
        );
      }
      const source = await readFile(file, 'utf8');
      const match = FRONT_MATTER.exec(source);
      if (!match) {
        throw new StartupError(`Content file ${file}: it must start with front matter between two "---" lines.`);
      }
      let front: unknown;
      try {
        front = parseYaml(match[1] ?? '') ?? {};
      } catch (error) {
        throw new StartupError(`Content file ${file}: ${(error as Error).message}`);
      }
      let byLocale = items.get(slug);
      if (!byLocale) items.set(slug, (byLocale = new Map<Locale, ItemFile>()));
      byLocale.set(locale, { file, front, body: source.slice(match[0].length).trim() });
    }
  }
  return new Map([...items].sort(([a], [b]) => a.localeCompare(b)));
}

function parse<T>(schema: z.ZodType<T>, front: unknown, file: string): T {
  const result = schema.safeParse(front);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new StartupError(
      `Content file ${file}: front matter "${issue?.path.join('.') ?? ''}": ${issue?.message ?? 'invalid'}`,
    );
  }
  return result.data;
}

/** A date or wall-clock time in the organisation's zone as an instant. */
function instant(value: string, timeZone: string, file: string): Date {
  const wall = DATE.test(value) ? `${value}T00:00` : value;
  const zoned = resolveWallTime(wall, timeZone);
  if (zoned === undefined) throw new StartupError(`Content file ${file}: "${value}" is not a real date and time.`);
  return new Date(instantOf(zoned));
}

/** The same language-free fields in every language's file. */
function agree<T extends object>(before: T | undefined, now: T, file: string): T {
  if (before === undefined) return now;
  const differ = Object.keys(now).filter(
    (k) => JSON.stringify(before[k as keyof T]) !== JSON.stringify(now[k as keyof T]),
  );
  if (differ.length > 0) {
    throw new StartupError(
      `Content file ${file}: ${differ.join(', ')} must be the same in every language's file.`,
    );
  }
  return before;
}
