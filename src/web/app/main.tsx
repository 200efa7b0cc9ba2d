/**
 * The vault app's entry: mounts into the shell that /vault serves (`#vault-app`, whose
 * data-locale picks the language) and owns locking.
 *
 * Locking is synchronous and total: the account key is wiped, the CSRF token forgotten, the
 * session signed out with a keepalive request nobody waits for, and the app mounted afresh, which
 * drops every decrypted entry, draft and form value from the page in the same task. It happens
 * on Lock, after the chosen idle time, on quick exit (the `mosaic:quick-exit` event), on
 * `pagehide`, and when the server says the session has ended.
 *
 * Nothing is written to localStorage, sessionStorage, IndexedDB, the Cache API, cookies or the
 * address. (On the installed app's page, /vault/app/<look>, the app's service worker keeps the
 * build's static files in the Cache API: code, never data; install/look.ts.) Routing is in memory; each screen gets a history entry holding only its name and a
 * random key (vault-history.ts), so Back and Forward move between screens. Every lock collapses
 * those entries to one showing the start screen; quick exit does so before it leaves, so Back
 * from the neutral site returns to the page before the vault.
 */
import './shell/zod-config.js';
import { render } from 'preact';
import { cryptoReady } from '../../crypto/index.js';
import {
  VaultApi,
  DEFAULT_AUTO_LOCK_MINUTES,
  IdleTimer,
  LOCK_WARNING_MS,
  QUICK_EXIT_EVENT,
  VaultSession,
  type AutoLockMinutes,
} from '../../vault/index.js';
import { App } from './shell/app.js';
import { loadUnlockedScreens } from './shell/lazy-screens.js';
import type { ScreenName } from './shell/context.js';
import { appLocale, format, MESSAGES } from './shell/messages.js';
import { VaultHistory } from './shell/vault-history.js';
import { readAppMode, readLookChoices, registerAppWorker } from './install/look.js';
import { INSTALL_MESSAGES } from './install/messages.js';
import { startOutbox } from './quick/outbox.js';
import { prefetchDiaryWorker } from './diary-open/pool.js';
import '../styles/vault.css';

type LockReason = 'button' | 'idle' | 'exit' | 'signed-out' | 'deleted';

/** Input that counts as "in use" for auto-lock. */
const ACTIVITY_EVENTS = [
  'keydown',
  // A screen reader's "activate" can send a click with no pointer or key event before it.
  'click',
  'pointerdown',
  'pointermove',
  'input',
  'wheel',
  'touchstart',
  'scroll',
];

