/**
 * The person form's state and its mapping to and from `personSchema`. Vehicles, phone numbers
 * and accounts are typed one a line. Pure.
 */
import {
  describeIssues,
  personSchema,
  RELATIONSHIP_KEYS,
  type FieldIssue,
  type Person,
  type PersonInput,
} from '../../../domain/diary/index.js';

export interface PersonFields {
  readonly name: string;
  readonly alias: string;
  readonly relationship: string;
  readonly description: string;
  /** One a line: registration, then anything else. */
  readonly vehicles: string;
  readonly phones: string;
  /** One a line: `platform: handle`, or a handle. */
  readonly accounts: string;
  /** Fields the form does not show, kept as they were. */
  readonly kept?: Omit<
    Person,
    'name' | 'alias' | 'relationship' | 'description' | 'vehicles' | 'phones' | 'accounts'
  >;
}

export function emptyPersonFields(): PersonFields {
  return {
    name: '',
    alias: '',
    relationship: '',
    description: '',
    vehicles: '',
    phones: '',
    accounts: '',
  };
}

function lines(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

/**
 * A vehicle from one line: the first word or two (up to 20 characters, a UK registration has a
 * space) as the registration, the rest as notes.
 *
 * @example vehicleOfLine('AB12 CDE blue Ford') // { registration: 'AB12 CDE', notes: 'blue Ford' }
 */
export function vehicleOfLine(line: string): { registration?: string; notes?: string } {
  const words = line.trim().split(/\s+/);
  const two = words.slice(0, 2).join(' ');
  const ukTwoPart =
    words.length >= 2 &&
    /^[A-Z0-9]{2,4}$/i.test(words[0] ?? '') &&
    /^[A-Z0-9]{3}$/i.test(words[1] ?? '');
  const registration = ukTwoPart ? two : (words[0] ?? '');
  const rest = words.slice(ukTwoPart ? 2 : 1).join(' ');
  if (registration.length > 20) return { notes: line.trim() };
  return { registration, ...(rest !== '' ? { notes: rest } : {}) };
}

function vehicleLine(v: Person['vehicles'][number]): string {
  return [v.registration, v.make, v.model, v.colour, v.notes]
    .filter((x) => x !== undefined)
    .join(' ');
}

/** `platform: handle` or a handle alone. */
export function accountOfLine(line: string): { platform?: string; handle: string } {
  const match = /^([^:]{1,60}):\s*(\S.*)$/.exec(line.trim());
  if (match !== null && !/^https?$/i.test(match[1] ?? '')) {
    return { platform: (match[1] ?? '').trim(), handle: (match[2] ?? '').trim() };
  }
  return { handle: line.trim() };
}

export function personToFields(person: Person): PersonFields {
  const { name, alias, relationship, description, vehicles, phones, accounts, ...kept } = person;
  return {
    name: name ?? '',
    alias: alias ?? '',
    relationship: relationship ?? '',
    description: description ?? '',
    vehicles: vehicles.map(vehicleLine).join('\n'),
    phones: phones.map((p) => p.number).join('\n'),
    accounts: accounts
      .map((a) => (a.platform !== undefined ? `${a.platform}: ${a.handle}` : a.handle))
      .join('\n'),
    kept,
  };
}

export function personFieldsToInput(fields: PersonFields): PersonInput {
  const relationship = (RELATIONSHIP_KEYS as readonly string[]).includes(fields.relationship)
    ? (fields.relationship as NonNullable<PersonInput['relationship']>)
    : undefined;
  return {
    ...(fields.kept ?? {}),
    name: fields.name,
    alias: fields.alias,
    ...(relationship !== undefined ? { relationship } : {}),
    description: fields.description,
    vehicles: lines(fields.vehicles).map(vehicleOfLine),
    phones: lines(fields.phones).map((number) => ({ number })),
    accounts: lines(fields.accounts).map(accountOfLine),
  };
}

export type PersonCheck =
  | { readonly ok: true; readonly value: Person }
  | { readonly ok: false; readonly issues: readonly FieldIssue[] };

export function checkPerson(fields: PersonFields): PersonCheck {
  const result = personSchema.safeParse(personFieldsToInput(fields));
  return result.success
    ? { ok: true, value: result.data }
    : { ok: false, issues: describeIssues(result.error) };
}

/** The form control for an issue's path. */
export function personFieldIdOf(path: string): string {
  for (const key of ['alias', 'relationship', 'description', 'vehicles', 'phones', 'accounts']) {
    if (path.startsWith(key)) return `person-${key}`;
  }
  return 'person-name';
}
