/**
 * The receipt log through the API, on PGlite and PostgreSQL: every write path (record create,
 * record update, backup import — which stores revisions through the same two routes — and
 * evidence upload completion) adds exactly one receipt entry in the write's own transaction,
 * which the sequencer turns into one leaf; a write that is refused or fails after its entry
 * leaves neither; a failed sequencing changes nothing and the next one takes the entries;
 * sequencing in small batches builds the same tree as the RFC 6962 reference; each receipt verifies with src/crypto
 * against the exact ciphertext stored; consistency proofs between checkpoints verify; bad sizes
 * are refused with stable codes; a receipt is its owner's alone; the public surface names no one.
 */
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOG_KEY_PATH } from '../../src/contract/receipts.js';
import { leafHash, merkleRoot, verifyConsistency } from '../../src/crypto/merkle.js';
import { sequencePending } from '../../src/server/log/append.js';
import { ed25519Verifier, type NoteVerifier } from '../../src/crypto/signed-note.js';
import { verifyCheckpointNote } from '../../src/crypto/tlog-checkpoint.js';
import { verifyReceiptProof } from '../../src/crypto/tlog-proof.js';
import { CSRF_HEADER } from '../../src/contract/vault-api.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { ENGINES } from '../support/databases.js';
import { blob, recordId, VaultClient } from '../support/vault-client.js';

let counter = 0;
const uniqueName = (base: string): string => `${base}-${process.pid}-${++counter}`;
const sha256 = (bytes: Uint8Array) => new Uint8Array(createHash('sha256').update(bytes).digest());

