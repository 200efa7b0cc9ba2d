/**
 * What goes into a report: which incidents, what else to include (evidence, imported messages,
 * effects, and the risk check, witness statements and safety plan when there are any to offer),
 * the contact line, the cover's subject and the language. Split from report-screen.tsx, which
 * loads the diary, runs the worker and saves the files.
 */
import type { Person } from '../../../domain/diary/index.js';
import { wallTimeOf } from '../../../domain/diary/time.js';
import { current, type ReportRecord } from '../../../report/input.js';
import type { ReportSource } from '../../../report/report-source.js';
import { TextField } from '../components/fields.js';
import { type ErrorItem } from '../components/ui.js';
import { Checkbox, Checkboxes, formatLocalDate } from '../diary/diary-ui.js';
import { Radios } from '../import/fields.js';
import { useApp } from '../shell/context.js';
import { format } from '../shell/messages.js';
import { REPORT_MESSAGES } from './messages.js';
import type { IncludeKey, ReportFields } from './report-form.js';
import { WhichIncidents } from './which-incidents.js';

export function Choices(props: {
  fields: ReportFields;
  set: <K extends keyof ReportFields>(key: K, value: ReportFields[K]) => void;
  patch: (change: Partial<ReportFields>) => void;
  people: readonly ReportRecord<Person>[];
  offered: Offered;
  /** The "only this incident" choice's words, when the screen was opened from one. */
  one: string | undefined;
  errors: readonly ErrorItem[];
}) {
  const { locale } = useApp();
  const m = REPORT_MESSAGES[locale];
  const { fields, set, offered } = props;
  const shown = (field: string) => props.errors.find((e) => e.field === field)?.message;
  return (
    <>
      <WhichIncidents
        prefix="report"
        words={m}
        value={fields}
        onChange={props.patch}
        people={props.people}
        errors={props.errors}
        one={props.one}
      />
      <Checkboxes
        id="report-include"
        legend={m.include}
        groups={[
          {
            options: [
              { value: 'evidence', label: m.evidence },
              { value: 'imported', label: m.imported },
              { value: 'effects', label: m.effects },
              ...(offered.risk ? [{ value: 'risk', label: m.risk, hint: m.riskHint }] : []),
              ...(offered.witness
                ? [{ value: 'witness', label: m.witness, hint: m.witnessHint }]
                : []),
              ...(offered.plan ? [{ value: 'plan', label: m.plan, hint: m.planHint }] : []),
            ],
          },
        ]}
        value={fields.include}
        onChange={(v) => set('include', keepContact(v as IncludeKey[], fields.include))}
        small
      />
      <Checkbox
        id="report-contact-on"
        label={m.contact}
        checked={fields.include.includes('contact')}
        onChange={(on) =>
          set(
            'include',
            on ? [...fields.include, 'contact'] : fields.include.filter((k) => k !== 'contact'),
          )
        }
      >
        <TextField
          id="report-contact"
          label={m.contactLabel}
          hint={m.contactHint}
          value={fields.contact}
          error={shown('report-contact')}
          onInput={(v) => set('contact', v)}
          autocomplete="off"
          width="full"
        />
      </Checkbox>
      <TextField
        id="report-subject"
        label={m.subject}
        hint={m.subjectHint}
        value={fields.subject}
        onInput={(v) => set('subject', v)}
        autocomplete="off"
        width="full"
      />
      <Radios
        id="report-language"
        legend={m.language}
        choices={[
          { value: 'en', label: m.english },
          { value: 'cy', label: m.welsh },
        ]}
        value={fields.language}
        onChange={(v) => set('language', v === 'cy' ? 'cy' : 'en')}
      />
    </>
  );
}

/** "Only the incident on 2 November 2026 at 08:30", or undefined when it is not in the source. */
export function oneLabel(
  source: ReportSource,
  id: string,
  locale: 'en' | 'cy',
): string | undefined {
  if (id === '') return undefined;
  const record = source.records.incidents.find((r) => r.id === id);
  if (record === undefined) return undefined;
  const [date = '', time = ''] = wallTimeOf(current(record).value.when.start).split('T');
  return format(REPORT_MESSAGES[locale].one, { date: formatLocalDate(locale, date), time });
}

/** Whether the person has a risk check, and a safety plan with something in it, to offer. */
export interface Offered {
  readonly risk: boolean;
  readonly plan: boolean;
  /** A kept witness statement linked to an incident. */
  readonly witness: boolean;
}

export function offeredOf(source: ReportSource): Offered {
  return {
    risk: (source.records.riskChecks ?? []).length > 0,
    plan: (source.records.safetyPlan ?? []).some((r) => current(r).value.items.length > 0),
    witness: (source.records.witnessStatements ?? []).some(
      (r) => current(r).value.incidentIds.length > 0,
    ),
  };
}

/** The contact choice has its own checkbox: keep it when the others change. */
function keepContact(next: IncludeKey[], before: readonly IncludeKey[]): IncludeKey[] {
  return before.includes('contact') ? [...next.filter((k) => k !== 'contact'), 'contact'] : next;
}
