/**
 * Quiet periods: the longest stretches with no incident recorded, and the time since the last
 * one. Measured in calendar days in the display zone, so a clock change never shortens a week.
 * The wording says "recorded" because a gap in a diary is not proof that nothing happened.
 */
import { ensurePrepared, type Diary, type PreparedDiary } from './prepare.js';
import { formatDate, formatDuration, type Bilingual, type LocalDate } from './text.js';
import { zoneClock } from './time.js';

export interface GapOptions {
  readonly timeZone: string;
  readonly now: Date;
  /** Shortest gap worth listing, in days. Default 14. */
  readonly minDays?: number;
  /** How many gaps to list at most. Default 3. */
  readonly limit?: number;
  /** Days since the last incident from which that is called a quiet period. Default 7. */
  readonly quietAfterDays?: number;
}

export interface Gap {
  /** Local date of the incident before the gap (its end, if it has one). */
  readonly from: LocalDate;
  /** Local date of the incident after the gap. */
  readonly to: LocalDate;
  /** Calendar days from `from` to `to`. */
  readonly days: number;
  readonly afterId: string;
  readonly beforeId: string;
  /** "No incidents recorded for 3 weeks, from 2 March to 23 March 2026." */
  readonly description: Bilingual;
}

export interface SinceLast {
  readonly lastDate: LocalDate;
  readonly lastId: string;
  /** Calendar days from the last incident to today. */
  readonly days: number;
  /** At least `quietAfterDays`. */
  readonly quiet: boolean;
  readonly description: Bilingual;
}

export interface Gaps {
  /** The longest gaps of at least `minDays`, longest first (earlier first on a tie). */
  readonly longest: readonly Gap[];
  /** Undefined when no incident is recorded. */
  readonly sinceLast?: SinceLast;
}

/**
 * The longest periods with no incident recorded, and the time since the last. O(n log n).
 *
 * @example
 * gaps(diary, { timeZone: 'Europe/London', now: new Date('2026-05-01T12:00:00Z') })
 * // { longest: [{ from: '2026-03-02', to: '2026-03-23', days: 21,
 * //   description: { en: 'No incidents recorded for 3 weeks, from 2 March 2026 to 23 March 2026.', … } }],
 * //   sinceLast: { days: 39, quiet: true, description: { en: 'No incidents recorded since 23 March 2026 (5 weeks).', … } } }
 */
export function gaps(diary: Diary | PreparedDiary, options: GapOptions): Gaps {
  const p = ensurePrepared(diary, options.timeZone);
  const minDays = options.minDays ?? 14;
  const limit = options.limit ?? 3;
  const quietAfterDays = options.quietAfterDays ?? 7;
  const found: Gap[] = [];
  let reach: { day: number; date: LocalDate; id: string } | undefined;
  for (const incident of p.incidents) {
    if (reach !== undefined) {
      const days = incident.day - reach.day;
      if (days >= minDays) {
        found.push({
          from: reach.date,
          to: incident.date,
          days,
          afterId: reach.id,
          beforeId: incident.id,
          description: gapText(days, reach.date, incident.date),
        });
      }
    }
    if (reach === undefined || incident.endDay >= reach.day) {
      const endDate =
        incident.endDay === incident.day
          ? incident.date
          : zoneClock(p.timeZone).local(incident.end).date;
      reach = { day: incident.endDay, date: endDate, id: incident.id };
    }
  }
  found.sort((a, b) => b.days - a.days || (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  const longest = found.slice(0, Math.max(0, limit));

  if (reach === undefined) return { longest };
  const today = zoneClock(p.timeZone).local(options.now.getTime()).day;
  const days = Math.max(0, today - reach.day);
  const quiet = days >= quietAfterDays;
  return {
    longest,
    sinceLast: {
      lastDate: reach.date,
      lastId: reach.id,
      days,
      quiet,
      description: sinceText(days, reach.date),
    },
  };
}

function gapText(days: number, from: LocalDate, to: LocalDate): Bilingual {
  const d = formatDuration(days);
  const a = formatDate(from);
  const b = formatDate(to);
  return {
    en: `No incidents recorded for ${d.en}, from ${a.en} to ${b.en}.`,
    cy: `Dim digwyddiadau wedi'u cofnodi am ${d.cy}, o ${a.cy} hyd at ${b.cy}.`,
  };
}

function sinceText(days: number, last: LocalDate): Bilingual {
  const date = formatDate(last);
  if (days === 0) {
    return {
      en: 'The last incident recorded was today.',
      cy: 'Roedd y digwyddiad diwethaf a gofnodwyd heddiw.',
    };
  }
  const d = formatDuration(days);
  return {
    en: `No incidents recorded since ${date.en} (${d.en}).`,
    cy: `Dim digwyddiadau wedi'u cofnodi ers ${date.cy} (${d.cy}).`,
  };
}
