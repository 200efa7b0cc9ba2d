/**
 * The unlocked vault: the account key and who is signed in, held in memory only, and the idle
 * timer that locks it. Locking wipes the key, forgets the CSRF token and signs the session out
 * without waiting (so it also works while the page is being left by quick exit).
 *
 * Nothing here touches storage: when the page goes, so does everything in it.
 */
import { wipe } from '../crypto/index.js';
import type { SessionResponse, VaultApi } from './api.js';

/**
 * The event quick exit dispatches on `document` (src/web/enhance/quick-exit.ts). Not imported
 * from there, because sharing a module would split the public pages' one small script into two
 * files; vault-session.test.ts checks that the two names agree.
 */
export const QUICK_EXIT_EVENT = 'mosaic:quick-exit';

/** The auto-lock times a person can choose, in minutes. */
export const AUTO_LOCK_CHOICES = [1, 5, 10, 30] as const;
export type AutoLockMinutes = (typeof AUTO_LOCK_CHOICES)[number];
export const DEFAULT_AUTO_LOCK_MINUTES: AutoLockMinutes = 10;
/** How long before an auto-lock the person is warned, with a way to stay open. */
export const LOCK_WARNING_MS = 30_000;
/** The longest an auto-lock waits for unfinished entries to be saved as drafts. */
export const DRAFT_SAVE_MS = 8_000;

/** Thrown when something needs the account key after the vault locked. */
export class LockedError extends Error {
  override readonly name = 'LockedError';
  constructor() {
    super('the vault is locked');
  }
}

interface Unlocked {
  readonly username: string;
  readonly accountKey: Uint8Array;
  readonly idleTimeoutSeconds: number;
  /** The server's copy of the account key wrapped by the passphrase (base64url; not secret). */
  wrappedAccountKey: string;
}

export class VaultSession {
  private unlocked: Unlocked | undefined;
  private readonly lockHooks = new Set<() => void>();
  private readonly savers = new Set<() => Promise<void>>();
  private readonly warningListeners = new Set<(warning: boolean) => void>();
  private warning = false;

  constructor(readonly api: VaultApi) {}

  /**
   * Starts an unlocked session from a SessionResponse and the account key unwrapped from it.
   * The session owns the key from now on and wipes it on lock.
   */
  begin(response: SessionResponse, accountKey: Uint8Array): void {
    if (this.unlocked !== undefined && this.unlocked.accountKey !== accountKey) {
      wipeBestEffort(this.unlocked.accountKey);
    }
    this.api.setCsrfToken(response.csrfToken);
    this.unlocked = {
      username: response.username,
      accountKey,
      idleTimeoutSeconds: response.idleTimeoutSeconds,
      wrappedAccountKey: response.wrappedAccountKey,
    };
  }

  get isUnlocked(): boolean {
    return this.unlocked !== undefined;
  }

  get username(): string {
    return this.current().username;
  }

  /** Seconds after which the server ends an idle session. */
  get serverIdleTimeoutSeconds(): number {
    return this.current().idleTimeoutSeconds;
  }

  /**
   * The account key as the server stores it, wrapped by the passphrase's key-encryption key:
   * lets a screen check a passphrase typed again (for a backup) without asking the server.
   */
  get wrappedAccountKey(): string {
    return this.current().wrappedAccountKey;
  }

  /** After a passphrase change in this session: the server now holds this wrapped copy. */
  setWrappedAccountKey(wrapped: string): void {
    this.current().wrappedAccountKey = wrapped;
  }

  /** The account key; throws LockedError when locked. Callers must not keep it. */
  get accountKey(): Uint8Array {
    return this.current().accountKey;
  }

  /**
   * Locks at once, synchronously: wipes the account key, forgets the CSRF token and (unless told
   * not to) tells the server to end the session with a keepalive request nobody waits for.
   */
  lock(options: { signOut?: boolean } = {}): void {
    const unlocked = this.unlocked;
    this.unlocked = undefined;
    this.setLockWarning(false);
    if (unlocked !== undefined) wipeBestEffort(unlocked.accountKey);
    if (options.signOut === false) this.api.clearCsrfToken();
    else this.api.signOutKeepalive();
    for (const hook of [...this.lockHooks]) {
      try {
        hook();
      } catch {
        // One failing hook must not stop the others from wiping.
      }
    }
  }

  /**
   * Runs `hook` on every lock, to wipe secrets held elsewhere (a sign-up's keys, a recovery's
   * account key). Returns a function that removes it.
   */
  onLock(hook: () => void): () => void {
    this.lockHooks.add(hook);
    return () => this.lockHooks.delete(hook);
  }

