/**
 * Import, step 5: what will be added (counts, first and last, each day's messages and calls),
 * then the import itself. Items already in the diary are left out, so the same or an overlapping
 * file imported again adds nothing twice. The original file is kept as an encrypted evidence
 * item first, when the app gives a way to (`storeOriginal`), and every new incident links to it.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { PersonInput } from '../../../../domain/diary/index.js';
import { keyItems } from '../../../../importers/item-keys.js';
import {
  importedKeysOf,
  incidentValues,
  planImport,
  senderLinks,
  type ImportPlan,
} from '../../../../importers/plan.js';
import { looksThreatening, threateningIncidents } from '../../../../importers/threats.js';
import type { ImportResult } from '../../../../importers/types.js';
import type { BehaviourKey } from '../../../../domain/diary/taxonomy.js';
import { useApp } from '../../shell/context.js';
import { behaviourLabel, formatLocalDate, formatZoned, personName } from '../../diary/diary-ui.js';
import { describeError } from '../../shell/errors.js';
import { browserTimeZone } from '../../diary/incident-form.js';
import { format } from '../../shell/messages.js';
import { Busy, Button, LinkButton, Page, useLive } from '../../components/ui.js';
import { addIncident, addPerson, loadDiary, updatePerson } from '../diary-access.js';
import { CheckboxList, Progress } from '../fields.js';
import {
  burstMinutesOf,
  DEFAULT_BURST_MINUTES,
  describeIncident,
  importFlow,
  resetImportFlow,
  settledResult,
  type ImportFlow,
} from '../flow.js';
import { IMPORT_MESSAGES } from '../messages.js';
import { ImportChooseScreen } from './choose.js';

export interface ImportPreviewProps {
  /**
   * Keeps the original export file as an encrypted evidence item and returns its record id.
   * Optional: without it, the incidents are imported without a link to the file.
   */
  readonly storeOriginal?: ((file: File) => Promise<string>) | undefined;
}

/** The behaviour suggested for messages that look like threats, added only when confirmed. */
const THREATS: BehaviourKey = 'threats-harm';
/** At most this many of the threatening messages are quoted above the question. */
const THREAT_EXAMPLES = 3;

type Planned =
  | { readonly kind: 'loading' }
  | { readonly kind: 'failed'; readonly message: string }
  | {
      readonly kind: 'ready';
      readonly plan: ImportPlan;
      readonly result: ImportResult;
      readonly personLabel: string;
      /** Positions in `plan.incidents` of entries whose messages look like threats. */
      readonly threatening: readonly number[];
    };

type Saving =
  | { readonly phase: 'storing' }
  | { readonly phase: 'saving'; readonly done: number; readonly total: number };

function planFor(flow: ImportFlow, result: ImportResult, keys: string[], existing: Set<string>) {
  const minutes =
    flow.grouping === 'burst' ? (burstMinutesOf(flow.minutes) ?? DEFAULT_BURST_MINUTES) : 0;
  return planImport(
    result.items.map((item, i) => ({ key: keys[i] ?? '', item })),
    {
      senders: flow.senders,
      timeZone: flow.timeZone ?? browserTimeZone(),
      grouping: flow.grouping ?? 'each',
      burstMinutes: minutes,
      existingKeys: existing,
    },
  );
}

