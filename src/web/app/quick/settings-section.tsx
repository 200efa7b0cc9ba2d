/**
 * Settings → "Record without unlocking" (docs/vault-protocol.md §16.2): opt-in per device, with
 * a plain account of what it leaves on the device. Turning it on registers a device id and drop
 * token with the server and keeps them, with the account's public key, in this browser's `app`
 * database; turning it off ends the token on the server and deletes the database (and any notes
 * not sent yet, as the hint says). Offered in the installed app only, where the locked form is.
 */
import { useEffect, useState } from 'preact/hooks';
import { newDropToken, newQuickRecordId } from '../../../crypto/index.js';
import { ensureAccountKeyPair, isApiError } from '../../../vault/index.js';
import { useApp } from '../shell/context.js';
import { format } from '../shell/messages.js';
import { Button } from '../components/ui.js';
import { forgetDevice, listQueued, readDevice, saveDevice } from './device-store.js';
import { onOutboxChange } from './outbox.js';
import { QUICK_MESSAGES } from './messages.js';

type State = { kind: 'loading' } | { kind: 'off' } | { kind: 'on'; id: string; waiting: number };

async function current(): Promise<State> {
  const device = await readDevice();
  if (device === undefined) return { kind: 'off' };
  return { kind: 'on', id: device.id, waiting: (await listQueued()).length };
}

/** Turns the quick record off here: the token on the server, then the database. */
export async function turnOffQuickRecord(api: {
  deleteQuickDevice(id: string): Promise<void>;
}): Promise<boolean> {
  const device = await readDevice();
  if (device !== undefined) {
    try {
      await api.deleteQuickDevice(device.id);
    } catch (e) {
      // Already gone on the server: the local part still goes.
      if (!isApiError(e, 'not_found')) return false;
    }
  }
  return forgetDevice();
}

export function QuickRecordSection() {
  const { locale, api, session, install } = useApp();
  const m = QUICK_MESSAGES[locale].settings;
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | undefined>();

  useEffect(() => {
    let live = true;
    const refresh = (): void => {
      void current().then((s) => live && setState(s));
    };
    refresh();
    const off = onOutboxChange(refresh);
    return () => {
      live = false;
      off();
    };
  }, []);

  const turnOn = async (): Promise<void> => {
    setBusy(true);
    setProblem(undefined);
    try {
      const pair = await ensureAccountKeyPair(api, session.accountKey);
      const id = await newQuickRecordId();
      const token = await newDropToken();
      await api.registerQuickDevice(id, token);
      // Only the public key: the secret key never leaves the open vault.
      await saveDevice({ id, token, publicKey: pair.publicKey.slice() });
      pair.secretKey.fill(0);
      setState(await current());
    } catch {
      setProblem(m.failed);
    } finally {
      setBusy(false);
    }
  };

  const turnOff = async (): Promise<void> => {
    setBusy(true);
    setProblem(undefined);
    const done = await turnOffQuickRecord(api);
    if (!done) setProblem(m.failed);
    setState(await current());
    setBusy(false);
  };

  return (
    <section aria-labelledby="quick-record-heading">
      <h2 id="quick-record-heading">{m.heading}</h2>
      <p>{m.intro}</p>
      <h3>{m.leavesHeading}</h3>
      <ul class="list list--bullet">
        {m.leaves.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      <p>{m.risk}</p>
      {install.mode === undefined ? (
        <p>{m.appOnly}</p>
      ) : (
        <>
          <div role="status">
            {state.kind === 'on' && (
              <p data-quick-state="on">
                {m.isOn}
                {state.waiting > 0 && <> {format(m.waiting, { count: state.waiting })}</>}
              </p>
            )}
            {state.kind === 'off' && <p data-quick-state="off">{m.isOff}</p>}
            {problem !== undefined && <p class="error-message">{problem}</p>}
          </div>
          {state.kind === 'off' && (
            <Button variant="secondary" disabled={busy} onClick={() => void turnOn()}>
              {m.turnOn}
            </Button>
          )}
          {state.kind === 'on' && (
            <>
              <p class="hint">{m.turnOffHint}</p>
              <Button variant="secondary" disabled={busy} onClick={() => void turnOff()}>
                {m.turnOff}
              </Button>
            </>
          )}
        </>
      )}
    </section>
  );
}