  /**
   * Runs `saver` just before an auto-lock (while the key is still here), to keep what is typed
   * as an encrypted draft. Returns a function that removes it.
   */
  onBeforeAutoLock(saver: () => Promise<void>): () => void {
    this.savers.add(saver);
    return () => this.savers.delete(saver);
  }

  /**
   * Runs every saver, waiting at most `timeoutMs`; a failing saver never stops the lock.
   *
   * @example await session.beforeAutoLock(); lock('idle');
   */
  async beforeAutoLock(timeoutMs: number = DRAFT_SAVE_MS): Promise<void> {
    if (this.unlocked === undefined || this.savers.size === 0) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
    });
    const saves = Promise.allSettled([...this.savers].map((save) => save())).then(() => undefined);
    await Promise.race([saves, timeout]);
    clearTimeout(timer);
  }

  /** Whether the "locking soon" warning is showing. */
  get lockWarning(): boolean {
    return this.warning;
  }

  /** Shows or hides the "locking soon" warning (called by the idle timer). */
  setLockWarning(on: boolean): void {
    if (this.warning === on) return;
    this.warning = on;
    for (const listener of [...this.warningListeners]) listener(on);
  }

  /** Calls `listener` whenever the warning shows or hides; returns the unsubscribe function. */
  onLockWarning(listener: (warning: boolean) => void): () => void {
    this.warningListeners.add(listener);
    return () => this.warningListeners.delete(listener);
  }

  private current(): Unlocked {
    if (this.unlocked === undefined) throw new LockedError();
    return this.unlocked;
  }
}

/** Zeroes key bytes; falls back to fill(0) if libsodium is not loaded (it always is by then). */
export function wipeBestEffort(bytes: Uint8Array | undefined): void {
  if (bytes === undefined) return;
  try {
    wipe(bytes);
  } catch {
    bytes.fill(0);
  }
}

export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Calls `onIdle` once after `timeoutMs` with no activity. `activity()` is cheap (it only records
 * the time), so it can be called on every key press and pointer move; the one timer re-arms
 * itself for the time left when it fires early.
 *
 * @example
 * const idle = new IdleTimer(() => lock('idle'));
 * idle.start(10 * 60_000);
 * document.addEventListener('keydown', () => idle.activity());
 */
export class IdleTimer {
  private handle: unknown;
  private lastActivity = 0;
  private timeoutMs = 0;
  private warned = false;

  /**
   * With `warning`, `warning.onWarn(true)` is called `warning.ms` before going idle (when the
   * timeout is longer than that), and `onWarn(false)` at the next activity or stop.
   */
  constructor(
    private readonly onIdle: () => void,
    private readonly clock: Clock = realClock,
    private readonly warning?: { readonly ms: number; readonly onWarn: (on: boolean) => void },
  ) {}

  get running(): boolean {
    return this.handle !== undefined;
  }

  /** (Re)starts the countdown with a new length, from now. */
  start(timeoutMs: number): void {
    this.stop();
    this.timeoutMs = timeoutMs;
    this.lastActivity = this.clock.now();
    this.arm(this.untilNext(timeoutMs));
  }

  /** Records activity: the countdown starts again from now. */
  activity(): void {
    if (this.handle === undefined) return;
    this.lastActivity = this.clock.now();
    if (this.warned) {
      this.warned = false;
      this.warning?.onWarn(false);
      // The timer was armed for the lock itself; arm it for the next warning instead.
      this.clock.clearTimeout(this.handle);
      this.arm(this.untilNext(this.timeoutMs));
    }
  }

  stop(): void {
    if (this.handle !== undefined) this.clock.clearTimeout(this.handle);
    this.handle = undefined;
    if (this.warned) {
      this.warned = false;
      this.warning?.onWarn(false);
    }
  }

  private arm(ms: number): void {
    this.handle = this.clock.setTimeout(() => this.check(), ms);
  }

  /** With `left` ms to go before idle: how long until the next thing to do (warn or lock). */
  private untilNext(left: number): number {
    const warnAt = this.warningMs();
    return !this.warned && warnAt > 0 && left > warnAt ? left - warnAt : left;
  }

  private warningMs(): number {
    const w = this.warning;
    return w !== undefined && this.timeoutMs > w.ms ? w.ms : 0;
  }

  private check(): void {
    const left = this.lastActivity + this.timeoutMs - this.clock.now();
    const warnAt = this.warningMs();
    if (left > 0 && !this.warned && warnAt > 0 && left <= warnAt) {
      this.warned = true;
      this.warning?.onWarn(true);
      this.arm(left);
      return;
    }
    if (left > 0) {
      this.arm(this.untilNext(left));
      return;
    }
    this.handle = undefined;
    if (this.warned) {
      this.warned = false;
      this.warning?.onWarn(false);
    }
    this.onIdle();
  }
}
