/**
 * GOV.UK form fields: text input, textarea and date input, each with its label, hint and error
 * message tied together by aria-describedby. Split from ui.tsx (the page frame and buttons).
 */
import type { ComponentChildren } from 'preact';
import { useApp } from '../shell/context.js';

export function ErrorMessage({ id, message }: { id: string; message: string }) {
  const { t } = useApp();
  return (
    <p class="error-message" id={id}>
      <span class="visually-hidden">{t.common.errorPrefix}</span> {message}
    </p>
  );
}

export function describedBy(...ids: (string | false | undefined)[]): string | undefined {
  const list = ids.filter((id): id is string => typeof id === 'string' && id.length > 0);
  return list.length > 0 ? list.join(' ') : undefined;
}

export interface InputAttributes {
  readonly autocomplete?: string;
  readonly inputMode?: 'numeric' | 'text';
  readonly spellcheck?: boolean;
  readonly autoCapitalize?: 'none' | 'sentences';
  readonly autoCorrect?: 'off' | 'on';
}

export function TextField(
  props: {
    readonly id: string;
    readonly label: string;
    readonly hint?: ComponentChildren;
    readonly error?: string | undefined;
    readonly value: string;
    readonly onInput: (value: string) => void;
    readonly width?: 'full' | 'half' | 'quarter';
    readonly labelClass?: string;
  } & InputAttributes,
) {
  const { id, label, hint, error, value, onInput, width = 'half', labelClass } = props;
  const hintId = hint !== undefined ? `${id}-hint` : undefined;
  const errorId = error !== undefined ? `${id}-error` : undefined;
  return (
    <div class={`form-group${error !== undefined ? ' form-group--error' : ''}`}>
      <label class={labelClass ?? 'label'} for={id}>
        {label}
      </label>
      {hint !== undefined && (
        <div class="hint" id={hintId}>
          {hint}
        </div>
      )}
      {error !== undefined && errorId !== undefined && (
        <ErrorMessage id={errorId} message={error} />
      )}
      <input
        class={`input input--${width}${error !== undefined ? ' input--error' : ''}`}
        id={id}
        name={id}
        type="text"
        value={value}
        autocomplete={props.autocomplete}
        inputMode={props.inputMode}
        spellcheck={props.spellcheck}
        autoCapitalize={props.autoCapitalize}
        autoCorrect={props.autoCorrect}
        aria-describedby={describedBy(hintId, errorId)}
        aria-invalid={error !== undefined ? 'true' : undefined}
        onInput={(e) => onInput(e.currentTarget.value)}
      />
    </div>
  );
}

export function TextArea(props: {
  readonly id: string;
  readonly label: string;
  readonly hint?: string;
  readonly error?: string | undefined;
  readonly value: string;
  readonly onInput: (value: string) => void;
  readonly rows?: number;
}) {
  const { id, label, hint, error, value, onInput, rows = 8 } = props;
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
      {error !== undefined && errorId !== undefined && (
        <ErrorMessage id={errorId} message={error} />
      )}
      <textarea
        class={`textarea${error !== undefined ? ' textarea--error' : ''}`}
        id={id}
        name={id}
        rows={rows}
        value={value}
        aria-describedby={describedBy(hintId, errorId)}
        aria-invalid={error !== undefined ? 'true' : undefined}
        onInput={(e) => onInput(e.currentTarget.value)}
      />
    </div>
  );
}

export interface DateParts {
  readonly day: string;
  readonly month: string;
  readonly year: string;
}

/** GOV.UK date input: day, month and year as separate numeric text fields. */
export function DateField(props: {
  readonly id: string;
  readonly legend: string;
  readonly hint: string;
  readonly error?: string | undefined;
  readonly value: DateParts;
  readonly onInput: (value: DateParts) => void;
}) {
  const { t } = useApp();
  const { id, legend, hint, error, value, onInput } = props;
  const hintId = `${id}-hint`;
  const errorId = error !== undefined ? `${id}-error` : undefined;
  const part = (name: keyof DateParts, label: string, width: string) => (
    <div class="date-input__item">
      <label class="date-input__label" for={`${id}-${name}`}>
        {label}
      </label>
      <input
        class={`input date-input__input date-input__input--${width}${error !== undefined ? ' input--error' : ''}`}
        id={`${id}-${name}`}
        name={`${id}-${name}`}
        type="text"
        inputMode="numeric"
        autocomplete="off"
        value={value[name]}
        aria-invalid={error !== undefined ? 'true' : undefined}
        onInput={(e) => onInput({ ...value, [name]: e.currentTarget.value })}
      />
    </div>
  );
  return (
    <div class={`form-group${error !== undefined ? ' form-group--error' : ''}`}>
      <fieldset role="group" aria-describedby={describedBy(hintId, errorId)}>
        <legend class="fieldset-legend">{legend}</legend>
        <div class="hint" id={hintId}>
          {hint}
        </div>
        {error !== undefined && errorId !== undefined && (
          <ErrorMessage id={errorId} message={error} />
        )}
        <div class="date-input">
          {part('day', t.note.day, '2')}
          {part('month', t.note.month, '2')}
          {part('year', t.note.year, '4')}
        </div>
      </fieldset>
    </div>
  );
}
