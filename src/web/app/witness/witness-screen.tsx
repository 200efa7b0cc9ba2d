/**
 * "Ask a witness" (the person's side, docs/vault-protocol.md §15.5): new accounts from witnesses
 * (opened in this browser) to keep in the diary, linked to an incident if the person chooses;
 * the accounts already kept, with their links; the person's witness links with Stop and Block;
 * and the form that makes a new link, shown once made with a Copy button. This file loads and
 * lays out the lists; a statement is in witness-statements.tsx, a link in witness-invitations.tsx.
 */
import { useEffect, useState } from 'preact/hooks';
import type { AccountKeyPair } from '../../../crypto/index.js';
import type { Incident } from '../../../domain/diary/index.js';
import type { WitnessStatementRecord } from '../../../domain/witness.js';
import {
  ensureAccountKeyPair,
  fileWitnessStatement,
  keepWitnessFiles,
  listFiledWitnessStatements,
  setIncidentLink,
  listWitnessInvitations,
  openWitnessStatements,
  updateFiledStatement,
  type DecryptedRecord,
  type OpenedInvitation,
  type OpenedStatement,
} from '../../../vault/index.js';
import { Busy, Button, Page } from '../components/ui.js';
import { useDiary } from '../diary/diary-ui.js';
import { useApp } from '../shell/context.js';
import { describeError } from '../shell/errors.js';
import { WITNESS_MESSAGES } from './messages.js';
import { InvitationForm, InvitationItem, MadeLink } from './witness-invitations.js';
import { ManageStatement, StatementItem } from './witness-statements.js';
import './witness.css';

interface Loaded {
  readonly keyPair: AccountKeyPair;
  readonly invitations: OpenedInvitation[];
  readonly fresh: OpenedStatement[];
  readonly kept: DecryptedRecord<WitnessStatementRecord>[];
  readonly unreadable: number;
}

type Load =
  | { readonly kind: 'loading' }
  | { readonly kind: 'failed'; readonly message: string }
  | { readonly kind: 'loaded'; readonly value: Loaded };

type Step =
  | { readonly kind: 'list' }
  | { readonly kind: 'manage'; readonly record: DecryptedRecord<WitnessStatementRecord> }
  | { readonly kind: 'new' }
  | { readonly kind: 'made'; readonly link: string };

