/**
 * The recipient's bundle from a share, in Node with real crypto: shared records (one incident
 * shared at revision 2, so revision 1 is not the recipient's to have) grouped for the report,
 * sealed with their served envelopes and content keys, written by the owner's bundle writer and
 * checked by the same verifier: it passes, says the earlier revision is not in the bundle, and
 * counts the entries with no receipt.
 */
import { configure } from '@zip.js/zip.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { cryptoReady, generateKey, sealJson } from '../crypto/index.js';
import { ed25519Signer } from '../crypto/signed-note.js';
import { ApiError, type VaultApi } from '../vault/api.js';
import type { SealableSharedRecord } from '../vault/shares.js';
import { bundleToBytes, TEST_LOG_ORIGIN } from './bundle-fixture.js';
import { sampleRecords } from './fixtures.js';
import { current } from './input.js';
import { buildReport } from './model.js';
import { sealShareForReport, shareReportSource } from './share-source.js';
import { verifyBundle } from './verify.js';

configure({ useWebWorkers: false });

beforeAll(async () => {
  await cryptoReady();
});

async function shared(
  id: string,
  type: string,
  revision: number,
  value: unknown,
): Promise<SealableSharedRecord> {
  const contentKey = await generateKey();
  const envelope = await sealJson({
    key: contentKey,
    recordId: id,
    recordType: type,
    revision,
    value,
  });
  return { id, type, revision, value, envelope, contentKey };
}

describe('a bundle made from a share', () => {
  it('passes the verifier, noting the revisions the share did not carry', async () => {
    const sample = sampleRecords(2, 3);
    const [first, second] = sample.incidents;
    const person = sample.people?.[0];
    if (first === undefined || second === undefined || person === undefined) throw new Error();
    const records = [
      await shared(first.id, 'incident', 2, current(first).value),
      await shared(second.id, 'incident', 1, current(second).value),
      await shared(person.id, 'person', 1, current(person).value),
      // Not an incident at all: left out and counted.
      await shared('broken-incident-id-000', 'incident', 1, { what: 1 }),
      // A type the report does not draw on: ignored.
      await shared('a-note-record-id-00000', 'note', 1, { text: 'x' }),
    ];
    const source = shareReportSource(records, '2026-12-01T10:00:00.000Z');
    expect(source.unreadable).toBe(1);
    expect(source.records.incidents.map((r) => r.id).sort()).toEqual([first.id, second.id].sort());
    expect(source.records.incidents.every((r) => r.revisions.length === 1)).toBe(true);

    const signer = await ed25519Signer(TEST_LOG_ORIGIN, new Uint8Array(32).fill(7));
    const asked: string[] = [];
    const api = {
      getShareRecordReceipt: (_share: string, _session: unknown, id: string, revision: number) => {
        asked.push(`${id}/${String(revision)}`);
        return Promise.reject(
          id === person.id
            ? new ApiError(404, 'not_found', 'not served')
            : new ApiError(202, 'receipt_pending', 'not yet'),
        );
      },
      getLogKey: () =>
        Promise.resolve({ origin: TEST_LOG_ORIGIN, vkey: signer.vkey, fingerprint: 'test' }),
    } as unknown as VaultApi;
    const options = {
      locale: 'en',
      timeZone: 'Europe/London',
      now: new Date('2026-12-05T12:00:00Z'),
      includeContact: false,
      includeEvidence: true,
      includeImported: true,
      includeEffects: true,
      madeWith: 'Mosaic (shared case)',
    } as const;
    const model = buildReport(source.records, options);
    const sealed = await sealShareForReport(
      api,
      { shareId: 'AAAAAAAAAAAAAAAAAAAAAA', session: { token: 't', expiresAt: '' } },
      records,
      source,
      model.recordIds,
    );
    // Only the included records were asked about, each at the revision the share served.
    expect(asked).toContain(`${first.id}/2`);
    expect(asked.some((a) => a.startsWith('broken'))).toBe(false);
    expect(sealed.withoutReceipt).toBe(sealed.sealed.length);
    expect(sealed.sealed.find((r) => r.id === first.id)?.revisions.map((r) => r.revision)).toEqual([
      2,
    ]);

    const zip = await bundleToBytes({
      folder: 'mosaic-report-2026-12-05',
      title: model.caseTitle,
      madeAt: options.now,
      madeWith: options.madeWith,
      reportPdf: new TextEncoder().encode('%PDF-1.7 test'),
      records: sealed.sealed,
      evidence: [],
      logKey: sealed.logKey.vkey,
      logOrigin: sealed.logKey.origin,
    });
    const result = await verifyBundle(zip, { expectedLogKey: signer.vkey });
    expect(result.lines.filter((l) => l.status === 'fail')).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.fullyProven).toBe(false);
    const line = result.lines.find((l) => l.subject.includes(first.id));
    expect(line?.detail).toMatch(/revision 1 is not in this bundle/);
  }, 60_000);
});
