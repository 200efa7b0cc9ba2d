/**
 * "Which incidents": the one chooser the report and the share screens both use (issue 13). All
 * incidents, those between two dates, or (when the person came from one incident's screen) only
 * that one; then, unless it is one incident, which people did them. Field ids start with the
 * screen's prefix (`report-which`, `share-from`…), so each screen's error summary links to them.
 */
import { personLabel, type Person } from '../../../domain/diary/index.js';
import { current, type ReportRecord } from '../../../report/input.js';
import type { ErrorItem } from '../components/ui.js';
import { Checkboxes, NativeDateField } from '../diary/diary-ui.js';
import { Radios } from '../import/fields.js';
import { useApp } from '../shell/context.js';

export type Which = 'all' | 'range' | 'one';

export interface WhichChoice {
  readonly which: Which;
  /** `YYYY-MM-DD` from a date input, or empty. */
  readonly from: string;
  readonly to: string;
  readonly personIds: readonly string[];
}

export interface WhichWords {
  readonly which: string;
  readonly all: string;
  readonly range: string;
  readonly from: string;
  readonly to: string;
  readonly people: string;
  readonly peopleHint: string;
}

export function WhichIncidents(props: {
  /** `report` or `share`: the start of every field's id. */
  readonly prefix: string;
  readonly words: WhichWords;
  readonly value: WhichChoice;
  readonly onChange: (change: Partial<WhichChoice>) => void;
  readonly people: readonly ReportRecord<Person>[];
  readonly errors: readonly ErrorItem[];
  /** When given, a first choice "only this incident", with this label. */
  readonly one?: string | undefined;
}) {
  const { locale } = useApp();
  const { prefix, words, value, onChange } = props;
  const shown = (field: string) => props.errors.find((e) => e.field === field)?.message;
  const people = props.people
    .map((p) => ({ value: p.id, label: personLabel(current(p).value) }))
    .filter((p) => p.label !== '')
    .sort((a, b) => a.label.localeCompare(b.label, locale));
  return (
    <>
      <Radios
        id={`${prefix}-which`}
        legend={words.which}
        choices={[
          ...(props.one !== undefined ? [{ value: 'one', label: props.one }] : []),
          { value: 'all', label: words.all },
          {
            value: 'range',
            label: words.range,
            reveal: (
              <>
                <NativeDateField
                  id={`${prefix}-from`}
                  label={words.from}
                  type="date"
                  value={value.from}
                  error={shown(`${prefix}-from`)}
                  onInput={(v) => onChange({ from: v })}
                />
                <NativeDateField
                  id={`${prefix}-to`}
                  label={words.to}
                  type="date"
                  value={value.to}
                  error={shown(`${prefix}-to`)}
                  onInput={(v) => onChange({ to: v })}
                />
              </>
            ),
          },
        ]}
        value={value.which}
        onChange={(v) =>
          onChange({ which: v === 'range' ? 'range' : v === 'one' && props.one ? 'one' : 'all' })
        }
      />
      {people.length > 0 && value.which !== 'one' && (
        <Checkboxes
          id={`${prefix}-people`}
          legend={words.people}
          hint={words.peopleHint}
          groups={[{ options: people }]}
          value={value.personIds}
          onChange={(v) => onChange({ personIds: v })}
          small
        />
      )}
    </>
  );
}
