/**
 * Frozen vectors for the C2SP receipt formats (signed note, tlog-checkpoint, cosignature/v1,
 * tlog-proof). Receipts handed to police and courts carry these exact bytes: if a test here fails,
 * an encoding changed by accident. Never edit an expected value to make a test pass.
 *
 * The key IDs and signatures are also re-checked with Node's own SHA-256 and Ed25519 (not
 * libsodium), from the byte layouts the specs give, so the vectors pin the specs, not the code.
 */
import { createHash, createPublicKey, verify as nodeVerify } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { encodeReceiptLeaf } from './checkpoint.js';
import { fromHex, toHex, utf8Encode } from './bytes.js';
import { inclusionProof, leafHash, merkleRoot } from './merkle.js';
import {
  ed25519Signer,
  ed25519Verifier,
  formatEd25519PrivateKey,
  fromBase64,
  keyIdHex,
  parseNote,
  signNote,
} from './signed-note.js';
import { cryptoReady } from './sodium.js';
import { signCheckpoint } from './tlog-checkpoint.js';
import { cosignatureSigner, cosignatureVerifier } from './tlog-cosignature.js';
import { formatTlogProof, verifyTlogProof } from './tlog-proof.js';

beforeAll(cryptoReady);

const seq = (start: number, n: number): Uint8Array =>
  Uint8Array.from({ length: n }, (_, i) => (start + i) & 0xff);

const ORIGIN = 'mosaic.example.org/receipts';
const LOG_SEED = seq(0, 32);
const WITNESS_SEED = seq(32, 32);
const WITNESS_TIME = 1_790_000_000;

const LOG_VKEY =
  'mosaic.example.org/receipts+1c6a96da+AQOhB7/zzhC+HXDdGOdLwJln5NYwm6UNXx3chmQSVTG4';
const LOG_SKEY =
  'PRIVATE+KEY+mosaic.example.org/receipts+1c6a96da+AQABAgMEBQYHCAkKCwwNDg8QERITFBUWFxgZGhscHR4f';
const WITNESS_VKEY = 'witness.example.net/w1+669be294+BCmsuuFBvMrwsi4alNNNC8c2HlJtC/4SyJeUvJMilm3X';
const LEAF_3 =
  '010000000e6d6f736169632e72656365697074000000087265636f72642d330000000000000004434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f606162000001a0c45077b8';
const LEAF_HASH_3 = 'd68da8f50226890977ec605e96e508f7791a232a9b84081b114d6ea8d1fb8a4c';
const ROOT_5 = '1678234c859d99d7785557979ec2379b8b8d5aa9e0d8fa239b051f5775c01197';
const BODY = 'mosaic.example.org/receipts\n5\nFngjTIWdmdd4VVeXnsI3m4uNWqng2PojmwUfV3XAEZc=\n';
const LOG_LINE =
  '— mosaic.example.org/receipts HGqW2gXIy5WKjyvpC/acYQ0R+ulTPEHGJ2fg6dQJSl3y7o0o5wv/t42H+BK8Z7Ax0RjnqsRwugbgJ4TpUCiraev66A8=\n';
const WITNESS_LINE =
  '— witness.example.net/w1 ZpvilAAAAABqsTuA3nPpXNOLXm8lIabkPEsSCE71O8BYhM/fyievlIAWB4d4hl58lA5vjv4IB6AyfayyS6qitWmgGZjbPi3nnywMDQ==\n';
const PROOF_3 = [
  'c2sp.org/tlog-proof@v1',
  'extra AQAAAA5tb3NhaWMucmVjZWlwdAAAAAhyZWNvcmQtMwAAAAAAAAAEQ0RFRkdISUpLTE1OT1BRUlNUVVZXWFlaW1xdXl9gYWIAAAGgxFB3uA==',
  'index 3',
  'oay8VBQuZrx7X3Vv2GP5y6D/JCEB5yFZL89Z2/4cb8U=',
  'uWkKts4PEwOm4/0QMDJpOGoga2q926mJ/tJA8/Sa4ws=',
  'EklIEC9FfEU5+yUCfr5q8erJXHCajfRCP05DrnM6vGw=',
  '',
  `${BODY}\n${LOG_LINE}${WITNESS_LINE}`,
].join('\n');

function leaves(): Uint8Array[] {
  return Array.from({ length: 5 }, (_, i) =>
    encodeReceiptLeaf({
      recordId: `record-${i}`,
      revision: i + 1,
      ciphertextSha256: seq(64 + i, 32),
      receivedAt: 1_790_000_000_000 + i * 1000,
    }),
  );
}

