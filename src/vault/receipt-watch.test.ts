/**
 * The receipt watcher against a fake server behind a fake fetch: a real log built with src/crypto,
 * real sealed records, and a server that can turn malicious. An honest log checks; a rolled-back
 * log, a forked log, a proof for another leaf, a stale checkpoint and a checkpoint signed by
 * another key are each caught with their code, also on a second device that only has the
 * vault's encrypted record to compare with.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { encodeReceiptLeaf } from '../crypto/checkpoint.js';
import { cryptoReady, fromBase64Url, generateKey } from '../crypto/index.js';
import { logKeyFingerprint, signHandover } from '../crypto/log-handover.js';
import { consistencyProof, inclusionProof, leafHash, merkleRoot } from '../crypto/merkle.js';
import { sha256 } from '../crypto/sha256.js';
import { ed25519Signer, toBase64, type Ed25519NoteSigner } from '../crypto/signed-note.js';
import { signCheckpoint } from '../crypto/tlog-checkpoint.js';
import { formatTlogProof } from '../crypto/tlog-proof.js';
import { VaultApi, type ReceiptAnswer, type RecordResponse } from './api.js';
import {
  loadLogState,
  pinLogKey,
  RECEIPT_LOG_TYPE,
  ReceiptWatch,
  revisionTarget,
  type ReceiptStatus,
} from './receipt-watch.js';
import { sealNewRecord } from './records.js';

const ORIGIN = 'watch-test.example.org/receipts';

beforeAll(async () => {
  await cryptoReady();
});

type Hook = (answer: ReceiptAnswer, index: number) => Promise<ReceiptAnswer> | ReceiptAnswer;

/** Just enough of the API, honest unless told otherwise. */
class FakeServer {
  readonly records = new Map<string, RecordResponse[]>();
  leaves: Uint8Array[] = [];
  hashes: Uint8Array[] = [];
  readonly leafOf = new Map<string, number>();
  /** The size of the newest signed checkpoint. */
  published = 0;
  receiptHook: Hook | undefined;
  readonly requests: string[] = [];
  /** Key hand-over notes, as /api/log/handovers lists them. */
  handovers: string[] = [];

  private constructor(public signer: Ed25519NoteSigner) {}

  static async make(): Promise<FakeServer> {
    return new FakeServer(await ed25519Signer(ORIGIN, new Uint8Array(32).fill(1)));
  }

  async append(id: string, revision: number, ciphertext: string): Promise<number> {
    const leaf = encodeReceiptLeaf({
      recordId: id,
      revision,
      ciphertextSha256: await sha256(fromBase64Url(ciphertext)),
      receivedAt: Date.UTC(2026, 11, 3, 21, 14) + this.leaves.length,
    });
    this.leaves.push(leaf);
    this.hashes.push(await leafHash(leaf));
    this.leafOf.set(`${id}:${revision}`, this.leaves.length - 1);
    return this.leaves.length - 1;
  }

  /** Someone else's write. */
  async filler(n = 1): Promise<void> {
    for (let i = 0; i < n; i++) {
      await this.append(`other-${this.leaves.length}`, 1, 'b3RoZXI');
    }
  }

  publish(): void {
    this.published = this.leaves.length;
  }

  async checkpoint(size: number, signer = this.signer): Promise<string> {
    return signCheckpoint(
      { origin: signer.name, size, rootHash: await merkleRoot(this.hashes.slice(0, size)) },
      signer,
    );
  }

  async receipt(index: number, size = this.published, signer = this.signer) {
    return {
      leafIndex: index,
      proof: formatTlogProof({
        extra: this.leaves[index]!,
        index,
        inclusion: index < size ? await inclusionProof(index, this.hashes.slice(0, size)) : [],
        checkpoint: await this.checkpoint(size, signer),
      }),
      timestamp: null,
    } satisfies ReceiptAnswer;
  }

