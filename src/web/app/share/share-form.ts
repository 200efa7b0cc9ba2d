/**
 * The "Share with someone" choices as a form: the fields as typed, their checks (GOV.UK error
 * summary items), and what they pick from the diary. The choice of incidents is the report's
 * (buildReport's date range and people), so a share holds what the same report would.
 * Pure, so it is tested without a browser.
 */
import type { ManifestUpload } from '../../../vault/shares.js';
import type { RecordResponse } from '../../../vault/api.js';
import { buildReport } from '../../../report/model.js';
import { current, type ReportOptions } from '../../../report/input.js';
import type { ReportSource } from '../../../report/report-source.js';
import { checksInOrder } from '../../../report/safety-sections.js';
import type { ErrorItem } from '../components/form-errors.js';
import type { ShareMessages } from './messages.js';

export interface ShareFields {
  readonly which: 'all' | 'range';
  /** `YYYY-MM-DD` from a date input, or empty. */
  readonly from: string;
  readonly to: string;
  readonly personIds: readonly string[];
  readonly evidence: boolean;
  /** Share the latest risk check too (offered only when there is one). */
  readonly risk: boolean;
  /** Share the kept witness statements about the chosen incidents (offered when there are any). */
  readonly witness: boolean;
  readonly label: string;
  /** Days as typed. */
  readonly days: string;
  readonly mode: 'snapshot' | 'live';
}

export const DEFAULT_DAYS = 30;
export const MAX_DAYS = 365;
export const MAX_LABEL = 200;

export function emptyShareFields(): ShareFields {
  return {
    which: 'all',
    from: '',
    to: '',
    personIds: [],
    evidence: true,
    risk: false,
    witness: false,
    label: '',
    days: String(DEFAULT_DAYS),
    mode: 'snapshot',
  };
}

export interface ShareChoice {
  readonly label: string;
  readonly mode: 'snapshot' | 'live';
  readonly expiresInSeconds: number;
  readonly from?: string;
  readonly to?: string;
  readonly personIds?: readonly string[];
  readonly evidence: boolean;
  /** Absent: no risk check. */
  readonly risk?: boolean;
  /** Absent: no witness statements. */
  readonly witness?: boolean;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Checks the fields; the choice when they are good.
 *
 * @example const { errors, choice } = checkShareFields(fields, SHARE_MESSAGES.en);
 */
export function checkShareFields(
  fields: ShareFields,
  m: ShareMessages,
): { errors: ErrorItem[]; choice?: ShareChoice } {
  const errors: ErrorItem[] = [];
  const from = fields.from.trim();
  const to = fields.to.trim();
  if (fields.which === 'range') {
    if (!DATE.test(from)) errors.push({ field: 'share-from', message: m.errors.fromMissing });
    if (!DATE.test(to)) errors.push({ field: 'share-to', message: m.errors.toMissing });
    if (DATE.test(from) && DATE.test(to) && from > to) {
      errors.push({ field: 'share-from', message: m.errors.backwards });
    }
  }
  const label = fields.label.trim();
  if (label === '') errors.push({ field: 'share-label', message: m.errors.labelMissing });
  else if (label.length > MAX_LABEL) {
    errors.push({ field: 'share-label', message: m.errors.labelLong });
  }
  const daysText = fields.days.trim();
  const days = /^\d{1,3}$/.test(daysText) ? Number(daysText) : NaN;
  if (!(days >= 1 && days <= MAX_DAYS)) {
    errors.push({ field: 'share-days', message: m.errors.daysBad });
  }
  if (errors.length > 0) return { errors };
  return {
    errors,
    choice: {
      label,
      mode: fields.mode,
      expiresInSeconds: days * 24 * 3600,
      ...(fields.which === 'range' ? { from, to } : {}),
      ...(fields.personIds.length > 0 ? { personIds: [...fields.personIds] } : {}),
      evidence: fields.evidence,
      ...(fields.risk ? { risk: true } : {}),
      ...(fields.witness ? { witness: true } : {}),
    },
  };
}

export interface PickedRecords {
  readonly records: RecordResponse[];
  readonly uploads: ManifestUpload[];
  readonly incidents: number;
}

/**
 * The stored records a choice shares: the incidents the report's choice keeps, the people and
 * places they name, (when asked) their evidence records with the evidence files, (when
 * asked) the latest risk check, and (when asked) the witness statements about those incidents.
 */
export function pickRecords(
  source: ReportSource,
  choice: ShareChoice,
  timeZone: string,
  now: Date,
): PickedRecords {
  const options: ReportOptions = {
    locale: 'en',
    ...(choice.from !== undefined && choice.to !== undefined
      ? { from: choice.from, to: choice.to }
      : {}),
    ...(choice.personIds !== undefined ? { personIds: [...choice.personIds] } : {}),
    includeEvidence: choice.evidence,
    includeImported: true,
    includeEffects: false,
    includeContact: false,
    includeWitnessStatements: choice.witness === true,
    timeZone,
    now,
    madeWith: 'Mosaic',
  };
  const ids = buildReport(source.records, options).recordIds;
  // Only the latest risk check: what the person's situation is now.
  const latestCheck =
    choice.risk === true ? checksInOrder(source.records.riskChecks ?? []).at(-1) : undefined;
  const wanted = [
    ...ids.incidents,
    ...ids.people,
    ...ids.places,
    ...(choice.evidence ? ids.evidence : []),
    ...(latestCheck !== undefined ? [latestCheck.id] : []),
    // Witness statements linked to the shared incidents, exactly as kept (never edited).
    ...(choice.witness === true ? ids.witnessStatements : []),
  ];
  const records: RecordResponse[] = [];
  for (const id of new Set(wanted)) {
    const last = source.stored.get(id)?.revisions.at(-1);
    if (last !== undefined) records.push(last);
  }
  const uploads: ManifestUpload[] = [];
  if (choice.evidence) {
    const shared = new Set(ids.evidence);
    for (const ev of source.records.evidence ?? []) {
      if (shared.has(ev.id) && source.stored.has(ev.id)) {
        uploads.push({ id: current(ev).value.upload.id, recordId: ev.id });
      }
    }
  }
  return { records, uploads, incidents: ids.incidents.length };
}
