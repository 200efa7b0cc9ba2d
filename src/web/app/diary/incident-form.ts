/**
 * The incident form's state and its mapping to and from `incidentSchema`. Pure: no I/O, no
 * clock (the caller passes `now`). Every text the person types stays a string here; turning it
 * into the schema's input is one function, and the schema has the last word.
 */
import {
  incidentSchema,
  isTimeZone,
  resolveWallTime,
  wallTimeOf,
  wallTimeOptions,
  zonedFromInstant,
  type Coordinates,
  type FieldIssue,
  type Incident,
  type IncidentInput,
  describeIssues,
} from '../../../domain/diary/index.js';

export interface IncidentFields {
  /** Wall time `YYYY-MM-DDTHH:MM` in `timeZone` (what a datetime-local input gives). */
  readonly start: string;
  readonly end: string;
  readonly approximate: boolean;
  readonly timeZone: string;
  /** Which of a time that happens twice (clocks going back) the start and end mean. */
  readonly startChoice: WallChoice;
  readonly endChoice: WallChoice;
  readonly where: string;
  /** A saved place's record id, or '' for none. */
  readonly placeId: string;
  /** From the device, only when the person asked for it. */
  readonly coordinates: Coordinates | undefined;
  readonly what: string;
  readonly behaviours: readonly string[];
  readonly channel: string;
  readonly channelDetail: string;
  readonly perpetratorIds: readonly string[];
  readonly witnessIds: readonly string[];
  /** A new person to create on save, by name or alias; blank for none. */
  readonly newPerpetrator: string;
  readonly newWitness: string;
  readonly reported: boolean;
  readonly reportedOn: string;
  readonly reference: string;
  readonly officerName: string;
  readonly officerNumber: string;
  readonly feelings: string;
  readonly changes: readonly string[];
  readonly changesDetail: string;
  /** Comma separated. */
  readonly tags: string;
  /** Parts of a record the form does not show, kept as they were. */
  readonly kept?: Pick<Incident, 'evidenceIds' | 'imported'> & {
    /** The times as saved, to the second: kept while the form's minutes still match them. */
    readonly start?: string;
    readonly end?: string;
  };
}

export type WallChoice = 'earlier' | 'later';

/**
 * What a wall time means on its day in a zone: once (the usual case), twice (the clocks went
 * back, so the person must say which), or never (the clocks went forward past it).
 *
 * @example wallTimeKind('2026-10-25T01:30', 'Europe/London') // { kind: 'twice', options: [...] }
 */
export function wallTimeKind(
  wall: string,
  timeZone: string,
): { kind: 'once' | 'twice' | 'skipped'; options: readonly string[] } | undefined {
  if (wall.trim() === '' || !isTimeZone(timeZone.trim())) return undefined;
  return wallTimeOptions(wall.trim(), timeZone.trim());
}

/** The browser's time zone, or UTC when it does not say. */
export function browserTimeZone(): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return typeof zone === 'string' && isTimeZone(zone) ? zone : 'UTC';
}

/**
 * The wall time now in a zone, to the minute, for a datetime-local input.
 *
 * @example nowWall(new Date('2026-03-29T18:05:00Z'), 'Europe/London') // "2026-03-29T19:05"
 */
export function nowWall(now: Date, timeZone: string): string {
  return wallTimeOf(zonedFromInstant(now, timeZone));
}

export function emptyIncidentFields(now: Date, timeZone: string): IncidentFields {
  return {
    start: nowWall(now, timeZone),
    end: '',
    approximate: false,
    timeZone,
    startChoice: 'earlier',
    endChoice: 'earlier',
    where: '',
    placeId: '',
    coordinates: undefined,
    what: '',
    behaviours: [],
    channel: '',
    channelDetail: '',
    perpetratorIds: [],
    witnessIds: [],
    newPerpetrator: '',
    newWitness: '',
    reported: false,
    reportedOn: '',
    reference: '',
    officerName: '',
    officerNumber: '',
    feelings: '',
    changes: [],
    changesDetail: '',
    tags: '',
  };
}

