/**
 * Witness statements on both engines (docs/vault-protocol.md §15), through app.inject: the key
 * pair is written once; invitations belong to their account (another account cannot list,
 * revoke or read them); a witness needs the right proof; per-invitation numbers, expiry,
 * revocation and blocking are enforced with stable codes; a flood stops at the invitation's
 * number and the address limit; statements count against the record quota; every statement gets
 * one receipt in the same transaction, which verifies against the stored bytes. Keys and
 * ciphertext are random bytes: the server treats them as opaque.
 */
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOG_KEY_PATH } from '../../src/contract/receipts.js';
import { MAX_OPEN_INVITATIONS, MAX_STATEMENT_BYTES } from '../../src/contract/witnesses.js';
import { ed25519Verifier, type NoteVerifier } from '../../src/crypto/signed-note.js';
import { verifyReceiptProof } from '../../src/crypto/tlog-proof.js';
import { generateAccountKeyPair, generateKey, toBase64Url } from '../../src/crypto/index.js';
import { LIMITS } from '../../src/server/auth/limits.js';
import { VaultApi } from '../../src/vault/api.js';
import { RevisionWatch } from '../../src/vault/records.js';
import {
  createWitnessInvitation,
  ensureAccountKeyPair,
  fileWitnessStatement,
  listFiledWitnessStatements,
  listWitnessInvitations,
  openWitnessLink,
  openWitnessStatements,
  sendWitnessStatement,
  updateFiledStatement,
  blockWitnessInvitation,
} from '../../src/vault/witnesses.js';
import type { WitnessStatement } from '../../src/domain/witness.js';
import { generateIncidents } from '../../src/domain/diary/fixtures.js';
import { bundleToBytes } from '../../src/report/bundle-fixture.js';
import { buildReport } from '../../src/report/model.js';
import { loadReportSource, sealForReport } from '../../src/report/report-source.js';
import { verifyBundle } from '../../src/report/verify.js';
import { INCIDENT_TYPE } from '../../src/vault/diary-records.js';
import { sealNewRecord } from '../../src/vault/records.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { ENGINES } from '../support/databases.js';
import { blob, key, recordId, VaultClient } from '../support/vault-client.js';

const REPORT_OPTIONS = {
  locale: 'en',
  timeZone: 'Europe/London',
  now: new Date('2027-01-01T12:00:00Z'),
  includeContact: false,
  includeEvidence: false,
  includeImported: false,
  includeEffects: false,
  madeWith: 'Mosaic test',
} as const;

let counter = 0;
const uniqueName = (base: string): string => `${base}-${process.pid}-${++counter}`;
let addressCounter = 0;
const address = (): string => {
  const n = ++addressCounter;
  return `198.19.${Math.floor(n / 250) % 250}.${(n % 250) + 1}`;
};
const invitationId = (): string => recordId();
const sha256 = (bytes: Uint8Array) => new Uint8Array(createHash('sha256').update(bytes).digest());

interface Invitation {
  readonly id: string;
  readonly authKey: string;
}

