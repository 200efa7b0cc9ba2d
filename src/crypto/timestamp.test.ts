import * as asn1js from 'asn1js';
import fc from 'fast-check';
import * as pkijs from 'pkijs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestTsa, type TestTsa } from '../../test/support/tsa.js';
import { utf8Encode } from './bytes.js';
import { sha256 } from './sha256.js';
import { isCryptoError } from './errors.js';
import { cryptoReady } from './sodium.js';
import { ed25519Signer, parseNote } from './signed-note.js';
import { signCheckpoint } from './tlog-checkpoint.js';
import {
  createTimeStampRequest,
  verifyTimeStampResponse,
  verifyTimeStampToken,
} from './timestamp.js';

let tsa: TestTsa;
let otherTsa: TestTsa;
let body: Uint8Array;

beforeAll(async () => {
  await cryptoReady();
  [tsa, otherTsa] = await Promise.all([
    createTestTsa(),
    createTestTsa({ caName: 'Another Test Root' }),
  ]);
  const signer = await ed25519Signer('mosaic.test/receipts', new Uint8Array(32).fill(1));
  const note = await signCheckpoint(
    { origin: 'mosaic.test/receipts', size: 3, rootHash: new Uint8Array(32).fill(4) },
    signer,
  );
  body = utf8Encode(parseNote(note).text);
}, 60_000);

afterAll(async () => {
  await Promise.all([tsa?.close(), otherTsa?.close()]);
});

async function failure(p: Promise<unknown>): Promise<{ code?: string; reason?: unknown }> {
  try {
    await p;
  } catch (e) {
    if (isCryptoError(e)) return { code: e.code, reason: e.details?.reason };
    return { code: `not a CryptoError: ${String(e)}` };
  }
  return {};
}