export function ImportPreviewScreen({ storeOriginal }: ImportPreviewProps) {
  const app = useApp();
  const { t, locale, navigate, session } = app;
  const m = IMPORT_MESSAGES[locale];
  const p = m.preview;
  const live = useLive();
  const flow = importFlow(session);
  const [planned, setPlanned] = useState<Planned>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [saving, setSaving] = useState<Saving | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  const [status, setStatus] = useState<string | undefined>();
  // Never ticked for the person: the suggestion is applied only when they tick it.
  const [addThreats, setAddThreats] = useState(false);
  const stop = useRef(false);
  const problemRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const result = settledResult(flow);
    if (result === undefined || flow.person === undefined) return;
    let current = true;
    setPlanned({ kind: 'loading' });
    // Keys come from every item in file order, so they do not depend on who was chosen.
    Promise.all([keyItems(result.items), loadDiary(app)]).then(
      ([keys, diary]) => {
        if (!current || !live.current) return;
        const plan = planFor(
          flow,
          result,
          keys,
          importedKeysOf(diary.incidents.map((r) => r.value)),
        );
        const chosen = flow.person;
        const existing =
          chosen?.kind === 'existing' ? diary.people.find((r) => r.id === chosen.id) : undefined;
        const personLabel =
          chosen?.kind === 'new'
            ? chosen.name
            : existing === undefined
              ? ''
              : personName(existing.value);
        const threatening = threateningIncidents(plan.incidents);
        setPlanned({ kind: 'ready', plan, result, personLabel, threatening });
      },
      (e: unknown) => {
        if (current && live.current) {
          setPlanned({ kind: 'failed', message: `${p.loadFailed} ${describeError(t, e)}` });
        }
      },
    );
    return () => {
      current = false;
    };
  }, [attempt]);

  useEffect(() => {
    if (problem !== undefined) problemRef.current?.focus();
  }, [problem]);

  if (flow.result === undefined || flow.person === undefined) return <ImportChooseScreen />;

  // Read through functions: both refs change while the loop below awaits.
  const stopped = (): boolean => stop.current || !live.current || !session.isUnlocked;
  const gone = (): boolean => !live.current;

  const run = async (
    plan: ImportPlan,
    result: ImportResult,
    threats: ReadonlySet<number>,
  ): Promise<void> => {
    if (saving !== undefined) return;
    stop.current = false;
    setProblem(undefined);
    setStatus(undefined);
    let done = 0;
    try {
      let sourceEvidenceId: string | undefined;
      if (storeOriginal !== undefined && flow.file !== undefined) {
        setSaving({ phase: 'storing' });
        try {
          sourceEvidenceId = await storeOriginal(flow.file);
        } catch {
          if (!live.current) return;
          setSaving(undefined);
          setProblem(p.storeFailed);
          return;
        }
      }
      const personId = await ensurePerson(result);
      const values = incidentValues(plan, {
        format: result.format,
        personId,
        timeZone: flow.timeZone ?? browserTimeZone(),
        conversation: result.conversation,
        sourceEvidenceId,
        describe: (incident) => describeIncident(m, incident),
      }).map((value, i) =>
        threats.has(i) && !(value.behaviours ?? []).includes(THREATS)
          ? { ...value, behaviours: [...(value.behaviours ?? []), THREATS] }
          : value,
      );
      setSaving({ phase: 'saving', done, total: values.length });
      for (const value of values) {
        if (stopped()) break;
        await addIncident(app, value);
        done++;
        if (!gone()) setSaving({ phase: 'saving', done, total: values.length });
      }
      if (gone()) return;
      if (done === values.length) {
        resetImportFlow(session);
        navigate({ name: 'incidents' }, done === 1 ? p.doneOne : format(p.done, { n: done }));
        return;
      }
      setSaving(undefined);
      setStatus(format(p.stopped, { n: done }));
      setAttempt((a) => a + 1);
    } catch (e) {
      if (!live.current) return;
      setSaving(undefined);
      setProblem(`${format(p.failed, { n: done })} ${describeError(t, e)}`);
      setAttempt((a) => a + 1);
    }
  };

  /** The person record to link: made now when new, and its contacts added when chosen. */
  const ensurePerson = async (result: ImportResult): Promise<string> => {
    const chosen = flow.person;
    if (chosen === undefined) throw new Error('no person chosen');
    if (chosen.kind === 'new') {
      const links = flow.link ? senderLinks(result, flow.senders) : undefined;
      const value: PersonInput = {
        name: chosen.name,
        ...(links === undefined
          ? {}
          : {
              phones: links.phones.map((number) => ({ number })),
              emails: links.emails,
              accounts: links.accounts.map((a) => ({ platform: a.platform, handle: a.handle })),
            }),
      };
      const id = await addPerson(app, value);
      // A retry after a failure links to this record rather than making another.
      flow.person = { kind: 'existing', id };
      flow.link = false;
      return id;
    }
    if (flow.link) {
      await updatePerson(app, chosen.id, (person) => {
        const links = senderLinks(result, flow.senders, person);
        return {
          ...person,
          phones: [...person.phones, ...links.phones.map((number) => ({ number }))],
          emails: [...person.emails, ...links.emails],
          accounts: [
            ...person.accounts,
            ...links.accounts.map((a) => ({ platform: a.platform, handle: a.handle })),
          ],
        };
      });
      flow.link = false;
    }
    return chosen.id;
  };

  return (
    <Page title={p.title} caption={m.caption} back={() => navigate({ name: 'import-settings' })}>
      {problem !== undefined && (
        <div class="notice notice--error" role="alert" tabindex={-1} ref={problemRef}>
          <p>{problem}</p>
        </div>
      )}
      <div role="status">{status !== undefined && <p class="confirmation">{status}</p>}</div>
      <Busy message={planned.kind === 'loading' ? p.loading : undefined} />
      {planned.kind === 'failed' && (
        <div class="notice notice--error" role="alert">
          <p>{planned.message}</p>
          <Button variant="secondary" onClick={() => setAttempt((a) => a + 1)}>
            {t.home.retry}
          </Button>
        </div>
      )}
      {planned.kind === 'ready' && (
        <PlanView
          plan={planned.plan}
          personLabel={planned.personLabel}
          threatening={planned.threatening}
          addThreats={addThreats}
          onAddThreats={setAddThreats}
          saving={saving}
          onImport={() =>
            void run(planned.plan, planned.result, new Set(addThreats ? planned.threatening : []))
          }
          onStop={() => {
            stop.current = true;
          }}
          onStartAgain={() => {
            resetImportFlow(session);
            navigate({ name: 'import' });
          }}
        />
      )}
    </Page>
  );
}

