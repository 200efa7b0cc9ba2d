/**
 * "Share with someone" (the owner's side, docs/vault-protocol.md §14.1a): the list of shares,
 * each with whom it is for, what it holds, until when, its state, every opening and wrong
 * passcode, and Stop sharing with a confirm step; the form that makes a new one, choosing the
 * incidents as the report does; and, once made, the link and the passcode, shown only here.
 * The passcode and link live only in this screen's state: leaving it or locking drops them.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Person } from '../../../domain/diary/index.js';
import type { ReportRecord } from '../../../report/input.js';
import { loadReportSource, type ReportSource } from '../../../report/report-source.js';
import {
  INCIDENT_TYPE,
  createShare,
  readOwnShare,
  revokeShare,
  type ShareManifest,
  type ShareSummary,
} from '../../../vault/index.js';
import { TextField } from '../components/fields.js';
import {
  Busy,
  Button,
  LinkButton,
  Page,
  useSubmitErrors,
  type ErrorItem,
} from '../components/ui.js';
import { Checkbox } from '../diary/diary-ui.js';
import { browserTimeZone } from '../diary/incident-form.js';
import { QrCode } from './qr-code.js';
import { useApp } from '../shell/context.js';
import { describeError } from '../shell/errors.js';
import { format } from '../shell/messages.js';
import { SHARE_MESSAGES } from './messages.js';
import { WhichIncidents } from '../report/which-incidents.js';
import { checkShareFields, emptyShareFields, pickRecords, type ShareFields } from './share-form.js';

type Step =
  | { readonly kind: 'list' }
  | { readonly kind: 'choose' }
  | { readonly kind: 'done'; readonly link: string; readonly passcode: string };

type Load<T> =
  | { readonly kind: 'loading' }
  | { readonly kind: 'failed'; readonly message: string }
  | { readonly kind: 'loaded'; readonly value: T };

/** A share with its manifest opened (null once it has ended, or when it would not open). */
interface OwnShare {
  readonly summary: ShareSummary;
  readonly manifest: ShareManifest | null;
  /** From the manifest, or remembered from before it ended. */
  readonly label: string | undefined;
}

export function ShareScreen() {
  const { locale, navigate } = useApp();
  const m = SHARE_MESSAGES[locale];
  const [step, setStep] = useState<Step>({ kind: 'list' });
  if (step.kind === 'choose') {
    return (
      <ShareForm
        onBack={() => setStep({ kind: 'list' })}
        onMade={(link, passcode) => setStep({ kind: 'done', link, passcode })}
      />
    );
  }
  if (step.kind === 'done') {
    return (
      <Page key="done" title={m.done.title}>
        <p>{m.done.lede}</p>
        <dl class="summary-list" data-share-made="">
          <div class="summary-list__row">
            <dt>{m.done.link}</dt>
            <dd>
              <code class="share-link" data-share-link="">
                {step.link}
              </code>
            </dd>
          </div>
          <div class="summary-list__row">
            <dt>{m.done.passcode}</dt>
            <dd>
              <strong class="share-passcode" data-share-passcode="">
                {step.passcode}
              </strong>
            </dd>
          </div>
        </dl>
        <QrCode text={step.link} label={m.done.qrLabel} />
        <p class="hint">{m.done.qrHint}</p>
        <div class="warning-text" data-passcode-warning="">
          <span class="warning-text__icon" aria-hidden="true">
            !
          </span>
          <strong class="warning-text__text">{m.done.warning}</strong>
        </div>
        <p>{m.done.once}</p>
        <Button onClick={() => setStep({ kind: 'list' })}>{m.done.back}</Button>
      </Page>
    );
  }
  return (
    <Page key="list" title={m.title} back={() => navigate({ name: 'home' })}>
      <p>{m.lede}</p>
      <Button onClick={() => setStep({ kind: 'choose' })}>{m.newShare}</Button>
      <ShareList />
    </Page>
  );
}

