/**
 * The summary shown before a report is made: how many incidents, over which period, who is
 * named, and what each chosen part holds (or that it is left out). Split from report-screen.tsx.
 */
import type { ReportModel } from '../../../report/model.js';
import { formatLocalDate } from '../diary/diary-ui.js';
import { useApp } from '../shell/context.js';
import { format } from '../shell/messages.js';
import { REPORT_MESSAGES } from './messages.js';
import type { Offered } from './report-choices.js';
import type { ReportFields } from './report-form.js';

export function Preview({
  model,
  fields,
  offered,
}: {
  model: ReportModel;
  fields: ReportFields;
  offered: Offered;
}) {
  const { locale } = useApp();
  const m = REPORT_MESSAGES[locale];
  const p = m.preview;
  const s = model.summary;
  const names = [...model.people.responsible, ...model.people.witnesses].map((x) => x.label);
  const messages = (model.conversations ?? []).reduce((n, c) => n + c.messages.length, 0);
  const row = (label: string, value: string, key: string) => (
    <div class="summary-list__row" data-preview={key}>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
  const period =
    fields.which === 'range'
      ? format(p.period, {
          from: formatLocalDate(locale, fields.from),
          to: formatLocalDate(locale, fields.to),
        })
      : s.first !== undefined && s.last !== undefined
        ? format(p.period, { from: s.first, to: s.last })
        : p.none;
  return (
    <dl class="summary-list">
      {row(p.incidents, String(s.incidents), 'incidents')}
      {row(p.periodLabel, period, 'period')}
      {row(p.peopleLabel, names.length > 0 ? names.join(', ') : p.nobody, 'people')}
      {row(p.exhibitsLabel, model.exhibits ? String(model.exhibits.length) : p.left, 'exhibits')}
      {row(p.messagesLabel, model.conversations ? String(messages) : p.left, 'messages')}
      {row(p.effectsLabel, model.effects ? String(model.effects.length) : p.left, 'effects')}
      {offered.risk &&
        row(
          p.riskLabel,
          model.riskCheck ? format(p.riskFrom, { date: model.riskCheck.checkedOn }) : p.left,
          'risk',
        )}
      {offered.witness &&
        row(
          p.witnessLabel,
          model.witnessStatements ? String(model.witnessStatements.length) : p.left,
          'witness',
        )}
      {offered.plan && row(p.planLabel, model.safetyPlan ? p.planIn : p.left, 'plan')}
      {row(p.coverLabel, model.cover.subject ?? p.none, 'cover')}
      {row(p.contactLabel, model.cover.contact ?? p.left, 'contact')}
      {row(p.languageLabel, model.locale === 'cy' ? m.welsh : m.english, 'language')}
    </dl>
  );
}
