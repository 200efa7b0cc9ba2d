/**
 * On the installed app's start screen: a plain "offline" line when there is no connection
 * (unlocking signs in with the server, so it needs one; docs/vault-protocol.md §16.1), and the
 * "Quick note" button when the quick record is on for this device. Neutral words only.
 */
import { useEffect, useState } from 'preact/hooks';
import { useApp } from '../shell/context.js';
import { Button } from '../components/ui.js';
import { readDevice } from './device-store.js';
import { QUICK_MESSAGES } from './messages.js';

function useOnline(): boolean {
  const [online, setOnline] = useState(() => navigator.onLine);
  useEffect(() => {
    const on = (): void => setOnline(true);
    const off = (): void => setOnline(false);
    window.addEventListener('online', on);
    window.addEventListener('offline', off);
    return () => {
      window.removeEventListener('online', on);
      window.removeEventListener('offline', off);
    };
  }, []);
  return online;
}

export function AppStartExtras() {
  const { locale, navigate } = useApp();
  const m = QUICK_MESSAGES[locale];
  const online = useOnline();
  const [quickOn, setQuickOn] = useState(false);
  useEffect(() => {
    let live = true;
    void readDevice()
      .then((d) => live && setQuickOn(d !== undefined))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  return (
    <>
      <div role="status">
        {!online && (
          <p class="notice" data-offline="">
            {m.offline.notice}
          </p>
        )}
      </div>
      {quickOn && (
        <p>
          <Button variant="secondary" onClick={() => navigate({ name: 'quick-locked' })}>
            {m.locked.open}
          </Button>
        </p>
      )}
    </>
  );
}
