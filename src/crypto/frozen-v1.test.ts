/**
 * Frozen protocol v1 vectors. These bytes may already sit in users' vaults and in court bundles:
 * if any test here fails, a format changed by accident. Never edit an expected value to make a
 * test pass — add a v2 format (and its own vectors) instead, and keep v1 decoding forever.
 *
 * The associated-data encodings are spelled out field by field, and fresh ciphertexts are also
 * opened with raw libsodium calls using those hand-written bytes, so the vectors pin the spec in
 * docs/vault-protocol.md, not merely whatever the code happens to do. When first generated, the
 * Argon2id and recovery-KDF outputs were cross-checked with an independent implementation
 * (@noble/hashes argon2id and blake2b with salt/personalisation).
 */
import sodium from 'libsodium-wrappers-sumo';
import { beforeAll, describe, expect, it } from 'vitest';
import { concatBytes, fromHex, toHex, utf8Encode } from './bytes.js';
import {
  decodeCheckpoint,
  decodeReceiptLeaf,
  encodeCheckpoint,
  encodeReceiptLeaf,
  receiptLeafHash,
  signCheckpoint,
  signingKeyPairFromSeed,
  verifyCheckpoint,
} from './checkpoint.js';
import {
  decryptRecord,
  encryptRecord,
  encryptRecordWithNonce,
  recordAssociatedData,
} from './envelope.js';
import { fileChunkAssociatedData } from './file-chunks.js';
import { decryptFile, encryptFile } from './file-stream.js';
import { deriveKeys } from './kdf.js';
import { unwrapKey, wrapKey, wrappedKeyAssociatedData } from './keys.js';
import { deriveRecoveryWrappingKey, recoveryKeyToWords } from './recovery-key.js';
import { sha256 } from './sha256.js';
import { cryptoReady } from './sodium.js';

beforeAll(cryptoReady);

const seq = (start: number, n: number): Uint8Array =>
  Uint8Array.from({ length: n }, (_, i) => (start + i) & 0xff);
const hex = (...parts: string[]): string => parts.join('');

const KEY = seq(0x00, 32);
const NONCE = seq(0x40, 24);
const RECORD = { recordId: 'rec-0001', recordType: 'incident', revision: 3 };
const PLAINTEXT = utf8Encode('{"text":"He was outside my house at 7pm."}');

const RECORD_AD = hex(
  '01', // version
  '0000000d' + '6d6f736169632e7265636f7264', // "mosaic.record"
  '00000008' + '7265632d30303031', // "rec-0001"
  '00000008' + '696e636964656e74', // "incident"
  '0000000000000003', // revision 3
);

const ENVELOPE = hex(
  '01', // version
  '404142434445464748494a4b4c4d4e4f5051525354555657', // nonce
  // XChaCha20-Poly1305 of the plaintext padded to 256 bytes, then the 16-byte tag
  'af1b7115a8945b2cadbce29ed8fd16b2fdcfd9b77a3d36ba0748dd2d667150f53698764e62e2e93eddcf744c0adadaf1',
  '9b6b7de86f85b49cb6fc08f413b24c545a2bf87214b345c88503b0ffdc799ceff6c7062b283d647750a30794c5653325',
  '2675b7c9b8e56bb6dda1629a4717c98b9ff313de29ca83e00cbf571222c77b9fdf51470ed1ded6b0a0a0f23069a7de50',
  'ee2768ff352c5c1d4d2aa1b93ddb0ab139fc04bc7e42e07e51fdcec36bd73cfe81eacae18ce1f48ee9c2078f1a952a99',
  'aafdb4a3937724fa7b33296dcddd0570c8406b44d2f9a12aa38e4cf7ec3d3ead1f0568e31a097342d0f62a600b235176',
  '2db7ddff84d44d905575c69e440ccab6528006edb2a3eb307f0a0ddb357bd4de',
);

describe('record envelope v1', () => {
  it('associated data', () => {
    expect(toHex(recordAssociatedData(1, RECORD))).toBe(RECORD_AD);
  });

  it('decrypts the frozen envelope', async () => {
    expect(await decryptRecord({ key: KEY, ...RECORD, envelope: fromHex(ENVELOPE) })).toEqual(
      PLAINTEXT,
    );
  });

  it('encrypts to the frozen bytes with the same nonce', async () => {
    expect(
      toHex(await encryptRecordWithNonce({ key: KEY, ...RECORD, plaintext: PLAINTEXT }, NONCE)),
    ).toBe(ENVELOPE);
  });

  it('a fresh envelope opens with raw libsodium and the hand-written associated data', async () => {
    const envelope = await encryptRecord({ key: KEY, ...RECORD, plaintext: PLAINTEXT });
    const padded = sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(
      null,
      envelope.subarray(25),
      fromHex(RECORD_AD),
      envelope.subarray(1, 25),
      KEY,
    );
    expect(padded).toEqual(
      concatBytes(PLAINTEXT, Uint8Array.of(0x80), new Uint8Array(256 - PLAINTEXT.length - 1)),
    );
  });
});

