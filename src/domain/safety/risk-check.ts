/**
 * The private risk check in the vault: questions as codes, the shape of a saved check, which
 * answers are recognised warning signs, when to show 999 first, what the diary already shows
 * beside a question, and how two checks differ. Pure: no DOM, no Node, no storage.
 *
 * The subjects follow the stalking questions police use in risk screening (FACTS.md §9), plus
 * escalation and breaking a court order; Mosaic words every question itself (src/web/app/safety
 * holds the words). The result is a guide for the person and for the police or an advocate,
 * never a score or a diagnosis: it lists warning signs and what each means.
 */
import { z } from 'zod';
import { behaviour, type ScreeningSubject } from '../diary/taxonomy.js';

export const RISK_CHECK_TYPE = 'risk-check';

export const RISK_QUESTIONS = [
  'fear',
  'escalation',
  'threats',
  'violence',
  'past-violence',
  'damage',
  'visits',
  'loitering',
  'third-parties',
  'proxies',
  'past-stalking',
  'substances',
  'breach',
] as const;
export type RiskQuestion = (typeof RISK_QUESTIONS)[number];

export const RISK_ANSWERS = ['yes', 'no', 'not-sure'] as const;
export type RiskAnswerValue = (typeof RISK_ANSWERS)[number];

/** Answers that call for "if you are in danger now, call 999" before anything else. */
export const URGENT_QUESTIONS: readonly RiskQuestion[] = [
  'fear',
  'escalation',
  'threats',
  'violence',
  'breach',
];

/** Which diary subject (src/domain/diary/taxonomy.ts) can show the answer to a question. */
export const DIARY_SUBJECT: Partial<Record<RiskQuestion, ScreeningSubject>> = {
  damage: 'property-damage',
  visits: 'visits-home-or-work',
  loitering: 'loitering',
  threats: 'threats-of-violence',
  'third-parties': 'harassing-others',
  violence: 'violence',
  proxies: 'others-helping',
};

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const isRealDate = (s: string): boolean => {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
};
const dateSchema = z
  .string()
  .regex(DATE, { error: 'Enter a date like 2026-03-27' })
  .refine(isRealDate, { error: 'Enter a real date' });

export const riskAnswerSchema = z
  .object({
    answer: z.enum(RISK_ANSWERS),
    note: z.string().trim().max(2000, { error: 'Keep the note under 2,000 characters' }).optional(),
    /** When it last happened, if the person wants to say. */
    date: dateSchema.optional(),
  })
  .strict();
export type RiskAnswer = z.infer<typeof riskAnswerSchema>;

export const riskCheckSchema = z
  .object({
    schemaVersion: z.literal(1).default(1),
    /** The day the check was answered (local date). */
    answeredOn: dateSchema,
    answers: z.partialRecord(z.enum(RISK_QUESTIONS), riskAnswerSchema),
  })
  .strict();
export type RiskCheck = z.infer<typeof riskCheckSchema>;
export type RiskCheckInput = z.input<typeof riskCheckSchema>;

export interface RiskResult {
  /** Call 999 first. */
  readonly urgent: boolean;
  /** Questions answered yes: each is a recognised warning sign, in question order. */
  readonly warnings: readonly RiskQuestion[];
  /** Questions answered "not sure": worth finding out, or telling the police you don't know. */
  readonly unsure: readonly RiskQuestion[];
  readonly answered: number;
}

export function riskResult(check: Pick<RiskCheck, 'answers'>): RiskResult {
  const warnings = RISK_QUESTIONS.filter((q) => check.answers[q]?.answer === 'yes');
  const unsure = RISK_QUESTIONS.filter((q) => check.answers[q]?.answer === 'not-sure');
  return {
    urgent: warnings.some((q) => URGENT_QUESTIONS.includes(q)),
    warnings,
    unsure,
    answered: RISK_QUESTIONS.filter((q) => check.answers[q] !== undefined).length,
  };
}

export interface RiskChange {
  readonly question: RiskQuestion;
  readonly before: RiskAnswerValue | undefined;
  readonly after: RiskAnswerValue | undefined;
}

/** What changed between an earlier and a later check, question by question. */
export function riskChanges(
  earlier: Pick<RiskCheck, 'answers'>,
  later: Pick<RiskCheck, 'answers'>,
): RiskChange[] {
  return RISK_QUESTIONS.flatMap((question) => {
    const before = earlier.answers[question]?.answer;
    const after = later.answers[question]?.answer;
    return before === after ? [] : [{ question, before, after }];
  });
}

/** An incident as far as the hints need it: when it started and what happened. */
export interface IncidentForHints {
  /** ISO date-time with offset, as the diary stores `when.start`. */
  readonly start: string;
  readonly behaviours: readonly string[];
}

export interface DiaryHint {
  /** Diary entries with a behaviour on this subject. */
  readonly entries: number;
  /** For visits: the most entries in any 7 days in a row. */
  readonly mostInAWeek?: number;
  /** The latest such entry's start. */
  readonly latest?: string | undefined;
}

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/** What the diary already shows for each question it can speak to; absent when nothing. */
export function diaryHints(
  incidents: readonly IncidentForHints[],
): Partial<Record<RiskQuestion, DiaryHint>> {
  const out: Partial<Record<RiskQuestion, DiaryHint>> = {};
  for (const question of RISK_QUESTIONS) {
    const subject = DIARY_SUBJECT[question];
    if (subject === undefined) continue;
    const times = incidents
      .filter((i) => i.behaviours.some((b) => behaviour(b)?.screening?.includes(subject) === true))
      .map((i) => ({ start: i.start, at: Date.parse(i.start) }))
      .filter((t) => !Number.isNaN(t.at))
      .sort((a, b) => a.at - b.at);
    if (times.length === 0) continue;
    const hint: { entries: number; mostInAWeek?: number; latest?: string | undefined } = {
      entries: times.length,
      latest: times[times.length - 1]?.start,
    };
    if (question === 'visits') {
      let most = 0;
      let from = 0;
      for (let to = 0; to < times.length; to++) {
        while ((times[to]?.at ?? 0) - (times[from]?.at ?? 0) >= WEEK_MS) from++;
        most = Math.max(most, to - from + 1);
      }
      hint.mostInAWeek = most;
    }
    out[question] = hint;
  }
  return out;
}
