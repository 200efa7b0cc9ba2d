/**
 * At each unlock, the quick records waiting on the server become incidents
 * (docs/vault-protocol.md §16.5): opened with the account key pair, written as normal incidents
 * keeping the device's time (labelled so), a photo kept as an evidence file linked to the
 * incident, then filed on the server (sealed bytes gone, id and receipt kept). An id an incident
 * already carries is only filed again, so nothing arrives twice.
 */
import { useEffect, useState } from 'preact/hooks';
import type { Incident } from '../../../domain/diary/incident.js';
import {
  ensureAccountKeyPair,
  INCIDENT,
  openWaitingQuickRecords,
  quickRecordIncident,
  setIncidentLink,
} from '../../../vault/index.js';
import { storeFile } from '../evidence/index.js';
import { evidenceSession } from '../evidence/evidence-session.js';
import { useApp, type AppContextValue } from '../shell/context.js';
import { format } from '../shell/messages.js';
import { formatDate } from '../shell/format-date.js';
import { QUICK_MESSAGES } from './messages.js';

/** Resolves once the evidence item's bytes are all on the server; rejects if its upload failed. */
function uploaded(app: AppContextValue, evidenceId: string): Promise<void> {
  const { uploads } = evidenceSession(app);
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const job = uploads.list().find((v) => v.evidenceId === evidenceId);
      if (job === undefined || job.phase === 'done') {
        resolve();
        return true;
      }
      if (job.phase === 'failed') {
        reject(new Error('the photo could not be kept'));
        return true;
      }
      return false;
    };
    if (check()) return;
    const off = uploads.subscribe(() => {
      if (check()) off();
    });
  });
}

/** Files every waiting item; how many were added, and whether any could not be opened. */
export async function fileWaitingQuickRecords(
  app: AppContextValue,
): Promise<{ added: number; failed: number }> {
  if ((await app.api.listQuickRecords()).length === 0) return { added: 0, failed: 0 };
  const pair = await ensureAccountKeyPair(app.api, app.session.accountKey);
  try {
    const { opened, failed } = await openWaitingQuickRecords(app.api, pair);
    const data = await app.diary.store.load();
    // An incident already made from an id (a filing cut short): made again never; its photo
    // is added only if the incident has no evidence yet.
    const have = new Map(
      data.incidents.flatMap((i) =>
        i.value.deviceRecord !== undefined
          ? [[i.value.deviceRecord.id, { id: i.id, evidence: i.value.evidenceIds.length }] as const]
          : [],
      ),
    );
    let added = 0;
    for (const item of opened) {
      const existing = have.get(item.id);
      const incidentId =
        existing?.id ?? (await app.diary.store.add(INCIDENT, quickRecordIncident(item)));
      if (existing === undefined) added += 1;
      if (item.photo !== undefined && (existing === undefined || existing.evidence === 0)) {
        const file = new File([item.photo.bytes.slice()], item.photo.name || 'photo.jpg', {
          type: item.photo.type,
        });
        const evidenceId = await storeFile(app, file);
        // Linked, and the sealed copy let go, only once the photo's upload has finished: a
        // filing cut short adds the photo again at the next unlock.
        await uploaded(app, evidenceId);
        await setIncidentLink(app, incidentId, evidenceId, true);
        item.photo.bytes.fill(0);
      }
      // Only now, with the incident and its photo kept, do the sealed bytes go.
      await app.api.fileQuickRecord(item.id);
    }
    return { added, failed: failed.length };
  } finally {
    pair.secretKey.fill(0);
  }
}

/** Runs once per unlock (the app is mounted afresh on every lock) and says what it added. */
export function QuickInbox() {
  const app = useApp();
  const m = QUICK_MESSAGES[app.locale].inbox;
  const [message, setMessage] = useState<string | undefined>();
  useEffect(() => {
    let live = true;
    fileWaitingQuickRecords(app).then(
      ({ added, failed }) => {
        if (!live) return;
        if (failed > 0) setMessage(m.problem);
        else if (added === 1) setMessage(m.addedOne);
        else if (added > 1) setMessage(format(m.addedMany, { count: added }));
      },
      () => {
        // Offline or a server problem: the items stay waiting for the next unlock.
      },
    );
    return () => {
      live = false;
    };
  }, []);
  return (
    <div role="status" class="quick-inbox">
      {message !== undefined && (
        <p class="confirmation" data-quick-inbox="">
          {message}
        </p>
      )}
    </div>
  );
}

/** On an incident from a quick record: the device's time, labelled so, and when it arrived. */
export function DeviceRecordLine({ incident }: { incident: Pick<Incident, 'deviceRecord'> }) {
  const { locale, t } = useApp();
  const record = incident.deviceRecord;
  if (record === undefined) return null;
  const m = QUICK_MESSAGES[locale].incident;
  const when = (iso: string): string => {
    const d = new Date(iso);
    return Number.isNaN(d.getTime()) ? iso : formatDate(d, t.dates, true);
  };
  return (
    <p class="entry__meta" data-device-record="">
      {format(m.deviceTime, { time: `${when(record.recordedAt)} (${record.recordedAt})` })}{' '}
      {format(m.receivedAt, { time: when(record.receivedAt) })}
    </p>
  );
}
