/**
 * Threat 3 in DESIGN.md: the server, its database or an insider is compromised. These tests play
 * the server's side of the protocol and cheat in each way it could, checking the client refuses.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { toBase64Url, utf8Encode } from './bytes.js';
import { generateSigningKeyPair, signCheckpoint, verifyCheckpoint } from './checkpoint.js';
import { decryptRecord, encryptRecord } from './envelope.js';
import { createFileHeader, FILE_HEADER_BYTES } from './file-chunks.js';
import { decryptFile, encryptFile } from './file-stream.js';
import { deriveKeys, kdfParamsFromJson, kdfParamsToJson, newKdfParams } from './kdf.js';
import { generateKey, KEY_CONTEXTS, recordKeyContext, unwrapKey, wrapKey } from './keys.js';
import { consistencyProof, merkleRoot, verifyConsistency } from './merkle.js';
import {
  generateRecoveryKey,
  recoveryKeyToWords,
  parseRecoveryPhrase,
  unwrapAccountKeyWithRecoveryKey,
  wrapAccountKeyWithRecoveryKey,
} from './recovery-key.js';
import { cryptoReady } from './sodium.js';

beforeAll(cryptoReady);

const MIB = 1024 * 1024;

describe('a server offering weak key-derivation parameters', () => {
  const salt = toBase64Url(new Uint8Array(16).fill(3));
  it.each([
    [
      '8 MiB (a cheap guess per passphrase)',
      { algorithm: 'argon2id13', opsLimit: 3, memLimitBytes: 8 * MIB, salt },
    ],
    ['one pass', { algorithm: 'argon2id13', opsLimit: 1, memLimitBytes: 64 * MIB, salt }],
    [
      'libsodium INTERACTIVE (2 passes)',
      { algorithm: 'argon2id13', opsLimit: 2, memLimitBytes: 64 * MIB, salt },
    ],
    ['Argon2i', { algorithm: 'argon2i13', opsLimit: 3, memLimitBytes: 64 * MIB, salt }],
    [
      'an algorithm from the future',
      { algorithm: 'argon3', opsLimit: 9, memLimitBytes: 512 * MIB, salt },
    ],
  ])('is refused: %s', (_what, json) => {
    expect(() => kdfParamsFromJson(json)).toThrow(
      expect.objectContaining({ name: 'CryptoError', code: 'kdf_params_too_weak' }),
    );
  });

  it('is refused even when the client code calls deriveKeys directly', async () => {
    const weak = {
      algorithm: 'argon2id13' as const,
      opsLimit: 2,
      memLimitBytes: 32 * MIB,
      salt: new Uint8Array(16),
    };
    await expect(deriveKeys('my passphrase', weak)).rejects.toMatchObject({
      code: 'kdf_params_too_weak',
    });
  });

  it('cannot make the tab allocate gigabytes either', () => {
    const json = { algorithm: 'argon2id13', opsLimit: 3, memLimitBytes: 8192 * MIB, salt };
    expect(() => kdfParamsFromJson(json)).toThrow(
      expect.objectContaining({ code: 'kdf_params_invalid' }),
    );
  });
});

describe('an account whose server cheats', () => {
  // What the server stores: KDF params, the auth key's hash (not modelled), wrapped keys,
  // and per record: id, type, revision, ciphertext.
  let stored: {
    kdf: ReturnType<typeof kdfParamsToJson>;
    accountKeyByKek: Uint8Array;
    accountKeyByRecovery: Uint8Array;
    recordKeys: Map<string, Uint8Array>;
    records: Map<string, { type: string; revision: number; ciphertext: Uint8Array }[]>;
  };
  let recoveryWords: string[];
  /** The account key from sign-up, so only the login test pays for Argon2id again. */
  let signedUpAccountKey: Uint8Array;

  beforeAll(async () => {
    // Sign-up, entirely in the browser.
    const params = await newKdfParams();
    const { keyEncryptionKey } = await deriveKeys('quiet harbour lantern 1987', params);
    const accountKey = await generateKey();
    signedUpAccountKey = accountKey;
    const recoveryKey = await generateRecoveryKey();
    recoveryWords = recoveryKeyToWords(recoveryKey);
    stored = {
      kdf: kdfParamsToJson(params),
      accountKeyByKek: await wrapKey(keyEncryptionKey, accountKey, KEY_CONTEXTS.accountKeyByKek),
      accountKeyByRecovery: await wrapAccountKeyWithRecoveryKey(recoveryKey, accountKey),
      recordKeys: new Map(),
      records: new Map(),
    };
    for (const [id, type, texts] of [
      [
        'incident-1',
        'incident',
        ['He was at the bus stop again.', 'He was at the bus stop again, 8:10am, filmed me.'],
      ],
      ['incident-2', 'incident', ['Fourteen missed calls from a withheld number.']],
    ] as const) {
      const recordKey = await generateKey();
      stored.recordKeys.set(id, await wrapKey(accountKey, recordKey, recordKeyContext(id)));
      const revisions = [];
      for (const [i, text] of texts.entries()) {
        const ciphertext = await encryptRecord({
          key: recordKey,
          recordId: id,
          recordType: type,
          revision: i + 1,
          plaintext: utf8Encode(text),
        });
        revisions.push({ type, revision: i + 1, ciphertext });
      }
      stored.records.set(id, revisions);
    }
  });

  async function login(passphrase: string): Promise<Uint8Array> {
    const { keyEncryptionKey } = await deriveKeys(passphrase, kdfParamsFromJson(stored.kdf));
    return unwrapKey(keyEncryptionKey, stored.accountKeyByKek, KEY_CONTEXTS.accountKeyByKek);
  }

  async function recordKey(
    accountKey: Uint8Array,
    id: string,
    wrapped = stored.recordKeys.get(id)!,
  ): Promise<Uint8Array> {
    return unwrapKey(accountKey, wrapped, recordKeyContext(id));
  }

  it('works when the server is honest, by passphrase and by recovery words', async () => {
    const accountKey = await login('quiet harbour lantern 1987');
    const latest = stored.records.get('incident-1')!.at(-1)!;
    const text = await decryptRecord({
      key: await recordKey(accountKey, 'incident-1'),
      recordId: 'incident-1',
      recordType: latest.type,
      revision: latest.revision,
      envelope: latest.ciphertext,
    });
    expect(new TextDecoder().decode(text)).toContain('filmed me');
    expect(accountKey).toEqual(signedUpAccountKey);
    const viaRecovery = await unwrapAccountKeyWithRecoveryKey(
      parseRecoveryPhrase(recoveryWords.join(' ')),
      stored.accountKeyByRecovery,
    );
    expect(viaRecovery).toEqual(accountKey);
    await expect(login('quiet harbour lantern 1988')).rejects.toMatchObject({
      code: 'decryption_failed',
    });
  });

  it('refuses a wrapped key swapped between records or between account-key slots', async () => {
    const accountKey = signedUpAccountKey;
    await expect(
      recordKey(accountKey, 'incident-1', stored.recordKeys.get('incident-2')),
    ).rejects.toMatchObject({
      code: 'decryption_failed',
    });
    await expect(
      unwrapKey(accountKey, stored.accountKeyByRecovery, KEY_CONTEXTS.accountKeyByKek),
    ).rejects.toMatchObject({
      code: 'decryption_failed',
    });
  });

  it('refuses an old revision replayed as the current one, and a ciphertext moved to another record', async () => {
    const accountKey = signedUpAccountKey;
    const key1 = await recordKey(accountKey, 'incident-1');
    const [rev1, rev2] = stored.records.get('incident-1')!;
    // The server's metadata says revision 2 is current but it serves revision 1's bytes.
    await expect(
      decryptRecord({
        key: key1,
        recordId: 'incident-1',
        recordType: 'incident',
        revision: rev2!.revision,
        envelope: rev1!.ciphertext,
      }),
    ).rejects.toMatchObject({ code: 'decryption_failed' });
    // A ciphertext from incident-2 served as incident-1 — even if both used the same key.
    const sameKey = await encryptRecord({
      key: key1,
      recordId: 'incident-2',
      recordType: 'incident',
      revision: 2,
      plaintext: utf8Encode('x'),
    });
    await expect(
      decryptRecord({
        key: key1,
        recordId: 'incident-1',
        recordType: 'incident',
        revision: 2,
        envelope: sameKey,
      }),
    ).rejects.toMatchObject({ code: 'decryption_failed' });
    // …or relabelled as another type of record.
    await expect(
      decryptRecord({
        key: key1,
        recordId: 'incident-1',
        recordType: 'person',
        revision: 2,
        envelope: rev2!.ciphertext,
      }),
    ).rejects.toMatchObject({ code: 'decryption_failed' });
  });

  it('refuses envelopes, wrapped keys and files with a downgraded or unknown version', async () => {
    const accountKey = signedUpAccountKey;
    const key1 = await recordKey(accountKey, 'incident-1');
    const rev2 = stored.records.get('incident-1')![1]!;
    for (const version of [0x00, 0x02, 0x7f, 0xff]) {
      const relabelled = Uint8Array.of(version, ...rev2.ciphertext.subarray(1));
      await expect(
        decryptRecord({
          key: key1,
          recordId: 'incident-1',
          recordType: 'incident',
          revision: 2,
          envelope: relabelled,
        }),
      ).rejects.toMatchObject({ code: 'envelope_version_unsupported', details: { version } });
      const wrapped = Uint8Array.of(version, ...stored.accountKeyByKek.subarray(1));
      await expect(
        unwrapKey(accountKey, wrapped, KEY_CONTEXTS.accountKeyByKek),
      ).rejects.toMatchObject({
        code: 'envelope_version_unsupported',
      });
    }
    const file = await encryptFile({
      key: key1,
      fileId: 'photo-1',
      header: await createFileHeader(64),
      plaintext: new Uint8Array(200),
    });
    file[0] = 0;
    await expect(
      decryptFile({ key: key1, fileId: 'photo-1', encrypted: file }),
    ).rejects.toMatchObject({
      code: 'envelope_version_unsupported',
    });
  });

  it('detects an evidence file the server cut short', async () => {
    const key = await generateKey();
    const encrypted = await encryptFile({
      key,
      fileId: 'video-1',
      header: await createFileHeader(64),
      plaintext: new Uint8Array(640),
    });
    const withoutLastChunk = encrypted.subarray(0, FILE_HEADER_BYTES + 9 * (64 + 16));
    await expect(
      decryptFile({ key, fileId: 'video-1', encrypted: withoutLastChunk }),
    ).rejects.toMatchObject({
      code: 'file_truncated',
    });
  });
});