  readonly fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(input instanceof Request ? input.url : input, 'http://fake');
    const method = init?.method ?? 'GET';
    this.requests.push(`${method} ${url.pathname}${url.search}`);
    const body =
      typeof init?.body === 'string' ? (JSON.parse(init.body) as Record<string, unknown>) : {};
    const json = (status: number, value: unknown) =>
      new Response(JSON.stringify(value), {
        status,
        headers: { 'content-type': 'application/json' },
      });
    const error = (status: number, code: string) =>
      json(status, { error: { code, message: code } });
    const path = url.pathname;
    let m: RegExpMatchArray | null;
    if (path === '/api/log/key') {
      return json(200, { origin: this.signer.name, vkey: this.signer.vkey, fingerprint: 'fp' });
    }
    if (path === '/api/log/handovers') return json(200, { handovers: this.handovers });
    if (path === '/api/log/checkpoint') {
      const checkpoint = await this.checkpoint(this.published);
      return json(200, { size: this.published, checkpoint, timestamp: null });
    }
    if (path === '/api/log/consistency') {
      const from = Number(url.searchParams.get('from'));
      const to = Number(url.searchParams.get('to'));
      if (from > to || to > this.published) return error(400, 'log_size_invalid');
      const proof = await consistencyProof(from, this.hashes.slice(0, to));
      return json(200, { from, to, proof: proof.map(toBase64) });
    }
    if ((m = /^\/api\/records\/([^/]+)\/revisions\/(\d+)\/receipt$/.exec(path))) {
      const index = this.leafOf.get(`${m[1]}:${m[2]}`);
      if (index === undefined) return error(404, 'receipt_unavailable');
      if (index >= this.published) {
        return json(202, { pending: true, retryAfterSeconds: 5, message: 'not yet' });
      }
      const honest = await this.receipt(index);
      return json(200, this.receiptHook ? await this.receiptHook(honest, index) : honest);
    }
    if (path === '/api/records' && method === 'GET') {
      const type = url.searchParams.get('type');
      const records = [...this.records.values()]
        .map((revisions) => revisions[revisions.length - 1]!)
        .filter((r) => type === null || r.type === type);
      return json(200, { records, next: null });
    }
    if (path === '/api/records' && method === 'POST') {
      const id = String(body.id);
      if (this.records.has(id)) return error(409, 'record_exists');
      const record = this.stored(id, String(body.type), 1, body);
      this.records.set(id, [record]);
      return json(201, { ...record, leafIndex: await this.append(id, 1, record.ciphertext) });
    }
    if ((m = /^\/api\/records\/([^/]+)$/.exec(path))) {
      const revisions = this.records.get(m[1]!);
      if (!revisions) return error(404, 'not_found');
      const current = revisions[revisions.length - 1]!;
      if (method === 'GET') return json(200, current);
      if (method === 'DELETE') {
        this.records.delete(m[1]!);
        return new Response(null, { status: 204 });
      }
      if (body.expectedRevision !== current.revision) return error(409, 'revision_conflict');
      const record = this.stored(current.id, current.type, current.revision + 1, body);
      revisions.push(record);
      const leafIndex = await this.append(record.id, record.revision, record.ciphertext);
      return json(200, { ...record, leafIndex });
    }
    return error(404, 'not_found');
  };

  private stored(
    id: string,
    type: string,
    revision: number,
    body: Record<string, unknown>,
  ): RecordResponse {
    const at = new Date().toISOString();
    return {
      id,
      type,
      revision,
      ciphertext: String(body.ciphertext),
      wrappedKey: String(body.wrappedKey),
      size: 1,
      createdAt: at,
      updatedAt: at,
    };
  }
}

