/**
 * The vault's side of shares (docs/vault-protocol.md §14) against a fake server held in memory:
 * the owner makes, reads, extends and revokes a share; the recipient opens it with the link and
 * the passcode. Then the server turns malicious (another share's manifest, a dropped record, an
 * added one, a changed or rolled-back one) and the recipient must refuse.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import {
  encryptFile,
  generateKey,
  openJson,
  sealJson,
  sha256,
  toBase64Url,
  toHex,
} from '../crypto/index.js';
import { ApiError, VaultApi, type RecordResponse, type SharedRecord } from './api.js';
import { NOTE_TYPE, sealNewRecord, sealRecordUpdate } from './records.js';
import {
  addToShare,
  createShare,
  openShare,
  parseShareLink,
  readOwnShare,
  revokeShare,
  ShareError,
  shareLinkFragment,
} from './shares.js';

interface StoredShare {
  id: string;
  mode: 'snapshot' | 'live';
  revision: number;
  authKey: string;
  ownerWrappedKey: string | null;
  manifest: string | null;
  records: { id: string; revision: number }[];
  uploads: string[];
}

/** The owner's records and the shares, as an honest server keeps them, plus hooks to lie. */
class FakeServer {
  readonly records = new Map<string, RecordResponse[]>();
  readonly shares = new Map<string, StoredShare>();
  readonly files = new Map<string, Uint8Array>();
  /** Rewrites what a recipient is served. */
  tamperManifest?: (shareId: string, manifest: string) => { manifest: string; revision?: number };
  tamperRecords?: (records: SharedRecord[]) => SharedRecord[];

  add(record: RecordResponse): void {
    const list = this.records.get(record.id) ?? [];
    list.push(record);
    this.records.set(record.id, list);
  }

  // eslint-disable-next-line @typescript-eslint/require-await -- fetch's shape
  fetch = async (input: string, init?: RequestInit): Promise<Response> => {
    const url = new URL(input, 'https://mosaic.test');
    const method = init?.method ?? 'GET';
    const body = (
      init?.body === undefined ? {} : JSON.parse(init.body as string)
    ) as StoredShare & {
      expectedRevision: number;
    };
    const json = (status: number, value: unknown) =>
      new Response(JSON.stringify(value), {
        status,
        headers: { 'content-type': 'application/json' },
      });
    const error = (status: number, code: string) =>
      json(status, { error: { code, message: code } });
    const parts = url.pathname.split('/').slice(3); // after /api/shares
    const bearer = (init?.headers as Record<string, string>)?.authorization;
    if (method === 'POST' && parts.length === 0) {
      const share: StoredShare = { ...body, revision: 1 };
      this.shares.set(body.id, share);
      return json(201, this.summary(share));
    }
    if (method === 'GET' && parts.length === 0) {
      return json(200, { shares: [...this.shares.values()].map((s) => this.summary(s)) });
    }
    const share = this.shares.get(parts[0] ?? '');
    if (!share) return error(404, 'share_not_found');
    if (method === 'PUT') {
      if (body.expectedRevision !== share.revision) return error(409, 'share_revision_conflict');
      Object.assign(share, {
        revision: share.revision + 1,
        manifest: body.manifest,
        records: body.records,
        uploads: body.uploads,
      });
      return json(200, { revision: share.revision });
    }
    if (method === 'DELETE') {
      Object.assign(share, { manifest: null, ownerWrappedKey: null, records: [], uploads: [] });
      return new Response(null, { status: 204 });
    }
    if (share.manifest === null) return error(410, 'share_revoked');
    if (method === 'POST' && parts[1] === 'session') {
      if (body.authKey !== share.authKey) return error(401, 'share_passcode_wrong');
      return json(201, { token: `t-${share.id}`.padEnd(43, 'x'), expiresAt: 'later' });
    }
    if (bearer !== `Bearer ${`t-${share.id}`.padEnd(43, 'x')}`) {
      return error(401, 'share_session_invalid');
    }
    if (parts.length === 1) {
      const served = this.tamperManifest?.(share.id, share.manifest) ?? {
        manifest: share.manifest,
      };
      return json(200, {
        id: share.id,
        mode: share.mode,
        revision: served.revision ?? share.revision,
        manifest: served.manifest,
        expiresAt: 'later',
      });
    }
    if (parts[1] === 'records') {
      let records: SharedRecord[] = share.records.map((r) => {
        const revisions = this.records.get(r.id)!;
        const chosen = share.mode === 'snapshot' ? revisions[r.revision - 1]! : revisions.at(-1)!;
        return {
          id: chosen.id,
          type: chosen.type,
          revision: chosen.revision,
          ciphertext: chosen.ciphertext,
        };
      });
      records = this.tamperRecords?.(records) ?? records;
      return json(200, { records, next: null });
    }
    if (parts[1] === 'uploads') {
      const file = this.files.get(parts[2] ?? '');
      if (!file || !share.uploads.includes(parts[2]!)) return error(404, 'not_found');
      return new Response(new Blob([file.slice()]), { status: 200 });
    }
    return error(404, 'not_found');
  };