describe('RFC 3161 time-stamps against a real OpenSSL TSA', () => {
  it('round-trips a request through openssl ts -reply and returns genTime', async () => {
    const before = Date.now();
    const { request, nonce, messageImprint } = await createTimeStampRequest(body);
    expect(messageImprint).toHaveLength(32);
    const response = await tsa.respond(request);
    const v = await verifyTimeStampResponse(response, {
      message: body,
      nonce,
      trustAnchors: [tsa.caCertificate],
    });
    // openssl's genTime has whole seconds.
    expect(v.genTime.getTime()).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    expect(v.genTime.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
    expect(v.policy).toBe('1.3.6.1.4.1.55555.3161.1');
    expect(v.signerCertificate).toEqual(tsa.tsaCertificate);
    // The token alone verifies too (what a receipt keeps), without a nonce.
    const again = await verifyTimeStampToken(v.token, {
      message: body,
      trustAnchors: [tsa.caCertificate],
    });
    expect(again.genTime).toEqual(v.genTime);
    // Standard tools agree: openssl ts -verify accepts the token for the body, not for other bytes.
    expect(await tsa.opensslVerify(v.token, body)).toBe(true);
    expect(await tsa.opensslVerify(v.token, utf8Encode('other'))).toBe(false);
    // A genTime in the verifier's future (beyond skew) is refused.
    const hourBefore = new Date(v.genTime.getTime() - 3_600_000);
    expect(
      await failure(
        verifyTimeStampToken(v.token, {
          ...{ message: body, trustAnchors: [tsa.caCertificate] },
          now: hourBefore,
        }),
      ),
    ).toEqual({ code: 'proof_invalid', reason: 'timestamp_in_future' });
  }, 30_000);

  it('works over the loopback HTTP TSA (application/timestamp-query)', async () => {
    const url = await tsa.listen();
    const { request, nonce } = await createTimeStampRequest(body);
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/timestamp-query' },
      body: new Blob([request.slice()]),
    });
    expect(res.headers.get('content-type')).toBe('application/timestamp-reply');
    const response = new Uint8Array(await res.arrayBuffer());
    const v = await verifyTimeStampResponse(response, {
      message: body,
      nonce,
      trustAnchors: [tsa.caCertificate],
    });
    expect(v.genTime).toBeInstanceOf(Date);
  });

  it('refuses a wrong imprint, a wrong nonce, another CA and a token for the signed note', async () => {
    const { request, nonce } = await createTimeStampRequest(body);
    const response = await tsa.respond(request);
    const ok = { message: body, nonce, trustAnchors: [tsa.caCertificate] };
    const changed = body.slice();
    changed[0] = (changed[0] ?? 0) ^ 1;
    expect(await failure(verifyTimeStampResponse(response, { ...ok, message: changed }))).toEqual({
      code: 'proof_invalid',
      reason: 'timestamp_imprint_mismatch',
    });
    const otherNonce = nonce.slice();
    otherNonce[5] = (otherNonce[5] ?? 0) ^ 1;
    expect(await failure(verifyTimeStampResponse(response, { ...ok, nonce: otherNonce }))).toEqual({
      code: 'proof_invalid',
      reason: 'timestamp_nonce_mismatch',
    });
    expect(
      await failure(
        verifyTimeStampResponse(response, { ...ok, trustAnchors: [otherTsa.caCertificate] }),
      ),
    ).toEqual({ code: 'signature_invalid', reason: 'timestamp_untrusted' });
    // The TSA's own certificate is not a CA: it cannot anchor itself.
    expect(
      (
        await failure(
          verifyTimeStampResponse(response, { ...ok, trustAnchors: [otherTsa.tsaCertificate] }),
        )
      ).code,
    ).toBe('signature_invalid');
  });

  it('refuses a TSA error reply', async () => {
    // SHA-1 is not in the TSA's accepted digests: openssl answers with status rejection.
    const { request } = await createTimeStampRequest(body);
    const sha1Request = request.slice();
    const sha256Oid = Uint8Array.of(
      0x06,
      0x09,
      0x60,
      0x86,
      0x48,
      0x01,
      0x65,
      0x03,
      0x04,
      0x02,
      0x01,
    );
    const at = indexOf(sha1Request, sha256Oid);
    expect(at).toBeGreaterThan(0);
    sha1Request[at + 10] = 0x07; // an unknown hash OID under the same arc
    const response = await tsa.respond(sha1Request);
    expect(
      await failure(
        verifyTimeStampResponse(response, { message: body, trustAnchors: [tsa.caCertificate] }),
      ),
    ).toMatchObject({ code: 'signature_invalid', reason: 'timestamp_not_granted' });
  });

  it('refuses a token whose signer lacks the critical timeStamping key usage', async () => {
    const anchors = { message: body, trustAnchors: [tsa.caCertificate] };
    // Control: the same hand-made construction with the real TSA certificate verifies.
    const good = await handMadeToken(body, tsa.tsaCertificate, tsa.tsaPrivateKey);
    expect((await verifyTimeStampToken(good, anchors)).policy).toBe('1.3.6.1.4.1.55555.3161.9');
    const plain = await tsa.issueCertificate({ timeStamping: false });
    const token = await handMadeToken(body, plain.certificate, plain.privateKey);
    expect(await failure(verifyTimeStampToken(token, anchors))).toEqual({
      code: 'signature_invalid',
      reason: 'timestamp_not_tsa_certificate',
    });
  }, 30_000);

  it('any single-byte change to a token fails or verifies to exactly the same facts', async () => {
    const { request, nonce } = await createTimeStampRequest(body);
    const response = await tsa.respond(request);
    const ok = { message: body, nonce, trustAnchors: [tsa.caCertificate] };
    const good = await verifyTimeStampResponse(response, ok);
    const token = good.token;
    // Named places: a byte of genTime (inside the signed TSTInfo) and the last byte (the signature).
    const genTimeText = new TextEncoder().encode(
      good.genTime.toISOString().slice(0, 19).replace(/[-:T]/g, ''),
    );
    const genAt = indexOf(token, genTimeText);
    expect(genAt).toBeGreaterThan(0);
    for (const at of [genAt + 10, token.length - 1]) {
      const t = token.slice();
      t[at] = (t[at] ?? 0) ^ 0x01;
      expect((await failure(verifyTimeStampToken(t, ok))).code).toBe('signature_invalid');
    }
    await fc.assert(
      fc.asyncProperty(
        fc.nat(token.length - 1),
        fc.integer({ min: 1, max: 255 }),
        async (at, x) => {
          const t = token.slice();
          t[at] = (t[at] ?? 0) ^ x;
          let v;
          try {
            v = await verifyTimeStampToken(t, ok);
          } catch (e) {
            expect(isCryptoError(e), String(e)).toBe(true);
            return;
          }
          expect(v.genTime).toEqual(good.genTime);
          expect(v.signerCertificate).toEqual(good.signerCertificate);
          expect(v.serialNumber).toBe(good.serialNumber);
        },
      ),
      { numRuns: 120 },
    );
  }, 60_000);
});

