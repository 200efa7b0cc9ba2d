/**
 * The heavy half of the /share page, loaded after the passcode is sent: opens the share with the
 * vault core and turns its records into what the page shows (incidents, exhibits and, when the
 * person shared it, their latest risk check), each checked with its schema.
 * Everything stays in memory; nothing is written to the browser's storage.
 */
import { evidenceSchema } from '../../domain/evidence/index.js';
import { analyseDiary } from '../../domain/diary/analysis.js';
import { incidentSchema, type Incident } from '../../domain/diary/incident.js';
import { instantOf, wallTimeOf } from '../../domain/diary/time.js';
import type { Locale } from '../../domain/locales.js';
import {
  RISK_CHECK_TYPE,
  RISK_QUESTIONS,
  riskCheckSchema,
  riskResult,
  type RiskAnswerValue,
  type RiskCheck,
} from '../../domain/safety/risk-check.js';
import { RISK_QUESTION_WORDS } from '../../domain/safety/risk-words.js';
import {
  WITNESS_STATEMENT_TYPE,
  witnessStatementRecordSchema,
  type WitnessStatement,
} from '../../domain/witness.js';
import { ApiError } from '../../vault/api.js';
import { VaultApi } from '../../vault/api.js';
import { openShare, parseShareLink, ShareError } from '../../vault/shares.js';
import type { CheckOutcome, MadeReport, MakeReportTask, MakeStage } from './report.js';

export type { CheckOutcome, MadeReport, MakeStage } from './report.js';

export interface ShownIncident {
  readonly id: string;
  /** Wall-clock date and time as written, `YYYY-MM-DDTHH:MM`. */
  readonly wall: string;
  readonly approximate: boolean;
  readonly instant: number;
  readonly what: string;
  readonly where: string | undefined;
  /** Messages and calls copied from the person's phone into this incident, oldest first. */
  readonly messages: readonly ShownMessage[];
}

export interface ShownMessage {
  /** Wall-clock date and time as sent, `YYYY-MM-DDTHH:MM`. */
  readonly wall: string;
  readonly from: string;
  readonly kind: 'message' | 'call';
  readonly text: string | undefined;
  /** The person's own message, kept as context. */
  readonly own: boolean;
}

export interface ShownExhibit {
  readonly id: string;
  readonly title: string;
  readonly date: string;
  readonly fileName: string;
  readonly size: number;
}

/** The latest shared risk check, each question in the page's language. */
export interface ShownRiskCheck {
  /** `YYYY-MM-DD`. */
  readonly answeredOn: string;
  /** Serious warning signs: the page says 999 and 55 first. */
  readonly urgent: boolean;
  readonly answers: readonly {
    readonly question: string;
    readonly answer: RiskAnswerValue;
    readonly note?: string;
    /** `YYYY-MM-DD`. */
    readonly date?: string;
  }[];
}

/** A witness's statement as sent (never edited), and the person's own note on it, apart. */
export interface ShownWitness {
  readonly id: string;
  /** When the server received it (ISO 8601). */
  readonly receivedAt: string;
  readonly statement: WitnessStatement;
  /** The person's note, not the witness's words; empty when none. */
  readonly note: string;
}

export interface ShownCase {
  readonly label: string;
  readonly expiresAt: string;
  readonly entries: number;
  readonly incidents: readonly ShownIncident[];
  readonly exhibits: readonly ShownExhibit[];
  /** When the person shared their risk check. */
  readonly riskCheck?: ShownRiskCheck;
  /** Witness statements the person shared, oldest arrival first. */
  readonly witnesses: readonly ShownWitness[];
  /** The shared incidents' pattern (the vault's own analysis); absent when there are none. */
  readonly patterns?: ShownPatterns;
  /** Records that failed their schema, not shown. */
  readonly unreadable: number;
  download(recordId: string): Promise<{ blob: Blob; name: string }>;
  /**
   * The report PDF and the bundle of everything shared, made on this device (the owner's report
   * worker); `verifyHtml` is the offline checker's address on this site, for the bundle.
   */
  makeReport(
    onStage: (stage: MakeStage, fraction: number) => void,
    options?: { readonly verifyHtml?: string },
  ): MakeReportTask;
  /** Checks a bundle on this device (the /verify page's checker). */
  check(bundle: Blob, expectedLogKey?: string): Promise<CheckOutcome>;
  /** Drops the keys kept for the bundle. */
  forget(): void;
}

