/** Deleting an incident, after a warning (and first taking it out of any live share). */
import { InSharesWarning, takeOutOfLiveShares, useSharesHolding } from '../../share/in-shares.js';
import { useApp } from '../../shell/context.js';
import { useDiaryText } from '../diary-text.js';
import { useDeleteRecord } from '../record-screens.js';
import { ConfirmDelete, Page } from '../../components/ui.js';

// ---- delete ----

export function DeleteIncidentScreen({ id }: { id: string }) {
  const { navigate, diary, api, session } = useApp();
  const shares = useSharesHolding(id);
  const dm = useDiaryText();
  const r = dm.diary.remove;
  const keep = (): void => navigate({ name: 'incident-view', id });
  const { busy, problem, remove } = useDeleteRecord(
    id,
    () => {
      diary.incidents.delete(id);
      navigate({ name: 'incidents' }, r.deleted);
    },
    () => takeOutOfLiveShares(api, session.accountKey, shares, id),
  );
  return (
    <Page
      title={r.title}
      back={keep}
      errors={problem !== undefined ? [{ field: 'confirm-delete', message: problem }] : []}
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
      />
    </Page>
  );
}
