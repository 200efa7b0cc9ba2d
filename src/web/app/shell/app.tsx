/**
 * The vault app: an in-memory router over small screens, with Back and Forward through
 * VaultHistory (vault-history.ts: history holds screen names and random keys only). main.tsx mounts it afresh (a new key)
 * on every lock, so every piece of decrypted state, every draft and every form value is dropped
 * at once; lock hooks wipe the key material that lived in this component's drafts.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import {
  wipePendingSignIn,
  wipePrepared,
  type Opened,
  type FailedAttempts,
  type VaultApi,
  RevisionWatch,
  DiaryStore,
  ReceiptWatch,
  type AutoLockMinutes,
  type VaultSession,
  type WriteQueue,
} from '../../../vault/index.js';
import { anyFailedAttempts } from '../account/failed-attempts.js';
import {
  AppContext,
  useApp,
  type AppContextValue,
  type DiaryMemory,
  type NoteDraft,
  type Screen,
  type ScreenName,
} from './context.js';
import { formatDate, formatHappenedAt } from './format-date.js';
import { MESSAGES, type AppLocale } from './messages.js';
import { EVIDENCE_SCREEN_NAMES } from '../evidence/screen.js';
import { emptyFilter } from '../diary/list-filter.js';
import {
  CreateConfirmScreen,
  CreatePassphraseScreen,
  CreateUsernameScreen,
  newCreateDraft,
  RecoveryCheckScreen,
  RecoveryKeyScreen,
} from '../account/create.js';
import {
  newRecoverDraft,
  RecoverPassphraseScreen,
  RecoverScreen,
  wipeRecoverDraft,
} from '../account/recover.js';
import { StartScreen } from '../account/start.js';
import { newSignInDraft, UnlockCodeScreen, UnlockScreen } from '../account/unlock.js';
import type { VaultHistory } from './vault-history.js';
import { LazyChrome, LazyUnlocked, loadUnlockedScreens } from './lazy-screens.js';
import { isLockedScreen } from './locked-screens.js';
import type { InstallContext } from './context.js';
import { QuickLockedScreen } from '../quick/locked-screen.js';
import { makeWriteQueue } from '../quick/queue-db.js';
import { workerPool } from '../diary-open/pool.js';

export interface AppProps {
  readonly locale: AppLocale;
  readonly api: VaultApi;
  readonly session: VaultSession;
  /** The browser's history for vault screens (one per page, kept across locks). */
  readonly history: VaultHistory;
  /** A message for the first screen (after a lock, say). */
  readonly notice?: string | undefined;
  /** Move focus to the first screen's heading (true after a lock; false on page load). */
  readonly moveFocus: boolean;
  readonly autoLockMinutes: AutoLockMinutes;
  readonly onAutoLockChange: (minutes: AutoLockMinutes) => void;
  readonly onUnlocked: () => void;
  readonly onScreen: (name: ScreenName) => void;
  readonly onLock: () => void;
  readonly onDeleted: () => void;
  readonly install: InstallContext;
}

/** Screens that need the vault unlocked. */
const LOCKED_OUT: ReadonlySet<ScreenName> = new Set([
  'home',
  'note-new',
  'note-view',
  'note-edit',
  'note-history',
  'note-delete',
  'incidents',
  'quick',
  'incident-new',
  'incident-view',
  'incident-edit',
  'incident-delete',
  'people',
  'person-new',
  'person-edit',
  'person-delete',
  'places',
  'place-new',
  'place-edit',
  'place-delete',
  'effects',
  'effect-new',
  'effect-edit',
  'effect-delete',
  'patterns',
  'print',
  'report',
  'share',
  'witnesses',
  'settings',
  'change-passphrase',
  'delete-account',
  'create-done',
  'second-factor-setup',
  'second-factor-codes',
  'second-factor-off',
  'backup-export',
  'backup-import',
  'import',
  'import-senders',
  'import-person',
  'import-settings',
  'import-preview',
  'risk-check',
  'risk-result',
  'risk-history',
  'safety-plan',
  'traces',
  ...EVIDENCE_SCREEN_NAMES,
]);

/**
 * Screens that Back should not return to once left: the diary just made, backup codes shown
 * once, and questions about deleting something (which may be gone). The next screen replaces
 * their history entry.
 */
