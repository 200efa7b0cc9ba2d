/**
 * The upload queue's decisions that need no browser: what it refuses before any byte is sent
 * (limits, a different file chosen to carry on an upload), and that a lock stops it cold. The
 * sending itself (tus over XHR) is covered end to end in test/e2e/evidence.test.ts.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  createFileHeader,
  cryptoReady,
  encodeFileHeader,
  generateKey,
  toBase64Url,
  toHex,
} from '../../crypto/index.js';
import sodium from 'libsodium-wrappers-sumo';
import { evidenceSchema, type Evidence } from '../../domain/evidence/index.js';
import type { VaultApi } from '../api.js';
import { RevisionWatch } from '../records.js';
import type { EvidenceRecord } from './evidence-records.js';
import { UploadManager, type UploadDeps } from './uploads.js';

beforeAll(async () => {
  await cryptoReady();
});

afterEach(() => {
  vi.unstubAllGlobals();
});

function deps(
  overrides: Partial<UploadDeps> = {},
): UploadDeps & { createRecord: ReturnType<typeof vi.fn> } {
  const createRecord = vi.fn(() => Promise.reject(new Error('no record should be saved')));
  const api = { currentCsrfToken: () => 'token', createRecord } as unknown as VaultApi;
  return {
    api,
    createRecord,
    accountKey: () => new Uint8Array(32),
    revisions: new RevisionWatch(),
    link: () => Promise.resolve(),
    unlink: () => Promise.resolve(),
    checkSession: () => undefined,
    today: () => '2026-03-14',
    localDate: () => '2026-03-14',
    ...overrides,
  };
}

function file(bytes: Uint8Array<ArrayBuffer>, name = 'clip.mp4'): File {
  return new File([bytes], name, { type: 'video/mp4', lastModified: 1_700_000_000_000 });
}

async function savedRecord(original: Uint8Array): Promise<EvidenceRecord> {
  const value: Evidence = evidenceSchema.parse({
    title: 'clip',
    date: '2026-03-14',
    file: { name: 'clip.mp4', mediaType: 'video/mp4', size: original.length },
    encryption: {
      fileId: 'file-id-123456',
      key: toBase64Url(await generateKey()),
      header: toBase64Url(encodeFileHeader(await createFileHeader())),
      fingerprint: toHex(sodium.crypto_generichash(32, original, null)),
    },
    upload: { id: 'abcdef0123456789', state: 'uploading', startedAt: '2026-03-14T10:00:00Z' },
  });
  return {
    id: 'record-id-1234567',
    type: 'evidence',
    revision: 1,
    createdAt: '2026-03-14T10:00:00Z',
    updatedAt: '2026-03-14T10:00:00Z',
    value,
  };
}

/** Waits until the queue has settled on a phase for its first upload. */
async function phaseOf(manager: UploadManager, phase: string): Promise<void> {
  await vi.waitFor(() => expect(manager.list()[0]?.phase).toBe(phase), { timeout: 5000 });
}

describe('UploadManager', () => {
  it('refuses a file over the size limit, and one that would pass the quota, before sending', async () => {
    const fetchSpy = vi.fn();
    vi.stubGlobal('fetch', fetchSpy);
    const limits = { maxFileBytes: 1000, accountQuotaBytes: 5000, usedBytes: 4900 };
    const manager = new UploadManager(deps({ limits: () => Promise.resolve(limits) }));
    manager.add([file(new Uint8Array(2000), 'big.mp4')]);
    await phaseOf(manager, 'failed');
    expect(manager.list()[0]?.problem).toBe('too_big');
    manager.dismiss(manager.list()[0]!.key);
    manager.add([file(new Uint8Array(200), 'small.mp4')]);
    await phaseOf(manager, 'failed');
    expect(manager.list()[0]?.problem).toBe('quota');
    expect(fetchSpy).not.toHaveBeenCalled();
    manager.destroy();
  });

  it('says so when the server refuses a file as too large', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(() =>
        Promise.resolve(
          new Response(JSON.stringify({ error: { code: 'file_too_large', message: 'too big' } }), {
            status: 413,
          }),
        ),
      ),
    );
    const manager = new UploadManager(deps({ limits: () => Promise.resolve(undefined) }));
    manager.add([file(new Uint8Array(10))]);
    await phaseOf(manager, 'failed');
    expect(manager.list()[0]?.problem).toBe('too_big');
    manager.destroy();
  });

  it('refuses to carry on an upload with a different file, before any byte is encrypted', async () => {
    const fetchSpy = vi.fn();
    vi.stubGlobal('fetch', fetchSpy);
    const original = crypto.getRandomValues(new Uint8Array(5000));
    const saved = await savedRecord(original);
    const manager = new UploadManager(deps());
    // A different size is refused at once.
    expect(await manager.resumeWith(saved, file(new Uint8Array(10)))).toBe('not_same');
    // The same size with one byte changed is refused once the whole file is hashed.
    const changed = original.slice();
    changed[4999]! ^= 1;
    expect(await manager.resumeWith(saved, file(changed))).toBe('not_same');
    expect(manager.list()).toEqual([]);
    expect(fetchSpy).not.toHaveBeenCalled();
    manager.destroy();
  });

  it('stops everything on lock: nothing is saved for a file whose upload was being created', async () => {
    let answer: (response: Response) => void = () => undefined;
    const fetchSpy = vi.fn(
      () =>
        new Promise<Response>((resolve) => {
          answer = resolve;
        }),
    );
    vi.stubGlobal('fetch', fetchSpy);
    const d = deps({ limits: () => Promise.resolve(undefined) });
    const manager = new UploadManager(d);
    let notices = 0;
    manager.subscribe(() => notices++);
    manager.add([file(new Uint8Array(1024 * 1024).fill(7))]);
    await phaseOf(manager, 'checking');
    await vi.waitFor(() => expect(fetchSpy).toHaveBeenCalledTimes(1));
    manager.destroy();
    expect(manager.list()).toEqual([]);
    const before = notices;
    // The server answers after the lock: the queue must not carry on with it.
    answer(
      new Response(null, {
        status: 201,
        headers: { location: '/api/uploads/0123456789abcdef0123456789abcdef' },
      }),
    );
    await new Promise((r) => setTimeout(r, 200));
    expect(fetchSpy).toHaveBeenCalledTimes(1);
    expect(d.createRecord).not.toHaveBeenCalled();
    expect(notices).toBe(before);
    manager.add([file(new Uint8Array(10))]);
    expect(manager.list()).toEqual([]);
  });
});
