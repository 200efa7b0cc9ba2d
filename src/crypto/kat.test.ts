/**
 * Known-answer tests against published vectors, so a wrong primitive, a wrong libsodium build or
 * a wrong use of it fails here rather than in court. Every expected value below is copied from
 * the named publication (and was cross-checked against a second source when written).
 */
import { entropyToMnemonic, mnemonicToEntropy } from '@scure/bip39';
import { wordlist } from '@scure/bip39/wordlists/english.js';
import sodium from 'libsodium-wrappers-sumo';
import { beforeAll, describe, expect, it } from 'vitest';
import { fromHex, toHex, utf8Encode } from './bytes.js';
import { signingKeyPairFromSeed } from './checkpoint.js';
import {
  consistencyProof,
  inclusionProof,
  leafHash,
  merkleRoot,
  verifyConsistency,
  verifyInclusion,
} from './merkle.js';
import { createSha256, sha256 } from './sha256.js';
import { cryptoReady } from './sodium.js';

beforeAll(cryptoReady);

describe('XChaCha20-Poly1305 (draft-irtf-cfrg-xchacha-03, Appendix A.3.1)', () => {
  const key = fromHex('808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f');
  const nonce = fromHex('404142434445464748494a4b4c4d4e4f5051525354555657');
  const aad = fromHex('50515253c0c1c2c3c4c5c6c7');
  const plaintext = utf8Encode(
    "Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future, sunscreen would be it.",
  );
  const ciphertext =
    'bd6d179d3e83d43b9576579493c0e939572a1700252bfaccbed2902c21396cbb731c7f1b0b4aa6440bf3a82f4eda7e39' +
    'ae64c6708c54c216cb96b72e1213b4522f8c9ba40db5d945b11b69b982c1bb9e3f3fac2bc369488f76b2383565d3fff9' +
    '21f9664c97637da9768812f615c68b13b52e';
  const tag = 'c0875924c1c7987947deafd8780acf49';

  it('encrypts to the published ciphertext and tag', () => {
    const out = sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(plaintext, aad, null, nonce, key);
    expect(toHex(out)).toBe(ciphertext + tag);
  });

  it('decrypts the published ciphertext and rejects a flipped tag bit', () => {
    expect(
      sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(
        null,
        fromHex(ciphertext + tag),
        aad,
        nonce,
        key,
      ),
    ).toEqual(plaintext);
    const bad = fromHex(ciphertext + tag);
    bad[bad.length - 1] = (bad[bad.length - 1] ?? 0) ^ 1;
    expect(() =>
      sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(null, bad, aad, nonce, key),
    ).toThrow();
  });
});

describe('Argon2id version 0x13', () => {
  // phc-winner-argon2 src/test.c, "argon2id with version 0x13": t=2, m=2^16 KiB, p=1,
  // "password"/"somesalt" → 09316115…61913cf7. libsodium's raw crypto_pwhash insists on a 16-byte
  // salt, so the 8-byte-salt vector runs through crypto_pwhash_str_verify, which is the same
  // Argon2id engine fed from the PHC string.
  const phc =
    '$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc';

  it('verifies the reference implementation vector (password / somesalt, t=2, m=64 MiB)', () => {
    const hashPart = phc.split('$')[5] ?? '';
    expect(toHex(sodium.from_base64(hashPart, sodium.base64_variants.ORIGINAL_NO_PADDING))).toBe(
      '09316115d5cf24ed5a15a31a3ba326e5cf32edc24702987c02b6566f61913cf7',
    );
    expect(sodium.crypto_pwhash_str_verify(phc, 'password')).toBe(true);
    expect(sodium.crypto_pwhash_str_verify(phc, 'passwore')).toBe(false);
  });

  it('matches libsodium test/default/pwhash_argon2id vector 4 through raw crypto_pwhash', () => {
    // tests[4] in pwhash_argon2id.c (expected output: line 4 of pwhash_argon2id.exp):
    // 82-byte password, the first 16 bytes of the salt hex, 190-byte output, opslimit 3,
    // memlimit 1432947 bytes, one lane.
    const password = fromHex(
      '4a857e2ee8aa9b6056f2424e84d24a72473378906ee04a46cb05311502d5250b82ad86b83c8f20a23dbb74f6da60b0b6' +
        'ecffd67134d45946ac8ebfb3064294bc097d43ced68642bfb8bbbdd0f50b30118f5e',
    );
    const salt = fromHex('39d82eef32010b8b79cc5ba88ed539fb');
    const out = sodium.crypto_pwhash(
      190,
      password,
      salt,
      3,
      1432947,
      sodium.crypto_pwhash_ALG_ARGON2ID13,
    );
    expect(toHex(out)).toBe(
      '08d8cd330c57e1b4643241d05bb468ba4ee4e932cd0858816be9ef15360b27bbd06a87130ee92222be267a29b81f5ae8' +
        'fe8613324cfc4832dc49387fd0602f1c57b4d0f3855db94fb7e12eb05f9a484aed4a4307abf586cd3d55c809bc0815' +
        '41e00b682772fb2066504ff935b8ebc551a2083882f874bc0fae68e56848ae34c91097c3bf0cca8e75c0797eef3efd' +
        'e3f75e005815018db3cf7c109a812264c4de69dcb22322dbbcfa447f5b00ecd1b04a7be1569c8e556adb7bba48adf81d',
    );
  });
});