export function WitnessScreen() {
  const app = useApp();
  const { t, locale, api, session, revisions, navigate } = app;
  /** Links a kept statement's evidence items to an incident too, so a report shows them. */
  const linkFiles = async (incidentId: string, evidenceIds: readonly string[] = []) => {
    if (incidentId === '') return;
    for (const id of evidenceIds) await setIncidentLink(app, incidentId, id, true);
  };
  const m = WITNESS_MESSAGES[locale];
  const [step, setStep] = useState<Step>({ kind: 'list' });
  const [flash, setFlash] = useState<string | undefined>(undefined);
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const diary = useDiary();
  const incidents =
    diary.state.kind === 'loaded'
      ? (diary.state.data.incidents as DecryptedRecord<Incident>[])
      : [];

  useEffect(() => {
    let live = true;
    setLoad({ kind: 'loading' });
    (async (): Promise<Loaded> => {
      const keyPair = await ensureAccountKeyPair(api, session.accountKey);
      const invitations = await listWitnessInvitations(api, keyPair);
      const filed = await listFiledWitnessStatements(api, session.accountKey, revisions);
      const keptIds = new Set(filed.records.map((r) => r.value.statementId));
      const opened = await openWitnessStatements(api, keyPair, keptIds);
      const fresh: OpenedStatement[] = [];
      let unreadable = filed.unreadable;
      for (const s of opened) {
        if (s.ok) fresh.push(s);
        else unreadable++;
      }
      return { keyPair, invitations, fresh, kept: filed.records, unreadable };
    })().then(
      (value) => {
        if (live) setLoad({ kind: 'loaded', value });
      },
      (e: unknown) => {
        if (live) setLoad({ kind: 'failed', message: describeError(t, e) });
      },
    );
    return () => {
      live = false;
    };
  }, [attempt]);

  const reload = () => setAttempt((a) => a + 1);

  if (step.kind === 'new' && load.kind === 'loaded') {
    return (
      <InvitationForm
        keyPair={load.value.keyPair}
        incidents={incidents}
        onBack={() => setStep({ kind: 'list' })}
        onMade={(link) => setStep({ kind: 'made', link })}
      />
    );
  }
  if (step.kind === 'manage') {
    return (
      <ManageStatement
        record={step.record}
        incidents={incidents}
        label={
          load.kind === 'loaded'
            ? (load.value.invitations.find((i) => i.id === step.record.value.invitationId)?.label ??
              undefined)
            : undefined
        }
        onBack={() => setStep({ kind: 'list' })}
        onDone={(message) => {
          setFlash(message);
          setStep({ kind: 'list' });
          reload();
        }}
      />
    );
  }
  if (step.kind === 'made') {
    return (
      <MadeLink
        link={step.link}
        onBack={() => {
          setStep({ kind: 'list' });
          reload();
        }}
      />
    );
  }

  const labelOf = (invitationId: string): string | undefined =>
    load.kind === 'loaded'
      ? (load.value.invitations.find((i) => i.id === invitationId)?.label ?? undefined)
      : undefined;

  return (
    <Page key="list" title={m.title} back={() => navigate({ name: 'home' })}>
      <p>{m.lede}</p>
      {flash !== undefined && (
        <p class="notice" role="status">
          {flash}
        </p>
      )}
      <Busy message={load.kind === 'loading' ? m.loading : undefined} />
      {load.kind === 'failed' && (
        <div class="notice notice--error" role="alert">
          <p>
            {m.loadFailed} {load.message}
          </p>
          <Button variant="secondary" onClick={reload}>
            {m.retry}
          </Button>
        </div>
      )}
      {load.kind === 'loaded' && (
        <>
          <Button onClick={() => setStep({ kind: 'new' })}>{m.newLink}</Button>
          {load.value.unreadable > 0 && <p class="notice">{m.unreadable}</p>}
          <section aria-labelledby="witness-new-title">
            <h2 class="heading-m" id="witness-new-title">
              {m.newTitle}
            </h2>
            {load.value.fresh.length === 0 ? <p>{m.newEmpty}</p> : <p class="hint">{m.newHint}</p>}
            {load.value.fresh.map((s) => (
              <StatementItem
                key={s.id}
                id={s.id}
                statement={s.statement}
                receivedAt={s.receivedAt}
                label={labelOf(s.invitationId)}
                incidents={incidents}
                linked={[]}
                suggested={load.value.invitations.find((i) => i.id === s.invitationId)?.incidentId}
                action={m.statement.keep}
                onAction={async (incidentId) => {
                  // The files become evidence items first (their uploads are already here).
                  const evidenceIds = await keepWitnessFiles(
                    { api, accountKey: () => session.accountKey, revisions },
                    s.statement,
                    s.receivedAt,
                  );
                  await fileWitnessStatement(api, session.accountKey, s, {
                    incidentIds: incidentId === '' ? [] : [incidentId],
                    evidenceIds,
                  });
                  await linkFiles(incidentId, evidenceIds);
                  reload();
                }}
              />
            ))}
          </section>
          <section aria-labelledby="witness-kept-title">
            <h2 class="heading-m" id="witness-kept-title">
              {m.keptTitle}
            </h2>
            {load.value.kept.length === 0 && <p>{m.keptEmpty}</p>}
            {load.value.kept.map((r) => (
              <StatementItem
                key={r.id}
                id={r.id}
                statement={r.value.statement}
                receivedAt={r.value.receivedAt}
                label={labelOf(r.value.invitationId)}
                incidents={incidents}
                linked={r.value.incidentIds}
                suggested={undefined}
                action={m.statement.linkTo}
                note={r.value.note}
                needsIncident
                onManage={() => {
                  setFlash(undefined);
                  setStep({ kind: 'manage', record: r });
                }}
                onAction={async (incidentId) => {
                  if (incidentId === '' || r.value.incidentIds.includes(incidentId)) return;
                  const response = await api.getRecord(r.id);
                  await updateFiledStatement(
                    api,
                    session.accountKey,
                    { record: r, response },
                    { incidentIds: [...r.value.incidentIds, incidentId], note: r.value.note },
                  );
                  await linkFiles(incidentId, r.value.evidenceIds);
                  reload();
                }}
              />
            ))}
          </section>
          <section aria-labelledby="witness-links-title">
            <h2 class="heading-m" id="witness-links-title">
              {m.linksTitle}
            </h2>
            {load.value.invitations.length === 0 && <p>{m.linksEmpty}</p>}
            {load.value.invitations.map((i) => (
              <InvitationItem
                key={i.id}
                invitation={i}
                keptIds={new Set(load.value.kept.map((r) => r.value.statementId))}
                keyPair={load.value.keyPair}
                onChanged={reload}
              />
            ))}
          </section>
        </>
      )}
    </Page>
  );
}
