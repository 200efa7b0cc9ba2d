/**
 * Links between evidence and incidents. A link lives on the incident (its `evidenceIds`), so
 * linking or unlinking an item makes a new revision of the incident, made through the session's
 * diary store so the diary screens see it at once. That revision says it only changed links
 * (`linkRevision` sets `textRevision`), so it is shown as "Evidence linked on …", never as an
 * edit of what the person wrote; links saved before then are told apart by comparing the words.
 */
import { linkRevision, type Incident } from '../../domain/diary/index.js';
import { withLink } from '../../domain/evidence/index.js';
import { isApiError } from '../api.js';
import { INCIDENT } from '../diary-records.js';
import type { DiaryStore } from '../diary-store.js';
import type { DecryptedRecord } from '../records.js';

/** What the links need of a session: its diary store (the app's context is one). */
type App = { readonly diary: { readonly store: DiaryStore } };

/** Every incident of the diary (from the session's store, loaded once). */
export async function allIncidents(app: App): Promise<readonly DecryptedRecord<Incident>[]> {
  return (await app.diary.store.load()).incidents;
}

/**
 * Links (or unlinks) one item to one incident, on top of the incident's newest revision.
 *
 * @example await setIncidentLink(app, incidentId, evidenceId, true);
 */
export async function setIncidentLink(
  app: App,
  incidentId: string,
  evidenceId: string,
  linked: boolean,
): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const held = await app.diary.store.fetchOne(INCIDENT, incidentId);
    const current = held.record.value;
    const evidenceIds = withLink(current.evidenceIds, evidenceId, linked);
    if (
      evidenceIds.length === current.evidenceIds.length &&
      linked === current.evidenceIds.includes(evidenceId)
    ) {
      return;
    }
    try {
      await app.diary.store.edit(
        INCIDENT,
        held.response,
        linkRevision(current, held.record.revision, evidenceIds),
      );
      return;
    } catch (e) {
      if (!isApiError(e, 'revision_conflict') || attempt >= 3) throw e;
    }
  }
}

/**
 * Sets an incident's whole list of evidence (the incident side's "choose evidence" screen).
 */
export async function setIncidentEvidence(
  app: App,
  incidentId: string,
  evidenceIds: readonly string[],
): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const held = await app.diary.store.fetchOne(INCIDENT, incidentId);
    const now = held.record.value.evidenceIds;
    // Nothing changed: no new revision.
    if (now.length === evidenceIds.length && now.every((id, i) => id === evidenceIds[i])) return;
    try {
      await app.diary.store.edit(
        INCIDENT,
        held.response,
        linkRevision(held.record.value, held.record.revision, evidenceIds),
      );
      return;
    } catch (e) {
      if (!isApiError(e, 'revision_conflict') || attempt >= 3) throw e;
    }
  }
}
