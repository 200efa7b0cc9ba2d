/**
 * Building blocks after the GOV.UK Design System: a page with its heading, notice and error
 * summary; buttons, links, delete confirmation and busy lines. The fields are in fields.tsx and
 * passphrase-field.tsx. No inline styles anywhere (the page's CSP forbids them): every look is
 * a class in src/web/styles/vault.css.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { useApp } from '../shell/context.js';

import type { ErrorItem } from './form-errors.js';

export type { ErrorItem };

export function Page(props: {
  /** Fixed text for document.title; never diary content. */
  readonly title: string;
  /** The visible heading, when it differs from the title (it may hold diary text). */
  readonly heading?: string;
  readonly caption?: string;
  readonly errors?: readonly ErrorItem[];
  /** Changes on each failed submit, so the summary takes focus again. */
  readonly errorSeq?: number;
  readonly back?: () => void;
  readonly children: ComponentChildren;
}) {
  const { t, notice, moveFocus, install } = useApp();
  const heading = useRef<HTMLHeadingElement>(null);
  const noticeRef = useRef<HTMLDivElement>(null);
  const errors = props.errors ?? [];
  const hasErrors = errors.length > 0;
  // The installed app's tab and app-switcher title is its name alone, on every screen.
  const fixedTitle = install.mode?.name;

  useEffect(() => {
    const prefix = hasErrors ? t.common.titleErrorPrefix : '';
    document.title =
      fixedTitle !== undefined
        ? `${prefix}${fixedTitle}`
        : `${prefix}${props.title} – ${titleSuffix()}`;
  }, [props.title, hasErrors, t, fixedTitle]);

  // In the same task as the new screen is drawn, so focus never falls back to the page body.
  useLayoutEffect(() => {
    if (moveFocus) (noticeRef.current ?? heading.current)?.focus();
    // Only when the screen first shows.
  }, []);

  return (
    <div class="vault-page">
      {props.back && <BackLink onClick={props.back} />}
      {notice !== undefined && (
        <div class="notice notice--success" role="status" tabindex={-1} ref={noticeRef}>
          <p>{notice}</p>
        </div>
      )}
      {hasErrors && <ErrorSummary errors={errors} seq={props.errorSeq ?? 0} />}
      {props.caption !== undefined && <p class="caption">{props.caption}</p>}
      <h1 tabindex={-1} ref={heading}>
        {props.heading ?? props.title}
      </h1>
      {props.children}
    </div>
  );
}

let suffix: string | undefined;
/**
 * What follows a screen's title in the tab: the organisation's short name, which the shell
 * gives as `data-site-name` (the screen titles already say "diary" where they need to, so the
 * shell's own "Private diary" is not repeated).
 */
function titleSuffix(): string {
  suffix ??= document.getElementById('vault-app')?.dataset.siteName ?? document.title;
  return suffix;
}

function BackLink({ onClick }: { onClick: () => void }) {
  const { t } = useApp();
  return (
    <button type="button" class="back-link" onClick={onClick}>
      {t.common.back}
    </button>
  );
}

