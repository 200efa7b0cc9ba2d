/**
 * Building blocks of the diary screens, after the GOV.UK Design System: checkboxes, a single
 * checkbox, a select, a date-and-time input; and the hook that loads the decrypted diary.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import {
  BEHAVIOUR_GROUPS,
  behaviour,
  channel,
  EFFECTS,
  formatDate,
  RELATIONSHIPS,
  type Person,
} from '../../../domain/diary/index.js';
import { useApp } from '../shell/context.js';
import type { DiaryData } from '../../../vault/index.js';
import { describeError } from '../shell/errors.js';
import { format, type AppLocale, type Messages } from '../shell/messages.js';
import { DIARY_MESSAGES } from './messages.js';

function describedBy(...ids: (string | undefined)[]): string | undefined {
  const list = ids.filter((id): id is string => id !== undefined);
  return list.length > 0 ? list.join(' ') : undefined;
}

function FieldError({ id, message }: { id: string; message: string }) {
  const { t } = useApp();
  return (
    <p class="error-message" id={id}>
      <span class="visually-hidden">{t.common.errorPrefix}</span> {message}
    </p>
  );
}

export interface CheckboxOption {
  readonly value: string;
  readonly label: string;
  readonly hint?: string;
}

/** GOV.UK checkboxes in a fieldset; `groups` draws sub-headings for a long list. */
export function Checkboxes(props: {
  readonly id: string;
  readonly legend: string;
  readonly hint?: string;
  readonly error?: string | undefined;
  readonly groups: readonly {
    readonly label?: string;
    readonly options: readonly CheckboxOption[];
  }[];
  readonly value: readonly string[];
  readonly onChange: (value: string[]) => void;
  readonly small?: boolean;
}) {
  const { id, legend, hint, error, groups, value, onChange } = props;
  const hintId = hint !== undefined ? `${id}-hint` : undefined;
  const errorId = error !== undefined ? `${id}-error` : undefined;
  let first = true;
  const toggle = (v: string, on: boolean): void =>
    onChange(on ? [...value, v] : value.filter((x) => x !== v));
  return (
    <div class={`form-group${error !== undefined ? ' form-group--error' : ''}`}>
      <fieldset class="fieldset" aria-describedby={describedBy(hintId, errorId)}>
        <legend class="fieldset-legend fieldset-legend--s">{legend}</legend>
        {hint !== undefined && (
          <div class="hint" id={hintId}>
            {hint}
          </div>
        )}
        {errorId !== undefined && error !== undefined && (
          <FieldError id={errorId} message={error} />
        )}
        {groups.map((group, gi) => (
          <div class="checkbox-group" key={gi}>
            {group.label !== undefined && <p class="checkbox-group__label">{group.label}</p>}
            <div class={`checkboxes${props.small === true ? ' checkboxes--small' : ''}`}>
              {group.options.map((option) => {
                const inputId = first ? id : `${id}-${option.value}`;
                first = false;
                const optionHint = option.hint !== undefined ? `${inputId}-item-hint` : undefined;
                return (
                  <div class="checkboxes__item" key={option.value}>
                    <input
                      class="checkboxes__input"
                      type="checkbox"
                      id={inputId}
                      name={id}
                      value={option.value}
                      checked={value.includes(option.value)}
                      aria-describedby={optionHint}
                      onChange={(e) => toggle(option.value, e.currentTarget.checked)}
                    />
                    <label class="checkboxes__label" for={inputId}>
                      {option.label}
                    </label>
                    {optionHint !== undefined && (
                      <div class="hint checkboxes__hint" id={optionHint}>
                        {option.hint}
                      </div>
                    )}
                  </div>
                );
              })}
            </div>
          </div>
        ))}
      </fieldset>
    </div>
  );
}

