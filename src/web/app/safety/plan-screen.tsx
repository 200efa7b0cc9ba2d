/**
 * The safety plan: its items by section, each ticked, changed or deleted in place; the ideas not
 * yet in it, those that fit the latest risk check first; a box to add one's own. The plan is one
 * encrypted record (safety-records.ts); every change is a new revision on the one before, so a
 * change made on another device meanwhile is a conflict, never overwritten. Prints on one or two
 * A4 pages (vault.css hides the bar, the ideas and the buttons).
 */
import { useEffect, useState } from 'preact/hooks';
import {
  addItem,
  bySection,
  EMPTY_PLAN,
  MAX_ITEM_TEXT,
  PLAN_SECTIONS,
  removeItem,
  suggestionsFor,
  updateItem,
  type PlanItem,
  type PlanSection,
  type SafetyPlan,
} from '../../../domain/safety/safety-plan.js';
import type { RiskCheck } from '../../../domain/safety/risk-check.js';
import {
  isApiError,
  type RecordResponse,
  loadAll,
  loadOne,
  newRecordId,
  sealNewRecord,
  sealRecordUpdate,
  newestFirst,
  RISK_CHECK,
  SAFETY_PLAN,
} from '../../../vault/index.js';
import { useApp } from '../shell/context.js';
import { Select } from '../diary/diary-ui.js';
import { describeError } from '../shell/errors.js';
import { format } from '../shell/messages.js';
import { TextArea } from '../components/fields.js';
import { Busy, Button, LinkButton, Page, type ErrorItem } from '../components/ui.js';
import { HELPLINE_PHONE, useSafetyMessages } from './risk-screens.js';

type State =
  | { readonly kind: 'loading' }
  | { readonly kind: 'failed'; readonly message: string }
  | {
      readonly kind: 'loaded';
      readonly plan: SafetyPlan;
      /** The sealed record the next change builds on; undefined before the first save. */
      readonly base: RecordResponse | undefined;
      readonly latest: RiskCheck | undefined;
    };

/** A short random id for a new item. */
function itemId(): string {
  return newRecordId()
    .replace(/[^A-Za-z0-9_-]/g, '')
    .slice(0, 24);
}