const LEFT_BEHIND: ReadonlySet<ScreenName> = new Set([
  'create-done',
  'second-factor-codes',
  'note-delete',
  'incident-delete',
  'person-delete',
  'place-delete',
  'effect-delete',
  'evidence-delete',
  'delete-account',
]);

/** The same screen (and record) as before: moving there again adds no history entry. */
function sameScreen(a: Screen, b: Screen): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function App(props: AppProps) {
  const { locale, api, session } = props;
  const t = MESSAGES[locale];
  const [route, setRoute] = useState<{ screen: Screen; notice: string | undefined; seq: number }>({
    screen: { name: 'start' },
    notice: props.notice,
    seq: 0,
  });
  const [autoLockMinutes, setAutoLock] = useState(props.autoLockMinutes);
  const createDraft = useRef(newCreateDraft());
  const recoverDraft = useRef(newRecoverDraft());
  const signInDraft = useRef(newSignInDraft());
  const [failedAttempts, setFailedAttempts] = useState<FailedAttempts | undefined>(undefined);
  const drafts = useRef(new Map<string, NoteDraft>());
  const revisions = useRef(new RevisionWatch());
  const diary = useRef<DiaryMemory | undefined>(undefined);
  // Made once per mounted app (a fresh app is mounted on every lock).
  const newStore = (): { store: DiaryStore; queue: WriteQueue } => {
    // Pages open in a pool of workers; the store's wipe (on lock) terminates them.
    const store = new DiaryStore(api, () => session.accountKey, revisions.current, workerPool());
    return { store, queue: makeWriteQueue(api, () => session.accountKey, store) };
  };
  diary.current ??= {
    ...newStore(),
    receipts: new ReceiptWatch(api, () => session.accountKey),
    incidents: new Map(),
    people: new Map(),
    places: new Map(),
    effects: new Map(),
    filter: emptyFilter(),
    printTitle: undefined,
    quick: undefined,
  };
  const diaryMemory = diary.current;

  const discardFlows = (): void => {
    if (createDraft.current.prepared !== undefined) wipePrepared(createDraft.current.prepared);
    createDraft.current = newCreateDraft();
    wipeRecoverDraft(recoverDraft.current);
    recoverDraft.current = newRecoverDraft();
    discardSignIn();
  };

  /** The keys of a sign-in waiting for its second factor live only while its page is open. */
  const discardSignIn = (): void => {
    wipePendingSignIn(signInDraft.current.pending);
    signInDraft.current.pending = undefined;
  };

  // Wipe the flows' key material and the decrypted diary on lock (main.tsx then mounts a fresh
  // app).
  useEffect(
    () =>
      session.onLock(() => {
        discardFlows();
        diaryMemory.store.wipe();
        diaryMemory.receipts.stop();
      }),
    [],
  );

  /** The screen on show, for deciding how a move is written to history. */
  const shown = useRef<Screen>(route.screen);

  const show = (screen: Screen, notice: string | undefined): void => {
    if (screen.name === 'start' || screen.name === 'home') discardFlows();
    if (screen.name !== 'unlock-code') discardSignIn();
    // Told once: leaving the diary home after unlocking puts the notice away.
    if (screen.name !== 'home') setFailedAttempts(undefined);
    shown.current = screen;
    setRoute((r) => ({ screen, notice, seq: r.seq + 1 }));
    props.onScreen(screen.name);
  };

  const navigate = (screen: Screen, notice?: string): void => {
    const from = shown.current;
    if (!LOCKED_OUT.has(from.name) && LOCKED_OUT.has(screen.name)) {
      // Just unlocked: the diary becomes the vault's first entry, so Back from it leaves (and
      // never returns to the sign-in or sign-up screens).
      void props.history.collapse(screen);
    } else if (LEFT_BEHIND.has(from.name) || sameScreen(from, screen)) {
      props.history.replace(screen);
    } else {
      props.history.push(screen);
    }
    show(screen, notice);
  };

  // Back and Forward: show the entry's screen without writing history again.
  useEffect(() => {
    return props.history.listen((screen) => {
      if (LOCKED_OUT.has(screen.name) !== session.isUnlocked) {
        // A locked vault cannot show a diary screen, and an open one goes to its home.
        const instead: Screen = session.isUnlocked ? { name: 'home' } : { name: 'start' };
        props.history.replace(instead);
        show(instead, undefined);
        return;
      }
      show(screen, undefined);
    });
  }, []);

  const value: AppContextValue = {
    t,
    locale,
    api,
    session,
    screen: route.screen,
    navigate,
    notice: route.notice,
    moveFocus: props.moveFocus || route.seq > 0,
    failedAttempts,
    dismissFailedAttempts: () => setFailedAttempts(undefined),
    unlocked: (opened: Opened) => {
      session.begin(opened.session, opened.accountKey);
      setFailedAttempts(
        anyFailedAttempts(opened.session.failedAttempts)
          ? opened.session.failedAttempts
          : undefined,
      );
      props.onUnlocked();
    },
    prepareUnlocked: () => {
      loadUnlockedScreens().catch(() => {
        // Shown, with "Try again", by the diary screen that needs them.
      });
    },
    lock: props.onLock,
    autoLockMinutes,
    setAutoLockMinutes: (minutes) => {
      setAutoLock(minutes);
      props.onAutoLockChange(minutes);
    },
    revisions: revisions.current,
    drafts: drafts.current,
    diary: diaryMemory,
    formatTimestamp: (iso) => formatDate(new Date(iso), t.dates, true),
    formatHappened: (happenedAt) => formatHappenedAt(happenedAt, t.dates),
    install: props.install,
  };

  const screen: Screen =
    LOCKED_OUT.has(route.screen.name) && !session.isUnlocked ? { name: 'start' } : route.screen;

  return (
    <AppContext.Provider value={value}>
      <div class="vault">
        {session.isUnlocked && <LazyChrome current={screen.name} />}
        <ScreenView
          key={route.seq}
          screen={screen}
          createDraft={createDraft.current}
          recoverDraft={recoverDraft.current}
          signInDraft={signInDraft.current}
          onDeleted={props.onDeleted}
        />
      </div>
    </AppContext.Provider>
  );
}

