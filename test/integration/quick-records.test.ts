/**
 * The locked quick record's inbox on both engines (docs/vault-protocol.md §16), through
 * app.inject: a device is set up only by its signed-in account (which needs a key pair) and at
 * most 10 per account; only its drop token sends; the same id is never stored twice (a resend,
 * even after filing, answers 200 with the first time); items belong to their account; size,
 * waiting count and per-device rate are limited with stable codes; every item gets one receipt
 * that verifies against its sealed bytes. Sealed bytes are random: the server treats them as
 * opaque.
 */
import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  MAX_QUICK_DEVICES,
  MAX_QUICK_RECORD_BYTES,
  MAX_QUICK_RECORDS_WAITING,
} from '../../src/contract/quick-records.js';
import { LOG_KEY_PATH } from '../../src/contract/receipts.js';
import { ed25519Verifier, type NoteVerifier } from '../../src/crypto/signed-note.js';
import { verifyReceiptProof } from '../../src/crypto/tlog-proof.js';
import { LIMITS } from '../../src/server/auth/limits.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { ENGINES } from '../support/databases.js';
import { blob, key, recordId, VaultClient } from '../support/vault-client.js';

let counter = 0;
const uniqueName = (base: string): string => `${base}-${process.pid}-${++counter}`;
let addressCounter = 0;
const address = (): string => {
  const n = ++addressCounter;
  return `198.18.${Math.floor(n / 250) % 250}.${(n % 250) + 1}`;
};
const sha256 = (bytes: Uint8Array) => new Uint8Array(createHash('sha256').update(bytes).digest());

interface Device {
  readonly id: string;
  readonly token: string;
}

