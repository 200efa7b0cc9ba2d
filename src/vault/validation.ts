/**
 * Form rules, pure: each returns an error key (looked up in messages.ts) or the cleaned value.
 * They mirror the server's contract (src/contract/vault-api.ts) so most mistakes are caught before
 * anything is derived or sent.
 */
import { assessPassphrase, type StrengthAssessment } from './passphrase-strength.js';
import type { NoteValue } from './records.js';

export type UsernameError = 'required' | 'tooShort' | 'tooLong' | 'email' | 'characters';

/**
 * Normalises a username as the server does (NFKC, trimmed, lower-case) and checks its rules.
 *
 * @example validateUsername(' Blue.Fox ') // { ok: true, value: 'blue.fox' }
 */
export function validateUsername(
  raw: string,
): { ok: true; value: string } | { ok: false; error: UsernameError } {
  const value = normaliseUsername(raw);
  if (value.length === 0) return { ok: false, error: 'required' };
  if (value.includes('@')) return { ok: false, error: 'email' };
  if (!/^[a-z0-9._-]+$/.test(value)) return { ok: false, error: 'characters' };
  if (value.length < 3) return { ok: false, error: 'tooShort' };
  if (value.length > 40) return { ok: false, error: 'tooLong' };
  return { ok: true, value };
}

/** The server's canonical form of a username. */
export function normaliseUsername(raw: string): string {
  return raw.normalize('NFKC').trim().toLowerCase();
}

export type PassphraseError = 'required' | 'tooShort' | 'weak' | 'containsUsername';

/**
 * Whether a new passphrase may be used, with the assessment to explain why not.
 *
 * @example choosePassphrase('password1234', 'fox').error // 'weak'
 */
export function choosePassphrase(
  passphrase: string,
  username?: string,
): { error: PassphraseError | undefined; assessment: StrengthAssessment } {
  const assessment = assessPassphrase(passphrase, username);
  let error: PassphraseError | undefined;
  if (passphrase.length === 0) error = 'required';
  else if (assessment.issues.includes('too_short')) error = 'tooShort';
  else if (assessment.issues.includes('username')) error = 'containsUsername';
  else if (!assessment.acceptable) error = 'weak';
  return { error, assessment };
}

export const MAX_TITLE_LENGTH = 200;
export const MAX_BODY_LENGTH = 100_000;

export interface NoteFields {
  readonly title: string;
  readonly day: string;
  readonly month: string;
  readonly year: string;
  readonly time: string;
  readonly body: string;
}

export type NoteError =
  | 'bodyRequired'
  | 'titleTooLong'
  | 'dateRequired'
  | 'dateIncomplete'
  | 'dateInvalid'
  | 'dateFuture'
  | 'timeInvalid'
  | 'bodyTooLong';

export type NoteFieldName = 'title' | 'date' | 'time' | 'body';

/**
 * Checks a journal entry (a note record). `today` is the person's local date, `YYYY-MM-DD`. The
 * title is optional; something must be written. The form no longer asks for a time, but a time
 * saved by an older version is kept as it was.
 *
 * @example
 * validateNote({ title: '', day: '27', month: '3', year: '2025', time: '', body: 'Could not sleep' }, '2025-04-01')
 * // { ok: true, value: { title: '', body: 'Could not sleep', happenedAt: '2025-03-27' } }
 */
export function validateNote(
  fields: NoteFields,
  today: string,
):
  | { ok: true; value: NoteValue }
  | { ok: false; errors: Partial<Record<NoteFieldName, NoteError>> } {
  const errors: Partial<Record<NoteFieldName, NoteError>> = {};
  const title = fields.title.trim();
  if (title.length > MAX_TITLE_LENGTH) errors.title = 'titleTooLong';

  const date = parseDate(fields.day, fields.month, fields.year);
  if (typeof date !== 'string') errors.date = date.error;
  else if (date > today) errors.date = 'dateFuture';

  const time = parseTime(fields.time);
  if (time === undefined) errors.time = 'timeInvalid';

  if (fields.body.length > MAX_BODY_LENGTH) errors.body = 'bodyTooLong';
  else if (fields.body.trim().length === 0 && title.length === 0) errors.body = 'bodyRequired';

  if (Object.keys(errors).length > 0 || typeof date !== 'string' || time === undefined) {
    return { ok: false, errors };
  }
  return {
    ok: true,
    value: { title, body: fields.body, happenedAt: time === '' ? date : `${date}T${time}` },
  };
}

/** Day, month and year fields (GOV.UK date input) to `YYYY-MM-DD`, or why not. */
export function parseDate(
  day: string,
  month: string,
  year: string,
): string | { error: 'dateRequired' | 'dateIncomplete' | 'dateInvalid' } {
  const parts = [day, month, year].map((p) => p.trim());
  const [d, m, y] = parts as [string, string, string];
  if (parts.every((p) => p === '')) return { error: 'dateRequired' };
  if (parts.some((p) => p === '')) return { error: 'dateIncomplete' };
  if (!/^\d{1,2}$/.test(d) || !/^\d{1,2}$/.test(m) || !/^\d{4}$/.test(y)) {
    return { error: 'dateInvalid' };
  }
  const dn = Number(d);
  const mn = Number(m);
  const yn = Number(y);
  if (yn < 1900 || mn < 1 || mn > 12 || dn < 1 || dn > daysInMonth(yn, mn)) {
    return { error: 'dateInvalid' };
  }
  return `${y}-${pad(mn)}-${pad(dn)}`;
}

/** `HH:MM` (also `H:MM`, `HH.MM`, `HHMM`) to `HH:MM`; '' for empty; undefined when invalid. */
export function parseTime(raw: string): string | undefined {
  const t = raw.trim();
  if (t === '') return '';
  const match = /^(\d{1,2})[:.]?(\d{2})$/.exec(t);
  if (!match) return undefined;
  const h = Number(match[1]);
  const m = Number(match[2]);
  if (h > 23 || m > 59) return undefined;
  return `${pad(h)}:${pad(m)}`;
}

/** Splits a stored `happenedAt` back into form fields. */
export function happenedAtToFields(
  happenedAt: string,
): Pick<NoteFields, 'day' | 'month' | 'year' | 'time'> {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}:\d{2}))?$/.exec(happenedAt);
  if (!match) return { day: '', month: '', year: '', time: '' };
  return {
    year: match[1] ?? '',
    month: String(Number(match[2])),
    day: String(Number(match[3])),
    time: match[4] ?? '',
  };
}

/** A local date as `YYYY-MM-DD`. */
export function localDate(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

function daysInMonth(year: number, month: number): number {
  return new Date(year, month, 0).getDate();
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
