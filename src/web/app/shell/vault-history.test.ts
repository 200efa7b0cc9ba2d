import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Screen } from './context.js';
import { screenFromName, VaultHistory, type HistoryLike } from './vault-history.js';

/**
 * A browser's joint session history for one page: a list of entries and a cursor. Entries
 * below the vault's first one stand for the page before it. Like a browser, pushState cuts off
 * whatever was ahead, and go() reports a popstate in a later task.
 */
class FakeHistory implements HistoryLike {
  entries: { state: unknown; url: string }[] = [{ state: 'page before', url: '/before' }];
  cursor = 0;
  owner: VaultHistory | undefined;

  constructor() {
    this.entries.push({ state: null, url: '/vault' });
    this.cursor = 1;
  }

  get state(): unknown {
    return this.entries[this.cursor]!.state;
  }

  pushState(state: unknown, _unused: string, url = '/vault'): void {
    this.entries.splice(this.cursor + 1);
    this.entries.push({ state: structuredClone(state), url });
    this.cursor += 1;
  }

  replaceState(state: unknown, _unused: string, url = '/vault'): void {
    this.entries[this.cursor] = { state: structuredClone(state), url };
  }

  go(delta: number): void {
    const target = this.cursor + delta;
    if (target < 1 || target >= this.entries.length) return;
    setTimeout(() => {
      this.cursor = target;
      this.owner?.popped(this.state);
    }, 0);
  }

  /** The person pressing Back or Forward (leaving the vault is not modelled: stays put). */
  async press(delta: -1 | 1): Promise<void> {
    this.go(delta);
    await settle();
  }
}

const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 5));

function setUp(): { fake: FakeHistory; vault: VaultHistory; shown: Screen[] } {
  const fake = new FakeHistory();
  const vault = new VaultHistory(fake, () => '/vault');
  fake.owner = vault;
  const shown: Screen[] = [];
  vault.listen((screen) => shown.push(screen));
  vault.begin({ name: 'start' });
  return { fake, vault, shown };
}

/** Every vault entry holds a screen name and a random key, and its address is bare /vault. */
function expectOnlyNames(fake: FakeHistory): void {
  for (const entry of fake.entries.slice(1)) {
    expect(entry.url).toBe('/vault');
    expect(Object.keys(entry.state as object).sort()).toEqual(['key', 'screen']);
    expect((entry.state as { key: string }).key).toMatch(/^[0-9a-f]{16}$/);
    expect((entry.state as { screen: string }).screen).toMatch(/^[a-z-]+$/);
  }
}

const RECORD_ID = 'c0ffee00-1111-4222-8333-444455556666';

const SCREENS: Screen[] = [
  { name: 'home' },
  { name: 'incidents' },
  { name: 'quick' },
  { name: 'settings' },
  { name: 'incident-view', id: RECORD_ID },
  { name: 'note-edit', id: RECORD_ID },
  { name: 'second-factor-codes', codes: ['secret-code-1', 'secret-code-2'] },
];

describe('VaultHistory', () => {
  it('moves Back and Forward between screens, giving back ids kept only in memory', async () => {
    const { fake, vault, shown } = setUp();
    vault.push({ name: 'home' });
    vault.push({ name: 'incidents' });
    vault.push({ name: 'incident-view', id: RECORD_ID });
    expectOnlyNames(fake);
    expect(JSON.stringify(fake.entries)).not.toContain(RECORD_ID);
    await fake.press(-1);
    expect(shown.at(-1)).toEqual({ name: 'incidents' });
    await fake.press(-1);
    expect(shown.at(-1)).toEqual({ name: 'home' });
    await fake.press(1);
    await fake.press(1);
    expect(shown.at(-1)).toEqual({ name: 'incident-view', id: RECORD_ID });
    expect(vault.depth).toBe(3);
  });

  it('collapses to one start screen on lock: Back leaves, Forward finds only a start screen', async () => {
    const { fake, vault } = setUp();
    vault.push({ name: 'home' });
    vault.push({ name: 'incident-view', id: RECORD_ID });
    await vault.collapse();
    expect(fake.cursor).toBe(1);
    expect(fake.entries.slice(1).map((e) => (e.state as { screen: string }).screen)).toEqual([
      'start',
      'start',
    ]);
    expect(vault.depth).toBe(0);
    expectOnlyNames(fake);
  });

  it('shows an entry it does not know by its name alone, or the list it belongs to', () => {
    expect(screenFromName('incidents')).toEqual({ name: 'incidents' });
    expect(screenFromName('incident-view')).toEqual({ name: 'incidents' });
    expect(screenFromName('second-factor-codes')).toEqual({ name: 'settings' });
    expect(screenFromName('unlock-code')).toEqual({ name: 'unlock' });
    expect(screenFromName('constructor')).toBeUndefined();
    expect(screenFromName('no-such-screen')).toBeUndefined();
    expect(screenFromName(42)).toBeUndefined();
  });

  it('keeps only screen names and random keys in history, whatever the moves', async () => {
    type Move =
      | { kind: 'push' | 'replace'; screen: number }
      | { kind: 'back' | 'forward' }
      | { kind: 'collapse' };
    const move: fc.Arbitrary<Move> = fc.oneof(
      fc.record({
        kind: fc.constantFrom('push' as const, 'replace' as const),
        screen: fc.nat(SCREENS.length - 1),
      }),
      fc.record({ kind: fc.constantFrom('back' as const, 'forward' as const) }),
      fc.constant({ kind: 'collapse' as const }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(move, { maxLength: 15 }), async (moves) => {
        const { fake, vault, shown } = setUp();
        for (const m of moves) {
          if (m.kind === 'push') vault.push(SCREENS[m.screen]!);
          else if (m.kind === 'replace') vault.replace(SCREENS[m.screen]!);
          else if (m.kind === 'back') await fake.press(-1);
          else if (m.kind === 'forward') await fake.press(1);
          else await vault.collapse();
          // The vault's entries are the page's entries after the first (the page before).
          expect(vault.depth).toBe(fake.cursor - 1);
        }
        await settle();
        expectOnlyNames(fake);
        const everything = JSON.stringify(fake.entries);
        expect(everything).not.toContain(RECORD_ID);
        expect(everything).not.toContain('secret-code');
        // Whatever was shown from history is a screen that was pushed or replaced.
        const allowed = [{ name: 'start' }, ...SCREENS].map((s) => JSON.stringify(s));
        for (const screen of shown) expect(allowed).toContain(JSON.stringify(screen));
      }),
      { numRuns: 60 },
    );
  });
});
