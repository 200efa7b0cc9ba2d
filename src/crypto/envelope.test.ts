import fc from 'fast-check';
import { unicodeText } from '../../test/support/arbitraries.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { toHex, utf8Encode } from './bytes.js';
import {
  decryptRecord,
  encryptRecord,
  ENVELOPE_OVERHEAD,
  ENVELOPE_PADDING_BLOCK,
  openJson,
  recordAssociatedData,
  sealJson,
  type RecordBinding,
} from './envelope.js';
import { cryptoReady } from './sodium.js';

beforeAll(cryptoReady);

const key32 = fc.uint8Array({ minLength: 32, maxLength: 32 });
const id = unicodeText({ minLength: 1, maxLength: 40 });
const binding: fc.Arbitrary<RecordBinding> = fc.record({
  recordId: id,
  recordType: fc.oneof(fc.constantFrom('incident', 'person', 'evidence', 'safety-plan'), id),
  revision: fc.oneof(fc.nat({ max: 1000 }), fc.maxSafeNat()),
});
const plaintext = fc.uint8Array({ maxLength: 700 });

describe('record envelopes', () => {
  it('round-trip any plaintext, ids and revision', async () => {
    await fc.assert(
      fc.asyncProperty(key32, binding, plaintext, async (key, b, pt) => {
        const envelope = await encryptRecord({ key, ...b, plaintext: pt });
        expect(envelope[0]).toBe(1);
        expect(await decryptRecord({ key, ...b, envelope })).toEqual(pt);
      }),
    );
  });

  it('pad the plaintext to 256-byte blocks, so only a length bucket is visible', async () => {
    const key = new Uint8Array(32);
    const b = { recordId: 'r', recordType: 'incident', revision: 1 };
    const size = async (n: number): Promise<number> =>
      (await encryptRecord({ key, ...b, plaintext: new Uint8Array(n) })).length;
    expect(await size(0)).toBe(ENVELOPE_OVERHEAD + ENVELOPE_PADDING_BLOCK);
    expect(await size(255)).toBe(ENVELOPE_OVERHEAD + ENVELOPE_PADDING_BLOCK);
    expect(await size(256)).toBe(ENVELOPE_OVERHEAD + 2 * ENVELOPE_PADDING_BLOCK);
  });

  it('use a fresh nonce each time (the same input never gives the same bytes)', async () => {
    const input = {
      key: new Uint8Array(32),
      recordId: 'r',
      recordType: 't',
      revision: 0,
      plaintext: utf8Encode('x'),
    };
    expect(toHex(await encryptRecord(input))).not.toBe(toHex(await encryptRecord(input)));
  });

  it('fail with a CryptoError after any single bit flip anywhere', async () => {
    await fc.assert(
      fc.asyncProperty(key32, binding, plaintext, fc.nat(), async (key, b, pt, seed) => {
        const envelope = await encryptRecord({ key, ...b, plaintext: pt });
        const bit = seed % (envelope.length * 8);
        const flipped = envelope.slice();
        flipped[bit >> 3] = (flipped[bit >> 3] ?? 0) ^ (1 << (bit & 7));
        const expected = bit < 8 ? 'envelope_version_unsupported' : 'decryption_failed';
        await expect(decryptRecord({ key, ...b, envelope: flipped })).rejects.toMatchObject({
          name: 'CryptoError',
          code: expected,
        });
      }),
    );
  });

  it('fail with a CryptoError after any truncation or extension', async () => {
    await fc.assert(
      fc.asyncProperty(
        key32,
        binding,
        plaintext,
        fc.nat(),
        fc.uint8Array({ minLength: 1, maxLength: 40 }),
        async (key, b, pt, seed, extra) => {
          const envelope = await encryptRecord({ key, ...b, plaintext: pt });
          const cut = envelope.subarray(0, seed % envelope.length);
          await expect(decryptRecord({ key, ...b, envelope: cut })).rejects.toMatchObject({
            name: 'CryptoError',
          });
          const longer = new Uint8Array([...envelope, ...extra]);
          await expect(decryptRecord({ key, ...b, envelope: longer })).rejects.toMatchObject({
            code: 'decryption_failed',
          });
        },
      ),
    );
  });

  it('fail when the record id, type or revision differs, or under another key', async () => {
    await fc.assert(
      fc.asyncProperty(
        key32,
        key32,
        binding,
        binding,
        plaintext,
        async (key, otherKey, b, other, pt) => {
          const envelope = await encryptRecord({ key, ...b, plaintext: pt });
          const swaps: RecordBinding[] = [
            { ...b, recordId: other.recordId },
            { ...b, recordType: other.recordType },
            { ...b, revision: other.revision },
          ];
          for (const s of swaps) {
            const same =
              s.recordId === b.recordId &&
              s.recordType === b.recordType &&
              s.revision === b.revision;
            if (same) continue;
            await expect(decryptRecord({ key, ...s, envelope })).rejects.toMatchObject({
              code: 'decryption_failed',
            });
          }
          if (toHex(otherKey) !== toHex(key)) {
            await expect(decryptRecord({ key: otherKey, ...b, envelope })).rejects.toMatchObject({
              code: 'decryption_failed',
            });
          }
        },
      ),
    );
  });

  it('give distinct associated data for distinct bindings (no concatenation ambiguity)', () => {
    fc.assert(
      fc.property(binding, binding, (a, b) => {
        const same =
          a.recordId === b.recordId && a.recordType === b.recordType && a.revision === b.revision;
        expect(toHex(recordAssociatedData(1, a)) === toHex(recordAssociatedData(1, b))).toBe(same);
      }),
    );
    const ab = recordAssociatedData(1, { recordId: 'ab', recordType: 'c', revision: 1 });
    const a_bc = recordAssociatedData(1, { recordId: 'a', recordType: 'bc', revision: 1 });
    expect(toHex(ab)).not.toBe(toHex(a_bc));
  });

  it('refuse bad inputs with clear codes', async () => {
    const key = new Uint8Array(32);
    const ok = { key, recordId: 'r', recordType: 't', revision: 1, plaintext: new Uint8Array(1) };
    await expect(encryptRecord({ ...ok, key: new Uint8Array(31) })).rejects.toMatchObject({
      code: 'key_invalid',
    });
    await expect(encryptRecord({ ...ok, recordId: '' })).rejects.toMatchObject({
      code: 'input_invalid',
    });
    await expect(encryptRecord({ ...ok, recordType: 'x'.repeat(256) })).rejects.toMatchObject({
      code: 'input_invalid',
    });
    await expect(encryptRecord({ ...ok, revision: -1 })).rejects.toMatchObject({
      code: 'input_invalid',
    });
    await expect(encryptRecord({ ...ok, revision: 2 ** 53 })).rejects.toMatchObject({
      code: 'input_invalid',
    });
    await expect(decryptRecord({ ...ok, envelope: new Uint8Array(0) })).rejects.toMatchObject({
      code: 'envelope_malformed',
    });
  });
});

describe('sealJson / openJson', () => {
  it('round-trip JSON values', async () => {
    await fc.assert(
      fc.asyncProperty(key32, binding, fc.jsonValue(), async (key, b, value) => {
        const envelope = await sealJson({ key, ...b, value });
        // JSON has no -0; compare through a JSON round trip.
        expect(await openJson({ key, ...b, envelope })).toEqual(JSON.parse(JSON.stringify(value)));
      }),
      { numRuns: 50 },
    );
  });

  it('refuse values JSON cannot represent', async () => {
    const b = { key: new Uint8Array(32), recordId: 'r', recordType: 't', revision: 1 };
    await expect(sealJson({ ...b, value: undefined })).rejects.toMatchObject({
      code: 'json_invalid',
    });
    await expect(sealJson({ ...b, value: 10n })).rejects.toMatchObject({ code: 'json_invalid' });
    const envelope = await encryptRecord({ ...b, plaintext: utf8Encode('{not json') });
    await expect(openJson({ ...b, envelope })).rejects.toMatchObject({ code: 'json_invalid' });
  });
});