function PlanView(props: {
  plan: ImportPlan;
  personLabel: string;
  threatening: readonly number[];
  addThreats: boolean;
  onAddThreats: (on: boolean) => void;
  saving: Saving | undefined;
  onImport: () => void;
  onStop: () => void;
  onStartAgain: () => void;
}) {
  const { t, locale, session } = useApp();
  const m = IMPORT_MESSAGES[locale];
  const p = m.preview;
  const { plan, saving } = props;
  const zone = importFlow(session).timeZone ?? browserTimeZone();
  const entries = plan.incidents.length;
  const row = (label: string, value: string, field: string) => (
    <div class="summary-list__row">
      <dt>{label}</dt>
      <dd data-preview={field}>{value}</dd>
    </div>
  );
  return (
    <>
      {plan.alreadyImported > 0 && (
        <p class="inset-text" data-preview="already">
          {plan.alreadyImported === 1
            ? p.alreadyOne
            : format(p.already, { n: plan.alreadyImported })}
        </p>
      )}
      {plan.undated > 0 && (
        <p class="inset-text" data-preview="undated">
          {plan.undated === 1 ? p.undatedOne : format(p.undated, { n: plan.undated })}
        </p>
      )}
      {entries === 0 ? (
        <>
          <p data-preview="nothing-new">{p.nothingNew}</p>
          <LinkButton onClick={props.onStartAgain}>{p.startAgain}</LinkButton>
        </>
      ) : (
        <>
          <h2 class="heading-s">{p.summaryHeading}</h2>
          <dl class="summary-list">
            {row(p.person, props.personLabel, 'person')}
            {row(p.messages, String(plan.messages), 'messages')}
            {row(p.calls, String(plan.calls), 'calls')}
            {row(p.entries, String(entries), 'entries')}
            {plan.ownReplies > 0 && row(p.ownReplies, String(plan.ownReplies), 'own-replies')}
            {plan.first !== undefined && row(p.first, formatZoned(t, locale, plan.first), 'first')}
            {plan.last !== undefined && row(p.last, formatZoned(t, locale, plan.last), 'last')}
            {plan.usesLocalTimes && row(p.zone, zone.replace(/_/g, ' '), 'zone')}
          </dl>
          <div class="import-table">
            <table class="table" data-preview="days">
              <caption class="table__caption">{p.daysCaption}</caption>
              <thead>
                <tr>
                  <th scope="col">{p.day}</th>
                  <th scope="col" class="table__number">
                    {p.messages}
                  </th>
                  <th scope="col" class="table__number">
                    {p.calls}
                  </th>
                </tr>
              </thead>
              <tbody>
                {plan.days.map((d) => (
                  <tr key={d.date}>
                    <th scope="row">{formatLocalDate(locale, d.date)}</th>
                    <td class="table__number">{d.messages}</td>
                    <td class="table__number">{d.calls}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {props.threatening.length > 0 && (
            <ThreatSuggestion
              plan={plan}
              threatening={props.threatening}
              checked={props.addThreats}
              onChange={props.onAddThreats}
            />
          )}
          <Busy message={saving?.phase === 'storing' ? p.storing : undefined} />
          {saving?.phase === 'saving' && (
            <Progress
              label={p.progressLabel}
              fraction={saving.total > 0 ? saving.done / saving.total : 0}
              text={format(p.saving, { done: saving.done, total: saving.total })}
            />
          )}
          <div class="button-group">
            <Button onClick={props.onImport} disabled={saving !== undefined}>
              {entries === 1 ? p.submitOne : format(p.submit, { n: entries })}
            </Button>
            {saving?.phase === 'saving' && (
              <Button variant="secondary" onClick={props.onStop}>
                {p.stop}
              </Button>
            )}
          </div>
        </>
      )}
    </>
  );
}

/**
 * "Some messages look like threats": a few of them quoted, and one box, never ticked for the
 * person, that adds the threats behaviour to those entries when they tick it.
 */
function ThreatSuggestion(props: {
  plan: ImportPlan;
  threatening: readonly number[];
  checked: boolean;
  onChange: (on: boolean) => void;
}) {
  const { locale } = useApp();
  const p = IMPORT_MESSAGES[locale].preview;
  const n = props.threatening.length;
  const quotes: string[] = [];
  let total = 0;
  for (const i of props.threatening) {
    for (const planned of props.plan.incidents[i]?.items ?? []) {
      const text = planned.item.text ?? '';
      if (planned.own === true || !looksThreatening(text)) continue;
      total++;
      if (quotes.length < THREAT_EXAMPLES) {
        quotes.push(text.length > 200 ? `${text.slice(0, 199)}…` : text);
      }
    }
  }
  return (
    <section class="inset-text" aria-labelledby="import-threats-heading" data-threats="">
      <h2 class="heading-s" id="import-threats-heading">
        {p.threatsHeading}
      </h2>
      <p>{p.threatsText}</p>
      <ul class="list list--bullet" data-threat-quotes="">
        {quotes.map((q, i) => (
          <li key={i}>
            <q class="imported__text">{q}</q>
          </li>
        ))}
      </ul>
      {total > quotes.length && <p>{format(p.threatsMore, { n: total - quotes.length })}</p>}
      <CheckboxList
        id="import-threats"
        legend={format(p.threatsLegend, { behaviour: behaviourLabel(locale, THREATS) })}
        hint={p.threatsHint}
        choices={[
          { value: 'yes', label: n === 1 ? p.threatsLabelOne : format(p.threatsLabel, { n }) },
        ]}
        value={props.checked ? ['yes'] : []}
        onChange={(v) => props.onChange(v.includes('yes'))}
      />
    </section>
  );
}