/** One checkbox on its own (a yes-or-no question). */
export function Checkbox(props: {
  readonly id: string;
  readonly label: string;
  readonly checked: boolean;
  readonly onChange: (checked: boolean) => void;
  readonly children?: ComponentChildren;
}) {
  return (
    <div class="form-group">
      <div class="checkboxes checkboxes--small">
        <div class="checkboxes__item">
          <input
            class="checkboxes__input"
            type="checkbox"
            id={props.id}
            name={props.id}
            checked={props.checked}
            onChange={(e) => props.onChange(e.currentTarget.checked)}
          />
          <label class="checkboxes__label" for={props.id}>
            {props.label}
          </label>
        </div>
        {props.checked && props.children !== undefined && (
          <div class="checkboxes__conditional">{props.children}</div>
        )}
      </div>
    </div>
  );
}

/** GOV.UK radios in a fieldset: one answer from a few. */
export function Radios(props: {
  readonly id: string;
  readonly legend: string;
  readonly hint?: string;
  readonly options: readonly { readonly value: string; readonly label: string }[];
  readonly value: string;
  readonly onChange: (value: string) => void;
}) {
  const { id, legend, hint, options, value, onChange } = props;
  const hintId = hint !== undefined ? `${id}-hint` : undefined;
  return (
    <div class="form-group">
      <fieldset class="fieldset" aria-describedby={hintId}>
        <legend class="fieldset-legend fieldset-legend--s">{legend}</legend>
        {hint !== undefined && (
          <div class="hint" id={hintId}>
            {hint}
          </div>
        )}
        <div class="radios">
          {options.map((option, i) => {
            const inputId = i === 0 ? id : `${id}-${option.value}`;
            return (
              <div class="radios__item" key={option.value}>
                <input
                  class="radios__input"
                  type="radio"
                  id={inputId}
                  name={id}
                  value={option.value}
                  checked={option.value === value}
                  onChange={() => onChange(option.value)}
                />
                <label class="radios__label" for={inputId}>
                  {option.label}
                </label>
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}

export function Select(props: {
  readonly id: string;
  readonly label: string;
  readonly hint?: string;
  readonly options: readonly { readonly value: string; readonly label: string }[];
  readonly value: string;
  readonly onChange: (value: string) => void;
}) {
  const hintId = props.hint !== undefined ? `${props.id}-hint` : undefined;
  return (
    <div class="form-group">
      <label class="label" for={props.id}>
        {props.label}
      </label>
      {props.hint !== undefined && (
        <div class="hint" id={hintId}>
          {props.hint}
        </div>
      )}
      <select
        class="select"
        id={props.id}
        name={props.id}
        aria-describedby={hintId}
        value={props.value}
        onChange={(e) => props.onChange(e.currentTarget.value)}
      >
        {props.options.map((o) => (
          <option key={o.value} value={o.value} selected={o.value === props.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A native date or date-and-time input with a GOV.UK label, hint and error. */
export function NativeDateField(props: {
  readonly id: string;
  readonly label: string;
  readonly hint?: string;
  readonly error?: string | undefined;
  readonly type: 'date' | 'datetime-local';
  readonly value: string;
  readonly onInput: (value: string) => void;
}) {
  const { id, label, hint, error } = props;
  const hintId = hint !== undefined ? `${id}-hint` : undefined;
  const errorId = error !== undefined ? `${id}-error` : undefined;
  return (
    <div class={`form-group${error !== undefined ? ' form-group--error' : ''}`}>
      <label class="label" for={id}>
        {label}
      </label>
      {hint !== undefined && (
        <div class="hint" id={hintId}>
          {hint}
        </div>
      )}
      {errorId !== undefined && error !== undefined && <FieldError id={errorId} message={error} />}
      <input
        class={`input input--date${error !== undefined ? ' input--error' : ''}`}
        id={id}
        name={id}
        type={props.type}
        value={props.value}
        aria-describedby={describedBy(hintId, errorId)}
        aria-invalid={error !== undefined ? 'true' : undefined}
        onInput={(e) => props.onInput(e.currentTarget.value)}
      />
    </div>
  );
}

// ---- text for records ----

/** "29 March 2026 at 19:05" for a zoned time, as it was recorded. */
export function formatZoned(t: Messages, locale: AppLocale, zoned: string): string {
  const date = formatDate(zoned.slice(0, 10))[locale];
  const time = zoned.slice(11, 16);
  return time.length === 5 ? format(t.dates.dateAtTime, { date, time }) : date;
}

/**
 * When an incident happened, in words, saying "about" when the time is approximate:
 * "29 March 2026 at about 19:05".
 */
export function formatZonedWhen(
  t: Messages,
  locale: AppLocale,
  when: { readonly start: string; readonly approximate?: boolean | undefined },
): string {
  if (when.approximate !== true) return formatZoned(t, locale, when.start);
  const date = formatDate(when.start.slice(0, 10))[locale];
  const time = when.start.slice(11, 16);
  return time.length === 5
    ? format(DIARY_MESSAGES[locale].diaryExtra.dates.dateAtAboutTime, { date, time })
    : date;
}

/** A local date `YYYY-MM-DD` in words. */
export function formatLocalDate(locale: AppLocale, date: string): string {
  return formatDate(date)[locale];
}

export function behaviourLabel(locale: AppLocale, key: string): string {
  return behaviour(key)?.label[locale] ?? key;
}

export function channelLabel(locale: AppLocale, key: string): string {
  return channel(key)?.label[locale] ?? key;
}

export function effectLabel(locale: AppLocale, key: string): string {
  return EFFECTS.find((e) => e.key === key)?.label[locale] ?? key;
}

export function relationshipLabel(locale: AppLocale, key: string): string {
  return RELATIONSHIPS.find((r) => r.key === key)?.label[locale] ?? key;
}

export function behaviourGroupLabel(locale: AppLocale, key: string): string {
  return BEHAVIOUR_GROUPS.find((g) => g.key === key)?.label[locale] ?? key;
}

/** One line about a person: name or alias, and how they are known. */
export function personName(person: Person): string {
  if (person.name !== undefined && person.alias !== undefined) {
    return `${person.name} (${person.alias})`;
  }
  return person.name ?? person.alias ?? '';
}

// ---- loading ----

export type { DiaryData } from '../../../vault/index.js';

export type DiaryState =
  | { readonly kind: 'loading' }
  | { readonly kind: 'loaded'; readonly data: DiaryData }
  | { readonly kind: 'failed'; readonly message: string };

/**
 * The decrypted diary from the session's store: at once when it is already loaded, otherwise
 * after the store's one load; the screen re-renders after every change made through the store.
 * With `partial`, the screen gets the newest incidents as soon as they are open, and again as
 * older ones arrive (`data.complete` says when that is all of them).
 */
export function useDiary(options: { partial?: boolean } = {}): {
  state: DiaryState;
  retry: () => void;
} {
  const { t, diary } = useApp();
  const store = diary.store;
  const read = (): DiaryData | undefined =>
    options.partial === true ? store.partial() : store.current();
  const [state, setState] = useState<DiaryState>(() => {
    const data = read();
    return data !== undefined ? { kind: 'loaded', data } : { kind: 'loading' };
  });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    const unsubscribe = store.subscribe(() => {
      const data = read();
      if (live && data !== undefined) setState({ kind: 'loaded', data });
    });
    if (store.current() === undefined) {
      if (read() === undefined) setState({ kind: 'loading' });
      store.load().then(
        (data) => {
          if (live) setState({ kind: 'loaded', data });
        },
        (e: unknown) => {
          if (live) setState({ kind: 'failed', message: describeError(t, e) });
        },
      );
    }
    return () => {
      live = false;
      unsubscribe();
    };
  }, [attempt]);
  return { state, retry: () => setAttempt((a) => a + 1) };
}