async function setUp(options: { pin?: boolean } = {}) {
  const server = await FakeServer.make();
  await server.filler(3);
  const api = new VaultApi({ fetch: server.fetch });
  api.setCsrfToken('csrf');
  const accountKey = await generateKey();
  if (options.pin !== false) await pinLogKey(api, accountKey, 'sign-up');
  const sleeps: number[] = [];
  const newWatch = (onSleep?: (ms: number) => void) =>
    new ReceiptWatch(api, () => accountKey, {
      sleep: (ms) => {
        sleeps.push(ms);
        onSleep?.(ms);
        return Promise.resolve();
      },
    });
  const write = async (text: string) => {
    const response = await api.createRecord(await sealNewRecord(accountKey, 'incident', { text }));
    return revisionTarget(response);
  };
  return { server, api, accountKey, sleeps, newWatch, watch: newWatch(), write };
}

const code = (status: ReceiptStatus) => (status.state === 'failed' ? status.code : status.state);

describe('the receipt watcher with an honest server', () => {
  it('checks a write once a checkpoint covers it, waiting longer each time, and keeps the checkpoint in the vault', async () => {
    const { server, api, accountKey, sleeps, newWatch, write } = await setUp();
    const target = await write('first');
    expect(target.kind === 'revision' && target.leafIndex).toBe(4);
    const watch = newWatch((ms) => {
      if (ms === 4_000) server.publish();
    });
    const status = await watch.check(target);
    expect(sleeps).toEqual([2_000, 4_000]);
    expect(status).toMatchObject({ state: 'checked', leafIndex: 4, checkpointSize: 5 });
    expect(status.state === 'checked' && status.receivedAt.toISOString()).toBe(
      '2026-12-03T21:14:00.004Z',
    );
    // Asked once more: the answer is remembered, not fetched again.
    const asked = server.requests.length;
    await watch.check(target);
    expect(server.requests.length).toBe(asked);
    const kept = await loadLogState(api, accountKey);
    expect(kept?.state.pinnedOn).toBe('sign-up');
    expect(kept?.state.checkpoint?.size).toBe(5);
    // The record is sealed: the server holds no checkpoint text it could read or edit.
    const raw = server.records.get(kept!.response.id)!;
    expect(raw.at(-1)!.ciphertext).not.toContain('watch-test');

    // A later write (after the vault's own save, leaf 5): the log grew, proved from the size kept.
    await server.filler(2);
    const second = await write('second');
    server.publish();
    // The TSA's time comes through when the server has one for the checkpoint.
    server.receiptHook = (answer) => ({
      ...answer,
      timestamp: { token: 'AAAA', time: '2026-12-03T21:14:05.000Z' },
    });
    expect(await watch.check(second)).toMatchObject({
      state: 'checked',
      checkpointSize: 9,
      timestampTime: '2026-12-03T21:14:05.000Z',
    });
    expect(server.requests).toContain('GET /api/log/consistency?from=5&to=9');
  });

  it('stops asking after the last wait and says pending, never asking for the receipt too early', async () => {
    const { server, sleeps, watch, write } = await setUp();
    const target = await write('never covered');
    expect(code(await watch.check(target))).toBe('pending');
    expect(sleeps).toEqual([2_000, 4_000, 8_000, 15_000, 30_000, 30_000]);
    // The write's leaf index was known, so only the public checkpoint size was asked for.
    expect(server.requests.filter((r) => r.endsWith('/receipt'))).toEqual([]);
    expect(server.requests.filter((r) => r === 'GET /api/log/checkpoint')).toHaveLength(7);
    // An entry stored before receipts began has none.
    server.publish();
    server.leafOf.delete(`${target.id}:1`);
    expect(code(await watch.check(target))).toBe('unavailable');
  });

  it('stops asking about a record deleted while its check waited', async () => {
    const { server, api, newWatch, write } = await setUp();
    const target = await write('deleted soon');
    let deleted = false;
    const watch = newWatch((ms) => {
      if (ms === 4_000 && !deleted) {
        deleted = true;
        void api.deleteRecord(target.id);
      }
    });
    expect(code(await watch.check(target))).toBe('unavailable');
    const after = server.requests.slice(
      server.requests.indexOf(`DELETE /api/records/${target.id}`),
    );
    expect(after.length).toBeGreaterThan(0);
    expect(after.filter((r) => r.includes('/api/log/') || r.endsWith('/receipt'))).toEqual([]);
  });

  it('asks for the receipt itself, with the same waits, for a revision written elsewhere', async () => {
    const { server, accountKey, write } = await setUp();
    const written = await write('from another device');
    if (written.kind !== 'revision') throw new Error('a revision');
    const target = {
      kind: 'revision',
      id: written.id,
      revision: written.revision,
      ciphertext: written.ciphertext,
    } as const;
    const otherDevice = new VaultApi({ fetch: server.fetch });
    otherDevice.setCsrfToken('csrf');
    const sleeps: number[] = [];
    const watch = new ReceiptWatch(otherDevice, () => accountKey, {
      sleep: (ms) => {
        sleeps.push(ms);
        if (ms === 4_000) server.publish();
        return Promise.resolve();
      },
    });
    expect(code(await watch.check(target))).toBe('checked');
    expect(sleeps).toEqual([2_000, 4_000]);
    expect(server.requests.filter((r) => r.endsWith('/receipt'))).toHaveLength(3);
  });

  it('writes a grown checkpoint to the vault at most every five minutes, holding it meanwhile', async () => {
    const { server, api, accountKey, write } = await setUp();
    let clock = Date.UTC(2026, 11, 4, 12, 0);
    const watch = new ReceiptWatch(api, () => accountKey, {
      sleep: () => Promise.resolve(),
      now: () => new Date(clock),
    });
    const saves = () =>
      server.requests.filter((r) => r.startsWith('PUT /api/records/') || r.startsWith('PATCH'))
        .length;
    const kept = async () => (await loadLogState(api, accountKey))?.state.checkpoint?.size;
    const checkNew = async (text: string) => {
      const target = await write(text);
      server.publish();
      expect(code(await watch.check(target))).toBe('checked');
    };
    await checkNew('one');
    const first = saves();
    expect(await kept()).toBe(server.published);
    // Reading on through a long diary: the log grows, each step is checked against the last one
    // held in memory, and nothing more is written to the vault for four minutes.
    for (const text of ['two', 'three', 'four']) {
      clock += 60_000;
      await checkNew(text);
    }
    expect(saves()).toBe(first);
    expect(await watch.logState()).toMatchObject({ checkpoint: { size: server.published } });
    clock += 2 * 60_000;
    await checkNew('five');
    expect(saves()).toBe(first + 1);
    expect(await kept()).toBe(server.published);
  });

  it('says when a receipt was backfilled: the proof shows the entry existed from then', async () => {
    const { server, watch, write } = await setUp();
    const target = await write('written before the log');
    if (target.kind !== 'revision') throw new Error('a revision');
    // The server stored it long ago and added its leaf when the log began (leaf v2).
    const index = server.leafOf.get(`${target.id}:1`)!;
    const leaf = encodeReceiptLeaf({
      recordId: target.id,
      revision: 1,
      ciphertextSha256: await sha256(fromBase64Url(target.ciphertext)),
      receivedAt: Date.UTC(2025, 0, 5, 9, 30),
      backfilledAt: Date.UTC(2026, 11, 4, 21, 0),
    });
    server.leaves[index] = leaf;
    server.hashes[index] = await leafHash(leaf);
    server.publish();
    const status = await watch.check(target);
    expect(status).toMatchObject({ state: 'checked', leafIndex: index });
    if (status.state !== 'checked') throw new Error('checked');
    expect(status.backfilledAt?.toISOString()).toBe('2026-12-04T21:00:00.000Z');
    expect(status.receivedAt.toISOString()).toBe('2025-01-05T09:30:00.000Z');
  });

  it('follows a key change the old key and the new one signed, on this device and the next', async () => {
    const { server, api, accountKey, watch, newWatch, write } = await setUp();
    const first = await write('before the change');
    server.publish();
    expect(code(await watch.check(first))).toBe('checked');
    const old = server.signer;
    server.signer = await ed25519Signer(`${ORIGIN}/r2`, new Uint8Array(32).fill(5));
    server.handovers = [await signHandover(old, server.signer, new Date(Date.UTC(2026, 11, 5)))];
    const after = await write('after the change');
    server.publish();
    const requestsBefore = server.requests.length;
    expect(code(await watch.check(after))).toBe('checked');
    // The tree went on: the new key's checkpoint was checked against the old one's.
    expect(
      server.requests.slice(requestsBefore).some((r) => r.includes('/api/log/consistency')),
    ).toBe(true);
    const { state } = (await loadLogState(api, accountKey))!;
    expect(state.pinned).toEqual({ origin: `${ORIGIN}/r2`, vkey: server.signer.vkey });
    expect(state.fingerprint).toBe(await logKeyFingerprint(server.signer.vkey));
    expect(state.keyChanges).toEqual([
      { from: old.vkey, to: server.signer.vkey, at: '2026-12-05T00:00:00.000Z' },
    ]);
    // Another device reads the new key from the vault and never needs the hand-over again.
    server.handovers = [];
    const later = await write('later');
    server.publish();
    expect(code(await newWatch().check(later))).toBe('checked');
  });

  it('pins the key on first use for an account made before receipts', async () => {
    const { server, api, accountKey, watch, write } = await setUp({ pin: false });
    expect(await loadLogState(api, accountKey)).toBeUndefined();
    const target = await write('old account');
    server.publish();
    expect(code(await watch.check(target))).toBe('checked');
    const kept = await loadLogState(api, accountKey);
    expect(kept?.state.pinnedOn).toBe('first-unlock');
    expect(kept?.state.pinned.vkey).toBe(server.signer.vkey);
    expect(
      [...server.records.values()].filter((r) => r[0]!.type === RECEIPT_LOG_TYPE),
    ).toHaveLength(1);
  });
});