describe.each(ENGINES)('the quick record inbox on $name', ({ name, available }) => {
  let t: TestApp;
  let logKey: NoteVerifier;
  let origin: string;
  beforeAll(async () => {
    if (!available) return;
    t = await startTestApp({ engine: name, env: { LOG_CHECKPOINT_SECONDS: '3600' } });
    logKey = await ed25519Verifier(
      (await t.app.inject({ method: 'GET', url: LOG_KEY_PATH })).body.trim(),
    );
    origin = (await t.app.inject({ method: 'GET', url: '/api/log/key' })).json<{
      origin: string;
    }>().origin;
  });
  afterAll(async () => {
    await t?.close();
  });
  const test = available ? it : it.skip;

  const person = async (withKeyPair = true): Promise<VaultClient> => {
    const c = new VaultClient(t.app, uniqueName('quick'), address());
    expect((await c.signUp()).statusCode).toBe(201);
    if (withKeyPair) {
      const res = await c.request('PUT', '/api/account/key-pair', {
        publicKey: key(),
        wrappedSecretKey: blob(73),
      });
      expect(res.statusCode, res.body).toBe(204);
    }
    return c;
  };
  const device = async (c: VaultClient): Promise<Device> => {
    const d = { id: recordId(), token: key() };
    const res = await c.request('POST', '/api/quick/devices', d);
    expect(res.statusCode, res.body).toBe(201);
    return d;
  };
  const send = (d: Device, id = recordId(), sealed = blob(600), ip = address()) =>
    t.app.inject({
      method: 'POST',
      url: '/api/quick/records',
      payload: { device: d.id, token: d.token, id, sealed },
      remoteAddress: ip,
    });
  const waiting = async (c: VaultClient) => {
    const res = await c.request('GET', '/api/quick/records');
    expect(res.statusCode).toBe(200);
    return res.json<{ records: { id: string; size: number; receivedAt: string }[] }>().records;
  };
  const code = (res: { json: () => unknown }) =>
    (res.json() as { error: { code: string } }).error.code;
  const rows = async (id: string): Promise<number> =>
    Number(
      (
        await sql<{ n: string }>`select count(*) as n from quick_records where id = ${id}`.execute(
          t.database.db,
        )
      ).rows[0]!.n,
    );

  test('a device is set up by its account, needs a key pair, and at most 10 per account', async () => {
    const none = await person(false);
    const res = await none.request('POST', '/api/quick/devices', { id: recordId(), token: key() });
    expect(res.statusCode).toBe(404);
    expect(code(res)).toBe('key_pair_missing');
    // Without a session: refused before anything runs.
    const anon = await t.app.inject({
      method: 'POST',
      url: '/api/quick/devices',
      payload: { id: recordId(), token: key() },
    });
    expect(anon.statusCode).toBe(401);

    const c = await person();
    const first = await device(c);
    const again = await c.request('POST', '/api/quick/devices', first);
    expect(again.statusCode).toBe(409);
    expect(code(again)).toBe('quick_device_exists');
    for (let i = 1; i < MAX_QUICK_DEVICES; i++) await device(c);
    const over = await c.request('POST', '/api/quick/devices', { id: recordId(), token: key() });
    expect(over.statusCode).toBe(409);
    expect(code(over)).toBe('quick_devices_too_many');
    const list = await c.request('GET', '/api/quick/devices');
    expect(list.json<{ devices: unknown[] }>().devices).toHaveLength(MAX_QUICK_DEVICES);
    // The server keeps the token's hash only.
    const stored = await sql<{
      token_hash: Uint8Array;
    }>`select token_hash from quick_devices where id = ${first.id}`.execute(t.database.db);
    expect(Buffer.from(stored.rows[0]!.token_hash)).toEqual(
      Buffer.from(sha256(Buffer.from(first.token, 'base64url'))),
    );
  });

  test('only the drop token sends; an id is stored once, even sent again after filing', async () => {
    const c = await person();
    const d = await device(c);
    const id = recordId();
    const wrong = await send({ id: d.id, token: key() }, id);
    expect(wrong.statusCode).toBe(401);
    expect(code(wrong)).toBe('quick_token_wrong');
    const unknown = await send({ id: recordId(), token: d.token }, id);
    expect(code(unknown)).toBe('quick_token_wrong');

    const sealed = blob(900);
    const first = await send(d, id, sealed);
    expect(first.statusCode, first.body).toBe(201);
    const receivedAt = first.json<{ receivedAt: string }>().receivedAt;
    // A resend (the answer was lost) and a racing pair: the same first time, one row.
    const [a, b] = await Promise.all([send(d, id, sealed), send(d, id, blob(900))]);
    for (const res of [a, b]) {
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json<{ receivedAt: string }>().receivedAt).toBe(receivedAt);
    }
    expect(await rows(id)).toBe(1);
    expect(await waiting(c)).toEqual([{ id, size: 900, receivedAt }]);
    const got = await c.request('GET', `/api/quick/records/${id}`);
    expect(got.json<{ sealed: string }>().sealed).toBe(sealed);

    // Filed: the bytes go, the id stays, and a late resend is still "already received".
    expect((await c.request('DELETE', `/api/quick/records/${id}`)).statusCode).toBe(204);
    expect((await c.request('DELETE', `/api/quick/records/${id}`)).statusCode).toBe(404);
    expect(await waiting(c)).toEqual([]);
    expect((await c.request('GET', `/api/quick/records/${id}`)).statusCode).toBe(404);
    const late = await send(d, id, sealed);
    expect(late.statusCode).toBe(200);
    expect(late.json<{ receivedAt: string }>().receivedAt).toBe(receivedAt);
    expect(await waiting(c)).toEqual([]);
    const bytes = await sql<{
      ciphertext: Uint8Array | null;
    }>`select ciphertext from quick_records where id = ${id}`.execute(t.database.db);
    expect(bytes.rows[0]!.ciphertext).toBeNull();

    // Turned off: the token is refused from now on.
    expect((await c.request('DELETE', `/api/quick/devices/${d.id}`)).statusCode).toBe(204);
    expect(code(await send(d))).toBe('quick_token_wrong');
  });

  test('items belong to their account', async () => {
    const a = await person();
    const b = await person();
    const da = await device(a);
    const db = await device(b);
    const id = recordId();
    expect((await send(da, id)).statusCode).toBe(201);
    // Another account's device cannot claim or overwrite the id, nor see it.
    const taken = await send(db, id);
    expect(taken.statusCode).toBe(409);
    expect(code(taken)).toBe('quick_record_id_taken');
    expect(await waiting(b)).toEqual([]);
    for (const [method, url] of [
      ['GET', `/api/quick/records/${id}`],
      ['DELETE', `/api/quick/records/${id}`],
      ['GET', `/api/quick/records/${id}/receipt`],
      ['DELETE', `/api/quick/devices/${da.id}`],
    ] as const) {
      expect((await b.request(method, url)).statusCode, `${method} ${url}`).toBe(404);
    }
    expect((await waiting(a)).map((r) => r.id)).toEqual([id]);
    // No session at all: the owner routes refuse.
    const anon = await t.app.inject({ method: 'GET', url: '/api/quick/records' });
    expect(anon.statusCode).toBe(401);
  });

  test('size, waiting count and per-device rate are limited', async () => {
    const c = await person();
    const d = await device(c);
    const big = randomBytes(MAX_QUICK_RECORD_BYTES + 1).toString('base64url');
    const tooBig = await send(d, recordId(), big);
    expect(tooBig.statusCode).toBe(413);
    expect(code(tooBig)).toBe('quick_record_too_large');
    const justFits = await send(
      d,
      recordId(),
      randomBytes(MAX_QUICK_RECORD_BYTES).toString('base64url'),
    );
    expect(justFits.statusCode).toBe(201);

    // 30 a device an hour, whatever the outcome (the two above count): the 31st is refused.
    for (let i = 2; i < LIMITS.quickPerDevice.max; i++) {
      expect((await send(d)).statusCode).toBe(201);
    }
    const limited = await send(d);
    expect(limited.statusCode).toBe(429);
    expect(code(limited)).toBe('rate_limited');
    expect(await waiting(c)).toHaveLength(LIMITS.quickPerDevice.max - 1);

    // 50 waiting: a second device fills it, the 51st is refused until one is filed.
    const d2 = await device(c);
    for (let i = LIMITS.quickPerDevice.max - 1; i < MAX_QUICK_RECORDS_WAITING; i++) {
      expect((await send(d2)).statusCode).toBe(201);
    }
    const d3 = await device(c);
    const full = await send(d3);
    expect(full.statusCode).toBe(409);
    expect(code(full)).toBe('quick_inbox_full');
    const [oldest] = await waiting(c);
    expect((await c.request('DELETE', `/api/quick/records/${oldest!.id}`)).statusCode).toBe(204);
    expect((await send(d3)).statusCode).toBe(201);
  });

  test('each item has one receipt, added with it, that verifies against its sealed bytes', async () => {
    const c = await person();
    const d = await device(c);
    const id = recordId();
    const sealed = blob(700);
    expect((await send(d, id, sealed)).statusCode).toBe(201);
    expect((await send(d, id, sealed)).statusCode).toBe(200);
    const entries = await sql<{
      n: string;
    }>`select count(*) as n from log_pending where record_id = ${`qr-${id}`}`.execute(
      t.database.db,
    );
    expect(Number(entries.rows[0]!.n)).toBe(1);
    expect((await c.request('GET', `/api/quick/records/${id}/receipt`)).statusCode).toBe(202);
    await t.log.checkpointNow();
    // Filing keeps the receipt.
    expect((await c.request('DELETE', `/api/quick/records/${id}`)).statusCode).toBe(204);
    const receipt = await c.request('GET', `/api/quick/records/${id}/receipt`);
    expect(receipt.statusCode, receipt.body).toBe(200);
    const verified = await verifyReceiptProof({
      proof: receipt.json<{ proof: string }>().proof,
      ciphertextSha256: sha256(Buffer.from(sealed, 'base64url')),
      logKey,
      origin,
    });
    expect(verified.receipt.recordId).toBe(`qr-${id}`);
    expect(verified.receipt.revision).toBe(1);
  });
});