function ShareList() {
  const { t, locale, api, session } = useApp();
  const m = SHARE_MESSAGES[locale];
  const [load, setLoad] = useState<Load<OwnShare[]>>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);
  /**
   * The labels read while this screen is open: a share's sealed label is deleted with it, so
   * one just stopped keeps its name here until the person leaves the screen.
   */
  const seen = useRef(new Map<string, string>());

  useEffect(() => {
    let live = true;
    setLoad({ kind: 'loading' });
    (async () => {
      const summaries = await api.listShares();
      const out: OwnShare[] = [];
      for (const summary of summaries) {
        let manifest: ShareManifest | null;
        try {
          manifest = await readOwnShare(session.accountKey, summary);
        } catch {
          manifest = null;
        }
        if (manifest !== null) seen.current.set(summary.id, manifest.label);
        out.push({ summary, manifest, label: manifest?.label ?? seen.current.get(summary.id) });
      }
      return out;
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

  return (
    <section aria-labelledby="share-list-title">
      <h2 class="heading-m" id="share-list-title">
        {m.listTitle}
      </h2>
      <Busy message={load.kind === 'loading' ? m.loading : undefined} />
      {load.kind === 'failed' && (
        <div class="notice notice--error" role="alert">
          <p>
            {m.loadFailed} {load.message}
          </p>
          <Button variant="secondary" onClick={() => setAttempt(attempt + 1)}>
            {m.retry}
          </Button>
        </div>
      )}
      {load.kind === 'loaded' && load.value.length === 0 && <p>{m.listEmpty}</p>}
      {load.kind === 'loaded' &&
        load.value.map((s) => (
          <ShareItem key={s.summary.id} share={s} onChanged={() => setAttempt(attempt + 1)} />
        ))}
    </section>
  );
}

function ShareItem({ share, onChanged }: { share: OwnShare; onChanged: () => void }) {
  const { t, locale, api, formatTimestamp } = useApp();
  const m = SHARE_MESSAGES[locale].item;
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  /** The question takes the focus when it appears, as the button that asked is gone. */
  const ask = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (confirming) ask.current?.focus();
  }, [confirming]);
  const { summary, manifest } = share;
  const headingId = `share-${summary.id}-title`;
  const label = share.label ?? (summary.state === 'active' ? m.unknownLabel : m.endedLabel);
  const incidents = manifest?.records.filter((r) => r.type === INCIDENT_TYPE).length;
  const stateWord =
    summary.state === 'active' ? m.open : summary.state === 'revoked' ? m.revoked : m.expired;
  const s = SHARE_MESSAGES[locale];
  const revoke = async (): Promise<void> => {
    setBusy(true);
    setError(undefined);
    try {
      await revokeShare(api, summary.id);
      onChanged();
    } catch (e) {
      setError(describeError(t, e));
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  };
  const row = (key: string, dt: string, dd: preact.ComponentChildren) => (
    <div class="summary-list__row" data-row={key}>
      <dt>{dt}</dt>
      <dd>{dd}</dd>
    </div>
  );
  return (
    <article class="share-item" data-share={summary.id} data-state={summary.state}>
      <h3 class="heading-s" id={headingId}>
        {label}
      </h3>
      <dl class="summary-list">
        {row('state', m.state, stateWord)}
        {row('kind', m.kind, summary.mode === 'live' ? s.live : s.snapshot)}
        {row(
          'what',
          m.what,
          incidents !== undefined && manifest !== null
            ? format(m.counts, { incidents, files: manifest.uploads.length })
            : m.hidden,
        )}
        {row('until', m.until, formatTimestamp(summary.revokedAt ?? summary.expiresAt))}
        {row(
          'opens',
          m.opens,
          summary.opens.length === 0 ? (
            m.neverOpened
          ) : (
            <ul class="list">
              {summary.opens.map((o) => (
                <li key={o.at}>
                  {format(m.openedAt, { when: formatTimestamp(o.at), device: o.device })}
                </li>
              ))}
            </ul>
          ),
        )}
        {row(
          'failed',
          m.failed,
          summary.failedAttempts.count === 0
            ? m.noFailed
            : format(m.failedCount, {
                n: summary.failedAttempts.count,
                when:
                  summary.failedAttempts.lastAt !== null
                    ? formatTimestamp(summary.failedAttempts.lastAt)
                    : '',
              }),
        )}
      </dl>
      {error !== undefined && (
        <div class="notice notice--error" role="alert">
          <p>{error}</p>
        </div>
      )}
      {summary.state === 'active' && !confirming && (
        <Button variant="warning" onClick={() => setConfirming(true)} describedBy={headingId}>
          {m.revoke}
        </Button>
      )}
      {summary.state === 'active' && confirming && (
        <div
          class="notice"
          ref={ask}
          tabIndex={-1}
          role="group"
          aria-labelledby={`${headingId} share-${summary.id}-ask`}
        >
          <p id={`share-${summary.id}-ask`}>{m.revokeConfirm}</p>
          <div class="button-group">
            <Button variant="warning" disabled={busy} onClick={() => void revoke()}>
              {busy ? m.revoking : m.revokeYes}
            </Button>
            <LinkButton onClick={() => setConfirming(false)}>{m.revokeNo}</LinkButton>
          </div>
        </div>
      )}
    </article>
  );
}

function ShareForm(props: {
  onBack: () => void;
  onMade: (link: string, passcode: string) => void;
}) {
  const { t, locale, api, session } = useApp();
  const m = SHARE_MESSAGES[locale];
  const [load, setLoad] = useState<Load<ReportSource>>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [fields, setFields] = useState<ShareFields>(emptyShareFields);
  const [busy, setBusy] = useState(false);
  const errors = useSubmitErrors();
  const zone = useMemo(browserTimeZone, []);

  useEffect(() => {
    let live = true;
    setLoad({ kind: 'loading' });
    loadReportSource(api, session.accountKey).then(
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

  const set = <K extends keyof ShareFields>(key: K, value: ShareFields[K]): void =>
    setFields((f) => ({ ...f, [key]: value }));

  const submit = async (source: ReportSource): Promise<void> => {
    const checked = checkShareFields(fields, m);
    if (checked.choice === undefined) {
      errors.show(checked.errors);
      return;
    }
    const picked = pickRecords(source, checked.choice, zone, new Date());
    if (picked.incidents === 0) {
      errors.show([{ field: 'share-which', message: m.errors.nothing }]);
      return;
    }
    errors.clear();
    setBusy(true);
    try {
      const made = await createShare(api, session.accountKey, {
        records: picked.records,
        uploads: picked.uploads,
        label: checked.choice.label,
        mode: checked.choice.mode,
        expiresInSeconds: checked.choice.expiresInSeconds,
        origin: location.origin,
      });
      props.onMade(made.link, made.passcode);
    } catch (e) {
      errors.show([{ field: 'share-create', message: describeError(t, e) }]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page
      key="choose"
      title={m.title}
      errors={errors.errors}
      errorSeq={errors.seq}
      back={props.onBack}
    >
      <Busy message={load.kind === 'loading' ? m.loading : busy ? m.creating : undefined} />
      {load.kind === 'failed' && (
        <div class="notice notice--error" role="alert">
          <p>
            {m.loadFailed} {load.message}
          </p>
          <Button variant="secondary" onClick={() => setAttempt(attempt + 1)}>
            {m.retry}
          </Button>
        </div>
      )}
      {load.kind === 'loaded' && (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (!busy) void submit(load.value);
          }}
        >
          <ShareChoices
            fields={fields}
            set={set}
            patch={(change) => setFields((f) => ({ ...f, ...change }))}
            people={load.value.records.people ?? []}
            hasRiskCheck={(load.value.records.riskChecks ?? []).length > 0}
            hasWitness={(load.value.records.witnessStatements ?? []).length > 0}
            errors={errors.errors}
          />
          <button type="submit" id="share-create" class="button" disabled={busy}>
            {m.create}
          </button>
        </form>
      )}
    </Page>
  );
}

function ShareChoices(props: {
  fields: ShareFields;
  set: <K extends keyof ShareFields>(key: K, value: ShareFields[K]) => void;
  patch: (change: Partial<ShareFields>) => void;
  people: readonly ReportRecord<Person>[];
  hasRiskCheck: boolean;
  hasWitness: boolean;
  errors: readonly ErrorItem[];
}) {
  const { locale } = useApp();
  const m = SHARE_MESSAGES[locale];
  const { fields, set } = props;
  const shown = (field: string) => props.errors.find((e) => e.field === field)?.message;
  return (
    <>
      <TextField
        id="share-label"
        label={m.label}
        hint={m.labelHint}
        value={fields.label}
        error={shown('share-label')}
        onInput={(v) => set('label', v)}
        autocomplete="off"
        width="full"
      />
      <WhichIncidents
        prefix="share"
        words={m}
        value={fields}
        onChange={({ which, ...rest }) =>
          props.patch({
            ...rest,
            // The share screen offers no "only this incident".
            ...(which !== undefined ? { which: which === 'range' ? 'range' : 'all' } : {}),
          })
        }
        people={props.people}
        errors={props.errors}
      />
      <Checkbox
        id="share-evidence"
        label={m.evidence}
        checked={fields.evidence}
        onChange={(on) => set('evidence', on)}
      />
      {props.hasRiskCheck && (
        <Checkbox
          id="share-risk"
          label={m.risk}
          checked={fields.risk}
          onChange={(on) => set('risk', on)}
        />
      )}
      {props.hasWitness && (
        <Checkbox
          id="share-witness"
          label={m.witness}
          checked={fields.witness}
          onChange={(on) => set('witness', on)}
        />
      )}
      {/* Snapshot only for now. A share kept up to date needs the app to add each new matching
          incident (addToShare) and the manifest to keep the choice it must match; until both
          exist, offering it would promise what does not happen (docs/vault-protocol.md §14). */}
      <p class="hint" data-share-mode="snapshot">
        {m.snapshotHint}
      </p>
      <TextField
        id="share-days"
        label={m.days}
        hint={m.daysHint}
        value={fields.days}
        error={shown('share-days')}
        onInput={(v) => set('days', v)}
        autocomplete="off"
        inputMode="numeric"
        width="quarter"
      />
    </>
  );
}
