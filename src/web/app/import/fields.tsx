/**
 * Form parts of the import screens after the GOV.UK Design System: radios (with a revealed
 * question under one option), checkboxes whose ids do not depend on their values (sender keys
 * hold spaces and "+"), an error message and a progress bar.
 */
import type { ComponentChildren } from 'preact';
import { useApp } from '../shell/context.js';

export function FieldError({ id, message }: { id: string; message: string }) {
  const { t } = useApp();
  return (
    <p class="error-message" id={id}>
      <span class="visually-hidden">{t.common.errorPrefix}</span> {message}
    </p>
  );
}

export interface Choice {
  readonly value: string;
  readonly label: string;
  readonly hint?: string | undefined;
  /** Shown under the option while it is chosen. */
  readonly reveal?: ComponentChildren;
}

function describedBy(...ids: (string | undefined)[]): string | undefined {
  const list = ids.filter((id): id is string => id !== undefined);
  return list.length > 0 ? list.join(' ') : undefined;
}

/** GOV.UK radios; the first input has `id`, so an error summary link lands on it. */
export function Radios(props: {
  readonly id: string;
  readonly legend: string;
  readonly hint?: string | undefined;
  readonly error?: string | undefined;
  readonly choices: readonly Choice[];
  readonly value: string | undefined;
  readonly onChange: (value: string) => void;
}) {
  const { id, legend, hint, error, choices, value, onChange } = props;
  const hintId = hint !== undefined ? `${id}-hint` : undefined;
  const errorId = error !== undefined ? `${id}-error` : undefined;
  return (
    <div class={`form-group${error !== undefined ? ' form-group--error' : ''}`}>
      <fieldset class="fieldset" aria-describedby={describedBy(hintId, errorId)}>
        <legend class="fieldset-legend fieldset-legend--m">{legend}</legend>
        {hint !== undefined && (
          <div class="hint" id={hintId}>
            {hint}
          </div>
        )}
        {error !== undefined && errorId !== undefined && (
          <FieldError id={errorId} message={error} />
        )}
        <div class="radios import-choices">
          {choices.map((choice, i) => {
            const inputId = i === 0 ? id : `${id}-${i}`;
            const choiceHint = choice.hint !== undefined ? `${inputId}-item-hint` : undefined;
            const chosen = value === choice.value;
            return (
              <div class="import-choice" key={choice.value}>
                <div class="radios__item">
                  <input
                    type="radio"
                    id={inputId}
                    name={id}
                    value={choice.value}
                    checked={chosen}
                    aria-describedby={choiceHint}
                    onChange={() => onChange(choice.value)}
                  />
                  <label for={inputId}>{choice.label}</label>
                </div>
                {choiceHint !== undefined && (
                  <div class="hint import-choice__hint" id={choiceHint}>
                    {choice.hint}
                  </div>
                )}
                {chosen && choice.reveal !== undefined && (
                  <div class="import-conditional">{choice.reveal}</div>
                )}
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}

/** GOV.UK checkboxes; values may be any text, ids are by position. */
export function CheckboxList(props: {
  readonly id: string;
  readonly legend: string;
  readonly hint?: string | undefined;
  readonly error?: string | undefined;
  readonly choices: readonly Choice[];
  readonly value: readonly string[];
  readonly onChange: (value: string[]) => void;
}) {
  const { id, legend, hint, error, choices, value, onChange } = props;
  const hintId = hint !== undefined ? `${id}-hint` : undefined;
  const errorId = error !== undefined ? `${id}-error` : undefined;
  const toggle = (v: string, on: boolean): void =>
    onChange(on ? [...value.filter((x) => x !== v), v] : value.filter((x) => x !== v));
  return (
    <div class={`form-group${error !== undefined ? ' form-group--error' : ''}`}>
      <fieldset class="fieldset" aria-describedby={describedBy(hintId, errorId)}>
        <legend class="fieldset-legend fieldset-legend--m">{legend}</legend>
        {hint !== undefined && (
          <div class="hint" id={hintId}>
            {hint}
          </div>
        )}
        {error !== undefined && errorId !== undefined && (
          <FieldError id={errorId} message={error} />
        )}
        <div class="checkboxes">
          {choices.map((choice, i) => {
            const inputId = i === 0 ? id : `${id}-${i}`;
            const choiceHint = choice.hint !== undefined ? `${inputId}-item-hint` : undefined;
            return (
              <div class="checkboxes__item" key={choice.value}>
                <input
                  class="checkboxes__input"
                  type="checkbox"
                  id={inputId}
                  name={id}
                  value={choice.value}
                  checked={value.includes(choice.value)}
                  aria-describedby={choiceHint}
                  onChange={(e) => toggle(choice.value, e.currentTarget.checked)}
                />
                <label class="checkboxes__label" for={inputId}>
                  {choice.label}
                </label>
                {choiceHint !== undefined && (
                  <div class="hint checkboxes__hint" id={choiceHint}>
                    {choice.hint}
                  </div>
                )}
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}

/** A labelled progress bar; the words beside it are what a screen reader hears. */
export function Progress(props: {
  readonly label: string;
  readonly fraction: number;
  readonly text: string;
}) {
  const percent = Math.max(0, Math.min(100, Math.round(props.fraction * 100)));
  return (
    <div class="import-progress">
      <progress class="import-progress__bar" max={100} value={percent} aria-label={props.label} />
      <p class="import-progress__text">{props.text}</p>
    </div>
  );
}