/** The form's state for an incident already recorded. */
export function incidentToFields(incident: Incident): IncidentFields {
  const { start, end } = incident.when;
  const kept: NonNullable<IncidentFields['kept']> = {
    evidenceIds: incident.evidenceIds,
    ...(incident.imported !== undefined ? { imported: incident.imported } : {}),
    start,
    ...(end !== undefined ? { end } : {}),
  };
  return {
    start: minutes(wallTimeOf(start)),
    end: end !== undefined ? minutes(wallTimeOf(end)) : '',
    approximate: incident.when.approximate,
    timeZone: incident.when.timeZone,
    startChoice: choiceOf(start, incident.when.timeZone),
    endChoice: end !== undefined ? choiceOf(end, incident.when.timeZone) : 'earlier',
    where: incident.where?.text ?? '',
    placeId: incident.where?.placeId ?? '',
    coordinates: incident.where?.coordinates,
    what: incident.what,
    behaviours: incident.behaviours,
    channel: incident.channel?.key ?? '',
    channelDetail: incident.channel?.detail ?? '',
    perpetratorIds: incident.perpetratorIds,
    witnessIds: incident.witnessIds,
    newPerpetrator: '',
    newWitness: '',
    reported: incident.police !== undefined,
    reportedOn: incident.police?.reportedOn ?? '',
    reference: incident.police?.reference ?? '',
    officerName: incident.police?.officerName ?? '',
    officerNumber: incident.police?.officerNumber ?? '',
    feelings: incident.effect?.feelings ?? '',
    changes: incident.effect?.changes ?? [],
    changesDetail: incident.effect?.changesDetail ?? '',
    tags: incident.tags.join(', '),
    kept,
  };
}

/**
 * Tags from comma-separated text: trimmed, blanks dropped, repeats (ignoring case) dropped.
 *
 * @example parseTags(' stalking, Car ,car,, ') // ['stalking', 'Car']
 */
export function parseTags(text: string): string[] {
  const seen = new Set<string>();
  const tags: string[] = [];
  for (const raw of text.split(',')) {
    const tag = raw.trim();
    if (tag === '' || seen.has(tag.toLowerCase())) continue;
    seen.add(tag.toLowerCase());
    tags.push(tag);
  }
  return tags;
}

/** A datetime-local input shows minutes; imported times can carry seconds. */
function minutes(wall: string): string {
  return wall.slice(0, 16);
}

/** Which of a repeated wall time a saved zoned time is (the later one has the smaller offset). */
function choiceOf(saved: string, timeZone: string): WallChoice {
  const options = wallTimeKind(wallTimeOf(saved), timeZone);
  return options?.kind === 'twice' && options.options[1] === saved ? 'later' : 'earlier';
}

function zoned(wall: string, timeZone: string, choice: WallChoice, saved?: string): string {
  const w = wall.trim();
  if (w === '') return '';
  if (!isTimeZone(timeZone)) return w;
  if (saved !== undefined && minutes(wallTimeOf(saved)) === w) {
    // The same minute in the same zone, meant the same way: keep the saved time exactly.
    const options: readonly string[] = wallTimeOptions(wallTimeOf(saved), timeZone)?.options ?? [];
    if (options.includes(saved) && choiceOf(saved, timeZone) === choice) return saved;
  }
  // 'compatible' is the earlier of a repeated time, and moves a skipped time forward.
  return resolveWallTime(w, timeZone, choice === 'later' ? 'later' : 'compatible') ?? w;
}

/**
 * The schema input for the form's state. People created inline on save are passed in
 * `created`, to be listed with those chosen.
 */
