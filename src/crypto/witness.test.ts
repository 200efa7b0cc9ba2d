/**
 * Frozen vectors for the account key pair, sealed messages and witness links
 * (docs/vault-protocol.md §15). The auth key and the fingerprint were checked independently with
 * Python's hashlib.blake2b; the sealed message was made once by sealToPublicKey and must open
 * forever. If any of these change, every invitation link and every stored statement breaks.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromHex, toBase64Url, toHex, utf8Decode, utf8Encode } from './bytes.js';
import { CryptoError } from './errors.js';
import {
  accountKeyPairFromSeed,
  generateAccountKeyPair,
  openSealed,
  openSealedWithOpeningKey,
  publicKeyFingerprint,
  publicKeyMatches,
  sealedOpeningKey,
  sealToPublicKey,
  unwrapAccountKeyPair,
  wrapAccountSecretKey,
} from './key-pair.js';
import {
  formatWitnessFragment,
  parseWitnessFragment,
  witnessAuthKey,
  witnessStatementContext,
} from './witness.js';

const SEED = Uint8Array.from({ length: 32 }, (_, i) => i);
const ACCOUNT_KEY = Uint8Array.from({ length: 32 }, (_, i) => 0x40 + i);
const SECRET = Uint8Array.from({ length: 32 }, (_, i) => 0x80 + i);
const ID = 'AAAAAAAAAAAAAAAAAAAAAA';
const PUBLIC = '4701d08488451f545a409fb58ae3e58581ca40ac3f7f114698cd71deac73ca01';
const SEALED =
  '0165bf045a61951af615bf12a0a4a4a495ff5f452c08f7809341721c2d8a3c8e5f243324161b4fbb1b8c0b28ed56235d9647549e160d208dec00b557d4cb8115363067f72546738ef05627df8f3e25a7ea8a2808058b181d500c1fc8c41906ededebd5aa5647c1c8adb1b40d16f7c18095d6ccc0036156cc04b425cedd1c10c8bfaf59c04dbefa20aadea35375e4a6d800efb36be3441a26bba13222722870ce62c91f0556293f0c3b76ca268f6699e14deca927967fa087577c90a5ec5f9db079619cf1f60b33abe5f8785fcc907ac8160b860fc4ce6f20316a01ec7fb45534271e9a2facab97e3e68fa2653fbfde706af2d0417199be4e16524caa3fe96e9498c2f1f645583637a241ff844aa5f83b9073bfac7713db526dcb0edda33a0f431bc594f02995a92ebcc5f06c58d539707e';
/** The opening key of SEALED (§15.7): crypto_box_beforenm(its ephemeral key, the seed's secret key). */
const OPENING_KEY = '568ecd173b32c7d919f980e25aba72a132cdfda35e9bae1113f0ab39d2173113';
const WRAPPED =
  '0113c11777cab398107629faf537544d1e727e6f7c217c3b798b77b459d0f1093f9f72657c2ea177bc6af917d8bdbd61388758a00e1157093c2af91da772db24c81e3248372f79b45b';