describe.each(ENGINES)('receipts on $name', ({ name, available }) => {
  let t: TestApp;
  let logKey: NoteVerifier;
  let origin: string;
  beforeAll(async () => {
    if (!available) return;
    // No cadence: each test sequences and signs when it means to (checkpointNow).
    t = await startTestApp({ engine: name, env: { LOG_CHECKPOINT_SECONDS: '3600' } });
    const vkey = await t.app.inject({ method: 'GET', url: LOG_KEY_PATH });
    logKey = await ed25519Verifier(vkey.body.trim());
    origin = (await t.app.inject({ method: 'GET', url: '/api/log/key' })).json<{
      origin: string;
    }>().origin;
  });
  afterAll(async () => {
    await t?.close();
  });
  const test = available ? it : it.skip;
  const client = async (base: string) => {
    const c = new VaultClient(t.app, uniqueName(base), `203.0.113.${(counter % 250) + 1}`);
    expect((await c.signUp()).statusCode).toBe(201);
    return c;
  };
  /** Receipt entries: leaves, and entries of committed writes waiting for the sequencer. */
  const leaves = async () =>
    Number(
      (
        await sql<{ n: string }>`select (select count(*) from log_leaves)
          + (select count(*) from log_pending) as n`.execute(t.database.db)
      ).rows[0]!.n,
    );
  const headSize = async () =>
    Number(
      (await sql<{ size: string }>`select size from log_head`.execute(t.database.db)).rows[0]!.size,
    );
  /** The stored ciphertext of a revision, as the owner reads it back. */
  const storedRevision = async (c: VaultClient, id: string, revision: number) => {
    const res = await c.request('GET', `/api/records/${id}/revisions`);
    const found = res
      .json<{ revisions: { revision: number; ciphertext: string }[] }>()
      .revisions.find((r) => r.revision === revision)!;
    return new Uint8Array(Buffer.from(found.ciphertext, 'base64url'));
  };
  const receiptOf = async (c: VaultClient, url: string) => {
    const res = await c.request('GET', url);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ leafIndex: number; proof: string; timestamp: unknown }>();
  };

  test('every record write adds exactly one receipt entry, sequenced into one leaf', async () => {
    const c = await client('writer');
    const before = await leaves();
    const id = recordId();
    const created = await c.createRecord(id);
    expect(created.statusCode).toBe(201);
    // The index is given later, by the sequencer: the write's answer has none.
    expect(created.json()).not.toHaveProperty('leafIndex');
    expect(await leaves()).toBe(before + 1);
    const updated = await c.request('PUT', `/api/records/${id}`, {
      expectedRevision: 1,
      ciphertext: blob(400),
      wrappedKey: blob(73),
    });
    expect(updated.statusCode).toBe(200);
    expect(await leaves()).toBe(before + 2);
    await t.log.checkpointNow();
    expect(await headSize()).toBe(await leaves());
    const first = (await receiptOf(c, `/api/records/${id}/revisions/1/receipt`)).leafIndex;
    const second = await receiptOf(c, `/api/records/${id}/revisions/2/receipt`);
    expect(second.leafIndex).toBeGreaterThan(first);
    expect(second).toMatchObject({ backfilledAt: null });
    // Refused writes append nothing: a duplicate id, a stale revision.
    expect((await c.createRecord(id)).statusCode).toBe(409);
    const stale = await c.request('PUT', `/api/records/${id}`, {
      expectedRevision: 1,
      ciphertext: blob(10),
      wrappedKey: blob(73),
    });
    expect(stale.statusCode).toBe(409);
    expect(await leaves()).toBe(before + 2);
  });

  test('a backup import (revisions replayed through the API) gets one leaf per revision', async () => {
    const c = await client('importer');
    const before = await leaves();
    const ids = [recordId(), recordId(), recordId()];
    const revisions = [1, 3, 2];
    for (const [i, id] of ids.entries()) {
      expect((await c.createRecord(id)).statusCode).toBe(201);
      for (let r = 1; r < revisions[i]!; r++) {
        const res = await c.request('PUT', `/api/records/${id}`, {
          expectedRevision: r,
          ciphertext: blob(200),
          wrappedKey: blob(73),
        });
        expect(res.statusCode).toBe(200);
      }
    }
    expect(await leaves()).toBe(before + 6);
  });

  test('a write that fails after its receipt entry keeps neither; indices have no gap', async () => {
    const c = await client('fails');
    await sql`create function mosaic_test_fail() returns trigger language plpgsql as $$
      begin raise exception 'fail at commit'; end $$`.execute(t.database.db);
    await t.log.checkpointNow();
    // Deferred: fires at commit, after the record, its bytes and its entry were all written.
    await sql`create constraint trigger mosaic_test_fail after insert on log_pending
      deferrable initially deferred for each row execute function mosaic_test_fail()`.execute(
      t.database.db,
    );
    const before = { leaves: await leaves(), head: await headSize() };
    const id = recordId();
    try {
      const res = await c.createRecord(id);
      expect(res.statusCode).toBe(500);
    } finally {
      await sql`drop trigger mosaic_test_fail on log_pending`.execute(t.database.db);
      await sql`drop function mosaic_test_fail()`.execute(t.database.db);
    }
    expect((await c.request('GET', `/api/records/${id}`)).statusCode).toBe(404);
    expect({ leaves: await leaves(), head: await headSize() }).toEqual(before);
    // The index it would have had is the next one given: no gap.
    const nextId = recordId();
    expect((await c.createRecord(nextId)).statusCode).toBe(201);
    await t.log.checkpointNow();
    const next = await receiptOf(c, `/api/records/${nextId}/revisions/1/receipt`);
    expect(next.leafIndex).toBe(before.head);
  });

  test('a sequencing that fails leaves the entries pending, and the next one takes them', async () => {
    const c = await client('sequencer');
    const id = recordId();
    await sql`create function mosaic_test_fail() returns trigger language plpgsql as $$
      begin raise exception 'fail at commit'; end $$`.execute(t.database.db);
    await sql`create constraint trigger mosaic_test_fail after insert on log_leaves
      deferrable initially deferred for each row execute function mosaic_test_fail()`.execute(
      t.database.db,
    );
    const head = await headSize();
    try {
      expect((await c.createRecord(id)).statusCode).toBe(201);
      await expect(t.log.checkpointNow()).rejects.toThrow();
      expect(await headSize()).toBe(head);
      const pending = await c.request('GET', `/api/records/${id}/revisions/1/receipt`);
      expect([pending.statusCode, pending.json().pending]).toEqual([202, true]);
      expect(Number(pending.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    } finally {
      await sql`drop trigger mosaic_test_fail on log_leaves`.execute(t.database.db);
      await sql`drop function mosaic_test_fail()`.execute(t.database.db);
    }
    await t.log.checkpointNow();
    expect(await headSize()).toBe(await leaves());
    expect((await receiptOf(c, `/api/records/${id}/revisions/1/receipt`)).leafIndex).toBe(head);
  });

  test('sequencing in batches builds the RFC 6962 tree of every leaf', async () => {
    const c = await client('batches');
    await t.log.checkpointNow();
    for (let i = 0; i < 11; i++) expect((await c.createRecord(recordId())).statusCode).toBe(201);
    // Batches of 3 (and a last one of 2): each starts from the stored nodes of the one before.
    expect(await sequencePending(t.database.db, 3)).toBe(11);
    expect(await sequencePending(t.database.db, 3)).toBe(0);
    const checkpoint = await t.log.checkpointNow();
    const rows = await sql<{ leaf: Uint8Array }>`select leaf from log_leaves order by idx`.execute(
      t.database.db,
    );
    expect(rows.rows.length).toBe(checkpoint.size);
    const hashes = await Promise.all(rows.rows.map((r) => leafHash(new Uint8Array(r.leaf))));
    expect(checkpoint.rootHash).toEqual(await merkleRoot(hashes));
  });

  test('a write over the quota appends no leaf', async () => {
    const c = await client('quota');
    const before = await leaves();
    await sql`update accounts set records_bytes = ${t.config.records.quotaBytes} where username = ${c.username.toLowerCase()}`.execute(
      t.database.db,
    );
    const res = await c.createRecord(recordId());
    expect(res.statusCode).toBe(413);
    expect(await leaves()).toBe(before);
  });

  test('receipts verify against the exact ciphertext stored, once a checkpoint covers them', async () => {
    const c = await client('verifier');
    const id = recordId();
    await c.createRecord(id);
    await c.request('PUT', `/api/records/${id}`, {
      expectedRevision: 1,
      ciphertext: blob(500),
      wrappedKey: blob(73),
    });
    const latest = await t.app.inject({ method: 'GET', url: '/api/log/checkpoint' });
    const latestSize = latest.json<{ size: number }>().size;
    if (latestSize < (await headSize())) {
      const pending = await c.request('GET', `/api/records/${id}/revisions/2/receipt`);
      expect(pending.statusCode).toBe(202);
      expect(pending.json()).toMatchObject({ pending: true });
    }
    await t.log.checkpointNow();
    for (const revision of [1, 2]) {
      const receipt = await receiptOf(c, `/api/records/${id}/revisions/${revision}/receipt`);
      const stored = await storedRevision(c, id, revision);
      const verified = await verifyReceiptProof({
        proof: receipt.proof,
        ciphertextSha256: sha256(stored),
        logKey,
        origin,
      });
      expect(verified.index).toBe(receipt.leafIndex);
      expect(verified.receipt.recordId).toBe(id);
      expect(verified.receipt.revision).toBe(revision);
      // The same receipt for any other bytes is refused.
      await expect(
        verifyReceiptProof({
          proof: receipt.proof,
          ciphertextSha256: sha256(new Uint8Array([...stored, 0])),
          logKey,
          origin,
        }),
      ).rejects.toMatchObject({ details: { reason: 'ciphertext_mismatch' } });
    }
  });

  test('a receipt is its owner’s: anyone else gets the same 404 as for nothing', async () => {
    const owner = await client('owner');
    const other = await client('other');
    const id = recordId();
    await owner.createRecord(id);
    await t.log.checkpointNow();
    expect((await owner.request('GET', `/api/records/${id}/revisions/1/receipt`)).statusCode).toBe(
      200,
    );
    const theirs = await other.request('GET', `/api/records/${id}/revisions/1/receipt`);
    const none = await other.request('GET', `/api/records/${recordId()}/revisions/1/receipt`);
    expect([theirs.statusCode, theirs.json()]).toEqual([none.statusCode, none.json()]);
    expect(theirs.json().error.code).toBe('not_found');
    const noRevision = await owner.request('GET', `/api/records/${id}/revisions/2/receipt`);
    expect(noRevision.statusCode).toBe(404);
    const signedOut = await t.app.inject({
      method: 'GET',
      url: `/api/records/${id}/revisions/1/receipt`,
    });
    expect(signedOut.statusCode).toBe(401);
  });

  test('an evidence file gets one leaf when its upload finishes, for the bytes stored', async () => {
    const c = await client('uploader');
    const bytes = Buffer.from(blob(3000), 'base64url');
    const headers = { cookie: c.cookie!, [CSRF_HEADER]: c.csrf!, 'tus-resumable': '1.0.0' };
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/uploads',
      headers: { ...headers, 'upload-length': String(bytes.length) },
    });
    expect(created.statusCode, created.body).toBe(201);
    const uploadId = String(created.headers.location).split('/').pop()!;
    const before = await leaves();
    const half = 1000;
    const first = await t.app.inject({
      method: 'PATCH',
      url: `/api/uploads/${uploadId}`,
      headers: {
        ...headers,
        'upload-offset': '0',
        'content-type': 'application/offset+octet-stream',
      },
      payload: bytes.subarray(0, half),
    });
    expect(first.statusCode).toBe(204);
    expect(await leaves()).toBe(before);
    const pending = await c.request('GET', `/api/uploads/${uploadId}/receipt`);
    expect([pending.statusCode, pending.json().error.code]).toEqual([404, 'receipt_unavailable']);
    const last = await t.app.inject({
      method: 'PATCH',
      url: `/api/uploads/${uploadId}`,
      headers: {
        ...headers,
        'upload-offset': String(half),
        'content-type': 'application/offset+octet-stream',
      },
      payload: bytes.subarray(half),
    });
    expect(last.statusCode).toBe(204);
    expect(await leaves()).toBe(before + 1);
    const early = await c.request('GET', `/api/uploads/${uploadId}/receipt`);
    expect([early.statusCode, early.json().pending]).toEqual([202, true]);
    await t.log.checkpointNow();
    const receipt = await receiptOf(c, `/api/uploads/${uploadId}/receipt`);
    const downloaded = await t.app.inject({
      method: 'GET',
      url: `/api/uploads/${uploadId}`,
      headers,
    });
    const verified = await verifyReceiptProof({
      proof: receipt.proof,
      ciphertextSha256: sha256(downloaded.rawPayload),
      logKey,
      origin,
    });
    expect(verified.receipt).toMatchObject({ recordId: uploadId, revision: 0 });
    // Finishing again (the crash-recovery path) appends nothing more.
    expect(await t.blobs.complete(uploadId)).toBe(false);
    expect(await leaves()).toBe(before + 1);
  });

  test('consistency proofs between checkpoints verify; bad sizes are refused', async () => {
    const c = await client('consistent');
    const sizes: { size: number; note: string }[] = [];
    for (let round = 0; round < 4; round++) {
      for (let i = 0; i <= round; i++) await c.createRecord(recordId());
      const cp = await t.log.checkpointNow();
      sizes.push({ size: cp.size, note: cp.note });
    }
    const roots = await Promise.all(
      sizes.map(async (s) => {
        const verified = await verifyCheckpointNote({ note: s.note, logKey, origin });
        return verified.checkpoint.rootHash;
      }),
    );
    for (let a = 0; a < sizes.length; a++) {
      for (let b = a; b < sizes.length; b++) {
        const res = await t.app.inject({
          method: 'GET',
          url: `/api/log/consistency?from=${sizes[a]!.size}&to=${sizes[b]!.size}`,
        });
        expect(res.statusCode).toBe(200);
        const proof = res
          .json<{ proof: string[] }>()
          .proof.map((h) => new Uint8Array(Buffer.from(h, 'base64')));
        await verifyConsistency({
          oldSize: sizes[a]!.size,
          newSize: sizes[b]!.size,
          oldRoot: roots[a]!,
          newRoot: roots[b]!,
          proof,
        });
      }
      const byId = await t.app.inject({
        method: 'GET',
        url: `/api/log/checkpoints/${sizes[a]!.size}`,
      });
      expect(byId.json<{ checkpoint: string }>().checkpoint).toBe(sizes[a]!.note);
    }
    const newest = sizes.at(-1)!.size;
    for (const [query, code] of [
      [`from=${newest}&to=1`, 'log_size_invalid'],
      [`from=0&to=${newest + 1}`, 'log_size_invalid'],
      ['from=-1&to=2', 'invalid_request'],
      ['from=x&to=2', 'invalid_request'],
      ['to=2', 'invalid_request'],
    ] as const) {
      const res = await t.app.inject({ method: 'GET', url: `/api/log/consistency?${query}` });
      expect([res.statusCode, res.json().error.code], query).toEqual([400, code]);
    }
    const missing = await t.app.inject({
      method: 'GET',
      url: `/api/log/checkpoints/${newest + 7}`,
    });
    expect([missing.statusCode, missing.json().error.code]).toEqual([404, 'not_found']);
  });

  test('the public surface needs no session and names no account', async () => {
    const c = await client('private-person');
    await c.createRecord(recordId());
    await t.log.checkpointNow();
    const accountId = (
      await sql<{
        id: string;
      }>`select id from accounts where username = ${c.username.toLowerCase()}`.execute(
        t.database.db,
      )
    ).rows[0]!.id;
    const answers = await Promise.all(
      ['/api/log/checkpoint', '/api/log/consistency?from=1&to=2', LOG_KEY_PATH, '/api/log/key'].map(
        (url) => t.app.inject({ method: 'GET', url }),
      ),
    );
    for (const res of answers) {
      expect(res.statusCode).toBe(200);
      expect(res.headers['set-cookie']).toBeUndefined();
      expect(res.body.toLowerCase()).not.toContain(c.username.toLowerCase());
      expect(res.body).not.toContain(accountId);
    }
    const page = await t.app.inject({ method: 'GET', url: '/.well-known/mosaic-log' });
    expect(page.body).toContain(logKey.name);
    expect(page.body).toContain('What this key is for');
  });
});