const WRAP_AD = hex(
  '01',
  '00000012' + '6d6f736169632e777261707065642d6b6579', // "mosaic.wrapped-key"
  '0000000f' + '6163636f756e742d6b65792f6b656b', // "account-key/kek"
);
const WRAPPED = hex(
  '01',
  '606162636465666768696a6b6c6d6e6f7071727374757677', // nonce
  '95f89305722d720f0b3ed7042d5d2d9102cfa91f3a64c45368241c4da94c5ade', // encrypted key
  'e094ca52c83854ef6c8e756063cb7086', // tag
);

describe('wrapped key v1', () => {
  it('associated data', () => {
    expect(toHex(wrappedKeyAssociatedData(1, 'account-key/kek'))).toBe(WRAP_AD);
  });

  it('unwraps the frozen wrapped key', async () => {
    expect(await unwrapKey(KEY, fromHex(WRAPPED), 'account-key/kek')).toEqual(seq(0x20, 32));
  });

  it('a fresh wrapped key opens with raw libsodium and the hand-written associated data', async () => {
    const wrapped = await wrapKey(KEY, seq(0x20, 32), 'account-key/kek');
    expect(
      sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(
        null,
        wrapped.subarray(25),
        fromHex(WRAP_AD),
        wrapped.subarray(1, 25),
        KEY,
      ),
    ).toEqual(seq(0x20, 32));
  });
});

const FILE_HEADER = { version: 1 as const, chunkSize: 16, noncePrefix: seq(0xa0, 16) };
const FILE_PLAINTEXT = seq(0x30, 40);
const FILE = hex(
  '01', // header: version
  '00000010', // header: chunk size 16
  'a0a1a2a3a4a5a6a7a8a9aaabacadaeaf', // header: nonce prefix
  '24fd7479cb7c0dfd04c6685066e5738ea203c65234277c7b980f577af777c25c', // chunk 0 (16 + 16 tag)
  '8fb7548f8cc12c28ceb177a4a6b90a5671654f965d34779e240510ce7ad40718', // chunk 1
  '9deb4153599c46e1a7e99c8d0e37b11744ec2a4d79253f12', // chunk 2, final (8 + 16 tag)
);
const CHUNK2_AD = hex(
  '01',
  '00000011' + '6d6f736169632e66696c652d6368756e6b', // "mosaic.file-chunk"
  '00000007' + '66696c652d3031', // "file-01"
  '00000010', // chunk size 16
  '0000000000000002', // index 2
  '01', // final
);

describe('encrypted file v1', () => {
  it('chunk associated data', () => {
    expect(toHex(fileChunkAssociatedData('file-01', 16, { index: 2, final: true }))).toBe(
      CHUNK2_AD,
    );
  });

  it('decrypts the frozen file and re-encrypts to it under the same header', async () => {
    expect(await decryptFile({ key: KEY, fileId: 'file-01', encrypted: fromHex(FILE) })).toEqual(
      FILE_PLAINTEXT,
    );
    expect(
      toHex(
        await encryptFile({
          key: KEY,
          fileId: 'file-01',
          header: FILE_HEADER,
          plaintext: FILE_PLAINTEXT,
        }),
      ),
    ).toBe(FILE);
  });

  it('the final chunk opens with raw libsodium: nonce = prefix ‖ u64 index', () => {
    const chunk2 = fromHex(FILE).subarray(21 + 2 * 32);
    const nonce = concatBytes(seq(0xa0, 16), fromHex('0000000000000002'));
    expect(
      sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(
        null,
        chunk2,
        fromHex(CHUNK2_AD),
        nonce,
        KEY,
      ),
    ).toEqual(FILE_PLAINTEXT.subarray(32));
  });
});

const CIPHERTEXT_SHA256 = 'a70fb89c22b534fcf48188395a0f9a366f1aeb365e03b3f83badfc8077e63e96';
const RECEIPT = {
  recordId: 'rec-0001',
  revision: 3,
  ciphertextSha256: fromHex(CIPHERTEXT_SHA256),
  receivedAt: 1_700_000_000_000,
};
const RECEIPT_LEAF = hex(
  '01',
  '0000000e' + '6d6f736169632e72656365697074', // "mosaic.receipt"
  '00000008' + '7265632d30303031', // "rec-0001"
  '0000000000000003', // revision
  CIPHERTEXT_SHA256,
  '0000018bcfe56800', // 1 700 000 000 000 ms = 2023-11-14T22:13:20Z
);
const RECEIPT_LEAF_HASH = '01a36d6cca3a294a2701c6f12cc4c29028b0009b3d6d473fe5e4726f158940e5';
// The same ciphertext, stored before the log and backfilled on 2026-12-04T00:00:00Z.
const BACKFILLED_RECEIPT = { ...RECEIPT, backfilledAt: 1_796_342_400_000 };
const BACKFILLED_RECEIPT_LEAF = hex(
  '02',
  RECEIPT_LEAF.slice(2), // the v1 fields
  '000001a23e59c400', // backfilledAt: 1 796 342 400 000 ms = 2026-12-04T00:00:00Z
);
const BACKFILLED_RECEIPT_LEAF_HASH =
  'd0fe604915575a2a5e04bbc649c315c5a77e27ee851b8d09d04203541ae377f2';
