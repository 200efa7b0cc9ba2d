/**
 * Import, step 3: which person record the messages belong to (someone already in the diary, or
 * someone new), and whether to add the senders' numbers and accounts to it.
 */
import { useEffect, useState } from 'preact/hooks';
import type { Person } from '../../../../domain/diary/index.js';
import { senderLinks, suggestedName } from '../../../../importers/plan.js';
import { useApp } from '../../shell/context.js';
import { personName } from '../../diary/diary-ui.js';
import { describeError } from '../../shell/errors.js';
import { format } from '../../shell/messages.js';
import type { DecryptedRecord } from '../../../../vault/index.js';
import { TextField } from '../../components/fields.js';
import { Busy, Button, Page, useLive, type ErrorItem } from '../../components/ui.js';
import { loadDiary } from '../diary-access.js';
import { Radios } from '../fields.js';
import { importFlow } from '../flow.js';
import { IMPORT_MESSAGES } from '../messages.js';
import { ImportChooseScreen } from './choose.js';

const FIELD = 'import-person';
const NAME_FIELD = 'import-person-name';
const LINK_FIELD = 'import-person-link';
const NEW = 'new';

export function ImportPersonScreen() {
  const app = useApp();
  const { t, locale, navigate, session } = app;
  const m = IMPORT_MESSAGES[locale];
  const p = m.person;
  const live = useLive();
  const flow = importFlow(session);
  const [people, setPeople] = useState<readonly DecryptedRecord<Person>[] | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  const [choice, setChoice] = useState<string | undefined>(
    flow.person === undefined ? undefined : flow.person.kind === 'new' ? NEW : flow.person.id,
  );
  const [name, setName] = useState(
    flow.person?.kind === 'new'
      ? flow.person.name
      : flow.result === undefined
        ? ''
        : suggestedName(flow.result.participants, flow.senders),
  );
  const [link, setLink] = useState(flow.link);
  const [errors, setErrors] = useState<ErrorItem[]>([]);
  const [seq, setSeq] = useState(0);

  useEffect(() => {
    loadDiary(app).then(
      (d) => {
        if (live.current) setPeople(d.people);
      },
      (e: unknown) => {
        if (live.current) setProblem(`${p.loadFailed} ${describeError(t, e)}`);
      },
    );
  }, []);

  const result = flow.result;
  if (result === undefined || flow.senders.length === 0) return <ImportChooseScreen />;

  const existing = people?.find((r) => r.id === choice)?.value;
  const links = senderLinks(result, flow.senders, existing);
  const linkList = [...links.phones, ...links.emails, ...links.accounts.map((a) => a.handle)];

  const submit = (event: Event): void => {
    event.preventDefault();
    const found: ErrorItem[] = [];
    if (choice === undefined) found.push({ field: FIELD, message: p.required });
    else if (choice === NEW && name.trim() === '') {
      found.push({ field: NAME_FIELD, message: p.nameRequired });
    }
    if (found.length > 0) {
      setErrors(found);
      setSeq((n) => n + 1);
      return;
    }
    flow.person =
      choice === NEW ? { kind: 'new', name: name.trim() } : { kind: 'existing', id: choice ?? '' };
    flow.link = link;
    navigate({ name: 'import-settings' });
  };

  const errorOf = (field: string): string | undefined =>
    errors.find((e) => e.field === field)?.message;

  return (
    <Page
      title={p.title}
      caption={m.caption}
      errors={errors}
      errorSeq={seq}
      back={() => navigate({ name: 'import-senders' })}
    >
      <Busy message={people === undefined && problem === undefined ? p.loading : undefined} />
      {problem !== undefined && (
        <div class="notice notice--error" role="alert">
          <p>{problem}</p>
        </div>
      )}
      {people !== undefined && (
        <form noValidate onSubmit={submit}>
          <Radios
            id={FIELD}
            legend={p.legend}
            hint={p.hint}
            error={errorOf(FIELD)}
            choices={[
              ...people.map((r) => ({ value: r.id, label: personName(r.value) })),
              {
                value: NEW,
                label: p.someoneNew,
                reveal: (
                  <TextField
                    id={NAME_FIELD}
                    label={p.nameLabel}
                    hint={p.nameHint}
                    error={errorOf(NAME_FIELD)}
                    value={name}
                    onInput={setName}
                    autocomplete="off"
                  />
                ),
              },
            ]}
            value={choice}
            onChange={(v) => {
              setChoice(v);
              setErrors([]);
            }}
          />
          {linkList.length > 0 && (
            <div class="form-group">
              <div class="checkboxes checkboxes--small">
                <div class="checkboxes__item">
                  <input
                    class="checkboxes__input"
                    type="checkbox"
                    id={LINK_FIELD}
                    name={LINK_FIELD}
                    checked={link}
                    aria-describedby={`${LINK_FIELD}-hint`}
                    onChange={(e) => setLink(e.currentTarget.checked)}
                  />
                  <label class="checkboxes__label" for={LINK_FIELD}>
                    {p.linkLabel}
                  </label>
                  <div class="hint checkboxes__hint" id={`${LINK_FIELD}-hint`}>
                    {format(p.linkHint, { list: linkList.join(', ') })}
                  </div>
                </div>
              </div>
            </div>
          )}
          <Button type="submit">{m.continue}</Button>
        </form>
      )}
    </Page>
  );
}