/** The pattern of the shared incidents, in the page's language. */
export interface ShownPatterns {
  /** The trend in one plain sentence ("No clear rise or fall. …"). */
  readonly trend: string;
  /** Incidents each week (Monday `YYYY-MM-DD`), oldest first. */
  readonly weeks: readonly { readonly start: string; readonly count: number }[];
  /** Incidents in each 3-hour band of the day, from 00:00. */
  readonly timeOfDay: readonly number[];
}

/** What went wrong, as the page's message names. */
export type OpenProblem =
  | 'linkBroken'
  | 'passcodeWrong'
  | 'locked'
  | 'expired'
  | 'revoked'
  | 'notFound'
  | 'sessionEnded'
  | 'notTrusted'
  | 'failed';

export function problemOf(error: unknown): OpenProblem {
  if (error instanceof ShareError) {
    return error.code === 'share_link_invalid' ? 'linkBroken' : 'notTrusted';
  }
  if (error instanceof ApiError) {
    switch (error.code) {
      case 'share_passcode_wrong':
        return 'passcodeWrong';
      case 'share_locked':
        return 'locked';
      case 'share_expired':
        return 'expired';
      case 'share_revoked':
        return 'revoked';
      case 'share_not_found':
        return 'notFound';
      case 'share_session_invalid':
        return 'sessionEnded';
      default:
        return 'failed';
    }
  }
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'passcode_invalid') return 'passcodeWrong';
  if (code === 'decryption_failed' || (error as Error | null)?.name === 'IntegrityError') {
    return 'notTrusted';
  }
  return 'failed';
}

/** True when the fragment is a whole share link (the full check, with the vault's parser). */
export function linkIsWhole(hash: string): boolean {
  try {
    parseShareLink(hash);
    return true;
  } catch {
    return false;
  }
}