/** GOV.UK error summary: takes focus, links move to each field. */
export function ErrorSummary({ errors, seq }: { errors: readonly ErrorItem[]; seq: number }) {
  const { t } = useApp();
  const ref = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    ref.current?.focus();
  }, [seq]);
  return (
    <div class="error-summary" tabindex={-1} ref={ref} aria-labelledby="error-summary-title">
      <div role="alert">
        <h2 class="error-summary__title" id="error-summary-title">
          {t.common.errorSummaryTitle}
        </h2>
        <ul class="error-summary__list">
          {errors.map((e) => (
            <li key={e.field + e.message}>
              <a
                href={`#${e.field}`}
                onClick={(event) => {
                  // Move to the field without touching the address (no hash in history).
                  event.preventDefault();
                  const target = document.getElementById(e.field);
                  target?.focus();
                  target?.scrollIntoView({ block: 'center' });
                }}
              >
                {e.message}
              </a>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

export function Button(props: {
  readonly children: ComponentChildren;
  readonly onClick?: () => void;
  readonly type?: 'button' | 'submit';
  readonly variant?: 'primary' | 'secondary' | 'warning' | 'start';
  readonly large?: boolean;
  readonly disabled?: boolean;
  readonly describedBy?: string;
}) {
  const { variant = 'primary', type = 'button' } = props;
  return (
    <button
      type={type}
      class={`button${variant === 'primary' ? '' : ` button--${variant}`}${props.large === true ? ' button--large' : ''}`}
      disabled={props.disabled}
      aria-describedby={props.describedBy}
      onClick={props.onClick}
    >
      {props.children}
    </button>
  );
}

/** An in-app link: a button that looks like a link, since routing never touches the address. */
export function LinkButton(props: {
  readonly children: ComponentChildren;
  readonly onClick: () => void;
  readonly class?: string;
  readonly label?: string;
}) {
  return (
    <button
      type="button"
      class={`link-button${props.class !== undefined ? ` ${props.class}` : ''}`}
      aria-label={props.label}
      onClick={props.onClick}
    >
      {props.children}
    </button>
  );
}

/**
 * The body of every "Delete this …?" screen: the GOV.UK warning text, a status line while it
 * works, the red confirm button (its id is what an error summary links to) and a way back.
 */
export function ConfirmDelete(props: {
  readonly warning: ComponentChildren;
  readonly busy: boolean;
  readonly busyMessage: string;
  readonly confirm: string;
  readonly keep: string;
  readonly onConfirm: () => void;
  readonly onKeep: () => void;
  readonly id?: string;
  /** Set on the warning for tests and styles: how many entries name what is deleted. */
  readonly named?: number;
}) {
  return (
    <>
      <div class="warning-text" data-named={props.named}>
        <span class="warning-text__icon" aria-hidden="true">
          !
        </span>
        <strong class="warning-text__text">{props.warning}</strong>
      </div>
      <Busy message={props.busy ? props.busyMessage : undefined} />
      <div class="button-group">
        <button
          type="button"
          id={props.id ?? 'confirm-delete'}
          class="button button--warning"
          disabled={props.busy}
          onClick={props.onConfirm}
        >
          {props.confirm}
        </button>
        <LinkButton onClick={props.onKeep}>{props.keep}</LinkButton>
      </div>
    </>
  );
}

/** A status line for slow work (key derivation), announced politely; empty when idle. */
export function Busy({ message }: { message: string | undefined }) {
  return (
    <div class="busy" role="status">
      {message !== undefined && (
        <p class="busy__message">
          <span class="busy__spinner" aria-hidden="true" />
          {message}
        </p>
      )}
    </div>
  );
}

/** An error that belongs to no single field (network, server), shown in the summary. */
export function useSubmitErrors(): {
  errors: ErrorItem[];
  seq: number;
  show: (errors: ErrorItem[]) => void;
  clear: () => void;
} {
  const [state, setState] = useState<{ errors: ErrorItem[]; seq: number }>({ errors: [], seq: 0 });
  return {
    errors: state.errors,
    seq: state.seq,
    show: (errors) => setState((s) => ({ errors, seq: s.seq + 1 })),
    clear: () => setState((s) => ({ errors: [], seq: s.seq })),
  };
}

/**
 * True while the screen is still on the page. Slow work (key derivation, a backup) checks it
 * before acting on its result: a lock remounts the app, and leaving a screen unmounts it, so a
 * result that arrives afterwards must be dropped (and its keys wiped), not acted on.
 */
export function useLive(): { readonly current: boolean } {
  const live = useRef(true);
  useEffect(
    () => () => {
      live.current = false;
    },
    [],
  );
  return live;
}

/**
 * Lets the browser paint (a busy message) before a long synchronous step such as Argon2id.
 * Falls back to a timer when animation frames are paused (a hidden tab).
 */
export function nextPaint(): Promise<void> {
  return new Promise((resolve) => {
    let done = false;
    const finish = (): void => {
      if (!done) {
        done = true;
        resolve();
      }
    };
    requestAnimationFrame(() => setTimeout(finish, 0));
    setTimeout(finish, 100);
  });
}
