/**
 * The report screen's choices as a form: the fields as typed, their checks (GOV.UK error
 * summary items) and the ReportOptions they give. Pure, so it is tested without a browser.
 */
import type { Locale } from '../../../domain/locales.js';
import type { ReportOptions } from '../../../report/input.js';
import type { ErrorItem } from '../components/form-errors.js';
import type { ReportMessages } from './messages.js';
import type { Which } from './which-incidents.js';

export type IncludeKey =
  'evidence' | 'imported' | 'effects' | 'risk' | 'plan' | 'contact' | 'witness';

export interface ReportFields {
  /** `one`: only `entryId` (the person came from that incident's screen). */
  readonly which: Which;
  readonly entryId: string;
  /** `YYYY-MM-DD` from a date input, or empty. */
  readonly from: string;
  readonly to: string;
  readonly personIds: readonly string[];
  readonly include: readonly IncludeKey[];
  readonly contact: string;
  readonly subject: string;
  readonly language: Locale;
  readonly kind: 'pdf' | 'bundle';
}

export function emptyReportFields(language: Locale, entryId?: string): ReportFields {
  return {
    which: entryId !== undefined ? 'one' : 'all',
    entryId: entryId ?? '',
    from: '',
    to: '',
    personIds: [],
    // The risk check is in by default: its screen tells the person to share it with the police.
    // The safety plan is private until the person ticks it (it can show where they go).
    include: ['evidence', 'imported', 'effects', 'risk', 'witness'],
    contact: '',
    subject: '',
    language,
    kind: 'pdf',
  };
}

/** The choices that do not depend on the clock or the server. */
export type ChosenOptions = Omit<ReportOptions, 'now' | 'madeWith' | 'verification' | 'timeZone'>;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Checks the fields; the options when they are good.
 *
 * @example const { errors, options } = checkReportFields(fields, REPORT_MESSAGES.en);
 */
export function checkReportFields(
  fields: ReportFields,
  m: ReportMessages,
): { errors: ErrorItem[]; options?: ChosenOptions } {
  const errors: ErrorItem[] = [];
  const from = fields.from.trim();
  const to = fields.to.trim();
  if (fields.which === 'range') {
    if (!DATE.test(from)) errors.push({ field: 'report-from', message: m.errors.fromMissing });
    if (!DATE.test(to)) errors.push({ field: 'report-to', message: m.errors.toMissing });
    if (DATE.test(from) && DATE.test(to) && from > to) {
      errors.push({ field: 'report-from', message: m.errors.backwards });
    }
  }
  const has = (k: IncludeKey) => fields.include.includes(k);
  const contact = fields.contact.trim();
  if (has('contact') && contact === '') {
    errors.push({ field: 'report-contact', message: m.errors.contactMissing });
  }
  if (errors.length > 0) return { errors };
  const subject = fields.subject.trim();
  return {
    errors,
    options: {
      locale: fields.language,
      ...(fields.which === 'range' ? { from, to } : {}),
      ...(fields.which === 'one' && fields.entryId !== '' ? { entryIds: [fields.entryId] } : {}),
      ...(fields.personIds.length > 0 && fields.which !== 'one'
        ? { personIds: [...fields.personIds] }
        : {}),
      includeEvidence: has('evidence'),
      includeImported: has('imported'),
      includeEffects: has('effects'),
      includeRiskCheck: has('risk'),
      includeSafetyPlan: has('plan'),
      includeWitnessStatements: has('witness'),
      includeContact: has('contact'),
      ...(has('contact') ? { contactDetails: contact } : {}),
      ...(subject !== '' ? { subjectName: subject } : {}),
    },
  };
}

/** "mosaic-report-2026-12-04": the files' and the bundle folder's name, by the local date. */
export function reportBaseName(now: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(now);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  return `mosaic-report-${part('year')}-${part('month')}-${part('day')}`;
}