describe('a log operator who rewrites history', () => {
  it('cannot prove the rewritten log extends the checkpoint the client already holds', async () => {
    const logKeys = await generateSigningKeyPair();
    const leaves = Array.from({ length: 9 }, (_, i) => new Uint8Array(32).fill(i + 1));
    const old = {
      logId: 'log',
      treeSize: 6,
      rootHash: await merkleRoot(leaves.slice(0, 6)),
      timestamp: 1,
    };
    const oldSignature = await signCheckpoint(old, logKeys.secretKey);
    await verifyCheckpoint(old, oldSignature, logKeys.publicKey);
    // The operator deletes an inconvenient receipt (index 2) and appends new ones.
    const rewritten = [...leaves.slice(0, 2), ...leaves.slice(3)];
    await expect(
      verifyConsistency({
        oldSize: 6,
        newSize: rewritten.length,
        oldRoot: old.rootHash,
        newRoot: await merkleRoot(rewritten),
        proof: await consistencyProof(6, rewritten),
      }),
    ).rejects.toMatchObject({ code: 'proof_invalid' });
    // …and cannot pass off a checkpoint signed with another key.
    const impostor = await generateSigningKeyPair();
    const forged = { ...old, rootHash: await merkleRoot(rewritten.slice(0, 6)) };
    await expect(
      verifyCheckpoint(forged, await signCheckpoint(forged, impostor.secretKey), logKeys.publicKey),
    ).rejects.toMatchObject({
      code: 'signature_invalid',
    });
  });
});
