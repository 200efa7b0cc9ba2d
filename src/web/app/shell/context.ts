/**
 * What every screen can reach: the strings, the API, the unlocked session and the in-memory
 * router. There is no URL routing on purpose: the address stays /vault, and history entries
 * hold only a screen's name and a random key (vault-history.ts), so neither records what was
 * open (DESIGN.md, threat 1). Screens with ids are kept in memory, keyed by that random key.
 */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type {
  Opened,
  FailedAttempts,
  VaultApi,
  RevisionWatch,
  NoteFields,
  AutoLockMinutes,
  VaultSession,
  RecordResponse,
  DiaryStore,
  ReceiptWatch,
  WriteQueue,
} from '../../../vault/index.js';
import type { AppLocale, Messages } from './messages.js';
import type { IncidentFields } from '../diary/incident-form.js';
import type { ListFilter } from '../diary/list-filter.js';
import type { PersonFields } from '../diary/person-form.js';
import type { PlaceFields } from '../diary/place-form.js';
import type { EffectFields } from '../diary/effect-form.js';
import type { EvidenceScreen } from '../evidence/screen.js';
import type { AppMode, LookChoices } from '../install/look.js';

export type Screen =
  | { readonly name: 'start' }
  | { readonly name: 'create-username' }
  | { readonly name: 'create-passphrase' }
  | { readonly name: 'create-confirm' }
  | { readonly name: 'create-recovery' }
  | { readonly name: 'create-check' }
  | { readonly name: 'create-done' }
  | { readonly name: 'unlock' }
  | { readonly name: 'unlock-code'; readonly method: 'totp' | 'backup' }
  | { readonly name: 'recover' }
  | { readonly name: 'recover-passphrase' }
  | { readonly name: 'home' }
  | { readonly name: 'note-new' }
  | { readonly name: 'note-view'; readonly id: string }
  | { readonly name: 'note-edit'; readonly id: string }
  | { readonly name: 'note-history'; readonly id: string }
  | { readonly name: 'note-delete'; readonly id: string }
  | { readonly name: 'incidents' }
  | { readonly name: 'quick' }
  | { readonly name: 'incident-new' }
  | { readonly name: 'incident-view'; readonly id: string }
  | { readonly name: 'incident-edit'; readonly id: string }
  | { readonly name: 'incident-delete'; readonly id: string }
  | { readonly name: 'people' }
  | { readonly name: 'person-new' }
  | { readonly name: 'person-edit'; readonly id: string }
  | { readonly name: 'person-delete'; readonly id: string }
  | { readonly name: 'places' }
  | { readonly name: 'place-new' }
  | { readonly name: 'place-edit'; readonly id: string }
  | { readonly name: 'place-delete'; readonly id: string }
  | { readonly name: 'effects' }
  | { readonly name: 'effect-new' }
  | { readonly name: 'effect-edit'; readonly id: string }
  | { readonly name: 'effect-delete'; readonly id: string }
  | { readonly name: 'patterns' }
  | { readonly name: 'print' }
  /** `incidentId`: opened from that incident, which is then the one chosen at first. */
  | { readonly name: 'report'; readonly incidentId?: string }
  | { readonly name: 'share' }
  | { readonly name: 'witnesses' }
  | { readonly name: 'settings' }
  | { readonly name: 'change-passphrase' }
  | { readonly name: 'delete-account' }
  | { readonly name: 'second-factor-setup' }
  | { readonly name: 'second-factor-codes'; readonly codes: readonly string[] }
  | { readonly name: 'second-factor-off' }
  | { readonly name: 'backup-export' }
  | { readonly name: 'backup-import' }
  | { readonly name: 'import' }
  | { readonly name: 'import-senders' }
  | { readonly name: 'import-person' }
  | { readonly name: 'import-settings' }
  | { readonly name: 'import-preview' }
  | { readonly name: 'risk-check' }
  | { readonly name: 'risk-result'; readonly id: string }
  | { readonly name: 'risk-history' }
  | { readonly name: 'safety-plan' }
  | { readonly name: 'traces' }
  | { readonly name: 'quick-locked' }
  | EvidenceScreen;

export type ScreenName = Screen['name'];

/** A note being written, kept in memory only until it is saved, cancelled or the vault locks. */
export interface NoteDraft {
  readonly fields: NoteFields;
  /** For an edit: the revision it started from, so a change made elsewhere is a conflict. */
  readonly base?: RecordResponse;
}