function ScreenView(props: {
  screen: Screen;
  createDraft: ReturnType<typeof newCreateDraft>;
  recoverDraft: ReturnType<typeof newRecoverDraft>;
  signInDraft: ReturnType<typeof newSignInDraft>;
  onDeleted: () => void;
}) {
  const { screen, createDraft, recoverDraft, signInDraft } = props;
  const { install } = useApp();
  if (!isLockedScreen(screen)) return <LazyUnlocked screen={screen} onDeleted={props.onDeleted} />;
  switch (screen.name) {
    case 'start':
      // The installed app opens on a plain unlock form under its own name.
      if (install.mode !== undefined) return <UnlockScreen draft={signInDraft} neutral />;
      return <StartScreen />;
    case 'quick-locked':
      // The installed app's locked quick note; anywhere else, the start screen.
      if (install.mode === undefined) return <StartScreen />;
      return <QuickLockedScreen />;
    case 'create-username':
      return <CreateUsernameScreen draft={createDraft} />;
    case 'create-passphrase':
      return <CreatePassphraseScreen draft={createDraft} />;
    case 'create-confirm':
      return <CreateConfirmScreen draft={createDraft} />;
    case 'create-recovery':
      if (createDraft.prepared === undefined) return <CreateUsernameScreen draft={createDraft} />;
      return <RecoveryKeyScreen draft={createDraft} />;
    case 'create-check':
      if (createDraft.prepared === undefined) return <CreateUsernameScreen draft={createDraft} />;
      return <RecoveryCheckScreen draft={createDraft} />;
    case 'unlock':
      return <UnlockScreen draft={signInDraft} neutral={install.mode !== undefined} />;
    case 'unlock-code':
      if (signInDraft.pending === undefined) return <UnlockScreen draft={signInDraft} />;
      return <UnlockCodeScreen draft={signInDraft} method={screen.method} />;
    case 'recover':
      return <RecoverScreen draft={recoverDraft} />;
    case 'recover-passphrase':
      if (recoverDraft.started === undefined) return <RecoverScreen draft={recoverDraft} />;
      return <RecoverPassphraseScreen draft={recoverDraft} />;
  }
}
