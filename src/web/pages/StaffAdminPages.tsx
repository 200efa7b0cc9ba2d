/**
 * The administrators' pages (/staff/members, /staff/audit): staff accounts, their passkeys and
 * codes, and the audit log.
 */
import { format } from '../i18n/format.js';
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
  },
) {
  const { site, locale, viewer, problems } = props;
  const t = STAFF_MESSAGES[locale];
  const m = t.members;
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
                <td>{row.login}</td>
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
