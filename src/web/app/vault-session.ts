/**
 * The unlocked vault: the account key and who is signed in, held in memory only, and the idle
 * timer that locks it. Locking wipes the key, forgets the CSRF token and signs the session out
 * without waiting (so it also works while the page is being left by quick exit).
 *
 * Nothing here touches storage: when the page goes, so does everything in it.
 */
import { wipe } from '../../crypto/index.js';
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

  constructor(
    private readonly onIdle: () => void,
    private readonly clock: Clock = realClock,
  ) {}

  get running(): boolean {
    return this.handle !== undefined;
  }

  /** (Re)starts the countdown with a new length, from now. */
  start(timeoutMs: number): void {
    this.stop();
    this.timeoutMs = timeoutMs;
    this.lastActivity = this.clock.now();
    this.arm(timeoutMs);
  }

  /** Records activity: the countdown starts again from now. */
  activity(): void {
    if (this.handle !== undefined) this.lastActivity = this.clock.now();
  }

  stop(): void {
    if (this.handle !== undefined) this.clock.clearTimeout(this.handle);
    this.handle = undefined;
  }

  private arm(ms: number): void {
    this.handle = this.clock.setTimeout(() => this.check(), ms);
  }

  private check(): void {
    const left = this.lastActivity + this.timeoutMs - this.clock.now();
    if (left > 0) {
      this.arm(left);
      return;
    }
    this.handle = undefined;
    this.onIdle();
  }
}
