/**
 * The administrators' pages (/staff/members, /staff/audit): staff accounts, their passkeys and
 * codes, and the audit log.
 */
import { format } from '../i18n/format.js';
import { STAFF_ADMIN_MESSAGES } from '../i18n/staff-admin-messages.js';
import { STAFF_MESSAGES } from '../i18n/staff-messages.js';
import {
  Field,
  Select,
  StaffLayout,
  staffHref,
  type Common,
  type StaffProblem,
  type StaffRoleName,
  type StaffViewer,
} from './StaffFrame.js';

// ---- Administrators ---------------------------------------------------------------------------

export function StaffMembersPage(
  props: Common & {
    viewer: StaffViewer;
    members: readonly { login: string; name: string; role: StaffRoleName; since: string }[];
    values: Readonly<Record<string, string>>;
    problems: readonly StaffProblem[];
    invited: { name: string; link: string } | undefined;
    /** The login of a person just removed. */
    removed?: string | undefined;
  },
) {
  const { site, locale, viewer, problems } = props;
  const t = STAFF_MESSAGES[locale];
  const m = t.members;
  const a = STAFF_ADMIN_MESSAGES[locale];
  return (
    <StaffLayout
      site={site}
      locale={locale}
      title={m.title}
      viewer={viewer}
      problems={problems}
      here="/staff/members"
    >
      <h1>{m.title}</h1>
      {props.removed && (
        <p class="notice" role="status" data-notice="removed">
          {format(a.removed, { login: props.removed })}
        </p>
      )}
      {props.invited && (
        <div class="notice" role="status">
          <p>{format(m.invited, { name: props.invited.name })}</p>
          <p>
            <code class="staff-link" data-invitation>
              {props.invited.link}
            </code>
          </p>
        </div>
      )}
      <div class="table-scroll" tabindex={0} role="region" aria-label={m.title}>
        <table>
          <thead>
            <tr>
              <th scope="col">{m.login}</th>
              <th scope="col">{m.name}</th>
              <th scope="col">{m.role}</th>
              <th scope="col">{m.since}</th>
            </tr>
          </thead>
          <tbody>
            {props.members.map((row) => (
              <tr key={row.login}>
                <td>
                  <a href={staffHref(site, locale, `/staff/members/${row.login}`)}>{row.login}</a>
                </td>
                <td>{row.name}</td>
                <td>{t.roles[row.role]}</td>
                <td>{row.since}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>{m.add}</h2>
      <form method="post" action={staffHref(site, locale, '/staff/members')} novalidate>
        <input type="hidden" name="csrf" value={viewer.csrf} />
        <Field
          name="login"
          label={m.login}
          hint={t.setup.loginHint}
          value={props.values.login}
          locale={locale}
          problems={problems}
        />
        <Field
          name="name"
          label={m.name}
          value={props.values.name}
          locale={locale}
          problems={problems}
        />
        <Select
          name="role"
          label={m.role}
          options={(['editor', 'administrator'] as const).map((r) => ({
            value: r,
            label: t.roles[r],
          }))}
          value={props.values.role ?? 'editor'}
          problems={problems}
          locale={locale}
        />
        <button type="submit" class="button">
          {m.addSubmit}
        </button>
      </form>
    </StaffLayout>
  );
}

export function StaffAuditPage(
  props: Common & {
    viewer: StaffViewer;
    entries: readonly { when: string; who: string; action: string; target: string }[];
  },
) {
  const { site, locale, viewer } = props;
  const a = STAFF_MESSAGES[locale].audit;
  return (
    <StaffLayout site={site} locale={locale} title={a.title} viewer={viewer} here="/staff/audit">
      <h1>{a.title}</h1>
      <p>{a.intro}</p>
      <div class="table-scroll" tabindex={0} role="region" aria-label={a.title}>
        <table>
          <thead>
            <tr>
              <th scope="col">{a.when}</th>
              <th scope="col">{a.who}</th>
              <th scope="col">{a.what}</th>
              <th scope="col">{a.item}</th>
            </tr>
          </thead>
          <tbody>
            {props.entries.map((row, i) => (
              <tr key={i}>
                <td>{row.when}</td>
                <td>{row.who}</td>
                <td>
                  <code>{row.action}</code>
                </td>
                <td>{row.target}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </StaffLayout>
  );
}

/** One staff account: its passkeys, its codes, and removing it. */
export function StaffMemberPage(
  props: Common & {
    viewer: StaffViewer;
    member: { login: string; name: string; role: StaffRoleName; codes: boolean };
    passkeys: readonly { id: string; added: string }[];
    /** A new set-up link, after a passkey was removed or codes were reset. */
    link: string | undefined;
  },
) {
  const { site, locale, viewer, member } = props;
  const t = STAFF_MESSAGES[locale];
  const a = STAFF_ADMIN_MESSAGES[locale];
  const base = `/staff/members/${member.login}`;
  const h = (path: string) => staffHref(site, locale, path);
  const title = format(a.title, { name: member.name });
  const post = (action: string, label: string, hidden?: Record<string, string>) => (
    <form method="post" action={h(`${base}/${action}`)}>
      <input type="hidden" name="csrf" value={viewer.csrf} />
      {Object.entries(hidden ?? {}).map(([name, value]) => (
        <input type="hidden" name={name} value={value} key={name} />
      ))}
      <button type="submit" class="button button--warning">
        {label}
      </button>
    </form>
  );
  return (
    <StaffLayout site={site} locale={locale} title={title} viewer={viewer} here={base}>
      <h1>{title}</h1>
      <p>
        <a href={h('/staff/members')}>{a.back}</a>
      </p>
      {props.link && (
        <div class="notice" role="status">
          <p>{format(a.newLink, { name: member.name })}</p>
          <p>
            <code class="staff-link" data-invitation>
              {props.link}
            </code>
          </p>
        </div>
      )}
      <p>{format(a.role, { role: t.roles[member.role] })}</p>
      <h2>{a.passkeys}</h2>
      {props.passkeys.length === 0 ? (
        <p>{a.passkeysNone}</p>
      ) : (
        <ul class="staff-items">
          {props.passkeys.map((p) => (
            <li key={p.id}>
              <p>{format(a.passkeyAdded, { when: p.added })}</p>
              {post('passkeys/remove', a.removePasskey, { passkey: p.id })}
            </li>
          ))}
        </ul>
      )}
      <h2>{a.codes}</h2>
      <p>{member.codes ? a.codesOn : a.codesOff}</p>
      <p class="hint">{a.resetHint}</p>
      {post('reset-codes', a.resetCodes)}
      <h2>{a.remove}</h2>
      {member.login === viewer.login ? (
        <p>{a.removeSelf}</p>
      ) : (
        <>
          <p class="hint">{a.removeHint}</p>
          {post('remove', a.remove)}
        </>
      )}
    </StaffLayout>
  );
}
