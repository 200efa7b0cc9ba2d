/**
 * Linking: from an item, which incidents it is about; from an incident, which items are about
 * it. Either way the change is saved on the incidents (their `evidenceIds`).
 */
import { useEffect, useState } from 'preact/hooks';
import { formatDate, type Incident } from '../../../../domain/diary/index.js';
import { useApp } from '../../shell/context.js';
import {
  INCIDENT,
  type DecryptedRecord,
  loadEvidence,
  type EvidenceRecord,
  allIncidents,
  setIncidentEvidence,
  setIncidentLink,
} from '../../../../vault/index.js';
import { Checkboxes } from '../../diary/diary-ui.js';
import { describeError } from '../../shell/errors.js';
import { Busy, Button, Page, type ErrorItem } from '../../components/ui.js';
import { kindLabel, useEvidenceText } from '../evidence-ui.js';
import { incidentLabel } from './view-details.js';

const CHECKBOXES_ID = 'evidence-links';

/** Which incidents an item is about. */
export function EvidenceLinkScreen({ id }: { id: string }) {
  const app = useApp();
  const { t, locale, navigate } = app;
  const e = useEvidenceText();
  const l = e.link;
  const [incidents, setIncidents] = useState<readonly DecryptedRecord<Incident>[] | undefined>();
  const [chosen, setChosen] = useState<string[]>([]);
  const [errors, setErrors] = useState<ErrorItem[]>([]);
  const [seq, setSeq] = useState(0);
  const [busy, setBusy] = useState(false);
  const back = (): void => navigate({ name: 'evidence-view', id });

  useEffect(() => {
    let live = true;
    allIncidents(app).then(
      (all) => {
        if (!live) return;
        const sorted = [...all].sort((a, b) =>
          b.value.when.start.localeCompare(a.value.when.start),
        );
        setIncidents(sorted);
        setChosen(sorted.filter((i) => i.value.evidenceIds.includes(id)).map((i) => i.id));
      },
      (err: unknown) => {
        if (live) setErrors([{ field: CHECKBOXES_ID, message: describeError(t, err) }]);
      },
    );
    return () => {
      live = false;
    };
  }, [id]);

  const save = async (event: Event): Promise<void> => {
    event.preventDefault();
    if (busy || incidents === undefined) return;
    setBusy(true);
    try {
      for (const incident of incidents) {
        const was = incident.value.evidenceIds.includes(id);
        const now = chosen.includes(incident.id);
        if (was !== now) await setIncidentLink(app, incident.id, id, now);
      }
      navigate({ name: 'evidence-view', id }, l.saved);
    } catch (err) {
      setBusy(false);
      setErrors([{ field: CHECKBOXES_ID, message: describeError(t, err) }]);
      setSeq(seq + 1);
    }
  };

  return (
    <Page title={l.title} back={back} errors={errors} errorSeq={seq}>
      <Busy message={incidents === undefined && errors.length === 0 ? l.loading : undefined} />
      {incidents !== undefined &&
        (incidents.length === 0 ? (
          <p>{l.none}</p>
        ) : (
          <form novalidate onSubmit={(event) => void save(event)}>
            <Checkboxes
              id={CHECKBOXES_ID}
              legend={l.legend}
              hint={l.hint}
              small
              groups={[
                {
                  options: incidents.map((i) => ({
                    value: i.id,
                    label: incidentLabel(t, locale, i.value),
                  })),
                },
              ]}
              value={chosen}
              onChange={setChosen}
            />
            <div class="button-group">
              <Button type="submit" disabled={busy}>
                {l.save}
              </Button>
              <Button variant="secondary" onClick={back}>
                {t.common.cancel}
              </Button>
            </div>
          </form>
        ))}
      {incidents !== undefined && incidents.length === 0 && (
        <Button variant="secondary" onClick={back}>
          {t.common.back}
        </Button>
      )}
    </Page>
  );
}

/** Which items are about an incident (from the incident's page). */
export function EvidenceChooseScreen({ incidentId }: { incidentId: string }) {
  const app = useApp();
  const { t, locale, navigate, api, session, revisions } = app;
  const e = useEvidenceText();
  const c = e.choose;
  const [items, setItems] = useState<EvidenceRecord[] | undefined>();
  const [chosen, setChosen] = useState<string[]>([]);
  const [kept, setKept] = useState<string[]>([]);
  const [errors, setErrors] = useState<ErrorItem[]>([]);
  const [seq, setSeq] = useState(0);
  const [busy, setBusy] = useState(false);
  const back = (): void => navigate({ name: 'incident-view', id: incidentId });

  useEffect(() => {
    let live = true;
    Promise.all([
      loadEvidence({ api, accountKey: () => session.accountKey, revisions }),
      app.diary.store.fetchOne(INCIDENT, incidentId),
    ]).then(
      ([evidence, incident]) => {
        if (!live) return;
        const ids = incident.record.value.evidenceIds;
        setItems(evidence.items);
        setChosen(ids.filter((x) => evidence.items.some((item) => item.id === x)));
        // Links to items that cannot be opened here are kept, not silently dropped.
        setKept(ids.filter((x) => !evidence.items.some((item) => item.id === x)));
      },
      (err: unknown) => {
        if (live) setErrors([{ field: CHECKBOXES_ID, message: describeError(t, err) }]);
      },
    );
    return () => {
      live = false;
    };
  }, [incidentId]);

  const save = async (event: Event): Promise<void> => {
    event.preventDefault();
    if (busy || items === undefined) return;
    setBusy(true);
    try {
      await setIncidentEvidence(app, incidentId, [...kept, ...chosen]);
      navigate({ name: 'incident-view', id: incidentId }, c.saved);
    } catch (err) {
      setBusy(false);
      setErrors([{ field: CHECKBOXES_ID, message: describeError(t, err) }]);
      setSeq(seq + 1);
    }
  };

  return (
    <Page title={c.title} back={back} errors={errors} errorSeq={seq}>
      <Busy message={items === undefined && errors.length === 0 ? e.list.loading : undefined} />
      {items !== undefined &&
        (items.length === 0 ? (
          <>
            <p>{c.none}</p>
            <Button onClick={() => navigate({ name: 'evidence-add', incidentId })}>
              {e.incident.add}
            </Button>
          </>
        ) : (
          <form novalidate onSubmit={(event) => void save(event)}>
            <Checkboxes
              id={CHECKBOXES_ID}
              legend={c.legend}
              hint={c.hint}
              small
              groups={[
                {
                  options: items.map((item) => ({
                    value: item.id,
                    label: item.value.title,
                    hint: `${formatDate(item.value.date)[locale]} · ${kindLabel(e, item.value)}`,
                  })),
                },
              ]}
              value={chosen}
              onChange={setChosen}
            />
            <div class="button-group">
              <Button type="submit" disabled={busy}>
                {c.save}
              </Button>
              <Button variant="secondary" onClick={back}>
                {t.common.cancel}
              </Button>
            </div>
          </form>
        ))}
    </Page>
  );
}
