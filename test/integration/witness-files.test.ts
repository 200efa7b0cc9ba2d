/**
 * Files from a witness on both engines (docs/vault-protocol.md §15.8), over real HTTP: the tus
 * upload is authorised by the invitation's auth key, belongs to the person's account (their quota,
 * their GET), and is reachable by that invitation only, for creation, HEAD and PATCH only, and
 * only until a statement names it. Another invitation, a wrong or missing key, another account,
 * a revoked or full link are refused with stable codes; each link takes a bounded number of
 * files; a statement can name only finished uploads of its own link, and one naming another's
 * stores nothing. Bytes are random: the server treats them as opaque.
 */
import { randomBytes, randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_STATEMENT_FILES, WITNESS_AUTH_HEADER } from '../../src/contract/witnesses.js';
import { startLiveServer, type LiveServer } from '../support/browser.js';
import { ENGINES } from '../support/databases.js';
import { rawRequest, type Answer } from '../support/raw-http.js';
import { blob, key, recordId, VaultClient } from '../support/vault-client.js';

/** The error code, or for a HEAD (no body) the status alone. */
const codeOf = (a: Answer): string =>
  a.body.length === 0
    ? `status ${String(a.status)}`
    : (JSON.parse(a.body.toString('utf8')) as { error: { code: string } }).error.code;
/** A documentation address for each request, so the per-address limit never answers. */
const someAddress = () => `198.51.100.${randomInt(1, 255)}`;
let counter = 0;

interface Invitation {
  readonly id: string;
  readonly authKey: string;
}

