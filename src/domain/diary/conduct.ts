/**
 * Course of conduct: for each person recorded as having done something, how many incidents and
 * how many separate occasions. Harassment and stalking in the law of England and Wales need a
 * course of conduct, which means at least two occasions (FACTS.md §1, §4); the occasions can be
 * different kinds of behaviour.
 *
 * Occasions: separate incidents are separate occasions, even on the same day. Two entries whose
 * times overlap (one from 10:00 to 10:30, another at 10:15) or start at the same instant describe
 * one occasion, so they count once. This never decides whether anything is harassment: that is
 * for the police and the courts, and the note says so.
 */
import { personLabel } from './incident.js';
import {
  byTime,
  ensurePrepared,
  type Diary,
  type PreparedDiary,
  type PreparedIncident,
} from './prepare.js';
import { welshCount, type Bilingual, type LocalDate } from './text.js';

/** The law's threshold: at least two occasions. */
export const COURSE_OF_CONDUCT_OCCASIONS = 2;

export interface PersonConduct {
  readonly personId: string;
  /** Name or alias; undefined for a person record that has since been deleted. */
  readonly label?: string;
  readonly incidents: number;
  readonly occasions: number;
  /** Local dates in the display zone. */
  readonly first: LocalDate;
  readonly last: LocalDate;
  /** In time order. */
  readonly incidentIds: readonly string[];
  /** At least two occasions are recorded. */
  readonly atLeastTwoOccasions: boolean;
  readonly note: Bilingual;
}

export interface CourseOfConduct {
  /** People with the most occasions first. */
  readonly people: readonly PersonConduct[];
  /** Incidents with nobody recorded as having done it. */
  readonly unattributed: number;
}

/**
 * Incidents and occasions per person who did something. O(n log n).
 *
 * @example
 * courseOfConduct(diary, { timeZone: 'Europe/London' }).people[0]
 * // { personId: 'person-01', label: 'Mark', incidents: 3, occasions: 2, atLeastTwoOccasions: true,
 * //   note: { en: '2 separate occasions are recorded for this person. …', cy: … }, … }
 */
export function courseOfConduct(
  diary: Diary | PreparedDiary,
  options: { readonly timeZone: string },
): CourseOfConduct {
  const p = ensurePrepared(diary, options.timeZone);
  const perPerson = new Map<string, PreparedIncident[]>();
  let unattributed = 0;
  for (const incident of p.incidents) {
    const ids = incident.incident.perpetratorIds;
    if (ids.length === 0) unattributed++;
    for (const id of ids) {
      let list = perPerson.get(id);
      if (!list) perPerson.set(id, (list = []));
      list.push(incident);
    }
  }
  const people: PersonConduct[] = [];
  for (const [personId, incidents] of perPerson) {
    incidents.sort(byTime); // already in order; kept so this never depends on the caller
    const occasions = countOccasions(incidents);
    const person = p.people.get(personId);
    const first = incidents[0];
    const last = incidents[incidents.length - 1];
    if (first === undefined || last === undefined) continue;
    people.push({
      personId,
      ...(person === undefined ? {} : { label: personLabel(person) }),
      incidents: incidents.length,
      occasions,
      first: first.date,
      last: last.date,
      incidentIds: incidents.map((i) => i.id),
      atLeastTwoOccasions: occasions >= COURSE_OF_CONDUCT_OCCASIONS,
      note: conductNote(occasions),
    });
  }
  people.sort(
    (a, b) =>
      b.occasions - a.occasions ||
      b.incidents - a.incidents ||
      (a.personId < b.personId ? -1 : a.personId > b.personId ? 1 : 0),
  );
  return { people, unattributed };
}

/**
 * Separate occasions among incidents sorted by start: a new occasion begins whenever an
 * incident starts after every earlier one has ended.
 *
 * @example countOccasions([{ start: 0, end: 10 }, { start: 5, end: 5 }, { start: 11, end: 11 }]) // 2
 */
export function countOccasions(sorted: readonly Pick<PreparedIncident, 'start' | 'end'>[]): number {
  let occasions = 0;
  let reach = Number.NEGATIVE_INFINITY;
  for (const { start, end } of sorted) {
    if (start > reach) occasions++;
    if (end > reach) reach = end;
  }
  return occasions;
}

/**
 * The course-of-conduct note for a number of occasions. It states the law's threshold and never
 * a conclusion.
 *
 * @example conductNote(2).en
 * // "2 separate occasions are recorded for this person. The law on harassment and stalking
 * //  needs a course of conduct: at least two occasions. …"
 */
export function conductNote(occasions: number): Bilingual {
  if (occasions >= COURSE_OF_CONDUCT_OCCASIONS) {
    return {
      en: `${occasions} separate occasions are recorded for this person. The law on harassment and stalking needs a course of conduct: at least two occasions, which can be different kinds of behaviour. Whether this is harassment or stalking is for the police and courts to decide.`,
      cy: `Mae ${welshCount(occasions, 'achlysur', 'achlysuron')} ar wahân wedi'u cofnodi ar gyfer y person hwn. Mae'r gyfraith ar aflonyddu a stelcio yn gofyn am gwrs ymddygiad: o leiaf ddau achlysur, a gall y rhain fod yn fathau gwahanol o ymddygiad. Yr heddlu a'r llysoedd sy'n penderfynu ai aflonyddu neu stelcio yw hyn.`,
    };
  }
  return {
    en: `${occasions} ${occasions === 1 ? 'occasion is' : 'occasions are'} recorded for this person. The law on harassment and stalking needs at least two occasions. You can still tell the police about a single incident.`,
    cy: `Mae ${occasions === 1 ? "1 achlysur wedi'i gofnodi" : `${welshCount(occasions, 'achlysur', 'achlysuron')} wedi'u cofnodi`} ar gyfer y person hwn. Mae'r gyfraith ar aflonyddu a stelcio yn gofyn am o leiaf ddau achlysur. Gallwch chi ddweud wrth yr heddlu am un digwyddiad o hyd.`,
  };
}
