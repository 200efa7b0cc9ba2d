/**
 * The risk check screens: the form (every question on one screen, GOV.UK radios, an optional
 * note and date for each, what the diary already shows beside a question), the result (999 and
 * "press 55" first when the answers call for it, then the warning signs and what each means,
 * and a push to share it with the police or an advocate), and the history of earlier checks
 * with what changed. Each check is its own encrypted record (safety-records.ts), never edited.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import {
  diaryHints,
  RISK_QUESTIONS,
  riskChanges,
  riskResult,
  type DiaryHint,
  type RiskAnswerValue,
  type RiskCheck,
  type RiskQuestion,
} from '../../../domain/safety/risk-check.js';
import { useApp } from '../shell/context.js';
import {
  loadAll,
  loadOne,
  sealNewRecord,
  type DecryptedRecord,
  newestFirst,
  RISK_CHECK,
} from '../../../vault/index.js';
import { useDiary } from '../diary/diary-ui.js';
import { describeError } from '../shell/errors.js';
import { format } from '../shell/messages.js';
import { DateField, TextArea } from '../components/fields.js';
import { Busy, Button, LinkButton, Page, type ErrorItem } from '../components/ui.js';
import { SAFETY_MESSAGES, type SafetyMessages } from './messages.js';
import { checkRiskForm, EMPTY_DATE, localToday, type AnswerFields } from './risk-form.js';

/** The National Stalking Helpline, as content/services.yaml lists it. */
export const HELPLINE_PHONE = '0808 802 0300';

export function useSafetyMessages(): SafetyMessages {
  return SAFETY_MESSAGES[useApp().locale];
}

function answerWord(words: SafetyMessages['risk'], a: RiskAnswerValue | undefined): string {
  if (a === undefined) return words.noAnswer;
  return a === 'yes' ? words.answers.yes : a === 'no' ? words.answers.no : words.answers.notSure;
}

/** "This is a guide, not an assessment by a professional", said plainly. */
function Guide() {
  const s = useSafetyMessages();
  return (
    <div class="inset-text" data-risk-guide="">
      <p>{s.risk.guide}</p>
    </div>
  );
}

// ---- the form ----

export function RiskCheckScreen() {
  const app = useApp();
  const { t, navigate, api, session, revisions } = app;
  const s = useSafetyMessages();
  const r = s.risk;
  const [fields, setFields] = useState<Partial<Record<RiskQuestion, AnswerFields>>>({});
  const [errors, setErrors] = useState<ErrorItem[]>([]);
  const [seq, setSeq] = useState(0);
  const [busy, setBusy] = useState(false);
  const { state } = useDiary();
  const hints = useMemo(
    () =>
      state.kind === 'loaded'
        ? diaryHints(
            state.data.incidents.map((i) => ({
              start: i.value.when.start,
              behaviours: i.value.behaviours,
            })),
          )
        : {},
    [state],
  );
  const update = (q: RiskQuestion, change: Partial<AnswerFields>): void =>
    setFields((f) => ({
      ...f,
      [q]: { ...{ answer: '', note: '', date: EMPTY_DATE }, ...f[q], ...change },
    }));
  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    if (busy) return;
    const check = checkRiskForm(fields, r, localToday());
    if (!check.ok) {
      setErrors(check.errors);
      setSeq(seq + 1);
      return;
    }
    setBusy(true);
    try {
      const body = await sealNewRecord(
        session.accountKey,
        RISK_CHECK.type,
        RISK_CHECK.check(check.value),
      );
      const created = await api.createRecord(body);
      revisions.see(created.id, created.revision);
      navigate({ name: 'risk-result', id: created.id }, r.saved);
    } catch (e) {
      setBusy(false);
      setErrors([{ field: `risk-${RISK_QUESTIONS[0]}`, message: describeError(t, e) }]);
      setSeq(seq + 1);
    }
  };
  const error = (id: string): string | undefined => errors.find((e) => e.field === id)?.message;
  return (
    <Page title={r.title} errors={errors} errorSeq={seq} back={() => navigate({ name: 'home' })}>
      <Guide />
      <p>
        <LinkButton onClick={() => navigate({ name: 'risk-history' })}>{r.historyLink}</LinkButton>
      </p>
      <form noValidate onSubmit={(e) => void submit(e)} data-risk-form="">
        {RISK_QUESTIONS.map((q, i) => (
          <RiskQuestionField
            key={q}
            question={q}
            number={i + 1}
            fields={fields[q]}
            hint={hints[q]}
            error={error(`risk-${q}`)}
            dateError={error(`risk-${q}-date-day`)}
            noteError={error(`risk-${q}-note`)}
            onChange={(change) => update(q, change)}
          />
        ))}
        <Busy message={busy ? r.saving : undefined} />
        <div class="button-group">
          <Button type="submit" disabled={busy}>
            {r.save}
          </Button>
        </div>
      </form>
    </Page>
  );
}

