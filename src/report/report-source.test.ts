import { describe, expect, it } from 'vitest';
import { fromBase64Url, generateKey, openJson, sha256, toBase64Url } from '../crypto/index.js';
import { decodeReceiptLeaf, encodeReceiptLeaf } from '../crypto/checkpoint.js';
import { formatTlogProof, parseTlogProof } from '../crypto/tlog-proof.js';
import { VaultApi, type RecordResponse } from '../vault/api.js';
import { sealNewRecord, sealRecordUpdate } from '../vault/records.js';
import { sampleRecords } from './fixtures.js';
import type { ReportRecord, ReportRecords } from './input.js';
import { buildReport } from './model.js';
import { loadReportSource, sealForReport } from './report-source.js';

const TYPES = {
  incidents: 'incident',
  people: 'person',
  places: 'place',
  effects: 'effect',
  evidence: 'evidence',
} as const;

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const apiError = (status: number, code: string) => json(status, { error: { code, message: code } });

/** An in-memory server holding `records` sealed under `accountKey`, revision by revision. */
async function fakeServer(accountKey: Uint8Array, records: ReportRecords) {
  const stored = new Map<string, RecordResponse[]>();
  let leaf = 0;
  const leaves = new Map<string, { index: number; sha: Uint8Array; at: number }>();
  for (const [group, type] of Object.entries(TYPES)) {
    for (const r of (records[group as keyof ReportRecords] ?? []) as ReportRecord<unknown>[]) {
      const list: RecordResponse[] = [];
      for (const v of r.revisions) {
        const prev = list[list.length - 1];
        const body =
          prev === undefined
            ? await sealNewRecord(accountKey, type, v.value, r.id)
            : await sealRecordUpdate(accountKey, prev, v.value);
        const response: RecordResponse = {
          id: r.id,
          type,
          revision: v.revision,
          ciphertext: body.ciphertext,
          wrappedKey: body.wrappedKey,
          size: body.ciphertext.length,
          createdAt: r.revisions[0]!.savedAt,
          updatedAt: v.savedAt,
        };
        list.push(response);
        leaves.set(`${r.id}/${String(v.revision)}`, {
          index: leaf++,
          sha: await sha256(fromBase64Url(body.ciphertext)),
          at: Date.parse(v.savedAt),
        });
      }
      stored.set(r.id, list);
    }
  }
  const requests: string[] = [];
  /** Ids whose receipts the server answers "pending", and "stored before receipts". */
  const pending = new Set<string>();
  const unavailable = new Set<string>();
  const broken = new Set<string>();
  const answer = (url: string): Response => {
    requests.push(url);
    const u = new URL(url, 'http://vault.test');
    const parts = u.pathname.split('/').filter(Boolean);
    if (u.pathname === '/api/records') {
      const type = u.searchParams.get('type');
      const current = [...stored.values()]
        .map((list) => list[list.length - 1]!)
        .filter((r) => r.type === type)
        .map((r) => (broken.has(r.id) ? { ...r, ciphertext: toBase64Url(new Uint8Array(60)) } : r));
      return json(200, { records: current, next: null });
    }
    if (u.pathname === '/api/log/key') {
      return json(200, {
        origin: 'vault.test/log',
        vkey: 'vault.test/log+abcd+AQ',
        fingerprint: 'ab',
      });
    }
    const list = stored.get(decodeURIComponent(parts[2] ?? ''));
    if (list === undefined) return apiError(404, 'not_found');
    if (parts.length === 4 && parts[3] === 'revisions')
      return json(200, { revisions: list, next: null });
    if (parts.length === 6 && parts[5] === 'receipt') {
      const id = list[0]!.id;
      if (pending.has(id))
        return json(202, { pending: true, retryAfterSeconds: 5, message: 'not yet' });
      if (unavailable.has(id)) return apiError(404, 'receipt_unavailable');
      const l = leaves.get(`${id}/${parts[4]!}`)!;
      const extra = encodeReceiptLeaf({
        recordId: id,
        revision: Number(parts[4]),
        ciphertextSha256: l.sha,
        receivedAt: l.at,
      });
      const proof = formatTlogProof({
        extra,
        index: l.index,
        inclusion: [new Uint8Array(32)],
        checkpoint: 'vault.test/log\n9\nAAAA\n\n— vault.test/log abcd\n',
      });
      return json(200, { leafIndex: l.index, proof, timestamp: null });
    }
    return apiError(404, 'not_found');
  };
  const fetch = ((url: string) => Promise.resolve(answer(url))) as typeof globalThis.fetch;
  return { api: new VaultApi({ fetch }), requests, pending, unavailable, broken, stored };
}

const OPTIONS = {
  locale: 'en',
  timeZone: 'Europe/London',
  now: new Date('2026-12-04T12:00:00Z'),
  includeContact: false,
  includeEvidence: true,
  includeImported: true,
  includeEffects: true,
  madeWith: 'Mosaic test',
} as const;

