/**
 * The evidence section of an incident's page: the items linked to it, each a link to the item,
 * and the ways to add more. Placed by the incident view as
 * `<IncidentEvidence incidentId={id} evidenceIds={incident.evidenceIds} />`.
 */
import { useEffect, useState } from 'preact/hooks';
import { formatDate } from '../../../domain/diary/index.js';
import { useApp } from '../shell/context.js';
import { describeError } from '../shell/errors.js';
import { Busy, Button, LinkButton } from '../components/ui.js';
import { loadEvidence, type EvidenceRecord } from '../../../vault/index.js';
import { formatSize, kindLabel, useEvidenceText } from './evidence-ui.js';

export function IncidentEvidence({
  incidentId,
  evidenceIds,
}: {
  readonly incidentId: string;
  readonly evidenceIds: readonly string[];
}) {
  const app = useApp();
  const { t, locale, navigate, api, session, revisions } = app;
  const e = useEvidenceText();
  const s = e.incident;
  const [items, setItems] = useState<Map<string, EvidenceRecord> | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  const key = evidenceIds.join(',');

  useEffect(() => {
    if (evidenceIds.length === 0) {
      setItems(new Map());
      return;
    }
    let live = true;
    loadEvidence({ api, accountKey: () => session.accountKey, revisions }).then(
      (result) => {
        if (live) setItems(new Map(result.items.map((item) => [item.id, item])));
      },
      (err: unknown) => {
        if (live) setProblem(describeError(t, err));
      },
    );
    return () => {
      live = false;
    };
  }, [key]);

  return (
    <section
      class="incident-evidence"
      aria-labelledby="incident-evidence-heading"
      data-incident-evidence=""
    >
      <h2 id="incident-evidence-heading">{s.heading}</h2>
      <Busy message={items === undefined && problem === undefined ? s.loading : undefined} />
      {problem !== undefined && (
        <div class="notice notice--error" role="alert">
          <p>{problem}</p>
        </div>
      )}
      {items !== undefined &&
        (evidenceIds.length === 0 ? (
          <p>{s.none}</p>
        ) : (
          <ul class="entries">
            {evidenceIds.map((id) => {
              const item = items.get(id);
              return (
                <li class="entry" key={id}>
                  {item === undefined ? (
                    <p class="entry__meta">{s.missing}</p>
                  ) : (
                    <>
                      <p class="entry__title">
                        <LinkButton onClick={() => navigate({ name: 'evidence-view', id })}>
                          {item.value.title}
                        </LinkButton>
                      </p>
                      <p class="entry__meta">
                        {formatDate(item.value.date)[locale]} · {kindLabel(e, item.value)} ·{' '}
                        {formatSize(e, item.value.file.size)}
                      </p>
                    </>
                  )}
                </li>
              );
            })}
          </ul>
        ))}
      <div class="button-group">
        <Button variant="secondary" onClick={() => navigate({ name: 'evidence-add', incidentId })}>
          {s.add}
        </Button>
        <Button
          variant="secondary"
          onClick={() => navigate({ name: 'evidence-choose', incidentId })}
        >
          {s.choose}
        </Button>
      </div>
    </section>
  );
}