describe.each(ENGINES)('files from a witness on $name', ({ name, available }) => {
  const test = available ? it : it.skip;
  let server: LiveServer;
  beforeAll(async () => {
    if (!available) return;
    server = await startLiveServer(
      { ACCOUNT_QUOTA_MB: '2', UPLOAD_MAX_FILE_MB: '1', TRUST_PROXY: '1' },
      name,
    );
  });
  afterAll(async () => {
    await server?.close();
  });

  const person = async (): Promise<VaultClient> => {
    const c = new VaultClient(server.app, `wf-${process.pid}-${++counter}`, someAddress());
    expect((await c.signUp()).statusCode).toBe(201);
    const res = await c.request('PUT', '/api/account/key-pair', {
      publicKey: key(),
      wrappedSecretKey: blob(73),
    });
    expect(res.statusCode, res.body).toBe(204);
    return c;
  };
  const invite = async (c: VaultClient, maxStatements = 1): Promise<Invitation> => {
    const i = { id: recordId(), authKey: key() };
    const res = await c.request('POST', '/api/witness/invitations', {
      id: i.id,
      authKey: i.authKey,
      note: blob(300),
      maxStatements,
    });
    expect(res.statusCode, res.body).toBe(201);
    return i;
  };
  const base = (i: Invitation) => `/api/witness/invitations/${i.id}/uploads`;
  const witnessHeaders = (i: Invitation | { authKey?: string }): Record<string, string> => ({
    'tus-resumable': '1.0.0',
    'x-forwarded-for': someAddress(),
    ...(i.authKey !== undefined ? { [WITNESS_AUTH_HEADER]: i.authKey } : {}),
  });
  const create = (i: Invitation, length: number, as: Invitation | { authKey?: string } = i) =>
    rawRequest(server.origin, 'POST', base(i), {
      ...witnessHeaders(as),
      'upload-length': String(length),
    });
  const created = async (i: Invitation, length: number): Promise<string> => {
    const res = await create(i, length);
    expect(res.status, res.body.toString()).toBe(201);
    const location = String(res.headers.location);
    expect(location.startsWith(`${base(i)}/`)).toBe(true);
    return location.split('/').pop()!;
  };
  const patch = (i: Invitation, id: string, offset: number, bytes: Buffer, as = i) =>
    rawRequest(
      server.origin,
      'PATCH',
      `${base(i)}/${id}`,
      {
        ...witnessHeaders(as),
        'upload-offset': String(offset),
        'content-type': 'application/offset+octet-stream',
      },
      bytes,
    );
  const head = (i: Invitation, id: string, as: Invitation | { authKey?: string } = i) =>
    rawRequest(server.origin, 'HEAD', `${base(i)}/${id}`, witnessHeaders(as));
  const uploadFile = async (i: Invitation, bytes: Buffer): Promise<string> => {
    const id = await created(i, bytes.length);
    const res = await patch(i, id, 0, bytes);
    expect(res.status, res.body.toString()).toBe(204);
    return id;
  };
  const ownerGet = (c: VaultClient, id: string) =>
    rawRequest(server.origin, 'GET', `/api/uploads/${id}`, {
      cookie: c.cookie!,
      'x-forwarded-for': someAddress(),
    });
  const send = (i: Invitation, uploads: string[]) =>
    rawRequest(
      server.origin,
      'POST',
      `/api/witness/invitations/${i.id}/statements`,
      { 'content-type': 'application/json', 'x-forwarded-for': someAddress() },
      Buffer.from(JSON.stringify({ authKey: i.authKey, ciphertext: blob(600), uploads }), 'utf8'),
    );

  test('a witness uploads ciphertext that only the person can read, byte-identical', async () => {
    const c = await person();
    const i = await invite(c);
    const bytes = randomBytes(70_000);
    const id = await created(i, bytes.length);
    // Resumable: half, then HEAD says where it got to, then the rest.
    expect((await patch(i, id, 0, bytes.subarray(0, 30_000))).status).toBe(204);
    const h = await head(i, id);
    expect([h.status, h.headers['upload-offset']]).toEqual([200, '30000']);
    expect((await patch(i, id, 30_000, bytes.subarray(30_000))).status).toBe(204);
    const got = await ownerGet(c, id);
    expect(got.status).toBe(200);
    expect(got.body.equals(bytes)).toBe(true);
    // It counts against the person's quota.
    const limits = (await c.request('GET', '/api/uploads/limits')).json<{ usedBytes: number }>();
    expect(limits.usedBytes).toBe(bytes.length);
    // The witness can neither read nor delete it.
    expect(
      (await rawRequest(server.origin, 'GET', `${base(i)}/${id}`, witnessHeaders(i))).status,
    ).toBe(404);
    expect(
      (await rawRequest(server.origin, 'DELETE', `${base(i)}/${id}`, witnessHeaders(i))).status,
    ).toBe(404);
    // The statement names it; from then on the link cannot touch it.
    const sent = await send(i, [id]);
    expect(sent.status, sent.body.toString()).toBe(201);
    expect((await head(i, id)).status).not.toBe(200);
    expect((await ownerGet(c, id)).body.equals(bytes)).toBe(true);
  });

  test('another invitation, a wrong key, no key or another account cannot write or read', async () => {
    const c = await person();
    const i = await invite(c, 2);
    const other = await invite(c, 2);
    const stranger = await person();
    const bytes = randomBytes(5000);
    const id = await created(i, bytes.length);
    // Another link of the same person, with its own right key, through its own address.
    for (const res of [
      await head(other, id),
      await patch(other, id, 0, bytes),
      await rawRequest(server.origin, 'HEAD', `${base(other)}/${id}`, witnessHeaders(other)),
    ]) {
      expect(res.status).toBe(404);
    }
    // This link's address with another link's key, a wrong key, or none.
    expect((await head(i, id, other)).status).toBe(401);
    const wrong = await patch(i, id, 0, bytes, other);
    expect([wrong.status, codeOf(wrong)]).toEqual([401, 'witness_proof_wrong']);
    expect(codeOf(await patch(i, id, 0, bytes, { id: i.id, authKey: key() }))).toBe(
      'witness_proof_wrong',
    );
    expect((await head(i, id, {})).status).toBe(401);
    expect(codeOf(await create(i, 10, {}))).toBe('witness_proof_wrong');
    // Nothing was written by any of that.
    expect((await head(i, id)).headers['upload-offset']).toBe('0');
    // Another account cannot read or carry it on through the person's own routes.
    expect((await ownerGet(stranger, id)).status).toBe(404);
    // A statement of another link cannot name it, and nothing of that statement stays.
    expect((await patch(i, id, 0, bytes)).status).toBe(204);
    const before = (await c.request('GET', '/api/witness/statements')).json<{
      statements: unknown[];
    }>().statements.length;
    const stolen = await send(other, [id]);
    expect([stolen.status, codeOf(stolen)]).toEqual([409, 'witness_upload_unknown']);
    const unfinished = await created(i, 100);
    const early = await send(i, [unfinished]);
    expect(codeOf(early)).toBe('witness_upload_unknown');
    const after = (await c.request('GET', '/api/witness/statements')).json<{
      statements: unknown[];
    }>().statements.length;
    expect(after).toBe(before);
    expect((await send(i, [id])).status).toBe(201);
    // Taken once only: the second statement cannot name it again.
    expect(codeOf(await send(i, [id]))).toBe('witness_upload_unknown');
  });

  test('limits: files per link, the largest file, the person’s quota', async () => {
    const c = await person();
    const i = await invite(c, 1);
    for (let n = 0; n < MAX_STATEMENT_FILES; n++) await created(i, 10);
    const over = await create(i, 10);
    expect([over.status, codeOf(over)]).toEqual([413, 'witness_files_full']);
    const j = await invite(c, 1);
    const big = await create(j, 1024 * 1024 + 1);
    expect([big.status, codeOf(big)]).toEqual([413, 'file_too_large']);
    await uploadFile(j, randomBytes(1024 * 1024));
    await uploadFile(j, randomBytes(900 * 1024));
    const full = await create(j, 200 * 1024);
    expect([full.status, codeOf(full)]).toEqual([413, 'quota_exceeded']);
  });

  test('a revoked, blocked or full link refuses files', async () => {
    const c = await person();
    const i = await invite(c);
    const id = await created(i, 100);
    expect((await c.request('DELETE', `/api/witness/invitations/${i.id}`)).statusCode).toBe(204);
    for (const res of [await create(i, 10), await patch(i, id, 0, blob100())]) {
      expect([res.status, codeOf(res)]).toEqual([410, 'witness_invitation_closed']);
    }
    expect((await head(i, id)).status).toBe(410);
    const b = await invite(c);
    expect((await c.request('POST', `/api/witness/invitations/${b.id}/block`)).statusCode).toBe(
      204,
    );
    expect(codeOf(await create(b, 10))).toBe('witness_invitation_closed');
    const f = await invite(c, 1);
    expect((await send(f, [])).status).toBe(201);
    const full = await create(f, 10);
    expect([full.status, codeOf(full)]).toEqual([409, 'witness_invitation_full']);
  });
});

function blob100(): Buffer {
  return randomBytes(100);
}