/** The values only: what the vault holds, without savedAt or receipts. */
const valuesOf = (records: ReportRecords) =>
  Object.fromEntries(
    Object.keys(TYPES).map((g) => [
      g,
      ((records[g as keyof ReportRecords] ?? []) as ReportRecord<unknown>[])
        .map((r) => ({ id: r.id, values: r.revisions.map((v) => [v.revision, v.value]) }))
        .sort((a, b) => (a.id < b.id ? -1 : 1)),
    ]),
  );

describe('the report’s source in the vault', () => {
  it('loads every record of every kind with every revision, decrypted', async () => {
    const key = await generateKey();
    const sample = sampleRecords(8);
    const server = await fakeServer(key, sample);
    const progress: number[] = [];
    const source = await loadReportSource(server.api, key, {
      onProgress: (done) => progress.push(done),
    });
    expect(source.unreadable).toBe(0);
    expect(valuesOf(source.records)).toEqual(valuesOf(sample));
    const edited = source.records.incidents.filter((r) => r.revisions.length > 1);
    expect(edited.length).toBeGreaterThan(0);
    // Revisions are fetched only for records that have more than one.
    const revisionCalls = server.requests.filter((u) => u.endsWith('/revisions'));
    expect(revisionCalls).toHaveLength(edited.length);
    expect(progress.at(-1)).toBe(server.stored.size);
    // Saved times come from the server's revision answers.
    expect(edited[0]!.revisions[1]!.savedAt).toBe(server.stored.get(edited[0]!.id)![1]!.updatedAt);
  });

  it('counts a record that does not open as unreadable and leaves it out', async () => {
    const key = await generateKey();
    const sample = sampleRecords(4);
    const server = await fakeServer(key, sample);
    const victim = sample.incidents.find((r) => r.revisions.length === 1)!.id;
    server.broken.add(victim);
    const source = await loadReportSource(server.api, key);
    expect(source.unreadable).toBe(1);
    expect(source.records.incidents.map((r) => r.id)).not.toContain(victim);
  });

  it('seals the included records with their content keys, envelopes and receipts', async () => {
    const key = await generateKey();
    const sample = sampleRecords(6);
    const server = await fakeServer(key, sample);
    const source = await loadReportSource(server.api, key);
    const model = buildReport(source.records, OPTIONS);
    const [pendingId, goneId] = model.recordIds.incidents;
    server.pending.add(pendingId!);
    server.unavailable.add(goneId!);
    const out = await sealForReport(server.api, key, source, model.recordIds);

    const all = Object.values(model.recordIds).flat();
    expect(out.sealed.map((r) => r.id)).toEqual(all);
    expect(out.logKey?.origin).toBe('vault.test/log');
    // Incidents carry their log number, in the model's order.
    expect(out.sealed.slice(0, model.log.length).map((r) => r.number)).toEqual(
      model.log.map((e) => e.number),
    );
    for (const r of out.sealed) {
      for (const v of r.revisions) {
        // The content key opens exactly this record's revision, to the value loaded.
        const opened = await openJson({
          key: r.contentKey,
          recordId: r.id,
          recordType: r.type,
          revision: v.revision,
          envelope: v.envelope,
        });
        expect(opened).toEqual(v.value);
        if (r.id === pendingId || r.id === goneId) {
          expect(v.receipt).toBeUndefined();
          continue;
        }
        // The receipt names this ciphertext, and the summary matches its leaf.
        const leaf = decodeReceiptLeaf(parseTlogProof(v.receipt!).extra!);
        expect(leaf.ciphertextSha256).toEqual(await sha256(v.envelope));
        expect(v.receiptSummary?.receivedAt).toBe(new Date(leaf.receivedAt).toISOString());
        expect(v.receiptSummary?.leafIndex).toBe(parseTlogProof(v.receipt!).index);
      }
    }
    const noReceipt = [pendingId, goneId].reduce(
      (n, id) => n + (server.stored.get(id!)?.length ?? 0),
      0,
    );
    expect(out.withoutReceipt).toBe(noReceipt);
    // The records handed back carry the receipts, so the PDF's log shows them.
    const withReceipt = out.records.incidents.find((r) => r.id === model.recordIds.incidents[2]);
    expect(withReceipt?.revisions[0]?.receipt?.leafIndex).toBeTypeOf('number');
    const rebuilt = buildReport(out.records, OPTIONS);
    expect(rebuilt.log[2]?.receipt).toBeDefined();
    expect(rebuilt.log[0]?.receipt).toBeUndefined();
  });

  it('refuses a record it did not load', async () => {
    const key = await generateKey();
    const sample = sampleRecords(2);
    const server = await fakeServer(key, sample);
    const source = await loadReportSource(server.api, key);
    const ids = { incidents: ['nope-not-here'], people: [], places: [], effects: [], evidence: [] };
    await expect(sealForReport(server.api, key, source, ids)).rejects.toThrow('was not loaded');
  });
});