/** Independent checks with node:crypto. */
function nodeKeyId(name: string, type: number, publicKey: Uint8Array): string {
  const h = createHash('sha256')
    .update(Buffer.concat([Buffer.from(name, 'utf8'), Buffer.of(0x0a, type), publicKey]))
    .digest();
  return h.subarray(0, 4).toString('hex');
}
function nodeEd25519Verify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array) {
  const key = createPublicKey({
    key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(publicKey).toString('base64url') },
    format: 'jwk',
  });
  return nodeVerify(null, message, key, signature);
}

describe('frozen C2SP receipt vectors', () => {
  it('log key: key ID, vkey and private key text', async () => {
    const log = await ed25519Signer(ORIGIN, LOG_SEED);
    expect(keyIdHex(log.keyId)).toBe('1c6a96da');
    expect(nodeKeyId(ORIGIN, 0x01, log.publicKey)).toBe('1c6a96da');
    expect(log.vkey).toBe(LOG_VKEY);
    expect(await formatEd25519PrivateKey(ORIGIN, LOG_SEED)).toBe(LOG_SKEY);
  });

  it('witness key: cosignature/v1 key ID (type 0x04) and vkey', async () => {
    const w = await cosignatureSigner('witness.example.net/w1', WITNESS_SEED, () => WITNESS_TIME);
    expect(keyIdHex(w.keyId)).toBe('669be294');
    expect(nodeKeyId('witness.example.net/w1', 0x04, w.publicKey)).toBe('669be294');
    expect(w.vkey).toBe(WITNESS_VKEY);
  });

  it('receipt leaf v1, leaf hash and root of the five-leaf log', async () => {
    const all = leaves();
    expect(toHex(all[3]!)).toBe(LEAF_3);
    expect(toHex(await leafHash(all[3]!))).toBe(LEAF_HASH_3);
    expect(
      createHash('sha256')
        .update(Buffer.concat([Buffer.of(0), all[3]!]))
        .digest('hex'),
    ).toBe(LEAF_HASH_3);
    const root = await merkleRoot(await Promise.all(all.map((l) => leafHash(l))));
    expect(toHex(root)).toBe(ROOT_5);
  });

  it('signed checkpoint and cosignature lines, byte for byte', async () => {
    const log = await ed25519Signer(ORIGIN, LOG_SEED);
    const note = await signCheckpoint({ origin: ORIGIN, size: 5, rootHash: fromHex(ROOT_5) }, log);
    expect(note).toBe(`${BODY}\n${LOG_LINE}`);
    const w = await cosignatureSigner('witness.example.net/w1', WITNESS_SEED, () => WITNESS_TIME);
    const cosigned = await signNote(BODY, [w], parseNote(note).signatures);
    expect(cosigned).toBe(`${BODY}\n${LOG_LINE}${WITNESS_LINE}`);

    // Independent: the log line is keyId ‖ Ed25519(body); the witness line is
    // keyId ‖ u64 time ‖ Ed25519("cosignature/v1\ntime <t>\n" ‖ body).
    const logRaw = fromBase64(LOG_LINE.split(' ')[2]!.trim())!;
    expect(toHex(logRaw.subarray(0, 4))).toBe('1c6a96da');
    expect(nodeEd25519Verify(log.publicKey, utf8Encode(BODY), logRaw.subarray(4))).toBe(true);
    const wRaw = fromBase64(WITNESS_LINE.split(' ')[2]!.trim())!;
    expect(toHex(wRaw.subarray(0, 12))).toBe('669be294000000006ab13b80');
    const message = utf8Encode(`cosignature/v1\ntime ${WITNESS_TIME}\n${BODY}`);
    expect(nodeEd25519Verify(w.publicKey, message, wRaw.subarray(12))).toBe(true);
  });

  it('tlog-proof text of leaf 3, and it verifies with the frozen keys', async () => {
    const all = leaves();
    const hashes = await Promise.all(all.map((l) => leafHash(l)));
    const text = formatTlogProof({
      extra: all[3]!,
      index: 3,
      inclusion: await inclusionProof(3, hashes),
      checkpoint: `${BODY}\n${LOG_LINE}${WITNESS_LINE}`,
    });
    expect(text).toBe(PROOF_3);
    const r = await verifyTlogProof({
      proof: PROOF_3,
      leafBytes: fromHex(LEAF_3),
      logKey: await ed25519Verifier(LOG_VKEY),
      origin: ORIGIN,
      witnessPolicy: { witnesses: [await cosignatureVerifier(WITNESS_VKEY)], quorum: 1 },
    });
    expect(r.index).toBe(3);
    expect(r.cosignatures).toEqual([
      { name: 'witness.example.net/w1', keyId: 0x669be294, timestamp: WITNESS_TIME },
    ]);
  });
});