describe('the receipt watcher with a malicious server', () => {
  async function checkedOnce() {
    const set = await setUp();
    const first = await set.write('first');
    await set.server.filler(2);
    set.server.publish();
    expect(code(await set.watch.check(first))).toBe('checked');
    return set;
  }

  it('catches a rolled-back log, also on another device that only has the vault', async () => {
    const { server, newWatch, write } = await checkedOnce();
    // The server loses the newest entries and carries on from an older tree (7 → 5 → 6).
    server.leaves = server.leaves.slice(0, 5);
    server.hashes = server.hashes.slice(0, 5);
    const next = await write('after the rollback');
    server.publish();
    const otherDevice = newWatch();
    const status = await otherDevice.check(next);
    expect(code(status)).toBe('log_rollback');
    expect(otherDevice.logProblem?.code).toBe('log_rollback');
  });

  it('catches a forked log: a bigger tree that does not extend the one seen', async () => {
    const { server, watch, write } = await checkedOnce();
    // Rewrite someone else's leaf 0: another history, and the person's own leaves still in it.
    const forged = encodeReceiptLeaf({
      recordId: 'rewritten',
      revision: 1,
      ciphertextSha256: new Uint8Array(32),
      receivedAt: 0,
    });
    server.leaves[0] = forged;
    server.hashes[0] = await leafHash(forged);
    const next = await write('after the fork');
    server.publish();
    expect(code(await watch.check(next))).toBe('log_fork');
    // The problem is with the whole log: later checks say so too, never "checked".
    const again = await write('later');
    server.publish();
    expect(code(await watch.check(again))).toBe('log_fork');
  });

  it('catches a proof for another leaf', async () => {
    const { server, watch, write } = await setUp();
    const mine = await write('mine');
    await server.filler(1);
    server.publish();
    server.receiptHook = (_answer, index) => server.receipt(index + 1);
    expect(code(await watch.check(mine))).toBe('receipt_invalid');
    // The honest proof for the other leaf, with this leaf's index written in: refused too.
    server.receiptHook = async (answer) => ({
      ...(await server.receipt(answer.leafIndex + 1)),
      leafIndex: answer.leafIndex,
    });
    const second = await write('second');
    await server.filler(1);
    server.publish();
    expect(code(await watch.check(second))).toBe('receipt_invalid');
  });

  it('catches a stale checkpoint: one that does not cover the leaf, or older than one seen', async () => {
    const { server, watch, write } = await checkedOnce();
    const late = await write('late');
    server.publish();
    // A checkpoint from before the write, offered as if it covered it.
    server.receiptHook = (answer) => server.receipt(answer.leafIndex, answer.leafIndex);
    expect(code(await watch.check(late))).toBe('receipt_invalid');
    // A checkpoint that covers the leaf but is older than the one this vault already verified.
    const { watch: fresh, server: s2, write: write2 } = await checkedOnce();
    const early = await write2('early');
    s2.publish();
    const later = await write2('later');
    s2.publish();
    expect(code(await fresh.check(later))).toBe('checked');
    s2.publish(); // covers the vault's own save of the checkpoint too
    s2.receiptHook = (answer) => s2.receipt(answer.leafIndex, answer.leafIndex + 1);
    expect(code(await fresh.check(early))).toBe('log_rollback');
  });

  it('catches a checkpoint signed by another key, even when the server now publishes that key', async () => {
    const { server, watch, write } = await setUp();
    server.signer = await ed25519Signer(ORIGIN, new Uint8Array(32).fill(9));
    const target = await write('mine');
    server.publish();
    const status = await watch.check(target);
    expect(code(status)).toBe('checkpoint_untrusted');
    expect(status.state === 'failed' && status.message).toMatch(/not signed by the log key/);
  });

  it('refuses a new key the pinned key never handed over to', async () => {
    for (const handover of ['none', 'new key only', 'old key only', 'from another key'] as const) {
      const { server, watch, write } = await setUp();
      const old = server.signer;
      const next = await ed25519Signer(`${ORIGIN}/r2`, new Uint8Array(32).fill(5));
      const stranger = await ed25519Signer('stranger.example/receipts', new Uint8Array(32).fill(6));
      const note = await signHandover(old, next, new Date());
      const [text, sigs] = note.split('\n\n') as [string, string];
      const [oldSig, newSig] = sigs.trimEnd().split('\n');
      server.handovers = {
        none: [],
        'new key only': [`${text}\n\n${newSig}\n`],
        'old key only': [`${text}\n\n${oldSig}\n`],
        'from another key': [await signHandover(stranger, next, new Date())],
      }[handover];
      server.signer = next;
      const target = await write('mine');
      server.publish();
      expect(code(await watch.check(target)), handover).toBe('checkpoint_untrusted');
    }
  });

  it('catches a fork behind a key change: the new key must extend the old key’s tree', async () => {
    const { server, watch, write } = await checkedOnce();
    const old = server.signer;
    server.signer = await ed25519Signer(`${ORIGIN}/r2`, new Uint8Array(32).fill(5));
    server.handovers = [await signHandover(old, server.signer, new Date())];
    const forged = encodeReceiptLeaf({
      recordId: 'rewritten',
      revision: 1,
      ciphertextSha256: new Uint8Array(32),
      receivedAt: 0,
    });
    server.leaves[0] = forged;
    server.hashes[0] = await leafHash(forged);
    const next = await write('after the change');
    server.publish();
    expect(code(await watch.check(next))).toBe('log_fork');
  });

  it('catches a proof with its bytes changed', async () => {
    const { server, watch, write } = await setUp();
    const target = await write('mine');
    await server.filler(3);
    server.publish();
    server.receiptHook = (answer) => {
      const lines = answer.proof.split('\n');
      const i = lines.findIndex((l) => l.startsWith('index '));
      lines[i + 1] = toBase64(new Uint8Array(32).fill(7));
      return { ...answer, proof: lines.join('\n') };
    };
    expect(code(await watch.check(target))).toBe('receipt_invalid');
  });
});
