/**
 * The input of every analysis: decrypted, parsed records with their vault ids. Preparing reads
 * each incident's time once (instant, and local date, weekday and hour in the display zone) and
 * sorts by time, so that every analysis after it is a linear pass.
 */
import type { EffectRecord, Incident, Person, Place } from './incident.js';
import type { LocalDate } from './text.js';
import { instantOf, zoneClock } from './time.js';

/** A record's id in the vault and its parsed plaintext. `DecryptedRecord<T>` fits this shape. */
export interface Entry<T> {
  readonly id: string;
  readonly value: T;
}

/** What the person has recorded, as analysis needs it. People, places and effects are optional. */
export interface Diary {
  readonly incidents: readonly Entry<Incident>[];
  readonly people?: readonly Entry<Person>[];
  readonly places?: readonly Entry<Place>[];
  readonly effects?: readonly Entry<EffectRecord>[];
}

/** An incident with its times worked out in the display zone. */
export interface PreparedIncident {
  readonly id: string;
  readonly incident: Incident;
  /** Start instant, ms since 1970. */
  readonly start: number;
  /** End instant; the start when there is no end. */
  readonly end: number;
  /** Local day number of the start in the display zone. */
  readonly day: number;
  /** Local day number of the end in the display zone. */
  readonly endDay: number;
  readonly date: LocalDate;
  /** 0 = Monday … 6 = Sunday, in the display zone. */
  readonly weekday: number;
  /** 0–23, in the display zone. */
  readonly hour: number;
}

export interface PreparedDiary {
  readonly prepared: true;
  readonly timeZone: string;
  /** Sorted by start, then by id. */
  readonly incidents: readonly PreparedIncident[];
  readonly people: ReadonlyMap<string, Person>;
  readonly places: ReadonlyMap<string, Place>;
  readonly effects: readonly Entry<EffectRecord>[];
}

/**
 * Prepares a diary for analysis in a display time zone. Incidents whose start is not a valid
 * zoned time are left out (the schema never lets one through). O(n log n).
 *
 * Every analysis function accepts a `Diary` or a `PreparedDiary`; prepare once and pass the
 * result when calling several of them.
 *
 * @example
 * const p = prepareDiary({ incidents }, 'Europe/London');
 * heatmap(p, { timeZone: 'Europe/London' });
 */
export function prepareDiary(diary: Diary, timeZone: string): PreparedDiary {
  const clock = zoneClock(timeZone);
  const incidents: PreparedIncident[] = [];
  for (const { id, value } of diary.incidents) {
    const start = instantOf(value.when.start);
    if (Number.isNaN(start)) continue;
    const endValue = value.when.end === undefined ? start : instantOf(value.when.end);
    const end = Number.isNaN(endValue) || endValue < start ? start : endValue;
    const local = clock.local(start);
    incidents.push({
      id,
      incident: value,
      start,
      end,
      day: local.day,
      endDay: end === start ? local.day : clock.local(end).day,
      date: local.date,
      weekday: local.weekday,
      hour: local.hour,
    });
  }
  incidents.sort(byTime);
  return {
    prepared: true,
    timeZone,
    incidents,
    people: new Map((diary.people ?? []).map((p) => [p.id, p.value])),
    places: new Map((diary.places ?? []).map((p) => [p.id, p.value])),
    effects: diary.effects ?? [],
  };
}

/**
 * Orders prepared incidents by start, then by id, so ties come out the same every time.
 *
 * @example [...incidents].sort(byTime)
 */
export function byTime(a: PreparedIncident, b: PreparedIncident): number {
  return a.start - b.start || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * The diary prepared for this zone: as given when it already is, else prepared now.
 *
 * @example ensurePrepared({ incidents: [] }, 'UTC').incidents // []
 */
export function ensurePrepared(diary: Diary | PreparedDiary, timeZone: string): PreparedDiary {
  if ('prepared' in diary && diary.timeZone === timeZone) return diary;
  if ('prepared' in diary) {
    return prepareDiary(
      {
        incidents: diary.incidents.map((p) => ({ id: p.id, value: p.incident })),
        people: [...diary.people].map(([id, value]) => ({ id, value })),
        places: [...diary.places].map(([id, value]) => ({ id, value })),
        effects: diary.effects,
      },
      timeZone,
    );
  }
  return prepareDiary(diary, timeZone);
}
