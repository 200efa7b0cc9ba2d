/**
 * The staff area's form for a local support service or helpline: what a person typed, checked
 * and turned into a Service (the same shape, and the same schema, as the organisation profile's
 * `services`); and a Service turned back into the form's fields. Phone numbers are checked as UK
 * numbers, and never as the emergency or police numbers: 999, 112, 101 and the Silent Solution's
 * 55 are written once, in content/services.yaml, with the guidance that goes with them.
 */
import { LOCALES, type Locale } from './locales.js';
import { WEEKDAYS, type OpeningHours, type Weekday } from './opening-hours.js';
import { AUDIENCES, serviceSchema, type Audience, type Service } from './services.js';

export type ServiceFieldError =
  | 'key_invalid'
  | 'key_taken'
  | 'name_missing'
  | 'text_too_long'
  | 'phone_invalid'
  | 'phone_emergency'
  | 'contact_missing'
  | 'url_invalid'
  | 'hours_invalid'
  | 'audience_missing'
  | 'area_missing';

export interface ServiceProblem {
  readonly field: string;
  readonly code: ServiceFieldError;
}

export type ServiceCheck =
  | { readonly ok: true; readonly service: Service }
  | { readonly ok: false; readonly errors: readonly ServiceProblem[] };

const KEY = /^[a-z0-9]+(-[a-z0-9]+)*$/;
/** Numbers only the national list may carry: emergency, police non-emergency, Silent Solution. */
const RESERVED_NUMBERS = new Set(['999', '112', '101', '55', '911']);

/**
 * A UK phone number as people write it, with spaces kept: "0808 802 0300", "+44 20 3866 4107",
 * "116 123" (the 116 helpline range) or "111". undefined when it is not one.
 */
export function checkPhone(raw: string): { phone: string } | { error: ServiceFieldError } {
  const phone = raw.trim().replace(/\s+/g, ' ');
  if (!/^\+?[\d ]+$/.test(phone)) return { error: 'phone_invalid' };
  const digits = phone.replace(/ /g, '');
  if (RESERVED_NUMBERS.has(digits)) return { error: 'phone_emergency' };
  const national = digits.startsWith('+44') ? `0${digits.slice(3)}` : digits;
  if (national.startsWith('+')) return { error: 'phone_invalid' };
  const fits =
    /^0[1-9]\d{8,9}$/.test(national) || /^116\d{3}$/.test(national) || national === '111';
  return fits ? { phone } : { error: 'phone_invalid' };
}

/** "always", or one line per session: "mon tue wed thu fri 09:00-17:00". */
export function hoursToText(hours: OpeningHours | undefined): string {
  if (hours === undefined) return '';
  if (hours === 'always') return 'always';
  return hours.map((s) => `${s.days.join(' ')} ${s.opens}-${s.closes}`).join('\n');
}

export function parseHours(text: string): OpeningHours | undefined | 'invalid' {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim().toLowerCase())
    .filter((l) => l !== '');
  if (lines.length === 0) return undefined;
  if (lines.length === 1 && lines[0] === 'always') return 'always';
  const sessions: { days: Weekday[]; opens: string; closes: string }[] = [];
  for (const line of lines) {
    const m = /^([a-z ,]+?)\s+(\d{2}:\d{2})\s*-\s*(\d{2}:\d{2})$/.exec(line);
    if (!m) return 'invalid';
    const days = (m[1] ?? '').split(/[\s,]+/).filter((d) => d !== '');
    if (!days.every((d): d is Weekday => (WEEKDAYS as readonly string[]).includes(d))) {
      return 'invalid';
    }
    sessions.push({ days, opens: m[2] ?? '', closes: m[3] ?? '' });
  }
  return sessions;
}

const LOCALISED = ['name', 'description', 'area'] as const;

/** Every field of the form, for these languages (English is always there: it is the fallback). */
export function serviceFieldNames(locales: readonly Locale[]): string[] {
  const langs = formLocales(locales);
  return [
    'key',
    'phone',
    'website',
    'hours',
    ...AUDIENCES.map((a) => `for_${a}`),
    ...langs.flatMap((l) => [...LOCALISED, 'phoneNote'].map((f) => `${f}_${l}`)),
  ];
}

export function formLocales(locales: readonly Locale[]): Locale[] {
  return LOCALES.filter((l) => l === 'en' || locales.includes(l));
}