function RiskQuestionField(props: {
  question: RiskQuestion;
  number: number;
  fields: AnswerFields | undefined;
  hint: DiaryHint | undefined;
  error: string | undefined;
  dateError: string | undefined;
  noteError: string | undefined;
  onChange: (change: Partial<AnswerFields>) => void;
}) {
  const app = useApp();
  const { t } = app;
  const r = useSafetyMessages().risk;
  const { question: q, fields, hint, error } = props;
  const words = r.questions[q];
  const id = `risk-${q}`;
  const hintId = `${id}-hint`;
  const diaryId = `${id}-diary`;
  const errorId = `${id}-error`;
  const options: [RiskAnswerValue, string][] = [
    ['yes', r.answers.yes],
    ['no', r.answers.no],
    ['not-sure', r.answers.notSure],
  ];
  return (
    <div
      class={`form-group risk-question${error !== undefined ? ' form-group--error' : ''}`}
      data-question={q}
    >
      <fieldset
        class="fieldset"
        aria-describedby={[
          hintId,
          hint !== undefined ? diaryId : '',
          error !== undefined ? errorId : '',
        ]
          .filter((x) => x !== '')
          .join(' ')}
      >
        <legend class="fieldset-legend fieldset-legend--s">
          {props.number}. {words.question}
        </legend>
        <div class="hint" id={hintId}>
          {words.hint}
        </div>
        {hint !== undefined && (
          <p class="risk-question__diary" id={diaryId} data-diary-hint="">
            {hint.entries === 1
              ? r.diarySaysOne
              : hint.mostInAWeek !== undefined
                ? format(r.diarySaysWeek, { n: hint.entries, week: hint.mostInAWeek })
                : format(r.diarySays, { n: hint.entries })}
          </p>
        )}
        {error !== undefined && (
          <p class="error-message" id={errorId}>
            <span class="visually-hidden">{t.common.errorPrefix}</span> {r.answerError}
          </p>
        )}
        <div class="radios radios--inline">
          {options.map(([value, label], i) => {
            const inputId = i === 0 ? id : `${id}-${value}`;
            return (
              <div class="radios__item" key={value}>
                <input
                  class="radios__input"
                  type="radio"
                  id={inputId}
                  name={id}
                  value={value}
                  checked={fields?.answer === value}
                  onChange={() => props.onChange({ answer: value })}
                />
                <label class="radios__label" for={inputId}>
                  {label}
                </label>
              </div>
            );
          })}
        </div>
      </fieldset>
      {fields !== undefined && fields.answer !== '' && fields.answer !== 'no' && (
        <div class="risk-question__more">
          <TextArea
            id={`${id}-note`}
            label={r.note}
            error={props.noteError}
            value={fields.note}
            onInput={(note) => props.onChange({ note })}
            rows={2}
          />
          <DateField
            id={`${id}-date`}
            legend={r.date}
            hint={r.dateHint}
            error={props.dateError}
            value={fields.date}
            onInput={(date) => props.onChange({ date })}
          />
        </div>
      )}
    </div>
  );
}

// ---- the result ----

type Loaded<T> =
  | { readonly kind: 'loading' }
  | { readonly kind: 'loaded'; readonly value: T }
  | { readonly kind: 'failed'; readonly message: string };

/** Every saved check, newest first. */
function useChecks(): Loaded<DecryptedRecord<RiskCheck>[]> {
  const { api, session, revisions, t } = useApp();
  const [state, setState] = useState<Loaded<DecryptedRecord<RiskCheck>[]>>({ kind: 'loading' });
  useEffect(() => {
    let live = true;
    loadAll(api, session.accountKey, revisions, RISK_CHECK).then(
      ({ records }) => {
        if (live) setState({ kind: 'loaded', value: newestFirst(records) });
      },
      (e: unknown) => {
        if (live) setState({ kind: 'failed', message: describeError(t, e) });
      },
    );
    return () => {
      live = false;
    };
  }, []);
  return state;
}

export function RiskResultScreen({ id }: { id: string }) {
  const { api, session, revisions, navigate, formatHappened } = useApp();
  const s = useSafetyMessages();
  const r = s.risk;
  const [state, setState] = useState<Loaded<RiskCheck>>({ kind: 'loading' });
  const checks = useChecks();
  useEffect(() => {
    loadOne(api, session.accountKey, revisions, RISK_CHECK, id).then(
      ({ record }) => setState({ kind: 'loaded', value: record.value }),
      () => setState({ kind: 'failed', message: r.notFound }),
    );
  }, [id]);
  const earlier =
    state.kind === 'loaded' && checks.kind === 'loaded'
      ? checks.value.slice(checks.value.findIndex((c) => c.id === id) + 1)[0]
      : undefined;
  return (
    <Page title={r.resultTitle} back={() => navigate({ name: 'home' })}>
      <Busy message={state.kind === 'loading' ? r.loading : undefined} />
      {state.kind === 'failed' && (
        <div class="notice notice--error" role="alert">
          <p>{state.message}</p>
        </div>
      )}
      {state.kind === 'loaded' && (
        <>
          <p class="caption">
            {format(r.checkedOn, { date: formatHappened(state.value.answeredOn) })}
          </p>
          <RiskResultBody check={state.value} />
          {checks.kind === 'loaded' && (
            <Changes
              earlier={earlier?.value}
              later={state.value}
              first={checks.value.length <= 1}
            />
          )}
        </>
      )}
      <ul class="diary-links no-print">
        <li>
          <LinkButton onClick={() => navigate({ name: 'safety-plan' })}>{r.planLink}</LinkButton>
        </li>
        <li>
          <LinkButton onClick={() => navigate({ name: 'risk-history' })}>
            {r.historyLink}
          </LinkButton>
        </li>
        <li>
          <LinkButton onClick={() => navigate({ name: 'risk-check' })}>{r.newCheck}</LinkButton>
        </li>
      </ul>
    </Page>
  );
}

