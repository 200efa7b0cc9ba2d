/**
 * Back and Forward between vault screens, without putting anything private in the browser's
 * history (DESIGN.md, threat 1).
 *
 * Each vault screen gets one history entry whose state is `{ screen, key }`: the screen's name
 * ("incidents", "incident-view") and a random key. The address stays the vault's own (/vault,
 * /cy/vault) with no query or hash. A screen about one record needs its id, and a few screens
 * carry more (the backup codes just made): that full screen is kept only in this object's
 * memory, keyed by the random key, so history never holds an id, a code or a word of the diary.
 * Tab titles are the screens' fixed titles.
 *
 * Lock collapses the vault's history to its first entry, showing the start screen, and cuts off
 * the entries that were ahead of it (`collapse`): Back then leaves the vault, and Forward finds
 * only a start screen. Quick exit does the same before it replaces that entry with the neutral
 * site, so Back from there returns to the page before the vault, as it always did.
 *
 * An entry this object does not know (after a reload, say) shows its screen by name when that
 * needs nothing more, or else the list it belongs to; the app's own guards send any screen that
 * needs the vault unlocked to the start screen.
 */
import type { Screen, ScreenName } from './context.js';

export interface VaultHistoryState {
  readonly screen: ScreenName;
  readonly key: string;
}

/** The browser's history, or a stand-in with the same shape (unit tests). */
export interface HistoryLike {
  readonly state: unknown;
  pushState(state: unknown, unused: string, url?: string): void;
  replaceState(state: unknown, unused: string, url?: string): void;
  go(delta: number): void;
}

/** How long to wait for the browser to report a traversal it was asked for. */
const TRAVERSAL_TIMEOUT_MS = 1000;

/**
 * Every screen, and where it goes when only its name is known: itself (`null`) when the name is
 * all it needs, otherwise the screen it belongs to. A Record, so a new screen must be added here.
 */
const BY_NAME: Readonly<Record<ScreenName, ScreenName | null>> = {
  start: null,
  traces: null,
  'quick-locked': null,
  'create-username': null,
  'create-passphrase': null,
  'create-confirm': null,
  'create-recovery': null,
  'create-check': null,
  'create-done': null,
  unlock: null,
  'unlock-code': 'unlock',
  recover: null,
  'recover-passphrase': null,
  home: null,
  'note-new': null,
  'note-view': 'home',
  'note-edit': 'home',
  'note-history': 'home',
  'note-delete': 'home',
  incidents: null,
  quick: null,
  'incident-new': null,
  'incident-view': 'incidents',
  'incident-edit': 'incidents',
  'incident-delete': 'incidents',
  people: null,
  'person-new': null,
  'person-edit': 'people',
  'person-delete': 'people',
  places: null,
  'place-new': null,
  'place-edit': 'places',
  'place-delete': 'places',
  effects: null,
  'effect-new': null,
  'effect-edit': 'effects',
  'effect-delete': 'effects',
  patterns: null,
  print: null,
  report: null,
  share: null,
  witnesses: null,
  settings: null,
  'change-passphrase': null,
  'delete-account': null,
  'second-factor-setup': null,
  'second-factor-codes': 'settings',
  'second-factor-off': null,
  'backup-export': null,
  'backup-import': null,
  import: null,
  'import-senders': null,
  'import-person': null,
  'import-settings': null,
  'import-preview': null,
  'risk-check': null,
  'risk-result': 'risk-history',
  'risk-history': null,
  'safety-plan': null,
  evidence: null,
  'evidence-add': null,
  'evidence-view': 'evidence',
  'evidence-edit': 'evidence',
  'evidence-link': 'evidence',
  'evidence-delete': 'evidence',
  'evidence-choose': 'evidence',
};