export function fieldsToInput(
  fields: IncidentFields,
  created: {
    readonly perpetratorIds?: readonly string[];
    readonly witnessIds?: readonly string[];
  } = {},
): IncidentInput {
  const zone = fields.timeZone.trim();
  const placeId = fields.placeId === '' ? undefined : fields.placeId;
  const coordinates = fields.coordinates;
  const hasWhere = fields.where.trim() !== '' || placeId !== undefined || coordinates !== undefined;
  const police = {
    reportedOn: fields.reportedOn.trim() === '' ? undefined : fields.reportedOn.trim(),
    reference: fields.reference,
    officerName: fields.officerName,
    officerNumber: fields.officerNumber,
  };
  const hasEffect =
    fields.feelings.trim() !== '' ||
    fields.changes.length > 0 ||
    fields.changesDetail.trim() !== '';
  return {
    when: {
      start: zoned(fields.start, zone, fields.startChoice, fields.kept?.start),
      ...(fields.end.trim() !== ''
        ? { end: zoned(fields.end, zone, fields.endChoice, fields.kept?.end) }
        : {}),
      approximate: fields.approximate,
      timeZone: zone,
    },
    ...(hasWhere
      ? {
          where: {
            text: fields.where,
            ...(placeId !== undefined ? { placeId } : {}),
            ...(coordinates !== undefined ? { coordinates } : {}),
          },
        }
      : {}),
    what: fields.what,
    behaviours: [...fields.behaviours] as IncidentInput['behaviours'],
    ...(fields.channel !== ''
      ? {
          channel: {
            key: fields.channel as NonNullable<IncidentInput['channel']>['key'],
            detail: fields.channelDetail,
          },
        }
      : {}),
    perpetratorIds: unique([...fields.perpetratorIds, ...(created.perpetratorIds ?? [])]),
    witnessIds: unique([...fields.witnessIds, ...(created.witnessIds ?? [])]),
    ...(fields.reported
      ? {
          police: Object.fromEntries(Object.entries(police).filter(([, v]) => v !== undefined)),
        }
      : {}),
    ...(hasEffect
      ? {
          effect: {
            feelings: fields.feelings,
            changes: [...fields.changes] as NonNullable<IncidentInput['effect']>['changes'],
            changesDetail: fields.changesDetail,
          },
        }
      : {}),
    evidenceIds: [...(fields.kept?.evidenceIds ?? [])],
    tags: parseTags(fields.tags),
    ...(fields.kept?.imported !== undefined ? { imported: fields.kept.imported } : {}),
  };
}

function unique(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}

/** Which form control an issue's path belongs to, for the error summary's links. */
export function fieldIdOf(path: string): string {
  if (path.startsWith('when.end')) return 'incident-end';
  if (path.startsWith('when.timeZone')) return 'incident-zone';
  if (path.startsWith('when')) return 'incident-start';
  if (path.startsWith('where')) return 'incident-where';
  if (path.startsWith('behaviours')) return 'incident-behaviours';
  if (path.startsWith('channel')) return 'incident-channel';
  if (path.startsWith('police.reportedOn')) return 'incident-reported-on';
  if (path.startsWith('police.reference')) return 'incident-reference';
  if (path.startsWith('police.officerName')) return 'incident-officer-name';
  if (path.startsWith('police.officerNumber')) return 'incident-officer-number';
  if (path.startsWith('effect.changes')) return 'incident-changes';
  if (path.startsWith('effect')) return 'incident-feelings';
  if (path.startsWith('tags')) return 'incident-tags';
  return 'incident-what';
}

export type IncidentCheck =
  | { readonly ok: true; readonly value: Incident }
  | { readonly ok: false; readonly issues: readonly FieldIssue[] };

/** Checks the form's state with the schema (after people created inline are known). */
export function checkIncident(
  fields: IncidentFields,
  created: {
    readonly perpetratorIds?: readonly string[];
    readonly witnessIds?: readonly string[];
  } = {},
): IncidentCheck {
  const result = incidentSchema.safeParse(fieldsToInput(fields, created));
  return result.success
    ? { ok: true, value: result.data }
    : { ok: false, issues: describeIssues(result.error) };
}

/**
 * The colour level (0 to 4) of a heatmap cell: 0 for none, else a quarter of the largest bucket
 * each, rounded up.
 *
 * @example heatLevel(0, 9) // 0
 * @example heatLevel(9, 9) // 4
 */
export function heatLevel(count: number, max: number): 0 | 1 | 2 | 3 | 4 {
  if (count <= 0 || max <= 0) return 0;
  return Math.min(4, Math.max(1, Math.ceil((count / max) * 4))) as 1 | 2 | 3 | 4;
}

/** The CSS class of a heatmap level. */
export function heatClass(level: number): string {
  return `heat heat--${level}`;
}