function RiskResultBody({ check }: { check: RiskCheck }) {
  const { locale, formatHappened } = useApp();
  const r = SAFETY_MESSAGES[locale].risk;
  const result = riskResult(check);
  return (
    <div data-risk-result="">
      {result.urgent && (
        <div class="risk-urgent" role="alert" data-urgent="">
          <h2 class="risk-urgent__title">{r.urgentTitle}</h2>
          <p>{r.urgent}</p>
        </div>
      )}
      <Guide />
      <h2>{r.warningsTitle}</h2>
      {result.warnings.length === 0 ? (
        <p>{r.noWarnings}</p>
      ) : (
        <ul class="risk-warnings" data-warnings="">
          {result.warnings.map((q) => {
            const a = check.answers[q];
            return (
              <li key={q} data-warning={q}>
                <p class="risk-warnings__question">
                  <strong>{r.questions[q].question}</strong>
                </p>
                <p>{r.questions[q].meaning}</p>
                {a?.date !== undefined && (
                  <p class="hint">{format(r.lastHappened, { date: formatHappened(a.date) })}</p>
                )}
                {a?.note !== undefined && (
                  <p class="hint">
                    {r.yourNote} {a.note}
                  </p>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {result.unsure.length > 0 && (
        <>
          <h2>{r.unsureTitle}</h2>
          <ul class="list-bullet">
            {result.unsure.map((q) => (
              <li key={q}>{r.questions[q].question}</li>
            ))}
          </ul>
        </>
      )}
      <p class="risk-share" data-share="">
        <strong>{format(r.share, { helpline: r.helpline, phone: HELPLINE_PHONE })}</strong>
      </p>
    </div>
  );
}

function Changes(props: { earlier: RiskCheck | undefined; later: RiskCheck; first: boolean }) {
  const r = useSafetyMessages().risk;
  if (props.earlier === undefined) return props.first ? <p>{r.firstCheck}</p> : null;
  const changes = riskChanges(props.earlier, props.later);
  return (
    <section data-changes="">
      <h2>{r.changedTitle}</h2>
      {changes.length === 0 ? (
        <p>{r.noChanges}</p>
      ) : (
        <ul class="list-bullet">
          {changes.map((c) => (
            <li key={c.question} data-change={c.question}>
              {r.questions[c.question].question}{' '}
              {format(r.change, { before: answerWord(r, c.before), after: answerWord(r, c.after) })}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

// ---- the history ----

export function RiskHistoryScreen() {
  const { navigate, formatHappened } = useApp();
  const r = useSafetyMessages().risk;
  const checks = useChecks();
  return (
    <Page title={r.historyTitle} back={() => navigate({ name: 'home' })}>
      <Guide />
      <Button onClick={() => navigate({ name: 'risk-check' })}>{r.newCheck}</Button>
      <Busy message={checks.kind === 'loading' ? r.loading : undefined} />
      {checks.kind === 'failed' && (
        <div class="notice notice--error" role="alert">
          <p>{checks.message}</p>
        </div>
      )}
      {checks.kind === 'loaded' &&
        (checks.value.length === 0 ? (
          <p>{r.noChecks}</p>
        ) : (
          <ul class="entries" data-risk-history="">
            {checks.value.map((c, i) => {
              const earlier = checks.value[i + 1];
              const changes = earlier !== undefined ? riskChanges(earlier.value, c.value) : [];
              const result = riskResult(c.value);
              const date = formatHappened(c.value.answeredOn);
              return (
                <li class="entry" key={c.id} data-check="">
                  <h2 class="entry__title">
                    <LinkButton onClick={() => navigate({ name: 'risk-result', id: c.id })}>
                      {format(r.view, { date })}
                    </LinkButton>
                  </h2>
                  <p class="entry__meta">
                    {r.warningsTitle}: {result.warnings.length}
                  </p>
                  {earlier === undefined ? (
                    <p class="hint">{r.firstCheck}</p>
                  ) : changes.length === 0 ? (
                    <p class="hint">{r.noChanges}</p>
                  ) : (
                    <ul class="list-bullet">
                      {changes.map((ch) => (
                        <li key={ch.question} data-change={ch.question}>
                          {r.questions[ch.question].question}{' '}
                          {format(r.change, {
                            before: answerWord(r, ch.before),
                            after: answerWord(r, ch.after),
                          })}
                        </li>
                      ))}
                    </ul>
                  )}
                </li>
              );
            })}
          </ul>
        ))}
    </Page>
  );
}
