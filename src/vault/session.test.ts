import { beforeAll, describe, expect, it, vi } from 'vitest';
import { cryptoReady } from '../crypto/index.js';
import { QUICK_EXIT_EVENT as ENHANCE_QUICK_EXIT_EVENT } from '../web/enhance/quick-exit.js';
import { VaultApi } from './api.js';
import {
  AUTO_LOCK_CHOICES,
  DEFAULT_AUTO_LOCK_MINUTES,
  IdleTimer,
  LockedError,
  QUICK_EXIT_EVENT,
  VaultSession,
  type Clock,
} from './session.js';

beforeAll(async () => {
  await cryptoReady();
});

/** A clock the test moves by hand. */
function manualClock() {
  let now = 0;
  let timers: { at: number; callback: () => void; id: number }[] = [];
  let nextId = 1;
  const clock: Clock = {
    now: () => now,
    setTimeout(callback, ms) {
      const id = nextId++;
      timers.push({ at: now + ms, callback, id });
      return id;
    },
    clearTimeout(handle) {
      timers = timers.filter((t) => t.id !== handle);
    },
  };
  const advance = (ms: number): void => {
    const until = now + ms;
    for (;;) {
      const due = timers.filter((t) => t.at <= until).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      timers = timers.filter((t) => t !== due);
      now = due.at;
      due.callback();
    }
    now = until;
  };
  return { clock, advance, pending: () => timers.length };
}

const response = (csrfToken = 'csrf') => ({
  username: 'fox',
  wrappedAccountKey: 'AQ',
  csrfToken,
  idleTimeoutSeconds: 1800,
});

describe('VaultSession', () => {
  it('listens for the event quick exit sends', () => {
    expect(QUICK_EXIT_EVENT).toBe(ENHANCE_QUICK_EXIT_EVENT);
  });

  it('offers 1, 5, 10 and 30 minutes, 10 by default', () => {
    expect(AUTO_LOCK_CHOICES).toEqual([1, 5, 10, 30]);
    expect(DEFAULT_AUTO_LOCK_MINUTES).toBe(10);
  });

  it('holds the account key while unlocked and wipes it on lock', () => {
    const fetch = vi.fn(() => Promise.resolve(new Response(null, { status: 204 })));
    const api = new VaultApi({ fetch });
    const session = new VaultSession(api);
    const key = new Uint8Array(32).fill(7);
    session.begin(response('csrf-1'), key);
    expect(session.isUnlocked).toBe(true);
    expect(session.accountKey).toBe(key);
    expect(api.signedIn).toBe(true);

    const hook = vi.fn();
    session.onLock(hook);
    session.lock();
    expect(key.every((b) => b === 0)).toBe(true);
    expect(session.isUnlocked).toBe(false);
    expect(api.signedIn).toBe(false);
    expect(() => session.accountKey).toThrow(LockedError);
    expect(hook).toHaveBeenCalledTimes(1);
    // Signed out on the server with a keepalive request carrying the CSRF token.
    expect(fetch).toHaveBeenCalledWith(
      '/api/sessions/current',
      expect.objectContaining({
        method: 'DELETE',
        keepalive: true,
        headers: { 'x-mosaic-csrf': 'csrf-1' },
      }),
    );
  });

  it('remembers the wrapped account key while unlocked, updated after a passphrase change', () => {
    const session = new VaultSession(new VaultApi({ fetch: vi.fn() }));
    session.begin(response(), new Uint8Array(32).fill(1));
    expect(session.wrappedAccountKey).toBe('AQ');
    session.setWrappedAccountKey('Ag');
    expect(session.wrappedAccountKey).toBe('Ag');
    session.lock({ signOut: false });
    expect(() => session.wrappedAccountKey).toThrow(LockedError);
  });

  it('can lock without signing out (after deleting the account)', () => {
    const fetch = vi.fn(() => Promise.resolve(new Response(null, { status: 204 })));
    const session = new VaultSession(new VaultApi({ fetch }));
    session.begin(response(), new Uint8Array(32).fill(1));
    session.lock({ signOut: false });
    expect(fetch).not.toHaveBeenCalled();
    expect(session.isUnlocked).toBe(false);
  });

  it('keeps running lock hooks when one throws', () => {
    const session = new VaultSession(new VaultApi({ fetch: vi.fn() }));
    const second = vi.fn();
    session.onLock(() => {
      throw new Error('boom');
    });
    session.onLock(second);
    session.lock();
    expect(second).toHaveBeenCalled();
  });
});