function textOf(value: Service['name'] | undefined, locale: Locale): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  return (value as Partial<Record<Locale, string>>)[locale] ?? '';
}

/** A service as the form's fields. */
export function serviceValues(
  service: Service,
  locales: readonly Locale[],
): Record<string, string> {
  const values: Record<string, string> = {
    key: service.key,
    phone: service.phone ?? '',
    website: service.website ?? '',
    hours: hoursToText(service.hours),
  };
  for (const a of service.audiences) values[`for_${a}`] = 'on';
  for (const l of formLocales(locales)) {
    values[`name_${l}`] = textOf(service.name, l);
    values[`description_${l}`] = textOf(service.description, l);
    values[`phoneNote_${l}`] = textOf(service.phoneNote, l);
    values[`area_${l}`] = service.area === 'national' ? '' : textOf(service.area.local, l);
  }
  return values;
}

const LIMITS = { name: 120, description: 400, phoneNote: 300, area: 80 } as const;

/**
 * Checks the form. `key` is the service's key when it is being changed (the key then stays as
 * it is); `takenKeys` are the keys no new service may use (every national and local service).
 */
export function checkServiceForm(
  values: Readonly<Record<string, string>>,
  locales: readonly Locale[],
  options: { key: string | undefined; takenKeys: ReadonlySet<string> },
): ServiceCheck {
  const errors: ServiceProblem[] = [];
  const get = (name: string) => (values[name] ?? '').trim();
  let key = options.key;
  if (key === undefined) {
    const typed = get('key');
    if (!KEY.test(typed) || typed.length > 60) errors.push({ field: 'key', code: 'key_invalid' });
    else if (options.takenKeys.has(typed)) errors.push({ field: 'key', code: 'key_taken' });
    key = typed;
  }
  const localised = (field: (typeof LOCALISED)[number] | 'phoneNote') => {
    const out: Partial<Record<Locale, string>> = {};
    for (const l of formLocales(locales)) {
      const text = get(`${field}_${l}`);
      if (text.length > LIMITS[field])
        errors.push({ field: `${field}_${l}`, code: 'text_too_long' });
      if (text !== '') out[l] = text;
    }
    return out.en === undefined ? undefined : (out as { en: string } & typeof out);
  };
  const name = localised('name');
  if (name === undefined) errors.push({ field: 'name_en', code: 'name_missing' });
  const description = localised('description');
  const phoneNote = localised('phoneNote');
  const area = localised('area');
  if (area === undefined) errors.push({ field: 'area_en', code: 'area_missing' });
  let phone: string | undefined;
  if (get('phone') !== '') {
    const checked = checkPhone(get('phone'));
    if ('error' in checked) errors.push({ field: 'phone', code: checked.error });
    else phone = checked.phone;
  }
  const website = get('website') === '' ? undefined : get('website');
  if (website !== undefined && !/^https:\/\/[^\s/]+\.[^\s]+$/.test(website)) {
    errors.push({ field: 'website', code: 'url_invalid' });
  }
  if (get('phone') === '' && website === undefined) {
    errors.push({ field: 'phone', code: 'contact_missing' });
  }
  const hours = parseHours(values.hours ?? '');
  if (hours === 'invalid') errors.push({ field: 'hours', code: 'hours_invalid' });
  const audiences = AUDIENCES.filter((a) => values[`for_${a}`] !== undefined);
  if (audiences.length === 0) {
    errors.push({ field: `for_${AUDIENCES[0]}`, code: 'audience_missing' });
  }
  if (errors.length > 0 || name === undefined || area === undefined || hours === 'invalid')
    return { ok: false, errors };
  const parsed = serviceSchema.safeParse({
    key,
    name,
    ...(description ? { description } : {}),
    ...(phone ? { phone } : {}),
    ...(phoneNote ? { phoneNote } : {}),
    ...(website ? { website } : {}),
    ...(hours ? { hours } : {}),
    audiences: audiences satisfies Audience[],
    area: { local: area },
    listed: true,
  });
  if (!parsed.success) {
    const field = String(parsed.error.issues[0]?.path[0] ?? 'hours');
    return {
      ok: false,
      errors: [{ field, code: field === 'website' ? 'url_invalid' : 'hours_invalid' }],
    };
  }
  return { ok: true, service: parsed.data };
}