function start(root: HTMLElement): void {
  const locale = appLocale(root.dataset.locale);
  const t = MESSAGES[locale];
  // The installed app's own page (/vault/app/<look>): its look comes from the address alone.
  const appMode = readAppMode(root);
  const lookChoices = readLookChoices(root);
  if (appMode !== undefined) registerAppWorker(appMode);
  // Start loading libsodium (its JavaScript, then its WebAssembly) now, so the first unlock
  // does not wait for it.
  const crypto = cryptoReady().catch(() => {
    // Reported when a screen first needs it (CryptoError not_ready).
  });

  let autoLockMinutes: AutoLockMinutes = DEFAULT_AUTO_LOCK_MINUTES;
  let generation = 0;
  /** Somewhere other than the start page: something typed or open that a lock should clear. */
  let sensitive = false;
  let lastKeepAlive = 0;

  // Several requests can be in flight when the session ends (Settings asks for the sessions and
  // the account at once): the first to hear locks, and the rest find nothing left to lock.
  const api = new VaultApi({
    onSessionEnded: () => {
      if (session.isUnlocked) lock('signed-out');
    },
  });
  const session = new VaultSession(api);
  // The installed app sends its sealed quick notes whenever there is a connection (no session).
  if (appMode !== undefined) startOutbox(api);
  const history = VaultHistory.forWindow(window);
  history.begin({ name: 'start' });
  // Warned 30 s ahead; unfinished entries are sealed as drafts before an auto-lock.
  const idle = new IdleTimer(
    () => {
      if (session.isUnlocked) {
        void session.beforeAutoLock().then(() => {
          if (session.isUnlocked) lock('idle');
        });
      } else if (sensitive) lock('idle');
      else idle.start(autoLockMinutes * 60_000);
    },
    undefined,
    { ms: LOCK_WARNING_MS, onWarn: (on) => session.setLockWarning(on && session.isUnlocked) },
  );

  const mount = (notice: string | undefined): void => {
    generation += 1;
    render(
      <App
        key={generation}
        locale={locale}
        api={api}
        session={session}
        history={history}
        notice={notice}
        moveFocus={generation > 1}
        autoLockMinutes={autoLockMinutes}
        onAutoLockChange={(minutes) => {
          autoLockMinutes = minutes;
          idle.start(minutes * 60_000);
        }}
        onUnlocked={() => {
          sensitive = true;
          lastKeepAlive = Date.now();
          idle.start(autoLockMinutes * 60_000);
        }}
        onScreen={(name: ScreenName) => {
          sensitive = session.isUnlocked || name !== 'start';
        }}
        onLock={() => lock('button')}
        onDeleted={() => lock('deleted')}
        install={{
          mode: appMode,
          choices: lookChoices,
          siteName: root.dataset.siteName ?? '',
          open: (href) => {
            // As quick exit: lock in this task, step back to the vault's first history entry,
            // then put the other page in its place.
            lock('exit');
            void history.collapse().then(() => window.location.replace(href));
          },
        }}
      />,
      root,
    );
  };

  function lock(reason: LockReason): void {
    const wasUnlocked = session.isUnlocked;
    const wasSensitive = sensitive;
    // Deleting already ended the session on the server; every other lock signs out.
    session.lock({ signOut: reason !== 'deleted' });
    sensitive = false;
    idle.start(autoLockMinutes * 60_000);
    // Quick exit steps history back itself (below); on pagehide the page is already leaving.
    if (reason !== 'exit') void history.collapse();
    if (reason === 'exit' || (!wasUnlocked && !wasSensitive)) {
      mount(undefined);
      return;
    }
    mount(noticeFor(reason, wasUnlocked));
  }

  function noticeFor(reason: LockReason, wasUnlocked: boolean): string | undefined {
    // The installed app's start screen says nothing about a diary, even after a lock.
    if (appMode !== undefined) {
      return reason === 'exit' || !wasUnlocked ? undefined : INSTALL_MESSAGES[locale].locked;
    }
    switch (reason) {
      case 'deleted':
        return t.notices.deleted;
      case 'signed-out':
        return t.notices.signedOut;
      case 'idle':
        if (!wasUnlocked) return undefined;
        return autoLockMinutes === 1
          ? t.notices.idleLockedOne
          : format(t.notices.idleLocked, { minutes: autoLockMinutes });
      case 'button':
      case 'exit':
        return wasUnlocked ? t.notices.locked : undefined;
    }
  }

  /** Keeps the server's idle expiry from ending a session the person is actively using. */
  const keepAlive = (): void => {
    if (!session.isUnlocked) return;
    const every = (session.serverIdleTimeoutSeconds * 1000) / 3;
    if (Date.now() - lastKeepAlive < every) return;
    lastKeepAlive = Date.now();
    api.listSessions().catch(() => {
      // A real failure shows on the next request the person makes.
    });
  };

  for (const type of ACTIVITY_EVENTS) {
    document.addEventListener(
      type,
      () => {
        idle.activity();
        keepAlive();
      },
      { capture: true, passive: true },
    );
  }
  // Quick exit: lock in the same task, before the browser leaves for the neutral site.
  document.addEventListener(QUICK_EXIT_EVENT, (event) => {
    lock('exit');
    // Deeper than the vault's first entry: step back to it first, so that the neutral site
    // takes its place and Back cannot return to any vault screen.
    const href = (event as CustomEvent<{ href?: unknown } | null>).detail?.href;
    if (history.depth > 0 && event.cancelable && typeof href === 'string') {
      event.preventDefault();
      void history.collapse().then(() => window.location.replace(href));
    }
  });
  window.addEventListener('pagehide', () => lock('exit'));

  root.replaceChildren();
  idle.start(autoLockMinutes * 60_000);
  mount(undefined);
  // The open diary's screens, fetched while the person types their passphrase, so that
  // unlocking does not wait for them: after libsodium, which unlocking needs first (Argon2id
  // starts as soon as "Open my diary" is pressed, the screens only after the sign-in's round
  // trip), so that on a slow connection the two do not share the bandwidth (issue 20).
  // Then the diary workers' script, which the first unlock starts workers with.
  void crypto
    .then(() => loadUnlockedScreens())
    .then(
      () => prefetchDiaryWorker(),
      () => {
        // Shown, with "Try again", if a diary screen is opened before a later try succeeds.
      },
    );
}

const root = document.getElementById('vault-app');
if (root) start(root);