describe('saving before an auto-lock', () => {
  it('runs every saver while unlocked, and never waits longer than the timeout', async () => {
    const session = new VaultSession(new VaultApi({ fetch: vi.fn() }));
    const saved: string[] = [];
    session.onBeforeAutoLock(() => {
      saved.push('a');
      return Promise.resolve();
    });
    session.onBeforeAutoLock(() => new Promise<void>(() => undefined)); // never ends
    session.onBeforeAutoLock(() => Promise.reject(new Error('offline')));
    await session.beforeAutoLock(10);
    expect(saved).toEqual([]); // locked: nothing to save with
    session.begin(response(), new Uint8Array(32));
    await session.beforeAutoLock(10);
    expect(saved).toEqual(['a']);
  });

  it('clears the warning on lock', () => {
    const session = new VaultSession(new VaultApi({ fetch: vi.fn() }));
    const seen: boolean[] = [];
    session.onLockWarning((on) => seen.push(on));
    session.begin(response(), new Uint8Array(32));
    session.setLockWarning(true);
    session.lock({ signOut: false });
    expect(seen).toEqual([true, false]);
    expect(session.lockWarning).toBe(false);
  });
});

describe('IdleTimer', () => {
  it('fires once after the timeout with no activity', () => {
    const { clock, advance } = manualClock();
    const onIdle = vi.fn();
    const timer = new IdleTimer(onIdle, clock);
    timer.start(10_000);
    advance(9_999);
    expect(onIdle).not.toHaveBeenCalled();
    advance(1);
    expect(onIdle).toHaveBeenCalledTimes(1);
    advance(60_000);
    expect(onIdle).toHaveBeenCalledTimes(1);
    expect(timer.running).toBe(false);
  });

  it('counts from the last activity, with a single timer', () => {
    const { clock, advance, pending } = manualClock();
    const onIdle = vi.fn();
    const timer = new IdleTimer(onIdle, clock);
    timer.start(10_000);
    for (let i = 0; i < 100; i++) {
      advance(1_000);
      timer.activity();
    }
    expect(pending()).toBe(1);
    expect(onIdle).not.toHaveBeenCalled();
    advance(9_999);
    expect(onIdle).not.toHaveBeenCalled();
    advance(1);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it('warns 30 seconds before going idle; activity hides the warning and starts again', () => {
    const { clock, advance, pending } = manualClock();
    const onIdle = vi.fn();
    const warnings: boolean[] = [];
    const timer = new IdleTimer(onIdle, clock, {
      ms: 30_000,
      onWarn: (on) => warnings.push(on),
    });
    timer.start(60_000);
    advance(29_999);
    expect(warnings).toEqual([]);
    advance(1);
    expect(warnings).toEqual([true]);
    advance(10_000);
    timer.activity(); // "Stay open"
    expect(warnings).toEqual([true, false]);
    expect(pending()).toBe(1);
    advance(29_999);
    expect(warnings).toEqual([true, false]);
    advance(1);
    expect(warnings).toEqual([true, false, true]);
    expect(onIdle).not.toHaveBeenCalled();
    advance(30_000);
    expect(onIdle).toHaveBeenCalledTimes(1);
    expect(warnings).toEqual([true, false, true, false]);
  });

  it('does not warn when the timeout is no longer than the warning', () => {
    const { clock, advance } = manualClock();
    const onIdle = vi.fn();
    const onWarn = vi.fn();
    const timer = new IdleTimer(onIdle, clock, { ms: 30_000, onWarn });
    timer.start(20_000);
    advance(20_000);
    expect(onWarn).not.toHaveBeenCalled();
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it('restarts with a new length, and stops', () => {
    const { clock, advance } = manualClock();
    const onIdle = vi.fn();
    const timer = new IdleTimer(onIdle, clock);
    timer.start(600_000);
    advance(30_000);
    timer.start(60_000);
    advance(60_000);
    expect(onIdle).toHaveBeenCalledTimes(1);
    timer.start(1_000);
    timer.stop();
    advance(5_000);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });
});