export function SafetyPlanScreen() {
  const { t, api, session, revisions, navigate } = useApp();
  const s = useSafetyMessages();
  const p = s.plan;
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<string | undefined>();
  const [errors, setErrors] = useState<ErrorItem[]>([]);
  const [seq, setSeq] = useState(0);
  const [editing, setEditing] = useState<{ id: string; text: string } | undefined>();
  const [own, setOwn] = useState<{ text: string; section: PlanSection }>({
    text: '',
    section: 'people',
  });

  useEffect(() => {
    let live = true;
    const key = session.accountKey;
    Promise.all([
      loadAll(api, key, revisions, SAFETY_PLAN).then(async ({ records }) => {
        const newest = [...records].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))[0];
        if (newest === undefined) return { plan: EMPTY_PLAN, base: undefined };
        const held = await loadOne(api, key, revisions, SAFETY_PLAN, newest.id);
        return { plan: held.record.value, base: held.response };
      }),
      loadAll(api, key, revisions, RISK_CHECK).then(({ records }) => newestFirst(records)[0]),
    ]).then(
      ([plan, latest]) => {
        if (live) setState({ kind: 'loaded', ...plan, latest: latest?.value });
      },
      (e: unknown) => {
        if (live) setState({ kind: 'failed', message: describeError(t, e) });
      },
    );
    return () => {
      live = false;
    };
  }, []);

  const fail = (field: string, message: string): void => {
    setErrors([{ field, message }]);
    setSeq((n) => n + 1);
  };

  /** Seals the changed plan as the record's next revision (or its first). */
  const save = async (next: SafetyPlan, said: string, field: string): Promise<boolean> => {
    if (state.kind !== 'loaded' || busy) return false;
    setBusy(true);
    setStatus(undefined);
    // Shown at once (a tick stays ticked while it saves); put back if the save fails.
    setState({ ...state, plan: next });
    try {
      const checked = SAFETY_PLAN.check(next);
      const response =
        state.base === undefined
          ? await api.createRecord(
              await sealNewRecord(session.accountKey, SAFETY_PLAN.type, checked),
            )
          : await api.updateRecord(
              state.base.id,
              await sealRecordUpdate(session.accountKey, state.base, checked),
            );
      revisions.see(response.id, response.revision);
      setState({ ...state, plan: checked, base: response });
      setErrors([]);
      setStatus(said);
      return true;
    } catch (e) {
      setState(state);
      fail(field, isApiError(e, 'revision_conflict') ? p.conflict : describeError(t, e));
      return false;
    } finally {
      setBusy(false);
    }
  };

  const textError = (text: string): string | undefined => {
    const n = Array.from(text.trim()).length;
    return n === 0 ? p.textError : n > MAX_ITEM_TEXT ? p.textLong : undefined;
  };

  const error = (id: string): string | undefined => errors.find((e) => e.field === id)?.message;

  return (
    <Page title={p.title} errors={errors} errorSeq={seq} back={() => navigate({ name: 'home' })}>
      <p class="no-print">{p.lede}</p>
      <div class="button-group no-print">
        <Button variant="secondary" onClick={() => window.print()}>
          {p.print}
        </Button>
        <LinkButton onClick={() => navigate({ name: 'risk-check' })}>{p.riskLink}</LinkButton>
      </div>
      <Busy message={state.kind === 'loading' ? p.loading : busy ? p.saving : undefined} />
      <div class="visually-hidden" role="status">
        {status}
      </div>
      {state.kind === 'failed' && (
        <div class="notice notice--error" role="alert">
          <p>{state.message}</p>
        </div>
      )}
      {state.kind === 'loaded' && (
        <>
          <h2 class="print-only">{p.title}</h2>
          <div class="safety-plan" data-plan="">
            {bySection(state.plan)
              .filter(([, items]) => items.length > 0)
              .map(([section, items]) => (
                <section class="safety-plan__section" key={section} data-section={section}>
                  <h2 class="safety-plan__heading">{p.sections[section]}</h2>
                  <ul class="safety-plan__items">
                    {items.map((item) => (
                      <PlanRow
                        key={item.id}
                        item={item}
                        busy={busy}
                        editing={editing?.id === item.id ? editing.text : undefined}
                        error={error(`plan-edit-${item.id}`)}
                        onTick={(done) =>
                          void save(
                            updateItem(state.plan, item.id, { done }),
                            p.saved,
                            `plan-done-${item.id}`,
                          )
                        }
                        onEdit={() => setEditing({ id: item.id, text: item.text })}
                        onEditText={(text) => setEditing({ id: item.id, text })}
                        onEditCancel={() => setEditing(undefined)}
                        onEditSave={async () => {
                          const text = editing?.text ?? '';
                          const problem = textError(text);
                          if (problem !== undefined) return fail(`plan-edit-${item.id}`, problem);
                          const ok = await save(
                            updateItem(state.plan, item.id, { text: text.trim() }),
                            p.saved,
                            `plan-edit-${item.id}`,
                          );
                          if (ok) setEditing(undefined);
                        }}
                        onDelete={() =>
                          void save(
                            removeItem(state.plan, item.id),
                            p.deleted,
                            `plan-done-${item.id}`,
                          )
                        }
                      />
                    ))}
                  </ul>
                </section>
              ))}
            {state.plan.items.length === 0 && <p>{p.empty}</p>}
            <p class="print-only safety-plan__footer" data-print-footer="">
              {format(p.printFooter, { helpline: s.risk.helpline, phone: HELPLINE_PHONE })}
            </p>
          </div>

          <section class="safety-own no-print" aria-labelledby="plan-own-heading">
            <h2 id="plan-own-heading">{p.ownTitle}</h2>
            <TextArea
              id="plan-own-text"
              label={p.ownText}
              error={error('plan-own-text')}
              value={own.text}
              onInput={(text) => setOwn({ ...own, text })}
              rows={2}
            />
            <Select
              id="plan-own-section"
              label={p.ownSection}
              options={PLAN_SECTIONS.map((section) => ({
                value: section,
                label: p.sections[section],
              }))}
              value={own.section}
              onChange={(section) => setOwn({ ...own, section: section as PlanSection })}
            />
            <Button
              variant="secondary"
              disabled={busy}
              onClick={() => {
                const problem = textError(own.text);
                if (problem !== undefined) return fail('plan-own-text', problem);
                void save(
                  addItem(state.plan, {
                    id: itemId(),
                    section: own.section,
                    text: own.text.trim(),
                    done: false,
                  }),
                  p.saved,
                  'plan-own-text',
                ).then((ok) => {
                  if (ok) setOwn({ ...own, text: '' });
                });
              }}
            >
              {p.ownAdd}
            </Button>
          </section>

          <section class="safety-ideas no-print" aria-labelledby="plan-ideas-heading">
            <h2 id="plan-ideas-heading">{p.suggestionsTitle}</h2>
            <p class="hint">{p.suggestionsLede}</p>
            <ul class="safety-ideas__list" data-suggestions="">
              {suggestionsFor(state.plan, state.latest).map((suggestion) => {
                const text = p.suggestions[suggestion.key as keyof typeof p.suggestions];
                return (
                  <li
                    class="safety-ideas__item"
                    key={suggestion.key}
                    data-suggestion={suggestion.key}
                  >
                    <p class="safety-ideas__text">
                      <span class="safety-ideas__section">{p.sections[suggestion.section]}:</span>{' '}
                      {text}
                    </p>
                    <button
                      type="button"
                      class="button button--secondary safety-ideas__add"
                      id={`plan-add-${suggestion.key}`}
                      disabled={busy}
                      aria-label={format(p.addLabel, { text })}
                      onClick={() =>
                        void save(
                          addItem(state.plan, {
                            id: itemId(),
                            section: suggestion.section,
                            text,
                            done: false,
                            suggestion: suggestion.key as PlanItem['suggestion'] & string,
                          }),
                          p.saved,
                          `plan-add-${suggestion.key}`,
                        )
                      }
                    >
                      {p.add}
                    </button>
                  </li>
                );
              })}
            </ul>
          </section>
        </>
      )}
    </Page>
  );
}

