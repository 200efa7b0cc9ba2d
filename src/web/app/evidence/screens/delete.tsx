/**
 * Deleting an item for real: any upload of it in this session stops, the server deletes the
 * encrypted file (tus termination) and the record, and incidents stop listing it.
 */
import { InSharesWarning, takeOutOfLiveShares, useSharesHolding } from '../../share/in-shares.js';
import { useState } from 'preact/hooks';
import { useApp } from '../../shell/context.js';
import { describeError } from '../../shell/errors.js';
import { ConfirmDelete, Page, useLive } from '../../components/ui.js';
import { evidenceSession } from '../evidence-session.js';
import {
  loadEvidenceItem,
  removeEvidenceRecord,
  allIncidents,
  setIncidentLink,
  deleteUpload,
} from '../../../../vault/index.js';
import { useEvidenceText } from '../evidence-ui.js';

export function EvidenceDeleteScreen({ id }: { id: string }) {
  const app = useApp();
  const { t, navigate, api, session, revisions } = app;
  const shares = useSharesHolding(id);
  const e = useEvidenceText();
  const r = e.remove;
  const live = useLive();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | undefined>();
  const [seq, setSeq] = useState(0);
  const keep = (): void => navigate({ name: 'evidence-view', id });

  const remove = async (): Promise<void> => {
    if (busy) return;
    setBusy(true);
    setProblem(undefined);
    try {
      const vault = { api, accountKey: () => session.accountKey, revisions };
      await takeOutOfLiveShares(api, session.accountKey, shares, id);
      const record = await loadEvidenceItem(vault, id);
      const { uploads } = evidenceSession(app);
      const running = uploads.forEvidence(id);
      // The upload's own cancel also deletes the blob and the record.
      if (running !== undefined) await uploads.cancel(running.key);
      else {
        await deleteUpload(api, record.value.upload.id);
        await removeEvidenceRecord(vault, id);
      }
      // The record is gone: a failure from here on leaves only a link to "a deleted item".
      try {
        for (const incident of await allIncidents(app)) {
          if (incident.value.evidenceIds.includes(id)) {
            await setIncidentLink(app, incident.id, id, false);
          }
        }
      } catch {
        // Incidents show a link to a deleted item as such; nothing private is left behind.
      }
      navigate({ name: 'evidence' }, r.deleted);
    } catch (err) {
      if (!live.current) return;
      setBusy(false);
      setProblem(describeError(t, err));
      setSeq(seq + 1);
    }
  };

  return (
    <Page
      title={r.title}
      back={keep}
      errors={problem !== undefined ? [{ field: 'evidence-confirm-delete', message: problem }] : []}
      errorSeq={seq}
    >
      <InSharesWarning shares={shares} />
      <ConfirmDelete
        warning={r.warning}
        busy={busy}
        busyMessage={r.deleting}
        confirm={r.confirm}
        keep={r.keep}
        onConfirm={() => void remove()}
        onKeep={keep}
        id="evidence-confirm-delete"
      />
    </Page>
  );
}
