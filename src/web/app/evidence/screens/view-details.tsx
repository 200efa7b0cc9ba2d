/**
 * An evidence item's facts (details and fingerprint, the photo's own metadata with a warning
 * when it carries a location, where its date came from) and the incidents it is linked to.
 * Split from view.tsx (the screen).
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { formatDate, type Incident } from '../../../../domain/diary/index.js';
import { formatCoordinates } from '../../../../domain/evidence/index.js';
import {
  type DecryptedRecord,
  localDate,
  type EvidenceRecord,
  allIncidents,
} from '../../../../vault/index.js';
import { useApp } from '../../shell/context.js';
import { useDiaryText } from '../../diary/diary-text.js';
import { formatZonedWhen } from '../../diary/diary-ui.js';
import { describeError } from '../../shell/errors.js';
import { format } from '../../shell/messages.js';
import { Busy, LinkButton } from '../../components/ui.js';
import { formatSize, kindLabel, useEvidenceText } from '../evidence-ui.js';
import type { DiaryMessages } from '../../diary/messages.js';

/** Every fact about the item, as a GOV.UK summary list. */
export function Details({ record }: { record: EvidenceRecord }) {
  const app = useApp();
  const dm = useDiaryText();
  const { locale, formatTimestamp } = app;
  const e = useEvidenceText();
  const v = e.view;
  const f = v.fields;
  const value = record.value;
  const exif = value.exif;
  const row = (label: string, content: ComponentChildren, data?: string) => (
    <div class="summary-list__row">
      <dt>{label}</dt>
      <dd class="note-body" data-field={data}>
        {content}
      </dd>
    </div>
  );
  const taken =
    exif?.takenAt !== undefined
      ? format(exif.offset !== undefined ? v.cameraClockOffset : v.cameraClock, {
          time: `${formatDate(exif.takenAt.slice(0, 10))[locale]} ${exif.takenAt.slice(11, 16)}`,
          offset: exif.offset ?? '',
        })
      : undefined;
  const camera = [exif?.make, exif?.model].filter((x) => x !== undefined).join(' ');
  return (
    <section aria-labelledby="evidence-details-heading">
      <h2 id="evidence-details-heading">{v.detailsHeading}</h2>
      <dl class="summary-list">
        {row(f.title, value.title, 'title')}
        {row(
          f.date,
          <>
            {formatDate(value.date)[locale]} <span class="hint">({dateSource(dm, value)})</span>
          </>,
          'date',
        )}
        {row(f.note, value.note ?? v.none, 'note')}
        {row(f.name, value.file.name, 'name')}
        {row(f.kind, `${kindLabel(e, value)} (${value.file.mediaType})`, 'kind')}
        {row(f.size, formatSize(e, value.file.size), 'size')}
        {row(
          f.sha256,
          <>
            <code class="evidence-hash" data-sha256="">
              {value.file.sha256 ?? v.notFinished}
            </code>
            <span class="hint evidence-hash__hint">{v.sha256Hint}</span>
          </>,
          'sha256',
        )}
        {row(f.added, formatTimestamp(record.createdAt), 'added')}
        {record.revision > 1 && row(f.changed, formatTimestamp(record.updatedAt))}
        {value.file.lastModified !== undefined &&
          row(f.modified, formatTimestamp(value.file.lastModified), 'modified')}
        {row(
          f.uploaded,
          value.upload.completedAt !== undefined
            ? formatTimestamp(value.upload.completedAt)
            : v.notFinished,
          'uploaded',
        )}
        {taken !== undefined && row(f.taken, taken, 'taken')}
        {camera.length > 0 && row(f.camera, camera, 'camera')}
        {exif?.hasGps === true &&
          row(
            f.location,
            exif.location !== undefined
              ? `${formatCoordinates(exif.location)}${exif.location.altitudeMetres !== undefined ? `, ${exif.location.altitudeMetres} m` : ''}`
              : v.locationUnreadable,
            'location',
          )}
      </dl>
    </section>
  );
}

/** The incidents that list this item, each a link to the incident. */
export function LinkedIncidents({ evidenceId }: { evidenceId: string }) {
  const app = useApp();
  const { t, locale, navigate } = app;
  const e = useEvidenceText();
  const v = e.view;
  const [incidents, setIncidents] = useState<readonly DecryptedRecord<Incident>[] | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  useEffect(() => {
    let live = true;
    allIncidents(app).then(
      (all) => {
        if (live) setIncidents(all.filter((i) => i.value.evidenceIds.includes(evidenceId)));
      },
      (err: unknown) => {
        if (live) setProblem(describeError(t, err));
      },
    );
    return () => {
      live = false;
    };
  }, [evidenceId]);
  return (
    <section aria-labelledby="evidence-incidents-heading">
      <h2 id="evidence-incidents-heading">{v.incidentsHeading}</h2>
      <Busy
        message={incidents === undefined && problem === undefined ? e.link.loading : undefined}
      />
      {problem !== undefined && (
        <div class="notice notice--error" role="alert">
          <p>{problem}</p>
        </div>
      )}
      {incidents !== undefined &&
        (incidents.length === 0 ? (
          <p>{v.noIncidents}</p>
        ) : (
          <ul class="diary-links" data-linked-incidents="">
            {incidents.map((incident) => (
              <li key={incident.id}>
                <LinkButton onClick={() => navigate({ name: 'incident-view', id: incident.id })}>
                  {incidentLabel(t, locale, incident.value)}
                </LinkButton>
              </li>
            ))}
          </ul>
        ))}
    </section>
  );
}

/** Where an item's date came from: the photo's camera date, the file's date, or the person. */
function dateSource(
  dm: DiaryMessages,
  value: {
    readonly date: string;
    readonly exif?: { readonly takenAt?: string | undefined } | undefined;
    readonly file: { readonly lastModified?: string | undefined };
  },
): string {
  const x = dm.diaryExtra.evidence;
  if (value.exif?.takenAt !== undefined && value.exif.takenAt.slice(0, 10) === value.date) {
    return x.fromPhoto;
  }
  if (
    value.file.lastModified !== undefined &&
    localDate(new Date(value.file.lastModified)) === value.date
  ) {
    return x.fromFile;
  }
  return x.chosen;
}

/** "29 March 2026 at 19:05: He was at the gate…" */
export function incidentLabel(
  t: ReturnType<typeof useApp>['t'],
  locale: ReturnType<typeof useApp>['locale'],
  incident: Incident,
): string {
  const what = incident.what.replace(/\s+/g, ' ').trim();
  const chars = Array.from(what);
  const short = chars.length > 80 ? `${chars.slice(0, 80).join('')}…` : what;
  return `${formatZonedWhen(t, locale, incident.when)}: ${short}`;
}
