/**
 * Opening hours of a service, and whether it is open at a given instant in the organisation's
 * time zone. Wall-clock times are compared in that zone, so "09:00" means nine o'clock there in
 * winter and in summer alike.
 */
import { z } from 'zod';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const time = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'must be a 24-hour time such as "09:30"');

const session = z
  .object({
    days: z.array(z.enum(WEEKDAYS)).min(1),
    opens: time,
    closes: time,
  })
  .strict()
  .refine((s) => minutes(s.closes) > minutes(s.opens), {
    message: 'closes must be after opens (use "24:00" for midnight)',
  });

/** "always", or the weekly sessions when it is open. */
export const openingHoursSchema = z.union([z.literal('always'), z.array(session).min(1)]);
export type OpeningHours = z.infer<typeof openingHoursSchema>;

/**
 * @example isOpenAt([{ days: ['mon'], opens: '09:00', closes: '17:00' }], 'Europe/London',
 *   new Date('2026-07-06T08:30:00Z')) // true: 09:30 in London (BST)
 */
export function isOpenAt(hours: OpeningHours, timeZone: string, at: Date): boolean {
  if (hours === 'always') return true;
  const { day, minute } = wallClock(at, timeZone);
  return hours.some(
    (s) => s.days.includes(day) && minute >= minutes(s.opens) && minute < minutes(s.closes),
  );
}

/** The weekday and minute of the day that a clock in `timeZone` shows at `at`. */
export function wallClock(at: Date, timeZone: string): { day: Weekday; minute: number } {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  const day = get('weekday').toLowerCase().slice(0, 3) as Weekday;
  return { day, minute: Number(get('hour')) * 60 + Number(get('minute')) };
}

export function minutes(hhmm: string): number {
  const [h = '0', m = '0'] = hhmm.split(':');
  return Number(h) * 60 + Number(m);
}