describe.each(ENGINES)('witness statements on $name', ({ name, available }) => {
  let t: TestApp;
  let logKey: NoteVerifier;
  let origin: string;
  beforeAll(async () => {
    if (!available) return;
    t = await startTestApp({
      engine: name,
      env: { LOG_CHECKPOINT_SECONDS: '3600', RECORD_QUOTA_MB: '1' },
    });
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
    const c = new VaultClient(t.app, uniqueName('person'), address());
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
  const invite = async (
    c: VaultClient,
    extra: Record<string, unknown> = {},
  ): Promise<Invitation> => {
    const i = { id: invitationId(), authKey: key() };
    const res = await c.request('POST', '/api/witness/invitations', {
      id: i.id,
      authKey: i.authKey,
      note: blob(300),
      ...extra,
    });
    expect(res.statusCode, res.body).toBe(201);
    return i;
  };
  const witness = (
    i: Invitation,
    what: 'open' | 'statements',
    body: Record<string, unknown> = {},
    ip = address(),
  ) =>
    t.app.inject({
      method: 'POST',
      url: `/api/witness/invitations/${i.id}/${what}`,
      payload: { authKey: i.authKey, ...body },
      remoteAddress: ip,
    });
  const send = (i: Invitation, ciphertext = blob(600), ip?: string) =>
    witness(i, 'statements', { ciphertext }, ip);
  const invitations = async (c: VaultClient) => {
    const res = await c.request('GET', '/api/witness/invitations');
    expect(res.statusCode).toBe(200);
    return res.json<{ invitations: { id: string; state: string; statements: number }[] }>()
      .invitations;
  };
  const statements = async (c: VaultClient) => {
    const res = await c.request('GET', '/api/witness/statements');
    expect(res.statusCode).toBe(200);
    return res.json<{ statements: { id: string; invitationId: string; size: number }[] }>()
      .statements;
  };
  const code = (res: { json: () => unknown }) =>
    (res.json() as { error: { code: string } }).error.code;
  const recordsBytes = async (c: VaultClient): Promise<number> =>
    Number(
      (
        await sql<{
          n: string;
        }>`select records_bytes as n from accounts where username = ${c.username}`.execute(
          t.database.db,
        )
      ).rows[0]!.n,
    );

  test('the key pair is stored once and read back only by its account', async () => {
    const c = await person(false);
    // Not made yet: 200 with nulls (a 404 would be a console error in every browser).
    const none = await c.request('GET', '/api/account/key-pair');
    expect(none.statusCode).toBe(200);
    expect(none.json()).toEqual({ publicKey: null, wrappedSecretKey: null });
    // No invitation before the key pair exists (there would be no key to seal to).
    const early = await c.request('POST', '/api/witness/invitations', {
      id: invitationId(),
      authKey: key(),
      note: blob(300),
    });
    expect(code(early)).toBe('key_pair_missing');
    const pair = { publicKey: key(), wrappedSecretKey: blob(73) };
    expect((await c.request('PUT', '/api/account/key-pair', pair)).statusCode).toBe(204);
    const again = await c.request('PUT', '/api/account/key-pair', {
      publicKey: key(),
      wrappedSecretKey: blob(73),
    });
    expect(again.statusCode).toBe(409);
    expect(code(again)).toBe('key_pair_exists');
    expect((await c.request('GET', '/api/account/key-pair')).json()).toEqual(pair);
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/account/key-pair' });
    expect(anonymous.statusCode).toBe(401);
  });

  test('a witness proves the link, gets the public key and sends a statement', async () => {
    const c = await person();
    const pair = (await c.request('GET', '/api/account/key-pair')).json<{ publicKey: string }>();
    const i = await invite(c, { maxStatements: 2 });
    const opened = await witness(i, 'open');
    expect(opened.statusCode, opened.body).toBe(200);
    expect(opened.json()).toMatchObject({ publicKey: pair.publicKey, remaining: 2 });
    // Nothing about the person in the answer.
    expect(Object.keys(opened.json()).sort()).toEqual(['expiresAt', 'publicKey', 'remaining']);
    const wrong = await witness({ id: i.id, authKey: key() }, 'open');
    expect(wrong.statusCode).toBe(401);
    expect(code(wrong)).toBe('witness_proof_wrong');
    expect(code(await send({ id: i.id, authKey: key() }))).toBe('witness_proof_wrong');
    const nobody = await witness({ id: invitationId(), authKey: key() }, 'open');
    expect(nobody.statusCode).toBe(404);
    expect(code(nobody)).toBe('witness_invitation_not_found');

    const ciphertext = blob(600);
    const before = await recordsBytes(c);
    const sent = await send(i, ciphertext);
    expect(sent.statusCode, sent.body).toBe(201);
    expect(await recordsBytes(c)).toBe(before + 600);
    const [listed] = await statements(c);
    expect(listed).toMatchObject({ invitationId: i.id, size: 600 });
    const fetched = await c.request('GET', `/api/witness/statements/${listed!.id}`);
    expect(fetched.json<{ ciphertext: string }>().ciphertext).toBe(ciphertext);
    expect((await invitations(c))[0]).toMatchObject({ id: i.id, state: 'active', statements: 1 });
  });

  test('invitations and statements are their account’s only', async () => {
    const a = await person();
    const b = await person();
    const i = await invite(a);
    expect((await send(i)).statusCode).toBe(201);
    const [s] = await statements(a);
    expect(await invitations(b)).toEqual([]);
    expect(await statements(b)).toEqual([]);
    expect((await b.request('GET', `/api/witness/statements/${s!.id}`)).statusCode).toBe(404);
    expect((await b.request('GET', `/api/witness/statements/${s!.id}/receipt`)).statusCode).toBe(
      404,
    );
    expect((await b.request('DELETE', `/api/witness/statements/${s!.id}`)).statusCode).toBe(404);
    expect((await b.request('DELETE', `/api/witness/invitations/${i.id}`)).statusCode).toBe(404);
    expect((await b.request('POST', `/api/witness/invitations/${i.id}/block`)).statusCode).toBe(
      404,
    );
    // The same id cannot be taken by another account.
    const taken = await b.request('POST', '/api/witness/invitations', {
      id: i.id,
      authKey: key(),
      note: blob(300),
    });
    expect(code(taken)).toBe('witness_invitation_exists');
    expect((await invitations(a))[0]?.state).toBe('full');
    // Without a session, nothing.
    for (const url of ['/api/witness/invitations', '/api/witness/statements']) {
      expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(401);
    }
  });

  test('each statement has one receipt, added with it, that verifies against its bytes', async () => {
    const c = await person();
    const i = await invite(c, { maxStatements: 3 });
    const pending = async () =>
      Number(
        (await sql<{ n: string }>`select count(*) as n from log_pending`.execute(t.database.db))
          .rows[0]!.n,
      );
    const before = await pending();
    expect((await send(i)).statusCode).toBe(201);
    expect(await pending()).toBe(before + 1);
    // A refused statement adds no receipt entry.
    await send({ id: i.id, authKey: key() });
    expect(await pending()).toBe(before + 1);
    const [s] = await statements(c);
    const early = await c.request('GET', `/api/witness/statements/${s!.id}/receipt`);
    expect(early.statusCode).toBe(202);
    await t.log.checkpointNow();
    const receipt = await c.request('GET', `/api/witness/statements/${s!.id}/receipt`);
    expect(receipt.statusCode, receipt.body).toBe(200);
    const stored = Buffer.from(
      (await c.request('GET', `/api/witness/statements/${s!.id}`)).json<{ ciphertext: string }>()
        .ciphertext,
      'base64url',
    );
    const verified = await verifyReceiptProof({
      proof: receipt.json<{ proof: string }>().proof,
      ciphertextSha256: sha256(stored),
      logKey,
      origin,
    });
    expect(verified.receipt.recordId).toBe(s!.id);
    expect(verified.receipt.revision).toBe(1);
  });

  test('an invitation takes its number, then says it is full', async () => {
    const c = await person();
    const i = await invite(c, { maxStatements: 2 });
    expect((await send(i)).statusCode).toBe(201);
    expect((await send(i)).statusCode).toBe(201);
    const third = await send(i);
    expect(third.statusCode).toBe(409);
    expect(code(third)).toBe('witness_invitation_full');
    expect(code(await witness(i, 'open'))).toBe('witness_invitation_full');
    expect((await invitations(c))[0]).toMatchObject({ state: 'full', statements: 2 });
    expect(await statements(c)).toHaveLength(2);
  });

  test('statements sent at once cannot pass the invitation’s number', async () => {
    const c = await person();
    const i = await invite(c, { maxStatements: 3 });
    const results = await Promise.all(Array.from({ length: 10 }, () => send(i)));
    expect(results.filter((r) => r.statusCode === 201)).toHaveLength(3);
    expect(results.filter((r) => r.statusCode === 409)).toHaveLength(7);
    expect(await statements(c)).toHaveLength(3);
  });

  test('revoked, blocked and expired links answer kindly with a stable code', async () => {
    const c = await person();
    const revoked = await invite(c);
    const blocked = await invite(c);
    const expired = await invite(c);
    expect((await c.request('DELETE', `/api/witness/invitations/${revoked.id}`)).statusCode).toBe(
      204,
    );
    expect(
      (await c.request('POST', `/api/witness/invitations/${blocked.id}/block`)).statusCode,
    ).toBe(204);
    await sql`update witness_invitations set expires_at = now() - interval '1 second' where id = ${expired.id}`.execute(
      t.database.db,
    );
    for (const [i, expected] of [
      [revoked, 'witness_invitation_closed'],
      [blocked, 'witness_invitation_closed'],
      [expired, 'witness_invitation_expired'],
    ] as const) {
      for (const res of [await witness(i, 'open'), await send(i)]) {
        expect(res.statusCode).toBe(410);
        expect(code(res)).toBe(expected);
        expect(res.json<{ error: { message: string } }>().error.message).toMatch(/Thank you/);
      }
    }
    const states = Object.fromEntries((await invitations(c)).map((x) => [x.id, x.state]));
    expect(states).toEqual({
      [revoked.id]: 'revoked',
      [blocked.id]: 'blocked',
      [expired.id]: 'expired',
    });
    // The proof's hash is gone with the link.
    const hashes = await sql<{
      h: Uint8Array | null;
    }>`select auth_key_hash as h from witness_invitations where id in (${revoked.id}, ${blocked.id})`.execute(
      t.database.db,
    );
    expect(hashes.rows.map((r) => r.h)).toEqual([null, null]);
    expect(await statements(c)).toEqual([]);
  });

  test('sizes and quota: too large is refused, and statements count against the record quota', async () => {
    const c = await person();
    const i = await invite(c, { maxStatements: 20 });
    const large = await send(i, blob(MAX_STATEMENT_BYTES + 1));
    expect([400, 413]).toContain(large.statusCode);
    expect(await statements(c)).toEqual([]);
    // Fill the 1 MB quota nearly with records, then a statement no longer fits.
    await sql`update accounts set records_bytes = ${1024 * 1024 - 1000} where username = ${c.username}`.execute(
      t.database.db,
    );
    const over = await send(i, blob(2000));
    expect(over.statusCode).toBe(413);
    expect(code(over)).toBe('record_quota_exceeded');
    expect(await statements(c)).toEqual([]);
    expect((await invitations(c))[0]?.statements).toBe(0);
    // Deleting a statement gives its bytes back.
    expect((await send(i, blob(500))).statusCode).toBe(201);
    const [s] = await statements(c);
    const before = await recordsBytes(c);
    expect((await c.request('DELETE', `/api/witness/statements/${s!.id}`)).statusCode).toBe(204);
    expect(await recordsBytes(c)).toBe(before - 500);
  });

  test('a flood from one address stops at the address limit; an account has at most 50 links open', async () => {
    const c = await person();
    const i = await invite(c, { maxStatements: 20 });
    const ip = address();
    const answers: number[] = [];
    for (let n = 0; n < LIMITS.witnessPerAddress.max + 5; n++) {
      answers.push((await witness({ id: i.id, authKey: key() }, 'open', {}, ip)).statusCode);
    }
    expect(answers.filter((s) => s === 429)).toHaveLength(5);
    const limited = await send(i, blob(300), ip);
    expect(limited.statusCode).toBe(429);
    expect(code(limited)).toBe('rate_limited');
    // Another address still gets through.
    expect((await send(i)).statusCode).toBe(201);

    const many = await person();
    for (let n = 0; n < MAX_OPEN_INVITATIONS; n++) await invite(many);
    const over = await many.request('POST', '/api/witness/invitations', {
      id: invitationId(),
      authKey: key(),
      note: blob(300),
    });
    expect(over.statusCode).toBe(409);
    expect(code(over)).toBe('witness_invitations_too_many');
  });

  test('bad input changes nothing and is never a 5xx', async () => {
    const c = await person();
    const i = await invite(c);
    const bodies = [
      {},
      { authKey: 'short' },
      { authKey: i.authKey, ciphertext: '' },
      { authKey: i.authKey, ciphertext: 'not base64url!' },
      { authKey: i.authKey, ciphertext: blob(10), extra: 1 },
    ];
    for (const payload of bodies) {
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/witness/invitations/${i.id}/statements`,
        payload,
        remoteAddress: address(),
      });
      expect(res.statusCode).toBe(400);
    }
    for (const url of [
      '/api/witness/invitations/short/open',
      '/api/witness/invitations/%00%00/statements',
    ]) {
      const res = await t.app.inject({
        method: 'POST',
        url,
        payload: { authKey: key() },
        remoteAddress: address(),
      });
      expect(res.statusCode).toBeLessThan(500);
      expect(res.statusCode).toBeGreaterThanOrEqual(400);
    }
    for (const body of [
      { id: 'x', authKey: key(), note: blob(10) },
      { id: invitationId(), authKey: key(), note: blob(10), maxStatements: 21 },
      { id: invitationId(), authKey: key(), note: blob(10), expiresInSeconds: 60 },
      { id: invitationId(), authKey: key(), note: blob(5000) },
    ]) {
      expect((await c.request('POST', '/api/witness/invitations', body)).statusCode).toBe(400);
    }
    expect(await statements(c)).toEqual([]);
    expect(await invitations(c)).toHaveLength(1);
  });

  /** The real vault client through inject; `tamper` may change an answer (a malicious server). */
  const vaultApi = (c?: VaultClient, tamper?: (url: string, body: string) => string): VaultApi => {
    const ip = address();
    const api = new VaultApi({
      fetch: (async (input: string, init?: RequestInit) => {
        const headers = { ...(init?.headers as Record<string, string>) };
        if (c?.cookie) headers.cookie = c.cookie;
        const res = await t.app.inject({
          method: (init?.method ?? 'GET') as 'GET',
          url: input,
          headers,
          remoteAddress: ip,
          ...(init?.body === undefined ? {} : { payload: init.body as string }),
        });
        let body: string | null = res.statusCode === 204 ? null : res.body;
        if (body !== null && tamper) body = tamper(input, body);
        return new Response(body, {
          status: res.statusCode,
          headers: res.headers as Record<string, string>,
        });
      }) as typeof fetch,
    });
    if (c?.csrf) api.setCsrfToken(c.csrf);
    return api;
  };
  const statementOf = (invitationId: string, saw: string): WitnessStatement => ({
    v: 1,
    invitationId,
    writtenAt: '2026-12-04T20:00:00.000Z',
    locale: 'en',
    when: { date: '2026-12-03', time: '18:30', approximate: true },
    where: 'Outside number 12',
    saw,
    said: '',
    howKnown: 'I live next door',
    declaration: { agreed: true, date: '2026-12-04' },
  });

  test('the vault core: invite, send sealed, open, keep in the diary, link; words never change', async () => {
    const c = await person(false);
    const api = vaultApi(c);
    const accountKey = await generateKey();
    const pair = await ensureAccountKeyPair(api, accountKey);
    // The second time it is read back, not made again.
    const again = await ensureAccountKeyPair(api, accountKey);
    expect(again.publicKey).toEqual(pair.publicKey);
    const made = await createWitnessInvitation(api, pair, {
      label: 'Sam next door',
      incidentId: 'incident-0001',
      maxStatements: 2,
      origin: 'https://support.example.org',
    });
    expect(made.link).toMatch(/^https:\/\/support\.example\.org\/witness#w1\./);
    const [listed] = await listWitnessInvitations(api, pair);
    expect(listed).toMatchObject({ label: 'Sam next door', incidentId: 'incident-0001' });

    // The witness: no cookie, no account.
    const witnessApi = vaultApi();
    const open = await openWitnessLink(witnessApi, new URL(made.link).hash);
    expect(open.remaining).toBe(2);
    const sent: string[] = [];
    const bodies: string[] = [];
    const spying = vaultApi(undefined, (url, body) => {
      sent.push(url);
      return body;
    });
    const original = spying.sendWitnessStatement.bind(spying);
    spying.sendWitnessStatement = (id, authKey, ciphertext) => {
      bodies.push(ciphertext);
      return original(id, authKey, ciphertext);
    };
    await sendWitnessStatement(
      spying,
      open,
      statementOf(open.link.invitationId, 'A red car, engine running'),
    );
    // No plaintext in what was sent.
    expect(Buffer.from(bodies[0]!, 'base64url').toString('latin1')).not.toContain('red car');

    const opened = await openWitnessStatements(api, pair);
    expect(opened).toHaveLength(1);
    const first = opened[0]!;
    if (!first.ok) throw new Error('did not open');
    expect(first.statement.saw).toBe('A red car, engine running');
    const recordId = await fileWitnessStatement(api, accountKey, first);
    // Kept ones are not fetched again.
    expect(await openWitnessStatements(api, pair, new Set([first.id]))).toEqual([]);
    const watch = new RevisionWatch();
    const { records } = await listFiledWitnessStatements(api, accountKey, watch);
    expect(records).toHaveLength(1);
    const response = await api.getRecord(recordId);
    await updateFiledStatement(
      api,
      accountKey,
      { record: records[0]!, response },
      { incidentIds: ['incident-0001'], note: 'Sam saw the car' },
    );
    const after = (await listFiledWitnessStatements(api, accountKey, new RevisionWatch()))
      .records[0]!;
    expect(after.revision).toBe(2);
    expect(after.value.incidentIds).toEqual(['incident-0001']);
    expect(after.value.statement).toEqual(records[0]!.value.statement);
    // Blocking deletes what is not in the diary, and keeps what is.
    await sendWitnessStatement(witnessApi, open, statementOf(open.link.invitationId, 'Again'));
    expect(await blockWitnessInvitation(api, open.link.invitationId, new Set([first.id]))).toBe(1);
    expect((await api.listWitnessStatements()).map((s) => s.id)).toEqual([first.id]);
  });

  test('a kept statement linked to an incident goes into the report and the bundle, which verifies offline', async () => {
    const c = await person(false);
    const api = vaultApi(c);
    const accountKey = await generateKey();
    const pair = await ensureAccountKeyPair(api, accountKey);
    const incident = generateIncidents(1, 7).incidents[0]!.value;
    const incidentId = (
      await api.createRecord(await sealNewRecord(accountKey, INCIDENT_TYPE, incident))
    ).id;
    const made = await createWitnessInvitation(api, pair, {
      label: 'Sam',
      maxStatements: 1,
      origin: 'https://support.example.org',
    });
    const open = await openWitnessLink(vaultApi(), new URL(made.link).hash);
    await sendWitnessStatement(
      vaultApi(),
      open,
      statementOf(open.link.invitationId, 'WITNESS-SAW'),
    );
    const [opened] = await openWitnessStatements(api, pair);
    if (opened?.ok !== true) throw new Error('did not open');
    await fileWitnessStatement(api, accountKey, opened, { incidentIds: [incidentId] });
    await t.log.checkpointNow();

    const source = await loadReportSource(api, accountKey);
    const model = buildReport(source.records, REPORT_OPTIONS);
    expect(model.witnessStatements?.map((w) => w.saw)).toEqual(['WITNESS-SAW']);
    const sealed = await sealForReport(api, accountKey, source, model.recordIds);
    expect(sealed.withoutReceipt).toBe(0);
    expect(sealed.witnessStatements).toHaveLength(1);
    // The PDF's model now carries the arrival receipt.
    const withReceipt = buildReport(sealed.records, REPORT_OPTIONS);
    expect(withReceipt.witnessStatements?.[0]?.receipt).toMatch(/log entry \d+/);
    const vkey = (await t.app.inject({ method: 'GET', url: LOG_KEY_PATH })).body.trim();
    const zip = await bundleToBytes({
      folder: 'mosaic-report-test',
      title: 'Test',
      madeAt: new Date(),
      madeWith: 'Mosaic test',
      reportPdf: new TextEncoder().encode('%PDF-1.7 test\n'),
      records: sealed.sealed,
      evidence: [],
      witnessStatements: sealed.witnessStatements,
      logKey: sealed.logKey.vkey,
      logOrigin: sealed.logKey.origin,
    });
    const result = await verifyBundle(zip, { expectedLogKey: vkey });
    expect(result.lines.filter((l) => l.status === 'fail')).toEqual([]);
    expect(result.fullyProven).toBe(true);
    const line = result.lines.find((l) => l.subject === `witness statement ${opened.id}`);
    expect(line?.detail).toMatch(/says exactly what entry .* says; arrived/);
  });

  test('a server that swaps the public key is caught by the witness’s browser, before sealing', async () => {
    const c = await person(false);
    const api = vaultApi(c);
    const accountKey = await generateKey();
    const pair = await ensureAccountKeyPair(api, accountKey);
    const made = await createWitnessInvitation(api, pair, {
      label: 'x',
      maxStatements: 1,
      origin: 'https://a.example',
    });
    const attacker = await generateAccountKeyPair();
    const swapping = vaultApi(undefined, (url, body) => {
      if (!url.endsWith('/open')) return body;
      return JSON.stringify({ ...JSON.parse(body), publicKey: toBase64Url(attacker.publicKey) });
    });
    await expect(openWitnessLink(swapping, new URL(made.link).hash)).rejects.toMatchObject({
      code: 'public_key_mismatch',
    });
    // And the owner's vault refuses a served public key that is not its own.
    const lying = vaultApi(c, (url, body) =>
      url.endsWith('/key-pair')
        ? JSON.stringify({ ...JSON.parse(body), publicKey: toBase64Url(attacker.publicKey) })
        : body,
    );
    await expect(ensureAccountKeyPair(lying, accountKey)).rejects.toMatchObject({
      code: 'public_key_mismatch',
    });
    expect(await statements(c)).toEqual([]);
  });

  test('a server that moves a statement to another invitation is caught by the person’s browser', async () => {
    const c = await person(false);
    const api = vaultApi(c);
    const pair = await ensureAccountKeyPair(api, await generateKey());
    const one = await createWitnessInvitation(api, pair, {
      label: 'one',
      maxStatements: 1,
      origin: '',
    });
    const two = await createWitnessInvitation(api, pair, {
      label: 'two',
      maxStatements: 1,
      origin: '',
    });
    const open = await openWitnessLink(vaultApi(), one.link.slice(one.link.indexOf('#')));
    await sendWitnessStatement(vaultApi(), open, statementOf(open.link.invitationId, 'seen'));
    const moving = vaultApi(c, (_url, body) =>
      body.split(one.invitation.id).join(two.invitation.id),
    );
    const [result] = await openWitnessStatements(moving, pair);
    expect(result?.ok).toBe(false);
  });
});