const ab = (b: Uint8Array): ArrayBuffer => b.slice().buffer;

/**
 * A time-stamp token built by hand with pkijs (openssl ts refuses to sign without the critical
 * timeStamping key usage, so this is how a token from a non-TSA certificate is made).
 */
async function handMadeToken(message: Uint8Array, certDer: Uint8Array, keyPkcs8: Uint8Array) {
  const cert = pkijs.Certificate.fromBER(ab(certDer));
  const tst = new pkijs.TSTInfo({
    version: 1,
    policy: '1.3.6.1.4.1.55555.3161.9',
    messageImprint: new pkijs.MessageImprint({
      hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: '2.16.840.1.101.3.4.2.1' }),
      hashedMessage: new asn1js.OctetString({ valueHex: ab(await sha256(message)) }),
    }),
    serialNumber: new asn1js.Integer({ value: 42 }),
    genTime: new Date(Math.floor(Date.now() / 1000) * 1000),
  });
  const tstDer = new Uint8Array(tst.toSchema().toBER(false));
  const essCertIdV2 = new asn1js.Sequence({
    value: [
      new asn1js.Sequence({
        value: [
          new asn1js.Sequence({
            value: [new asn1js.OctetString({ valueHex: ab(await sha256(certDer)) })],
          }),
        ],
      }),
    ],
  });
  const signedData = new pkijs.SignedData({
    version: 3,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({
      eContentType: '1.2.840.113549.1.9.16.1.4',
      eContent: new asn1js.OctetString({ valueHex: ab(tstDer) }),
    }),
    signerInfos: [
      new pkijs.SignerInfo({
        version: 1,
        sid: new pkijs.IssuerAndSerialNumber({
          issuer: cert.issuer,
          serialNumber: cert.serialNumber,
        }),
        signedAttrs: new pkijs.SignedAndUnsignedAttributes({
          type: 0,
          attributes: [
            new pkijs.Attribute({
              type: '1.2.840.113549.1.9.3',
              values: [new asn1js.ObjectIdentifier({ value: '1.2.840.113549.1.9.16.1.4' })],
            }),
            new pkijs.Attribute({
              type: '1.2.840.113549.1.9.4',
              values: [new asn1js.OctetString({ valueHex: ab(await sha256(tstDer)) })],
            }),
            new pkijs.Attribute({ type: '1.2.840.113549.1.9.16.2.47', values: [essCertIdV2] }),
          ],
        }),
      }),
    ],
    certificates: [cert],
  });
  const key = await globalThis.crypto.subtle.importKey(
    'pkcs8',
    ab(keyPkcs8),
    { name: 'ECDSA', namedCurve: 'P-256' },
    false,
    ['sign'],
  );
  await signedData.sign(key, 0, 'SHA-256');
  const info = new pkijs.ContentInfo({
    contentType: '1.2.840.113549.1.7.2',
    content: signedData.toSchema(true),
  });
  return new Uint8Array(info.toSchema().toBER(false));
}

function indexOf(haystack: Uint8Array, needle: Uint8Array): number {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}