describe('account key pair v1 (frozen)', () => {
  it('derives the frozen public key and fingerprint', async () => {
    const pair = await accountKeyPairFromSeed(SEED);
    expect(toHex(pair.publicKey)).toBe(PUBLIC);
    expect(toHex(await publicKeyFingerprint(pair.publicKey))).toBe(
      'b04635c5ff7f66fced5d68c61a6bd9c3',
    );
  });

  it('opens the frozen sealed message, and only with its context and key', async () => {
    const pair = await accountKeyPairFromSeed(SEED);
    const context = witnessStatementContext(ID);
    const sealed = fromHex(SEALED);
    expect(utf8Decode(await openSealed(pair, sealed, context))).toBe('{"saw":"a red car"}');
    await expect(
      openSealed(pair, sealed, witnessStatementContext('B' + ID.slice(1))),
    ).rejects.toMatchObject({
      code: 'decryption_failed',
    });
    const other = await generateAccountKeyPair();
    await expect(openSealed(other, sealed, context)).rejects.toMatchObject({
      code: 'decryption_failed',
    });
    const changed = sealed.slice();
    changed[100] = (changed[100] ?? 0) ^ 1;
    await expect(openSealed(pair, changed, context)).rejects.toMatchObject({
      code: 'decryption_failed',
    });
    const relabelled = sealed.slice();
    relabelled[0] = 2;
    await expect(openSealed(pair, relabelled, context)).rejects.toMatchObject({
      code: 'envelope_version_unsupported',
    });
    await expect(openSealed(pair, sealed.subarray(0, 200), context)).rejects.toMatchObject({
      code: 'envelope_malformed',
    });
  });

  it('gives the frozen sealed message’s opening key, which opens that message only', async () => {
    const pair = await accountKeyPairFromSeed(SEED);
    const context = witnessStatementContext(ID);
    const sealed = fromHex(SEALED);
    const openingKey = await sealedOpeningKey(pair, sealed, context);
    expect(toHex(openingKey)).toBe(OPENING_KEY);
    expect(
      utf8Decode(await openSealedWithOpeningKey(pair.publicKey, sealed, openingKey, context)),
    ).toBe('{"saw":"a red car"}');
    // Another context, another public key (so another nonce), a changed byte: refused.
    await expect(
      openSealedWithOpeningKey(
        pair.publicKey,
        sealed,
        openingKey,
        witnessStatementContext('B' + ID.slice(1)),
      ),
    ).rejects.toMatchObject({ code: 'decryption_failed' });
    const other = await generateAccountKeyPair();
    await expect(
      openSealedWithOpeningKey(other.publicKey, sealed, openingKey, context),
    ).rejects.toMatchObject({ code: 'decryption_failed' });
    const changed = sealed.slice();
    changed[300] = (changed[300] ?? 0) ^ 1;
    await expect(
      openSealedWithOpeningKey(pair.publicKey, changed, openingKey, context),
    ).rejects.toMatchObject({ code: 'decryption_failed' });
    // The key pair's owner only: another key pair cannot make an opening key for it.
    await expect(sealedOpeningKey(other, sealed, context)).rejects.toMatchObject({
      code: 'decryption_failed',
    });
  });

  it('an opening key opens its own message and no other sealed to the same key (property)', async () => {
    const pair = await generateAccountKeyPair();
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 1500 }),
        fc.uint8Array({ maxLength: 1500 }),
        fc.string({ minLength: 1, maxLength: 40 }),
        async (a, b, context) => {
          const sealedA = await sealToPublicKey(pair.publicKey, a, context);
          const sealedB = await sealToPublicKey(pair.publicKey, b, context);
          const keyA = await sealedOpeningKey(pair, sealedA, context);
          // Not the secret key, nor any part of what the public key shows.
          expect(keyA).not.toEqual(pair.secretKey);
          expect(await openSealedWithOpeningKey(pair.publicKey, sealedA, keyA, context)).toEqual(a);
          await expect(
            openSealedWithOpeningKey(pair.publicKey, sealedB, keyA, context),
          ).rejects.toMatchObject({ code: 'decryption_failed' });
        },
      ),
      { numRuns: 30 },
    );
  });

  it('unwraps the frozen wrapped secret key and checks a served public key', async () => {
    const pair = await unwrapAccountKeyPair(ACCOUNT_KEY, fromHex(WRAPPED), fromHex(PUBLIC));
    expect(toHex(pair.publicKey)).toBe(PUBLIC);
    const swapped = (await generateAccountKeyPair()).publicKey;
    await expect(
      unwrapAccountKeyPair(ACCOUNT_KEY, fromHex(WRAPPED), swapped),
    ).rejects.toMatchObject({ code: 'public_key_mismatch' });
    await expect(unwrapAccountKeyPair(new Uint8Array(32), fromHex(WRAPPED))).rejects.toMatchObject({
      code: 'decryption_failed',
    });
  });

  it('seals anything to a public key and opens it with the secret key (property)', async () => {
    const pair = await generateAccountKeyPair();
    const wrapped = await wrapAccountSecretKey(ACCOUNT_KEY, pair.secretKey);
    const again = await unwrapAccountKeyPair(ACCOUNT_KEY, wrapped, pair.publicKey);
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 2000 }),
        fc.string({ minLength: 1, maxLength: 40 }),
        async (bytes, context) => {
          const sealed = await sealToPublicKey(pair.publicKey, bytes, context);
          // Padded: the length shows a 256-byte bucket only.
          expect((sealed.length - 1 - 48) % 256).toBe(0);
          expect(await openSealed(again, sealed, context)).toEqual(bytes);
        },
      ),
      { numRuns: 50 },
    );
  });
});

describe('witness links v1 (frozen)', () => {
  it('derives the frozen auth key', async () => {
    expect(toHex(await witnessAuthKey(SECRET, ID))).toBe(
      '750900e839fcbe07b134a2736f7158ef39fd9d7f4d4cfad6191f658d0fb87ec9',
    );
  });

  it('writes and reads the fragment, and refuses anything else', async () => {
    const fingerprint = fromHex('b04635c5ff7f66fced5d68c61a6bd9c3');
    const fragment = formatWitnessFragment({ invitationId: ID, secret: SECRET, fingerprint });
    expect(fragment).toBe(`w1.${ID}.${toBase64Url(SECRET)}.${toBase64Url(fingerprint)}`);
    const parsed = parseWitnessFragment(`https://example.org/witness#${fragment}`);
    expect(parsed.invitationId).toBe(ID);
    expect(parsed.secret).toEqual(SECRET);
    expect(await publicKeyMatches(fromHex(PUBLIC), parsed.fingerprint)).toBe(true);
    for (const bad of [
      '',
      'w1.x',
      fragment.slice(0, -1),
      fragment.replace('w1.', 'w2.'),
      `${fragment}.x`,
    ]) {
      expect(() => parseWitnessFragment(bad)).toThrow(CryptoError);
    }
    expect(
      await publicKeyMatches((await generateAccountKeyPair()).publicKey, parsed.fingerprint),
    ).toBe(false);
  });

  it('refuses a short secret', async () => {
    await expect(witnessAuthKey(utf8Encode('short'), ID)).rejects.toMatchObject({
      code: 'witness_link_invalid',
    });
  });
});