export async function openCase(
  hash: string,
  passcode: string,
  locale: Locale = 'en',
): Promise<ShownCase> {
  const api = new VaultApi();
  const opened = await openShare(api, hash, passcode);
  const incidents: ShownIncident[] = [];
  const entries: { id: string; value: Incident }[] = [];
  const exhibits: ShownExhibit[] = [];
  const checks: RiskCheck[] = [];
  const witnesses: ShownWitness[] = [];
  let unreadable = 0;
  for (const record of opened.records) {
    if (record.type === WITNESS_STATEMENT_TYPE) {
      const parsed = witnessStatementRecordSchema.safeParse(record.value);
      if (!parsed.success) {
        unreadable += 1;
        continue;
      }
      witnesses.push({
        id: record.id,
        receivedAt: parsed.data.receivedAt,
        statement: parsed.data.statement,
        note: parsed.data.note,
      });
    } else if (record.type === RISK_CHECK_TYPE) {
      const parsed = riskCheckSchema.safeParse(record.value);
      if (parsed.success) checks.push(parsed.data);
      else unreadable += 1;
    } else if (record.type === 'incident') {
      const parsed = incidentSchema.safeParse(record.value);
      if (!parsed.success) {
        unreadable += 1;
        continue;
      }
      const incident = parsed.data;
      entries.push({ id: record.id, value: incident });
      incidents.push({
        id: record.id,
        wall: wallTimeOf(incident.when.start),
        approximate: incident.when.approximate,
        instant: instantOf(incident.when.start),
        what: incident.what,
        where: incident.where?.text,
        messages: (incident.imported?.items ?? [])
          .map((item) => ({
            instant: instantOf(item.at),
            shown: {
              wall: wallTimeOf(item.at),
              from:
                item.senderName !== undefined && item.senderName !== ''
                  ? item.senderName
                  : item.sender,
              kind: item.kind,
              text: item.text,
              own: item.own === true,
            },
          }))
          .sort((a, b) => a.instant - b.instant)
          .map((m) => m.shown),
      });
    } else if (record.type === 'evidence') {
      const parsed = evidenceSchema.safeParse(record.value);
      if (!parsed.success) {
        unreadable += 1;
        continue;
      }
      const listed = opened.manifest.uploads.some((u) => u.recordId === record.id);
      if (!listed) continue;
      exhibits.push({
        id: record.id,
        title: parsed.data.title,
        date: parsed.data.date,
        fileName: parsed.data.file.name,
        size: parsed.data.file.size,
      });
    }
  }
  incidents.sort((a, b) => a.instant - b.instant || a.wall.localeCompare(b.wall));
  exhibits.sort((a, b) => a.date.localeCompare(b.date) || a.title.localeCompare(b.title));
  const latest = checks.sort((a, b) => a.answeredOn.localeCompare(b.answeredOn)).at(-1);
  return {
    label: opened.manifest.label,
    expiresAt: opened.manifest.expiresAt,
    entries: opened.records.length,
    incidents,
    exhibits,
    witnesses: witnesses.sort((a, b) => a.receivedAt.localeCompare(b.receivedAt)),
    ...(latest !== undefined ? { riskCheck: shownRiskCheck(latest, locale) } : {}),
    ...(entries.length > 0 ? { patterns: shownPatterns(entries, locale) } : {}),
    unreadable,
    async download(recordId) {
      const { evidence, blob } = await opened.openEvidence(recordId);
      return { blob, name: evidence.file.name };
    },
    // The report's code (its model, the workers' addresses) loads only when it is asked for.
    makeReport(onStage, options = {}) {
      let inner: MakeReportTask | undefined;
      let cancelled = false;
      const result = import('./report.js').then((m): Promise<MadeReport> => {
        if (cancelled) throw Object.assign(new Error('cancelled'), { code: 'cancelled' });
        inner = m.makeShareReport(api, opened, locale, options, onStage);
        return inner.result;
      });
      return {
        result,
        cancel: () => {
          cancelled = true;
          inner?.cancel();
        },
      };
    },
    check: async (bundle, expectedLogKey) =>
      (await import('./report.js')).checkBundle(bundle, expectedLogKey),
    forget: () => opened.forget(),
  };
}

/** A risk check as the page shows it: answered questions in order, in the page's language. */
export function shownRiskCheck(check: RiskCheck, locale: Locale): ShownRiskCheck {
  const words = RISK_QUESTION_WORDS[locale];
  return {
    answeredOn: check.answeredOn,
    urgent: riskResult(check).urgent,
    answers: RISK_QUESTIONS.flatMap((q) => {
      const a = check.answers[q];
      if (a === undefined) return [];
      return [
        {
          question: words[q].question,
          answer: a.answer,
          ...(a.note !== undefined && a.note !== '' ? { note: a.note } : {}),
          ...(a.date !== undefined ? { date: a.date } : {}),
        },
      ];
    }),
  };
}

/**
 * The shared incidents' pattern with the vault's own analysis (analyseDiary), in the zone most
 * of them were written in.
 */
export function shownPatterns(
  entries: readonly { id: string; value: Incident }[],
  locale: Locale,
  now: Date = new Date(),
): ShownPatterns {
  const zones = new Map<string, number>();
  for (const e of entries)
    zones.set(e.value.when.timeZone, (zones.get(e.value.when.timeZone) ?? 0) + 1);
  const timeZone = [...zones].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'UTC';
  const view = analyseDiary({ incidents: entries }, { timeZone, now });
  const timeOfDay = Array.from({ length: 8 }, (_, band) =>
    view.heatmap.byHour.slice(band * 3, band * 3 + 3).reduce((n, c) => n + c, 0),
  );
  return {
    trend: view.trend.explanation[locale],
    weeks: view.weekly.weeks.map((w) => ({ start: w.start, count: w.count })),
    timeOfDay,
  };
}
