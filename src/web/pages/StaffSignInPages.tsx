/**
 * Getting into the staff area: the first administrator's setup, joining with an invitation
 * (a passkey, or an authenticator app's key shown as a QR code and written out), and signing in.
 * Server-rendered forms; only the passkey buttons need the small script (src/web/staff/), which
 * finds them by data attributes. Split from StaffPages.tsx: the routes are staff-sign-in.tsx.
 */
import { qrPath } from '../../domain/qr-path.js';
import { format } from '../i18n/format.js';
import { STAFF_MESSAGES } from '../i18n/staff-messages.js';
import { Field, StaffLayout, staffHref, type Common, type StaffProblem } from './StaffFrame.js';

export function StaffSetupPage(
  props: Common & {
    values: Readonly<Record<string, string>>;
    problems: readonly StaffProblem[];
    open: boolean;
  },
) {
  const { site, locale, values, problems } = props;
  const t = STAFF_MESSAGES[locale];
  return (
    <StaffLayout
      site={site}
      locale={locale}
      title={t.setup.title}
      problems={problems}
      here="/staff/setup"
    >
      <h1>{t.setup.title}</h1>
      {props.open ? (
        <>
          <p>{t.setup.intro}</p>
          <form method="post" action={staffHref(site, locale, '/staff/setup')} novalidate>
            <Field
              name="token"
              label={t.setup.token}
              type="password"
              locale={locale}
              problems={problems}
            />
            <Field
              name="login"
              label={t.setup.login}
              hint={t.setup.loginHint}
              value={values.login}
              locale={locale}
              problems={problems}
              autocomplete="username"
            />
            <Field
              name="name"
              label={t.setup.name}
              value={values.name}
              locale={locale}
              problems={problems}
              autocomplete="name"
            />
            <button type="submit" class="button">
              {t.setup.submit}
            </button>
          </form>
        </>
      ) : (
        <p>{t.setup.done}</p>
      )}
    </StaffLayout>
  );
}

export function StaffJoinPage(
  props: Common & {
    token: string;
    member: { name: string } | undefined;
    /** The offered secret, its MAC, and its otpauth:// link for the QR code. */
    totp: { key: string; mac: string; uri: string } | undefined;
    problems: readonly StaffProblem[];
  },
) {
  const { site, locale, member, problems } = props;
  const t = STAFF_MESSAGES[locale];
  const here = `/staff/join/${props.token}`;
  return (
    <StaffLayout
      site={site}
      locale={locale}
      title={t.join.title}
      problems={problems}
      here={here}
      passkeys
    >
      <h1>{t.join.title}</h1>
      {!member || !props.totp ? (
        <p data-code="invitation_gone">{t.join.gone}</p>
      ) : (
        <>
          <p>{format(t.join.intro, { name: member.name })}</p>
          <div
            class="passkey"
            data-passkey="register"
            data-options={`${here}/passkey-options`}
            data-verify={`${here}/passkey`}
            data-working={t.working}
            data-failed={t.passkeyFailed}
          >
            <p class="passkey__noscript hint">{t.needsScript}</p>
            <button type="button" class="button" hidden>
              {t.join.button}
            </button>
            <p class="passkey__status" role="status" aria-live="polite" />
          </div>
          <h2>{t.join.codeHeading}</h2>
          <p>{t.join.codeIntro}</p>
          <TotpQr uri={props.totp.uri} label={t.join.qrLabel} />
          <p>
            {t.join.key}: <code class="staff-key">{props.totp.key.match(/.{4}/g)?.join(' ')}</code>
          </p>
          <form method="post" action={staffHref(site, locale, `${here}/code`)} novalidate>
            <input type="hidden" name="key" value={props.totp.key} />
            <input type="hidden" name="mac" value={props.totp.mac} />
            <Field
              name="code"
              label={t.join.code}
              locale={locale}
              problems={problems}
              inputmode="numeric"
              autocomplete="one-time-code"
            />
            <button type="submit" class="button button--secondary">
              {t.join.codeSubmit}
            </button>
          </form>
        </>
      )}
    </StaffLayout>
  );
}

export function StaffSignInPage(
  props: Common & { values: Readonly<Record<string, string>>; problems: readonly StaffProblem[] },
) {
  const { site, locale, problems } = props;
  const t = STAFF_MESSAGES[locale];
  return (
    <StaffLayout
      site={site}
      locale={locale}
      title={t.signIn.title}
      problems={problems}
      here="/staff/sign-in"
      passkeys
    >
      <h1>{t.signIn.title}</h1>
      <div
        class="passkey"
        data-passkey="sign-in"
        data-options="/staff/sign-in/passkey-options"
        data-verify="/staff/sign-in/passkey"
        data-working={t.working}
        data-failed={t.passkeyFailed}
      >
        <p class="passkey__noscript hint">{t.needsScript}</p>
        <button type="button" class="button" hidden>
          {t.signIn.button}
        </button>
        <p class="passkey__status" role="status" aria-live="polite" />
      </div>
      <h2>{t.signIn.codeHeading}</h2>
      <form method="post" action={staffHref(site, locale, '/staff/sign-in/code')} novalidate>
        <Field
          name="login"
          label={t.signIn.login}
          value={props.values.login}
          locale={locale}
          problems={problems}
          autocomplete="username"
        />
        <Field
          name="code"
          label={t.signIn.code}
          locale={locale}
          problems={problems}
          inputmode="numeric"
          autocomplete="one-time-code"
        />
        <button type="submit" class="button button--secondary">
          {t.signIn.submit}
        </button>
      </form>
    </StaffLayout>
  );
}

/** The authenticator app's key as a QR code (the key is also written out beside it). */
function TotpQr(props: { uri: string; label: string }) {
  const { d, size } = qrPath(props.uri);
  return (
    <svg
      viewBox={`0 0 ${size} ${size}`}
      width="200"
      height="200"
      role="img"
      aria-label={props.label}
      data-totp-qr=""
      shape-rendering="crispEdges"
      class="staff-qr"
    >
      <rect width={size} height={size} fill="#fff" />
      <path d={d} fill="#000" />
    </svg>
  );
}