function PlanRow(props: {
  item: PlanItem;
  busy: boolean;
  editing: string | undefined;
  error: string | undefined;
  onTick: (done: boolean) => void;
  onEdit: () => void;
  onEditText: (text: string) => void;
  onEditCancel: () => void;
  onEditSave: () => Promise<void>;
  onDelete: () => void;
}) {
  const { t } = useApp();
  const p = useSafetyMessages().plan;
  const { item } = props;
  const doneId = `plan-done-${item.id}`;
  if (props.editing !== undefined) {
    return (
      <li class="safety-plan__item" data-item="">
        <TextArea
          id={`plan-edit-${item.id}`}
          label={p.editText}
          error={props.error}
          value={props.editing}
          onInput={props.onEditText}
          rows={3}
        />
        <div class="button-group">
          <Button disabled={props.busy} onClick={() => void props.onEditSave()}>
            {p.saveItem}
          </Button>
          <LinkButton onClick={props.onEditCancel}>{t.common.cancel}</LinkButton>
        </div>
      </li>
    );
  }
  return (
    <li
      class={`safety-plan__item${item.done ? ' safety-plan__item--done' : ''}`}
      data-item=""
      data-done={item.done ? 'true' : 'false'}
    >
      <div class="checkboxes checkboxes--small">
        <div class="checkboxes__item">
          <input
            class="checkboxes__input"
            type="checkbox"
            id={doneId}
            checked={item.done}
            disabled={props.busy}
            onChange={(e) => props.onTick(e.currentTarget.checked)}
          />
          <label class="checkboxes__label" for={doneId}>
            {item.text}
          </label>
        </div>
      </div>
      <div class="safety-plan__actions no-print">
        <LinkButton onClick={props.onEdit} label={format(p.editLabel, { text: item.text })}>
          {p.edit}
        </LinkButton>
        <LinkButton onClick={props.onDelete} label={format(p.deleteLabel, { text: item.text })}>
          {p.delete}
        </LinkButton>
      </div>
    </li>
  );
}
