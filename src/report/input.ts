/**
 * What the app hands the report and the bundle: decrypted records with every revision, what the
 * person chose to share, and the receipts the server gave. Nothing here does I/O; the app loads
 * and decrypts, then calls `buildReport` (model), `renderReportPdf` (PDF) and `writeBundle`.
 */
import type { EffectRecord, Incident, Person, Place } from '../domain/diary/index.js';
import type { LocalDate } from '../domain/diary/text.js';
import type { Evidence } from '../domain/evidence/index.js';
import type { Locale } from '../domain/locales.js';
import type { RiskCheck } from '../domain/safety/risk-check.js';
import type { SafetyPlan } from '../domain/safety/safety-plan.js';
import type { WitnessStatementRecord } from '../domain/witness.js';

/** The receipt the log gave for one revision's ciphertext, as far as the report shows it. */
export interface ReceiptSummary {
  /** ISO 8601 instant the server received the ciphertext. */
  readonly receivedAt: string;
  readonly leafIndex: number;
}

/** One revision of a record: its decrypted value and, when present, its receipt. */
export interface RecordRevision<T> {
  readonly revision: number;
  /** ISO 8601 instant the server stored this revision. */
  readonly savedAt: string;
  readonly value: T;
  readonly receipt?: ReceiptSummary;
}

/** A record with every revision, oldest first (revisions 1…n); the last is the current one. */
export interface ReportRecord<T> {
  readonly id: string;
  readonly revisions: readonly RecordRevision<T>[];
}

/** Everything decrypted that the report may draw on. */
export interface ReportRecords {
  readonly incidents: readonly ReportRecord<Incident>[];
  readonly people?: readonly ReportRecord<Person>[];
  readonly places?: readonly ReportRecord<Place>[];
  readonly effects?: readonly ReportRecord<EffectRecord>[];
  readonly evidence?: readonly ReportRecord<Evidence>[];
  /** Every risk check (one record each, never edited). */
  readonly riskChecks?: readonly ReportRecord<RiskCheck>[];
  /** The safety plan (one record, edited in place). */
  readonly safetyPlan?: readonly ReportRecord<SafetyPlan>[];
  /** Witness statements kept in the diary (vault-protocol §15); those linked to an included incident appear. */
  readonly witnessStatements?: readonly ReportRecord<WitnessStatementRecord>[];
  /**
   * By witness-statement record id: the receipt the log gave the sealed statement when it
   * arrived (not the record's own revisions' receipts). Filled in by `sealForReport`.
   */
  readonly witnessArrivals?: Readonly<Record<string, ReceiptSummary>>;
}

/** What the person chose: the report contains this and nothing else. */
export interface ReportOptions {
  readonly locale: Locale;
  /** The zone for dates in summaries and charts (each entry keeps its own zone in the log). */
  readonly timeZone: string;
  /** When the report is made (the app's clock; tests pass a fixed one). */
  readonly now: Date;
  /** How the person names themselves on the cover; also gives the exhibit initials. */
  readonly subjectName?: string;
  /** The person's own contact details, shown only when `includeContact`. */
  readonly contactDetails?: string;
  readonly includeContact: boolean;
  /** First and last local dates to include (inclusive), in `timeZone`. */
  readonly from?: LocalDate;
  readonly to?: LocalDate;
  /** Only incidents that one of these people did. */
  readonly personIds?: readonly string[];
  /** Only these incidents (after the date and person choices). */
  readonly entryIds?: readonly string[];
  readonly includeEvidence: boolean;
  readonly includeImported: boolean;
  readonly includeEffects: boolean;
  /** The latest risk check and how the answers changed over time. Absent: left out. */
  readonly includeRiskCheck?: boolean;
  /** The safety plan. Absent: left out (it is private unless the person ticks it). */
  readonly includeSafetyPlan?: boolean;
  /** Witness statements linked to the chosen incidents. Absent: included; false: left out. */
  readonly includeWitnessStatements?: boolean;
  /** The case title for the running header; defaults to the report title. */
  readonly caseTitle?: string;
  /** "Mosaic 0.1.0": what made the report. */
  readonly madeWith: string;
  /** How to check it: the log key fingerprint and the checker's address. */
  readonly verification?: { readonly logKeyFingerprint: string; readonly verifierUrl: string };
}

/** The current (last) revision of a record. */
export function current<T>(record: ReportRecord<T>): RecordRevision<T> {
  const last = record.revisions[record.revisions.length - 1];
  if (last === undefined) throw new Error(`record ${record.id} has no revisions`);
  return last;
}