describe('Ed25519 (RFC 8032 §7.1)', () => {
  it('TEST 1: empty message', async () => {
    const { publicKey, secretKey } = await signingKeyPairFromSeed(
      fromHex('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60'),
    );
    expect(toHex(publicKey)).toBe(
      'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a',
    );
    const sig = sodium.crypto_sign_detached(new Uint8Array(0), secretKey);
    expect(toHex(sig)).toBe(
      'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
    );
    expect(sodium.crypto_sign_verify_detached(sig, new Uint8Array(0), publicKey)).toBe(true);
  });

  it('TEST 2: one-byte message 0x72', async () => {
    const { publicKey, secretKey } = await signingKeyPairFromSeed(
      fromHex('4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb'),
    );
    expect(toHex(publicKey)).toBe(
      '3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c',
    );
    const sig = sodium.crypto_sign_detached(fromHex('72'), secretKey);
    expect(toHex(sig)).toBe(
      '92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00',
    );
    expect(sodium.crypto_sign_verify_detached(sig, fromHex('73'), publicKey)).toBe(false);
  });
});

describe('SHA-256 (FIPS 180-2 Appendix B)', () => {
  it('B.1 "abc"', async () => {
    expect(toHex(await sha256(utf8Encode('abc')))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });

  it('B.2 the 448-bit message, fed incrementally one byte at a time', async () => {
    const hasher = await createSha256();
    for (const b of utf8Encode('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'))
      hasher.update(Uint8Array.of(b));
    expect(toHex(hasher.digest())).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
  });

  it('B.3 one million "a", fed in uneven pieces', async () => {
    const hasher = await createSha256();
    const a = new Uint8Array(1_000_000).fill(0x61);
    for (let i = 0; i < a.length; i += 77_777) hasher.update(a.subarray(i, i + 77_777));
    expect(toHex(hasher.digest())).toBe(
      'cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0',
    );
  });

  it('the empty string', async () => {
    expect(toHex((await createSha256()).digest())).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
  });
});

describe('RFC 6962 Merkle tree (certificate-transparency / transparency-dev test data)', () => {
  // transparency-dev/merkle testonly/constants.go LeafInputs() and RootHashes(); proofs from
  // proof/verify_test.go (its inclusion indices are 1-based; converted to 0-based here).
  const leaves = [
    '',
    '00',
    '10',
    '2021',
    '3031',
    '40414243',
    '5051525354555657',
    '606162636465666768696a6b6c6d6e6f',
  ];
  const roots = [
    'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
    'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
    'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
    'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
    '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
    'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
    '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
  ];
  const inclusion: [number, number, string[]][] = [
    [0, 1, []],
    [
      0,
      8,
      [
        '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
        '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
        '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
      ],
    ],
    [
      5,
      8,
      [
        'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
        'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
        'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
      ],
    ],
    [2, 3, ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125']],
    [
      1,
      5,
      [
        '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
        '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
        'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      ],
    ],
  ];
  const consistency: [number, number, string[]][] = [
    [1, 1, []],
    [
      1,
      8,
      [
        '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
        '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
        '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
      ],
    ],
    [
      6,
      8,
      [
        '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
        'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
        'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
      ],
    ],
    [
      2,
      5,
      [
        '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
        'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      ],
    ],
    [
      6,
      7,
      [
        '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
        'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f',
        'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
      ],
    ],
  ];

  let leafHashes: Uint8Array[] = [];
  beforeAll(async () => {
    leafHashes = await Promise.all(leaves.map((l) => leafHash(fromHex(l))));
  });

  it('computes the published root for every tree size 0…8', async () => {
    for (let n = 0; n <= 8; n++)
      expect(toHex(await merkleRoot(leafHashes.slice(0, n))), `size ${n}`).toBe(roots[n]);
  });

  it.each(inclusion)(
    'inclusion proof for leaf %i in a tree of %i matches and verifies',
    async (index, size, path) => {
      const tree = leafHashes.slice(0, size);
      expect((await inclusionProof(index, tree)).map(toHex)).toEqual(path);
      await verifyInclusion({
        leafIndex: index,
        treeSize: size,
        leafHash: leafHashes[index]!,
        proof: path.map(fromHex),
        rootHash: fromHex(roots[size]!),
      });
    },
  );

  it.each(consistency)(
    'consistency proof from %i to %i matches and verifies',
    async (m, n, path) => {
      expect((await consistencyProof(m, leafHashes.slice(0, n))).map(toHex)).toEqual(path);
      await verifyConsistency({
        oldSize: m,
        newSize: n,
        oldRoot: fromHex(roots[m]!),
        newRoot: fromHex(roots[n]!),
        proof: path.map(fromHex),
      });
    },
  );
});

describe('BIP-39 English (trezor/python-mnemonic vectors.json, 256-bit entries)', () => {
  const vectors: [string, string][] = [
    [
      '0000000000000000000000000000000000000000000000000000000000000000',
      'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon art',
    ],
    [
      '7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f',
      'legal winner thank year wave sausage worth useful legal winner thank year wave sausage worth useful legal winner thank year wave sausage worth title',
    ],
    [
      '8080808080808080808080808080808080808080808080808080808080808080',
      'letter advice cage absurd amount doctor acoustic avoid letter advice cage absurd amount doctor acoustic avoid letter advice cage absurd amount doctor acoustic bless',
    ],
    [
      'ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff',
      'zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo vote',
    ],
    [
      '00ac97c48106f0aeb8ba061e0250a559b3251dc35854e694780ba51d53a50120',
      'absent gorilla van acoustic humor firm title dolphin bulk barely citizen recall crane moment aspect appear track phrase actual enforce steel spoon afraid benefit',
    ],
  ];

  it.each(vectors)('%s ↔ its mnemonic', (entropy, mnemonic) => {
    expect(entropyToMnemonic(fromHex(entropy), wordlist)).toBe(mnemonic);
    expect(toHex(mnemonicToEntropy(mnemonic, wordlist))).toBe(entropy);
  });
});