/** 64 random bits as hex: says nothing about the screen or the diary. */
export function randomKey(): string {
  const bytes = new Uint8Array(8);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The screen an entry shows when only its name is known, or undefined for a bad state. */
export function screenFromName(name: unknown): Screen | undefined {
  if (typeof name !== 'string' || !Object.hasOwn(BY_NAME, name)) return undefined;
  const target = BY_NAME[name as ScreenName] ?? (name as ScreenName);
  // Every screen in BY_NAME mapped to null needs nothing but its name.
  return { name: target } as Screen;
}

export class VaultHistory {
  /** Full screens of this page's entries, by key; forgotten on collapse. */
  private readonly entries = new Map<string, { readonly index: number; readonly screen: Screen }>();
  /** The current entry's place above the vault's first entry. */
  private index = 0;
  private currentKey: string | undefined;
  /** Set while this object is traversing history itself: the next popstate is its own. */
  private traversal: (() => void) | undefined;
  /** Pushes and replaces asked for during a collapse, done after it. */
  private queued: (() => void)[] = [];
  private collapsing: Promise<void> | undefined;
  private listener: ((screen: Screen) => void) | undefined;

  constructor(
    private readonly history: HistoryLike,
    private readonly path: () => string,
  ) {}

  /** The browser's history for this page, listening for Back and Forward. */
  static forWindow(win: Window): VaultHistory {
    const h = new VaultHistory(win.history, () => win.location.pathname);
    win.addEventListener('popstate', (event) => h.popped(event.state));
    return h;
  }

  /** The app's first screen: takes over the entry the page was loaded into. */
  begin(screen: Screen): void {
    this.entries.clear();
    this.index = 0;
    this.write('replace', screen);
  }

  /** A new screen the person moved to: a new entry, so Back returns here. */
  push(screen: Screen): void {
    this.whenSettled(() => {
      this.index += 1;
      this.write('push', screen);
    });
  }

  /** A new screen in place of this one (Back skips the screen being left). */
  replace(screen: Screen): void {
    this.whenSettled(() => this.write('replace', screen));
  }

  /** Calls `listener` with the screen to show when the person presses Back or Forward. */
  listen(listener: (screen: Screen) => void): () => void {
    this.listener = listener;
    return () => {
      if (this.listener === listener) this.listener = undefined;
    };
  }

  /** How many vault entries lie below the current one. */
  get depth(): number {
    return this.index;
  }

  /**
   * Back to the vault's first entry, showing `screen` there, with nothing ahead of it but one
   * entry for the same screen. Every full screen kept in memory is forgotten at once.
   */
  collapse(screen: Screen = { name: 'start' }): Promise<void> {
    this.entries.clear();
    if (this.collapsing !== undefined) return this.collapsing;
    const run = async (): Promise<void> => {
      if (this.index > 0) await this.traverse(-this.index);
      this.index = 0;
      this.write('replace', screen);
      // A new entry cuts off everything that was ahead; then step back onto the first one.
      const ahead = randomKey();
      this.history.pushState(this.stateFor(screen, ahead), '', this.path());
      await this.traverse(-1);
      this.entries.clear();
      this.entries.set(ahead, { index: 1, screen });
      this.currentKey = undefined;
      this.write('replace', screen);
    };
    this.collapsing = run().finally(() => {
      this.collapsing = undefined;
      const queued = this.queued;
      this.queued = [];
      for (const action of queued) action();
    });
    return this.collapsing;
  }

  /** A popstate: the person moved with Back or Forward (or this object traversed). */
  popped(state: unknown): void {
    if (this.traversal !== undefined) {
      const done = this.traversal;
      this.traversal = undefined;
      done();
      return;
    }
    if (this.collapsing !== undefined) return;
    const key =
      typeof state === 'object' && state !== null ? (state as { key?: unknown }).key : undefined;
    const known = typeof key === 'string' ? this.entries.get(key) : undefined;
    if (known !== undefined) {
      this.index = known.index;
      this.currentKey = key as string;
      this.listener?.(known.screen);
      return;
    }
    // Not an entry of this page's life: show what its name alone allows, on a fresh entry.
    const name =
      typeof state === 'object' && state !== null ? (state as { screen?: unknown }).screen : '';
    const screen = screenFromName(name) ?? { name: 'start' };
    this.index = 0;
    this.entries.clear();
    this.write('replace', screen);
    this.listener?.(screen);
  }

  private whenSettled(action: () => void): void {
    if (this.collapsing !== undefined) this.queued.push(action);
    else action();
  }

  private write(how: 'push' | 'replace', screen: Screen): void {
    if (how === 'replace' && this.currentKey !== undefined) this.entries.delete(this.currentKey);
    const key = randomKey();
    this.entries.set(key, { index: this.index, screen });
    this.currentKey = key;
    const state = this.stateFor(screen, key);
    if (how === 'push') this.history.pushState(state, '', this.path());
    else this.history.replaceState(state, '', this.path());
  }

  private stateFor(screen: Screen, key: string): VaultHistoryState {
    return { screen: screen.name, key };
  }

  /** history.go(delta), resolved when the browser reports it (or after a short wait). */
  private traverse(delta: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.traversal = undefined;
        resolve();
      }, TRAVERSAL_TIMEOUT_MS);
      this.traversal = () => {
        clearTimeout(timer);
        resolve();
      };
      this.history.go(delta);
    });
  }
}
