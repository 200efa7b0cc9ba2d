/** Import, step 2: who sent the messages to add (one person may have used several numbers). */
import { useState } from 'preact/hooks';
import type { Participant } from '../../../../importers/index.js';
import { useApp } from '../../shell/context.js';
import { format } from '../../shell/messages.js';
import { Button, LinkButton, Page } from '../../components/ui.js';
import { CheckboxList } from '../fields.js';
import { importFlow } from '../flow.js';
import { IMPORT_MESSAGES, type ImportMessages } from '../messages.js';
import { ImportChooseScreen } from './choose.js';

const FIELD = 'import-senders';

/** "12 messages, 1 call" for a participant or a whole file. */
export function countsText(m: ImportMessages, messages: number, calls: number): string {
  const s = m.senders;
  return format(s.counts, {
    messages: messages === 1 ? s.messagesOne : format(s.messages, { n: messages }),
    calls: calls === 1 ? s.callsOne : format(s.calls, { n: calls }),
  });
}

function participantLabel(p: Participant): string {
  return p.name ?? p.sender;
}

export function ImportSendersScreen() {
  const { locale, navigate, session } = useApp();
  const m = IMPORT_MESSAGES[locale];
  const s = m.senders;
  const flow = importFlow(session);
  const [chosen, setChosen] = useState<string[]>(flow.senders);
  const [error, setError] = useState<string | undefined>();
  const [seq, setSeq] = useState(0);
  const result = flow.result;
  if (result === undefined) return <ImportChooseScreen />;

  const others = result.participants.filter((p) => !p.isOwner);
  const hasOwner = others.length < result.participants.length;
  const messages = result.items.filter((i) => i.kind === 'message').length;
  const calls = result.items.length - messages;

  const submit = (event: Event): void => {
    event.preventDefault();
    const picked = chosen.filter((c) => others.some((p) => p.sender === c));
    if (picked.length === 0) {
      setError(s.required);
      setSeq((n) => n + 1);
      return;
    }
    if (picked.join('\n') !== flow.senders.join('\n')) flow.person = undefined;
    flow.senders = picked;
    navigate({ name: 'import-person' });
  };

  return (
    <Page
      title={s.title}
      caption={m.caption}
      errors={error !== undefined ? [{ field: FIELD, message: error }] : []}
      errorSeq={seq}
      back={() => navigate({ name: 'import' })}
    >
      <p data-import-found="">
        {format(s.found, {
          messages: messages === 1 ? s.messagesOne : format(s.messages, { n: messages }),
          calls: calls === 1 ? s.callsOne : format(s.calls, { n: calls }),
        })}
      </p>
      {others.length === 0 ? (
        <>
          <p>{s.noOthers}</p>
          <LinkButton onClick={() => navigate({ name: 'import' })}>
            {m.preview.startAgain}
          </LinkButton>
        </>
      ) : (
        <form noValidate onSubmit={submit}>
          <CheckboxList
            id={FIELD}
            legend={s.legend}
            hint={hasOwner ? `${s.hint} ${s.ownNote}` : s.hint}
            error={error}
            choices={others.map((p) => ({
              value: p.sender,
              label: participantLabel(p),
              hint:
                p.name !== undefined && p.name !== p.sender
                  ? `${p.sender}. ${countsText(m, p.messages, p.calls)}`
                  : countsText(m, p.messages, p.calls),
            }))}
            value={chosen}
            onChange={(v) => {
              setChosen(v);
              setError(undefined);
            }}
          />
          <Button type="submit">{m.continue}</Button>
        </form>
      )}
    </Page>
  );
}