const CHECKPOINT = {
  logId: 'mosaic.example.org',
  treeSize: 1,
  rootHash: fromHex(RECEIPT_LEAF_HASH),
  timestamp: 1_700_000_000_500,
};
const CHECKPOINT_BYTES = hex(
  '01',
  '00000011' + '6d6f736169632e636865636b706f696e74', // "mosaic.checkpoint"
  '00000012' + '6d6f736169632e6578616d706c652e6f7267', // "mosaic.example.org"
  '0000000000000001', // tree size
  RECEIPT_LEAF_HASH, // root of a one-leaf tree = that leaf's hash
  '0000018bcfe569f4', // timestamp
);
// Ed25519 is deterministic; signed with the RFC 8032 §7.1 TEST 1 key.
const CHECKPOINT_SIGNATURE =
  'c049bacce7c4f8c197a8db1c4184538f56f43dccb4cdc5191db41234307b32eaaef24d8bf2263435292c0bace1bf7fb45691bde39900bf0d2f2b56babd650208';

describe('receipt leaf and checkpoint v1', () => {
  it('the receipt covers the frozen envelope', async () => {
    expect(toHex(await sha256(fromHex(ENVELOPE)))).toBe(CIPHERTEXT_SHA256);
  });

  it('encodes and decodes the receipt leaf and its RFC 6962 leaf hash', async () => {
    expect(toHex(encodeReceiptLeaf(RECEIPT))).toBe(RECEIPT_LEAF);
    expect(decodeReceiptLeaf(fromHex(RECEIPT_LEAF))).toEqual(RECEIPT);
    expect(toHex(await receiptLeafHash(RECEIPT))).toBe(RECEIPT_LEAF_HASH);
    expect(toHex(sodium.crypto_hash_sha256(fromHex('00' + RECEIPT_LEAF)))).toBe(RECEIPT_LEAF_HASH);
  });

  it('encodes and decodes a backfilled receipt leaf (v2)', async () => {
    expect(toHex(encodeReceiptLeaf(BACKFILLED_RECEIPT))).toBe(BACKFILLED_RECEIPT_LEAF);
    expect(decodeReceiptLeaf(fromHex(BACKFILLED_RECEIPT_LEAF))).toEqual(BACKFILLED_RECEIPT);
    expect(toHex(await receiptLeafHash(BACKFILLED_RECEIPT))).toBe(BACKFILLED_RECEIPT_LEAF_HASH);
    // Truncated or with a byte too many, it is refused.
    expect(() => decodeReceiptLeaf(fromHex(BACKFILLED_RECEIPT_LEAF.slice(0, -2)))).toThrow();
    expect(() => decodeReceiptLeaf(fromHex(BACKFILLED_RECEIPT_LEAF + '00'))).toThrow();
  });

  it('encodes, decodes, signs and verifies the checkpoint', async () => {
    expect(toHex(encodeCheckpoint(CHECKPOINT))).toBe(CHECKPOINT_BYTES);
    expect(decodeCheckpoint(fromHex(CHECKPOINT_BYTES))).toEqual(CHECKPOINT);
    const log = await signingKeyPairFromSeed(
      fromHex('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60'),
    );
    expect(toHex(await signCheckpoint(CHECKPOINT, log.secretKey))).toBe(CHECKPOINT_SIGNATURE);
    await verifyCheckpoint(CHECKPOINT, fromHex(CHECKPOINT_SIGNATURE), log.publicKey);
  });
});

describe('recovery key and passphrase derivation v1', () => {
  it('words and wrapping key for the recovery key 00…1f', async () => {
    expect(recoveryKeyToWords(KEY).join(' ')).toBe(
      'abandon amount liar amount expire adjust cage candy arch gather drum bullet absurd math era live bid rhythm alien crouch range attend journey unaware',
    );
    // crypto_kdf_derive_from_key(32, subkey 1, "MosaicRK", key) = BLAKE2b-256(key, salt = LE64(1), personal = "MosaicRK")
    expect(toHex(await deriveRecoveryWrappingKey(KEY))).toBe(
      '296128e6f2a55018a9ec22950069638f23ad20137f8b9c2c842a20a739dc3672',
    );
  });

  it('auth key and key-encryption key for a passphrase at 64 MiB, 3 passes', async () => {
    const keys = await deriveKeys('correct horse battery staple', {
      algorithm: 'argon2id13',
      opsLimit: 3,
      memLimitBytes: 64 * 1024 * 1024,
      salt: seq(0x00, 16),
    });
    expect(toHex(keys.authKey)).toBe(
      'f583c66eb0c983f6be0f1801d34580dba6ce391a35def61fed043c365dc37c52',
    );
    expect(toHex(keys.keyEncryptionKey)).toBe(
      'f1c2815097615f218797ed574c7084ed21fd2609b8d0b3706bffd4dec7e6aeb8',
    );
  });
});
