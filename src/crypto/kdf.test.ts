/**
 * Argon2id at Mosaic's real minimum (64 MiB, 3 passes) costs ~0.2 s per derivation, so this file
 * derives only a handful of times; everything about parameter checking runs without deriving.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { bytesEqual, toBase64Url, toHex } from './bytes.js';
import {
  DEFAULT_KDF,
  deriveKeys,
  kdfParamsFromJson,
  kdfParamsToJson,
  MAX_KDF,
  MIN_KDF,
  newKdfParams,
  type KdfParams,
} from './kdf.js';
import { cryptoReady } from './sodium.js';

beforeAll(cryptoReady);

const MIB = 1024 * 1024;
const salt = Uint8Array.from({ length: 16 }, (_, i) => i);
const params: KdfParams = { algorithm: 'argon2id13', opsLimit: 3, memLimitBytes: 64 * MIB, salt };

describe('constants', () => {
  it('the minimum is 64 MiB and 3 passes, and the default is not below it', () => {
    expect(MIN_KDF).toEqual({ opsLimit: 3, memLimitBytes: 64 * MIB });
    expect(DEFAULT_KDF.opsLimit).toBeGreaterThanOrEqual(MIN_KDF.opsLimit);
    expect(DEFAULT_KDF.memLimitBytes).toBeGreaterThanOrEqual(MIN_KDF.memLimitBytes);
    expect(MAX_KDF.memLimitBytes).toBeGreaterThan(DEFAULT_KDF.memLimitBytes);
  });

  it('newKdfParams uses the default with a fresh 16-byte salt each time', async () => {
    const a = await newKdfParams();
    const b = await newKdfParams();
    expect(a).toMatchObject({ algorithm: 'argon2id13', ...DEFAULT_KDF });
    expect(a.salt).toHaveLength(16);
    expect(bytesEqual(a.salt, b.salt)).toBe(false);
  });
});

describe('deriveKeys', () => {
  it('NFKC-normalises the passphrase, splits 64 bytes into independent halves, and depends on the salt', async () => {
    // "Café ①" typed with a precomposed é and a circled digit, and again with e + U+0301 and "1".
    const composed = await deriveKeys('Caf\u00e9 \u2460', params);
    const decomposed = await deriveKeys('Cafe\u0301 1', params);
    expect(toHex(decomposed.authKey)).toBe(toHex(composed.authKey));
    expect(toHex(decomposed.keyEncryptionKey)).toBe(toHex(composed.keyEncryptionKey));
    expect(composed.authKey).toHaveLength(32);
    expect(composed.keyEncryptionKey).toHaveLength(32);
    expect(bytesEqual(composed.authKey, composed.keyEncryptionKey)).toBe(false);

    const otherSalt = await deriveKeys('Caf\u00e9 \u2460', { ...params, salt: new Uint8Array(16) });
    expect(bytesEqual(otherSalt.authKey, composed.authKey)).toBe(false);
  });

  it('refuses empty or malformed passphrases without deriving', async () => {
    await expect(deriveKeys('', params)).rejects.toMatchObject({ code: 'passphrase_invalid' });
    await expect(deriveKeys('a\uD800', params)).rejects.toMatchObject({
      code: 'passphrase_invalid',
    });
  });

  it.each([
    ['memory below 64 MiB', { memLimitBytes: 64 * MIB - 1024 }],
    ['two passes', { opsLimit: 2 }],
    [
      'one pass and 19 MiB (OWASP-style, still below Mosaic’s floor)',
      { opsLimit: 1, memLimitBytes: 19 * MIB },
    ],
    ['Argon2i', { algorithm: 'argon2i13' }],
    ['scrypt', { algorithm: 'scrypt' }],
  ])('refuses %s with kdf_params_too_weak', async (_name, change) => {
    const weak = { ...params, ...change } as KdfParams;
    const started = performance.now();
    await expect(deriveKeys('passphrase', weak)).rejects.toMatchObject({
      name: 'CryptoError',
      code: 'kdf_params_too_weak',
    });
    // Refused before any Argon2 work (a derivation at these sizes takes far longer than 50 ms).
    expect(performance.now() - started).toBeLessThan(50);
  });

  it.each([
    ['a short salt', { salt: new Uint8Array(8) }],
    ['memory not a whole KiB', { memLimitBytes: 64 * MIB + 1 }],
    ['fractional passes', { opsLimit: 3.5 }],
    ['absurd memory', { memLimitBytes: 4096 * MIB }],
    ['absurd passes', { opsLimit: 1_000_000 }],
    ['NaN', { opsLimit: Number.NaN }],
  ])('refuses %s with kdf_params_invalid', async (_name, change) => {
    await expect(deriveKeys('passphrase', { ...params, ...change })).rejects.toMatchObject({
      code: 'kdf_params_invalid',
    });
  });
});

describe('KDF parameters as JSON', () => {
  it('round-trips', () => {
    const json = kdfParamsToJson(params);
    expect(json).toEqual({
      algorithm: 'argon2id13',
      opsLimit: 3,
      memLimitBytes: 64 * MIB,
      salt: 'AAECAwQFBgcICQoLDA0ODw',
    });
    expect(kdfParamsFromJson(JSON.parse(JSON.stringify(json)))).toEqual(params);
  });

  it('refuses malformed and weak input from the server', () => {
    const good = kdfParamsToJson(params);
    const cases: [unknown, string][] = [
      [null, 'kdf_params_invalid'],
      ['argon2id13', 'kdf_params_invalid'],
      [{ ...good, salt: undefined }, 'kdf_params_invalid'],
      [{ ...good, salt: 'not base64!' }, 'kdf_params_invalid'],
      [{ ...good, salt: toBase64Url(new Uint8Array(15)) }, 'kdf_params_invalid'],
      [{ ...good, opsLimit: '3' }, 'kdf_params_invalid'],
      [{ ...good, algorithm: 7 }, 'kdf_params_invalid'],
      [{ ...good, algorithm: 'argon2id' }, 'kdf_params_too_weak'],
      [{ ...good, memLimitBytes: 32 * MIB }, 'kdf_params_too_weak'],
      [{ ...good, opsLimit: 1 }, 'kdf_params_too_weak'],
    ];
    for (const [input, code] of cases) {
      expect(() => kdfParamsFromJson(input), JSON.stringify(input)).toThrow(
        expect.objectContaining({ code }),
      );
    }
  });
});
