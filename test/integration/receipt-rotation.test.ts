/**
 * Changing the receipt log's key (docs/vault-protocol.md §9.7), on both engines: `rotateLogKey`
 * keeps a hand-over signed by the old key and the new, the running app picks the new key up
 * before its next checkpoint with no restart and signs the same tree again under the new origin,
 * old checkpoints still verify with the old key, and a vault that pinned the old key follows the
 * hand-over (the real VaultApi and ReceiptWatch against the real app) and checks receipts
 * written before and after. Two rotations at once make one hand-over, never two from one key.
 * `npm run log:rotate` does the same from the command line.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOG_KEY_PATH } from '../../src/contract/receipts.js';
import { followHandovers } from '../../src/crypto/log-handover.js';
import { cryptoReady, generateKey } from '../../src/crypto/index.js';
import { ed25519Verifier, formatEd25519PrivateKey } from '../../src/crypto/signed-note.js';
import { verifyCheckpointNote } from '../../src/crypto/tlog-checkpoint.js';
import { nextOrigin, rotateLogKey } from '../../src/server/log/rotate.js';
import { PROJECT_ROOT } from '../../src/server/paths.js';
import { VaultApi } from '../../src/vault/api.js';
import {
  loadLogState,
  pinLogKey,
  ReceiptWatch,
  revisionTarget,
} from '../../src/vault/receipt-watch.js';
import { sealNewRecord } from '../../src/vault/records.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { ENGINES } from '../support/databases.js';
import { VaultClient } from '../support/vault-client.js';

const run = promisify(execFile);

beforeAll(async () => {
  await cryptoReady();
});

describe.each(ENGINES)('changing the log key on $name', ({ name, available }) => {
  let t: TestApp;
  beforeAll(async () => {
    if (available)
      t = await startTestApp({ engine: name, env: { PUBLIC_URL: 'https://rotate.example.org' } });
  });
  afterAll(async () => {
    await t?.close();
  });
  const test = available ? it : it.skip;

  const vaultApi = (c: VaultClient): VaultApi => {
    const api = new VaultApi({
      fetch: (async (input: string, init?: RequestInit) => {
        const res = await t.app.inject({
          method: (init?.method ?? 'GET') as 'GET',
          url: input,
          headers: { ...(init?.headers as Record<string, string>), cookie: c.cookie! },
          remoteAddress: c.ip,
          ...(init?.body === undefined ? {} : { payload: init.body as string }),
        });
        return new Response(res.statusCode === 204 ? null : new Uint8Array(res.rawPayload), {
          status: res.statusCode,
          headers: res.headers as Record<string, string>,
        });
      }) as typeof fetch,
    });
    api.setCsrfToken(c.csrf!);
    return api;
  };
  const get = async (url: string) => (await t.app.inject({ method: 'GET', url })).body;

  test('hands over to a new key that the app uses at once and the vault follows', async () => {
    const c = new VaultClient(t.app, `rotate-${name}-${process.pid}`, '198.51.100.7');
    expect((await c.signUp()).statusCode).toBe(201);
    const api = vaultApi(c);
    const accountKey = await generateKey();
    await pinLogKey(api, accountKey, 'sign-up');
    const write = async (text: string) =>
      revisionTarget(await api.createRecord(await sealNewRecord(accountKey, 'incident', { text })));
    const before = await write('before the change');
    await t.log.checkpointNow();
    expect((await new ReceiptWatch(api, () => accountKey).check(before)).state).toBe('checked');
    // After the vault kept that checkpoint (a write of its own), so the tree is still.
    const oldCheckpoint = await t.log.checkpointNow();
    const oldVkey = (await get(LOG_KEY_PATH)).trim();
    expect(oldVkey.startsWith('rotate.example.org/receipts+')).toBe(true);

    await expect(
      rotateLogKey(t.database.db, { ...t.config.log, origin: 'rotate.example.org/receipts' }),
    ).rejects.toThrow(/Unset LOG_ORIGIN/);
    for (const origin of ['has space', 'rotate.example.org/receipts']) {
      await expect(rotateLogKey(t.database.db, t.config.log, { origin })).rejects.toThrow(
        /cannot be a log origin|needs a new origin/,
      );
    }
    const rotation = await rotateLogKey(t.database.db, t.config.log, {
      now: new Date('2026-12-05T01:00:00.000Z'),
    });
    expect(rotation.keptInDatabase).toBe(true);
    expect(rotation.from.vkey).toBe(oldVkey);
    expect(rotation.to.origin).toBe('rotate.example.org/receipts/r2');

    // The next checkpoint is the same tree, signed again by the new key under the new origin.
    const resigned = await t.log.checkpointNow();
    expect(resigned.size).toBe(oldCheckpoint.size);
    expect(resigned.note.startsWith('rotate.example.org/receipts/r2\n')).toBe(true);
    await verifyCheckpointNote({
      note: resigned.note,
      logKey: await ed25519Verifier(rotation.to.vkey),
      origin: rotation.to.origin,
    });
    // What was signed before still verifies with the old key.
    await verifyCheckpointNote({
      note: oldCheckpoint.note,
      logKey: await ed25519Verifier(oldVkey),
      origin: 'rotate.example.org/receipts',
    });
    expect((await get(LOG_KEY_PATH)).trim()).toBe(rotation.to.vkey);
    const published = JSON.parse(await get('/api/log/key')) as { fingerprint: string };
    const { handovers } = JSON.parse(await get('/api/log/handovers')) as { handovers: string[] };
    expect(handovers).toEqual([rotation.handover]);
    expect(
      (await followHandovers({ origin: rotation.from.origin, vkey: oldVkey }, handovers)).pinned,
    ).toEqual({ origin: rotation.to.origin, vkey: rotation.to.vkey });

    // A vault that pinned the old key checks a new write, and an old one, through the hand-over.
    const after = await write('after the change');
    await t.log.checkpointNow();
    const watch = new ReceiptWatch(api, () => accountKey);
    expect((await watch.check(after)).state).toBe('checked');
    expect((await watch.check(before)).state).toBe('checked');
    const { state } = (await loadLogState(api, accountKey))!;
    expect(state.pinned).toEqual({ origin: rotation.to.origin, vkey: rotation.to.vkey });
    // The vault works the fingerprint out itself, and it agrees with the one published.
    expect(state.fingerprint).toBe(published.fingerprint);
    expect(state.keyChanges).toEqual([
      { from: oldVkey, to: rotation.to.vkey, at: '2026-12-05T01:00:00.000Z' },
    ]);
  });

  test('makes one hand-over when two rotations race, never two from one key', async () => {
    const results = await Promise.allSettled([
      rotateLogKey(t.database.db, t.config.log),
      rotateLogKey(t.database.db, t.config.log),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const { handovers } = JSON.parse(await get('/api/log/handovers')) as { handovers: string[] };
    const first = handovers[0]!.split('\n')[1]!.slice('from '.length);
    const chain = await followHandovers(
      { origin: 'rotate.example.org/receipts', vkey: first },
      handovers,
    );
    expect(chain.steps).toHaveLength(handovers.length);
    expect(chain.pinned.origin).toBe('rotate.example.org/receipts/r3');
    await t.log.checkpointNow();
    expect((await get(LOG_KEY_PATH)).startsWith('rotate.example.org/receipts/r3+')).toBe(true);
  });
});

describe('npm run log:rotate', () => {
  it('names the next origin', () => {
    expect(nextOrigin('a.example/receipts')).toBe('a.example/receipts/r2');
    expect(nextOrigin('a.example/receipts/r9')).toBe('a.example/receipts/r10');
  });

  it('changes a kept key in the embedded database, and prints a new LOG_SIGNING_KEY otherwise', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'mosaic-rotate-'));
    const script = path.join(PROJECT_ROOT, 'scripts', 'rotate-log-key.ts');
    const tsx = path.join(PROJECT_ROOT, 'node_modules', '.bin', 'tsx');
    const env = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent', DATABASE_URL: '' };
    try {
      const kept = await run(tsx, [script, '--origin', 'cli.example.org/receipts-2027'], { env });
      expect(kept.stdout).toMatch(
        /changed from localhost\/receipts to cli\.example\.org\/receipts-2027/,
      );
      expect(kept.stdout).not.toMatch(/PRIVATE\+KEY/);
      const skey = await formatEd25519PrivateKey(
        'env.example.org/receipts',
        new Uint8Array(randomBytes(32)),
      );
      const given = await run(tsx, [script], { env: { ...env, LOG_SIGNING_KEY: skey } });
      expect(given.stdout).toMatch(/^PRIVATE\+KEY\+env\.example\.org\/receipts\/r2\+/m);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