/** A record being written: its form's fields and, when editing, the revision it started from. */
export interface RecordDraft<F> {
  readonly fields: F;
  readonly base?: RecordResponse;
}

/** An incident being written (full form), in memory only, like a note draft. */
export type IncidentDraft = RecordDraft<IncidentFields>;
/** A person being written, in memory only. */
export type PersonDraft = RecordDraft<PersonFields>;
/** A saved place being written, in memory only. */
export type PlaceDraft = RecordDraft<PlaceFields>;
/** A change to daily life being written, in memory only. */
export type EffectDraft = RecordDraft<EffectFields>;

/** Diary state kept in memory for the session: drafts, the list's filter, the print title. */
export interface DiaryMemory {
  /** The decrypted diary of this session, loaded once and shared by every screen. */
  readonly store: DiaryStore;
  /** Checks the receipts of what the screens show, once per session (vault/receipt-watch.ts). */
  readonly receipts: ReceiptWatch;
  /** Writes made offline, sealed, waiting to be sent in order (vault/write-queue.ts). */
  readonly queue: WriteQueue;
  readonly incidents: Map<string, IncidentDraft>;
  readonly people: Map<string, PersonDraft>;
  readonly places: Map<string, PlaceDraft>;
  readonly effects: Map<string, EffectDraft>;
  filter: ListFilter;
  printTitle: string | undefined;
  /** The quick capture's text, until it is saved. */
  quick: QuickDraft | undefined;
}

export interface QuickDraft {
  readonly what: string;
  readonly where: string;
  /** Undefined until the person changes "when" (then it means the moment of saving). */
  readonly when: string | undefined;
  readonly approximate: boolean;
  /** Who did it: a person record's id; absent for nobody chosen. */
  readonly personId?: string;
  /** "Someone new who did it": a name or description typed in. */
  readonly newPerson?: string;
}

export interface AppContextValue {
  readonly t: Messages;
  readonly locale: AppLocale;
  readonly api: VaultApi;
  readonly session: VaultSession;
  readonly screen: Screen;
  /** Shows another screen, with an optional success message at its top. */
  readonly navigate: (screen: Screen, notice?: string) => void;
  /** A success message to show on this screen, if any. */
  readonly notice: string | undefined;
  /** False only for the first screen after the page loads (focus stays where the browser put it). */
  readonly moveFocus: boolean;
  /**
   * Failed attempts on the account since the last sign-in, as the server told at this one;
   * shown once on the diary home, then forgotten.
   */
  readonly failedAttempts: FailedAttempts | undefined;
  readonly dismissFailedAttempts: () => void;
  /** Starts the unlocked session and the idle timer. */
  readonly unlocked: (opened: Opened) => void;
  /**
   * Starts fetching the open diary's screens if they are not here yet (the unlock screen, before
   * Argon2id holds the thread). Through the context because the unlock screen is itself reached
   * from those screens (settings → second factor), so importing their loader would be a cycle.
   */
  readonly prepareUnlocked: () => void;
  readonly lock: () => void;
  readonly autoLockMinutes: AutoLockMinutes;
  readonly setAutoLockMinutes: (minutes: AutoLockMinutes) => void;
  readonly revisions: RevisionWatch;
  readonly drafts: Map<string, NoteDraft>;
  readonly diary: DiaryMemory;
  /** Server timestamps, in the person's language and time zone. */
  readonly formatTimestamp: (iso: string) => string;
  /** A note's `happenedAt` (local date, optional time), as a person would say it. */
  readonly formatHappened: (happenedAt: string) => string;
  readonly install: InstallContext;
}

/** The installed app: which look this page has, if it is the app's page, and the choices. */
export interface InstallContext {
  /** Set on the installed app's own page (/vault/app/<look>); undefined on /vault. */
  readonly mode: AppMode | undefined;
  readonly choices: LookChoices;
  /** The organisation's short name, the name of its own look. */
  readonly siteName: string;
  /** Locks and opens another page of the vault in place of this one (a look's page, /vault). */
  readonly open: (href: string) => void;
}

export const AppContext = createContext<AppContextValue | undefined>(undefined);

export function useApp(): AppContextValue {
  const value = useContext(AppContext);
  if (value === undefined) throw new Error('useApp outside the vault app');
  return value;
}
