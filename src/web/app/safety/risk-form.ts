/**
 * The risk check form's state and its checking, pure: day, month and year turned into a date,
 * every question answered, each note short enough; errors in the person's language, one per
 * field, each pointing at the control the error summary moves to.
 */
import {
  RISK_ANSWERS,
  RISK_QUESTIONS,
  riskAnswerSchema,
  type RiskAnswerValue,
  type RiskCheckInput,
  type RiskQuestion,
} from '../../../domain/safety/risk-check.js';
import type { DateParts } from '../components/fields.js';
import type { ErrorItem } from '../components/ui.js';
import type { SafetyMessages } from './messages.js';

/** Today's date where the person is, as YYYY-MM-DD. */
export function localToday(now = new Date()): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export interface AnswerFields {
  readonly answer: string;
  readonly note: string;
  readonly date: DateParts;
}

export const EMPTY_DATE: DateParts = { day: '', month: '', year: '' };

/** Day, month and year as YYYY-MM-DD; undefined when all blank; null when not a real date. */
export function partsToDate(parts: DateParts): string | undefined | null {
  const day = parts.day.trim();
  const month = parts.month.trim();
  const year = parts.year.trim();
  if (day === '' && month === '' && year === '') return undefined;
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) return null;
  const iso = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(iso) ? iso : null;
}

/**
 * The form's answers checked: every question answered, each date real and not after the day of
 * the check, each note short enough. A note or date typed under an answer later changed to "no"
 * is hidden on the form, so it is not kept either. Errors are in the person's language, one per
 * field, in question order.
 */
export function checkRiskForm(
  fields: Partial<Record<RiskQuestion, AnswerFields>>,
  words: SafetyMessages['risk'],
  answeredOn: string,
): { ok: true; value: RiskCheckInput } | { ok: false; errors: ErrorItem[] } {
  const errors: ErrorItem[] = [];
  const answers: RiskCheckInput['answers'] = {};
  for (const q of RISK_QUESTIONS) {
    const f = fields[q];
    if (f === undefined || !isAnswer(f.answer)) {
      errors.push({
        field: `risk-${q}`,
        message: `${words.questions[q].question} ${words.answerError}`,
      });
      continue;
    }
    const open = f.answer !== 'no';
    const date = open ? partsToDate(f.date) : undefined;
    if (date === null) {
      errors.push({ field: `risk-${q}-date-day`, message: words.dateError });
      continue;
    }
    if (date !== undefined && date > answeredOn) {
      errors.push({ field: `risk-${q}-date-day`, message: words.dateFuture });
      continue;
    }
    const note = open ? f.note.trim() : '';
    const parsed = riskAnswerSchema.safeParse({
      answer: f.answer,
      ...(note !== '' ? { note } : {}),
      ...(date !== undefined ? { date } : {}),
    });
    if (!parsed.success) {
      errors.push({ field: `risk-${q}-note`, message: words.noteLong });
      continue;
    }
    answers[q] = parsed.data;
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, value: { schemaVersion: 1, answeredOn, answers } };
}

function isAnswer(value: string): value is RiskAnswerValue {
  return (RISK_ANSWERS as readonly string[]).includes(value);
}
