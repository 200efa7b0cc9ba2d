import fc from 'fast-check';
import { unicodeText } from '../../test/support/arbitraries.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { toHex } from './bytes.js';
import {
  fileKeyContext,
  generateKey,
  KEY_CONTEXTS,
  recordKeyContext,
  unwrapKey,
  WRAPPED_KEY_BYTES,
  wrapKey,
} from './keys.js';
import { cryptoReady } from './sodium.js';

beforeAll(cryptoReady);

const key32 = fc.uint8Array({ minLength: 32, maxLength: 32 });
const context = unicodeText({ minLength: 1, maxLength: 60 });

describe('generateKey', () => {
  it('returns 32 fresh random bytes', async () => {
    const a = await generateKey();
    const b = await generateKey();
    expect(a).toHaveLength(32);
    expect(toHex(a)).not.toBe(toHex(b));
  });
});

describe('wrapKey / unwrapKey', () => {
  it('round-trips for any keys and context, with a 73-byte v1 layout', async () => {
    await fc.assert(
      fc.asyncProperty(key32, key32, context, async (wrapping, inner, ctx) => {
        const wrapped = await wrapKey(wrapping, inner, ctx);
        expect(wrapped).toHaveLength(WRAPPED_KEY_BYTES);
        expect(wrapped[0]).toBe(1);
        expect(await unwrapKey(wrapping, wrapped, ctx)).toEqual(inner);
      }),
      { numRuns: 50 },
    );
  });

  it('fails to unwrap in another slot, under another key, or after any bit flip', async () => {
    await fc.assert(
      fc.asyncProperty(
        key32,
        key32,
        key32,
        context,
        context,
        fc.nat({ max: WRAPPED_KEY_BYTES * 8 - 1 }),
        async (wrapping, other, inner, ctx, otherCtx, bit) => {
          const wrapped = await wrapKey(wrapping, inner, ctx);
          if (otherCtx !== ctx) {
            await expect(unwrapKey(wrapping, wrapped, otherCtx)).rejects.toMatchObject({
              code: 'decryption_failed',
            });
          }
          if (toHex(other) !== toHex(wrapping)) {
            await expect(unwrapKey(other, wrapped, ctx)).rejects.toMatchObject({
              code: 'decryption_failed',
            });
          }
          const flipped = wrapped.slice();
          flipped[bit >> 3] = (flipped[bit >> 3] ?? 0) ^ (1 << (bit & 7));
          await expect(unwrapKey(wrapping, flipped, ctx)).rejects.toMatchObject({
            name: 'CryptoError',
          });
        },
      ),
      { numRuns: 50 },
    );
  });

  it('checks lengths and versions', async () => {
    const k = await generateKey();
    const wrapped = await wrapKey(k, k, KEY_CONTEXTS.accountKeyByKek);
    await expect(
      unwrapKey(k, wrapped.subarray(0, 72), KEY_CONTEXTS.accountKeyByKek),
    ).rejects.toMatchObject({
      code: 'envelope_malformed',
    });
    await expect(
      unwrapKey(k, new Uint8Array(0), KEY_CONTEXTS.accountKeyByKek),
    ).rejects.toMatchObject({
      code: 'envelope_malformed',
    });
    const v2 = wrapped.slice();
    v2[0] = 2;
    await expect(unwrapKey(k, v2, KEY_CONTEXTS.accountKeyByKek)).rejects.toMatchObject({
      code: 'envelope_version_unsupported',
      details: { version: 2 },
    });
    await expect(wrapKey(k.subarray(0, 31), k, 'x')).rejects.toMatchObject({ code: 'key_invalid' });
    await expect(wrapKey(k, new Uint8Array(16), 'x')).rejects.toMatchObject({
      code: 'key_invalid',
    });
    await expect(wrapKey(k, k, '')).rejects.toMatchObject({ code: 'input_invalid' });
  });
});

describe('slot names', () => {
  it('are fixed strings and per-record/per-file names', () => {
    expect(KEY_CONTEXTS).toEqual({
      accountKeyByKek: 'account-key/kek',
      accountKeyByRecovery: 'account-key/recovery',
    });
    expect(recordKeyContext('r-1')).toBe('record-key/r-1');
    expect(fileKeyContext('f-1')).toBe('file-key/f-1');
    expect(() => recordKeyContext('')).toThrow(expect.objectContaining({ code: 'input_invalid' }));
  });
});
