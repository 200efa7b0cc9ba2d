/**
 * The heavy half of the /share page, loaded after the passcode is sent: opens the share with the
 * vault core and turns its records into what the page shows, each checked with its schema.
 * Everything stays in memory; nothing is written to the browser's storage.
 */
import { evidenceSchema } from '../../domain/evidence/index.js';
import { incidentSchema } from '../../domain/diary/incident.js';
import { instantOf, wallTimeOf } from '../../domain/diary/time.js';
import { ApiError } from '../../vault/api.js';
import { VaultApi } from '../../vault/api.js';
import { openShare, parseShareLink, ShareError } from '../../vault/shares.js';

export interface ShownIncident {
  readonly id: string;
  /** Wall-clock date and time as written, `YYYY-MM-DDTHH:MM`. */
  readonly wall: string;
  readonly approximate: boolean;
  readonly instant: number;
  readonly what: string;
  readonly where: string | undefined;
}

export interface ShownExhibit {
  readonly id: string;
  readonly title: string;
  readonly date: string;
  readonly fileName: string;
  readonly size: number;
}

export interface ShownCase {
  readonly label: string;
  readonly expiresAt: string;
  readonly entries: number;
  readonly incidents: readonly ShownIncident[];
  readonly exhibits: readonly ShownExhibit[];
  /** Records that failed their schema, not shown. */
  readonly unreadable: number;
  download(recordId: string): Promise<{ blob: Blob; name: string }>;
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

export async function openCase(hash: string, passcode: string): Promise<ShownCase> {
  const opened = await openShare(new VaultApi(), hash, passcode);
  const incidents: ShownIncident[] = [];
  const exhibits: ShownExhibit[] = [];
  let unreadable = 0;
  for (const record of opened.records) {
    if (record.type === 'incident') {
      const parsed = incidentSchema.safeParse(record.value);
      if (!parsed.success) {
        unreadable += 1;
        continue;
      }
      const incident = parsed.data;
      incidents.push({
        id: record.id,
        wall: wallTimeOf(incident.when.start),
        approximate: incident.when.approximate,
        instant: instantOf(incident.when.start),
        what: incident.what,
        where: incident.where?.text,
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
  return {
    label: opened.manifest.label,
    expiresAt: opened.manifest.expiresAt,
    entries: opened.records.length,
    incidents,
    exhibits,
    unreadable,
    async download(recordId) {
      const { evidence, blob } = await opened.openEvidence(recordId);
      return { blob, name: evidence.file.name };
    },
  };
}
