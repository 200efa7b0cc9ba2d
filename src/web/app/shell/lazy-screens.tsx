/**
 * The screens of an open diary, loaded apart from the start and unlock screens (issue 20: a
 * cheap phone on a slow connection gets a usable unlock form from a small bundle). main.tsx
 * starts the download as soon as the start screen is drawn, so it is normally in memory before
 * the passphrase has been typed; until then an unlocked screen shows nothing, and if it cannot
 * be fetched (offline with no copy kept), a notice with "Try again". Code only: nothing private
 * is held here, and a lock mounts the app afresh as before.
 */
import { useEffect, useState } from 'preact/hooks';
import { Button } from '../components/ui.js';
import { useApp, type ScreenName } from './context.js';
import type { UnlockedScreen } from './locked-screens.js';

type UnlockedScreens = typeof import('./unlocked-screens.js');

let loaded: UnlockedScreens | undefined;
let loading: Promise<UnlockedScreens> | undefined;

/** Fetches the unlocked screens once; a failure lets the next call try again. */
export function loadUnlockedScreens(): Promise<UnlockedScreens> {
  loading ??= import('./unlocked-screens.js').then(
    (module) => {
      loaded = module;
      return module;
    },
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

/** The loaded module (drawn in the same render when it is already there), or a failure. */
function useUnlockedScreens(): {
  module: UnlockedScreens | undefined;
  failed: boolean;
  retry: () => void;
} {
  const [module, setModule] = useState(loaded);
  const [failed, setFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (module !== undefined) return;
    let live = true;
    loadUnlockedScreens().then(
      (m) => {
        if (live) setModule(m);
      },
      () => {
        if (live) setFailed(true);
      },
    );
    return () => {
      live = false;
    };
  }, [attempt]);
  return {
    module,
    failed,
    retry: () => {
      setFailed(false);
      setAttempt((n) => n + 1);
    },
  };
}

/** A screen of the open diary. */
export function LazyUnlocked(props: { screen: UnlockedScreen; onDeleted: () => void }) {
  const { t } = useApp();
  const { module, failed, retry } = useUnlockedScreens();
  if (module !== undefined) {
    return <module.UnlockedScreenView screen={props.screen} onDeleted={props.onDeleted} />;
  }
  if (!failed) return null;
  return (
    <div class="notice notice--error" role="alert">
      <p>{t.common.network}</p>
      <Button variant="secondary" onClick={retry}>
        {t.home.retry}
      </Button>
    </div>
  );
}

/** The bar, the lock warning and the quick-note inbox above every screen of the open diary. */
export function LazyChrome(props: { current: ScreenName }) {
  const { module } = useUnlockedScreens();
  return module === undefined ? null : <module.UnlockedChrome current={props.current} />;
}