  summary(s: StoredShare) {
    return {
      id: s.id,
      mode: s.mode,
      state: s.manifest === null ? 'revoked' : 'active',
      revision: s.revision,
      createdAt: 'now',
      updatedAt: 'now',
      expiresAt: 'later',
      revokedAt: null,
      manifest: s.manifest,
      ownerWrappedKey: s.ownerWrappedKey,
      records: s.records.map((r) => ({
        id: r.id,
        revision: s.mode === 'snapshot' ? r.revision : null,
      })),
      uploads: s.uploads,
      opens: [],
      failedAttempts: { count: 0, lastAt: null },
    };
  }
}

const note = (title: string) => ({ title, body: `about ${title}`, happenedAt: '2026-11-02' });

describe('shares in the vault', () => {
  let server: FakeServer;
  let api: VaultApi;
  let accountKey: Uint8Array;
  let records: RecordResponse[];

  const stored = (
    body: { id: string; type: string; ciphertext: string; wrappedKey: string },
    revision = 1,
  ) => {
    const record: RecordResponse = {
      ...body,
      revision,
      size: 0,
      createdAt: '2026-11-02T00:00:00.000Z',
      updatedAt: '2026-11-02T00:00:00.000Z',
    };
    server.add(record);
    return record;
  };

  beforeEach(async () => {
    server = new FakeServer();
    api = new VaultApi({ fetch: server.fetch as typeof fetch });
    api.setCsrfToken('csrf');
    accountKey = await generateKey();
    records = [];
    for (const title of ['first', 'second', 'private']) {
      records.push(stored(await sealNewRecord(accountKey, NOTE_TYPE, note(title))));
    }
  });

  const share = (mode: 'snapshot' | 'live' = 'snapshot', chosen = records.slice(0, 2)) =>
    createShare(api, accountKey, {
      records: chosen,
      label: 'PC Jones, case ref 12/345',
      mode,
      origin: 'https://mosaic.test',
    });
  const recipient = () => new VaultApi({ fetch: server.fetch as typeof fetch });

  it('opens with the link and the passcode, and only the chosen records', async () => {
    const made = await share();
    expect(made.link).toMatch(/^https:\/\/mosaic\.test\/share#s1\.[A-Za-z0-9_-]{22}\./);
    expect(made.passcode).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    // The server got no label, no passcode and no link secret.
    const sent = JSON.stringify([...server.shares.values()]);
    const { secret } = parseShareLink(made.link);
    expect(sent).not.toContain('PC Jones');
    expect(sent).not.toContain(made.passcode.replace('-', ''));
    expect(sent).not.toContain(toBase64Url(secret));

    const opened = await openShare(recipient(), made.link, made.passcode.toLowerCase());
    expect(opened.manifest.label).toBe('PC Jones, case ref 12/345');
    expect(opened.records.map((r) => (r.value as { title: string }).title)).toEqual([
      'first',
      'second',
    ]);
    // For the recipient's bundle: each record's served envelope and its own content key, which
    // opens that envelope (and, once forgotten, is asked for no more).
    const sealable = await opened.sealable();
    expect(sealable.map((r) => r.id)).toEqual(opened.records.map((r) => r.id));
    for (const r of sealable) {
      const value = await openJson({
        key: r.contentKey,
        recordId: r.id,
        recordType: r.type,
        revision: r.revision,
        envelope: r.envelope,
      });
      expect(value).toEqual(r.value);
    }
    expect((await opened.sealable([sealable[1]!.id])).map((r) => r.id)).toEqual([sealable[1]!.id]);
    opened.forget();
    // The owner reads the label with the account key alone.
    const [summary] = await api.listShares();
    expect((await readOwnShare(accountKey, summary!))?.label).toBe('PC Jones, case ref 12/345');

    const wrong = made.passcode.startsWith('A') ? 'BBBB-BBBB' : 'AAAA-AAAA';
    await expect(openShare(recipient(), made.link, wrong)).rejects.toMatchObject({
      code: 'share_passcode_wrong',
    });
    await expect(openShare(recipient(), made.link, '1234')).rejects.toMatchObject({
      code: 'passcode_invalid',
    });
  });

  it('adds new records to a kept-up-to-date share and follows edits', async () => {
    const made = await share('live', records.slice(0, 1));
    const [summary] = await api.listShares();
    const extra = stored(await sealNewRecord(accountKey, NOTE_TYPE, note('later')));
    expect(await addToShare(api, accountKey, summary!, { records: [extra] })).toBe(2);
    const edit = await sealRecordUpdate(accountKey, records[0]!, note('first, edited'));
    stored({ ...records[0]!, ciphertext: edit.ciphertext }, 2);
    const opened = await openShare(recipient(), made.link, made.passcode);
    expect(opened.records.map((r) => (r.value as { title: string }).title)).toEqual([
      'first, edited',
      'later',
    ]);
    // Taken out again (before the owner deletes it).
    const [now] = await api.listShares();
    expect(await addToShare(api, accountKey, now!, { records: [], remove: [extra.id] })).toBe(3);
    const again = await openShare(recipient(), made.link, made.passcode);
    expect(again.records.map((r) => r.id)).toEqual([records[0]!.id]);
    // A snapshot takes nothing new.
    await share('snapshot');
    const snapshot = (await api.listShares()).find((s) => s.mode === 'snapshot')!;
    await expect(
      addToShare(api, accountKey, snapshot, { records: [extra] }),
    ).rejects.toBeInstanceOf(ShareError);
  });

  it('reads a listed file with the key from its shared record, and no other file', async () => {
    const fileKey = await generateKey();
    const plaintext = new TextEncoder().encode('a photo of the car');
    server.files.set(
      'f'.repeat(32),
      await encryptFile({ key: fileKey, fileId: 'photo', plaintext }),
    );
    server.files.set('e'.repeat(32), new Uint8Array(40));
    const made = await createShare(api, accountKey, {
      records: records.slice(0, 1),
      uploads: [{ id: 'f'.repeat(32), recordId: records[0]!.id }],
      label: 'advocate',
      mode: 'snapshot',
      origin: 'https://mosaic.test',
    });
    const opened = await openShare(recipient(), made.link, made.passcode);
    const bytes = await opened.readFile('f'.repeat(32), { key: fileKey, fileId: 'photo' });
    expect(new TextDecoder().decode(bytes)).toBe('a photo of the car');
    await expect(
      opened.readFile('e'.repeat(32), { key: fileKey, fileId: 'photo' }),
    ).rejects.toMatchObject({ code: 'share_upload_not_listed' });
    // An upload must come with its evidence record.
    await expect(
      createShare(api, accountKey, {
        records: records.slice(1, 2),
        uploads: [{ id: 'f'.repeat(32), recordId: records[0]!.id }],
        label: 'x',
        mode: 'snapshot',
        origin: 'https://mosaic.test',
      }),
    ).rejects.toMatchObject({ code: 'share_manifest_invalid' });
  });

  it('opens shared evidence byte for byte, checked against its record', async () => {
    const fileKey = await generateKey();
    const original = new TextEncoder().encode('the screenshot');
    const uploadId = 'ab'.repeat(16);
    const fileId = 'q3J2y0m1rT4kZ8b1xN7wGA';
    server.files.set(uploadId, await encryptFile({ key: fileKey, fileId, plaintext: original }));
    const evidence = {
      title: 'Screenshot',
      date: '2026-11-02',
      file: {
        name: 'shot.png',
        mediaType: 'image/png',
        size: original.length,
        sha256: toHex(await sha256(original)),
      },
      encryption: {
        fileId,
        key: toBase64Url(fileKey),
        header: 'B'.repeat(28),
        fingerprint: 'c'.repeat(64),
      },
      upload: {
        id: uploadId,
        state: 'complete',
        startedAt: '2026-11-02T10:00:00.000Z',
        completedAt: '2026-11-02T10:01:00.000Z',
      },
    };
    const item = stored(await sealNewRecord(accountKey, 'evidence', evidence));
    const made = await createShare(api, accountKey, {
      records: [item, records[0]!],
      uploads: [{ id: uploadId, recordId: item.id }],
      label: 'officer',
      mode: 'snapshot',
      origin: 'https://mosaic.test',
    });
    const opened = await openShare(recipient(), made.link, made.passcode);
    const { blob } = await opened.openEvidence(item.id);
    expect(new Uint8Array(await blob.arrayBuffer())).toEqual(original);
    expect(blob.type).toBe('image/png');
    await expect(opened.openEvidence(records[0]!.id)).rejects.toMatchObject({
      code: 'share_upload_not_listed',
    });
    // A server that swaps the file's bytes is caught.
    server.files.set(
      uploadId,
      await encryptFile({ key: fileKey, fileId, plaintext: new Uint8Array(3) }),
    );
    await expect(opened.openEvidence(item.id)).rejects.toMatchObject({ problem: 'mismatch' });
  });

  it('is refused once revoked', async () => {
    const made = await share();
    await revokeShare(api, made.shareId);
    const err = await openShare(recipient(), made.link, made.passcode).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe('share_revoked');
  });

  describe('a malicious server is caught by the recipient', () => {
    it("serving another share's manifest", async () => {
      const a = await share();
      const b = await share('snapshot', records.slice(2));
      const other = server.shares.get(b.shareId)!.manifest!;
      server.tamperManifest = () => ({ manifest: other });
      await expect(openShare(recipient(), a.link, a.passcode)).rejects.toMatchObject({
        code: 'decryption_failed',
      });
    });

    it('relabelling the manifest revision', async () => {
      const a = await share();
      server.tamperManifest = (_id, manifest) => ({ manifest, revision: 2 });
      await expect(openShare(recipient(), a.link, a.passcode)).rejects.toMatchObject({
        code: 'decryption_failed',
      });
    });

    it('a manifest sealed under another key for this share id', async () => {
      const a = await share();
      const forged = await sealJson({
        key: await generateKey(),
        recordId: a.shareId,
        recordType: 'share-manifest',
        revision: 1,
        value: {},
      });
      server.tamperManifest = () => ({ manifest: toBase64Url(forged) });
      await expect(openShare(recipient(), a.link, a.passcode)).rejects.toMatchObject({
        code: 'decryption_failed',
      });
    });

    it('dropping a record from a snapshot', async () => {
      const a = await share();
      server.tamperRecords = (served) => served.slice(1);
      await expect(openShare(recipient(), a.link, a.passcode)).rejects.toMatchObject({
        code: 'share_record_missing',
      });
    });

    it("adding the owner's unshared record", async () => {
      const a = await share();
      const secret = records[2]!;
      server.tamperRecords = (served) => [
        ...served,
        { id: secret.id, type: secret.type, revision: 1, ciphertext: secret.ciphertext },
      ];
      await expect(openShare(recipient(), a.link, a.passcode)).rejects.toMatchObject({
        code: 'share_record_unexpected',
      });
    });

    it('swapping one shared record for another, or serving a later revision of a snapshot', async () => {
      const a = await share();
      server.tamperRecords = (served) => [
        served[0]!,
        { ...served[1]!, ciphertext: served[0]!.ciphertext },
      ];
      await expect(openShare(recipient(), a.link, a.passcode)).rejects.toBeInstanceOf(ShareError);
      const edit = await sealRecordUpdate(accountKey, records[0]!, note('changed after'));
      server.tamperRecords = (served) => [
        { ...served[0]!, revision: 2, ciphertext: edit.ciphertext },
        served[1]!,
      ];
      await expect(openShare(recipient(), a.link, a.passcode)).rejects.toMatchObject({
        code: 'share_record_changed',
      });
    });

    it('rolling a kept-up-to-date record back below the shared revision', async () => {
      const first = records[0]!;
      const edit = await sealRecordUpdate(accountKey, first, note('v2'));
      const v2 = stored({ ...first, ciphertext: edit.ciphertext }, 2);
      const a = await share('live', [v2]);
      server.tamperRecords = (served) => served.map(() => ({ ...first, revision: 1 }));
      await expect(openShare(recipient(), a.link, a.passcode)).rejects.toMatchObject({
        code: 'share_record_changed',
      });
    });
  });

  it('reads links and refuses broken ones', () => {
    const link = { shareId: 'A'.repeat(22), secret: new Uint8Array(32).fill(7) };
    const fragment = shareLinkFragment(link);
    expect(parseShareLink(`https://x.test/share#${fragment}`)).toEqual(link);
    expect(parseShareLink(`#${fragment}`)).toEqual(link);
    for (const bad of [
      '',
      '#s2.' + fragment.slice(3),
      fragment.slice(0, -2),
      `${fragment}.x`,
      's1.short.AAAA',
    ]) {
      expect(() => parseShareLink(bad)).toThrow(ShareError);
    }
  });
});
