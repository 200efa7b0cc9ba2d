/**
 * Bundles whose checkpoints carry RFC 3161 tokens from a real (throw-away) OpenSSL TSA.
 */
import {
  configure,
  Uint8ArrayReader,
  Uint8ArrayWriter,
  ZipReader,
  ZipWriter,
} from '@zip.js/zip.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestTsa, type TestTsa } from '../../test/support/tsa.js';
import { createTimeStampRequest, verifyTimeStampResponse } from '../crypto/timestamp.js';
import { cryptoReady, sha256, toHex } from '../crypto/index.js';
import { makeTestBundle } from './bundle-fixture.js';
import { PATHS } from './bundle-layout.js';
import { verifyBundle } from './verify.js';

configure({ useWebWorkers: false });

let tsa: TestTsa;
let other: TestTsa;
let zip: Uint8Array;

beforeAll(async () => {
  await cryptoReady();
  [tsa, other] = await Promise.all([createTestTsa(), createTestTsa({ caName: 'Another Root' })]);
  const stamp = async (body: Uint8Array) => {
    const { request, nonce } = await createTimeStampRequest(body);
    const response = await tsa.respond(request);
    return (
      await verifyTimeStampResponse(response, {
        message: body,
        nonce,
        trustAnchors: [tsa.caCertificate],
      })
    ).token;
  };
  zip = (await makeTestBundle({ incidents: 4, stamp, tsaCertificates: [tsa.caCertificate] })).zip;
}, 60_000);

afterAll(async () => {
  await Promise.all([tsa.close(), other.close()]);
});

/** Flips one byte of one file and rewrites both manifests, as a careful forger would. */
async function tamper(path: string): Promise<Uint8Array> {
  const reader = new ZipReader(new Uint8ArrayReader(zip));
  const files = new Map<string, Uint8Array>();
  let folder = '';
  for (const e of await reader.getEntries()) {
    if (e.directory) continue;
    folder = e.filename.split('/')[0] ?? '';
    files.set(e.filename.slice(folder.length + 1), await e.getData(new Uint8ArrayWriter()));
  }
  const b = files.get(path) ?? new Uint8Array();
  b[b.length - 80] = (b[b.length - 80] ?? 0) ^ 0x01;
  const line = async (p: string) =>
    `${toHex(await sha256(files.get(p) ?? new Uint8Array()))}  ${p}\n`;
  const data = [...files.keys()].filter((p) => p.startsWith('data/')).sort();
  files.set(PATHS.manifest, new TextEncoder().encode((await Promise.all(data.map(line))).join('')));
  const tags = [PATHS.bagInfo, PATHS.bagit, PATHS.howTo, PATHS.manifest];
  files.set(
    PATHS.tagManifest,
    new TextEncoder().encode((await Promise.all(tags.map(line))).join('')),
  );
  const writer = new Uint8ArrayWriter();
  const out = new ZipWriter(writer, { useWebWorkers: false });
  for (const [p, bytes] of files) await out.add(`${folder}/${p}`, new Uint8ArrayReader(bytes));
  await out.close();
  return writer.getData();
}

describe('time-stamped checkpoints', () => {
  it('checks each token against the TSA you trust, and says when it trusts the bundle’s copy', async () => {
    const trusted = await verifyBundle(zip, { tsaTrustAnchors: [tsa.caCertificate] });
    expect(trusted.lines.filter((l) => l.status === 'fail')).toEqual([]);
    const stamped = trusted.lines.filter((l) => /^checkpoint/.test(l.subject));
    expect(stamped).toHaveLength(2);
    for (const l of stamped) expect(l.detail).toMatch(/time-stamped \d{4}-\d\d-\d\dT/);
    expect(stamped.some((l) => l.detail.includes('inside the bundle'))).toBe(false);

    const own = await verifyBundle(zip);
    expect(own.ok).toBe(true);
    expect(
      own.lines.some((l) => l.detail.includes('trusting the TSA certificate inside the bundle')),
    ).toBe(true);
  });

  it('fails a token from a TSA you do not trust, and a changed token', async () => {
    const untrusted = await verifyBundle(zip, { tsaTrustAnchors: [other.caCertificate] });
    expect(untrusted.ok).toBe(false);
    expect(
      untrusted.lines.some(
        (l) => l.status === 'fail' && /timestamp_untrusted|signature/.test(l.detail),
      ),
    ).toBe(true);

    const changed = await verifyBundle(await tamper(PATHS.timestamp(1)), {
      tsaTrustAnchors: [tsa.caCertificate],
    });
    expect(changed.ok).toBe(false);
    expect(changed.lines.some((l) => l.status === 'fail' && l.subject === 'checkpoint 1')).toBe(
      true,
    );
  });
});
