/**
 * Receipts and signed checkpoints: the evidence that a ciphertext reached the server at a time
 * and has not been changed or removed since ("you could have made this up" — threat 4).
 *
 * When the server accepts a record revision or an evidence file it appends a receipt leaf to its
 * append-only Merkle log and returns a checkpoint (log id, tree size, root hash, timestamp) signed
 * with the log's Ed25519 key, plus an inclusion proof. Anyone holding the log's public key can
 * check a receipt offline; a later checkpoint plus a consistency proof shows the log only grew.
 *
 *   receipt leaf v1 = u8 1 ‖ str "mosaic.receipt" ‖ str recordId ‖ u64 revision
 *                     ‖ SHA-256(ciphertext) (32) ‖ u64 receivedAt (ms since 1970-01-01 UTC)
 *   receipt leaf v2 = u8 2 ‖ (the v1 fields after the version) ‖ u64 backfilledAt (ms)
 *                     — a leaf appended later for a ciphertext stored before the log existed:
 *                     receivedAt is when it was stored, backfilledAt when it entered the log.
 *   checkpoint v1   = u8 1 ‖ str "mosaic.checkpoint" ‖ str logId ‖ u64 treeSize
 *                     ‖ rootHash (32) ‖ u64 timestamp (ms since 1970-01-01 UTC)
 *   signature       = Ed25519(logSecretKey, checkpoint bytes)   (RFC 8032, pure, 64 bytes)
 *
 * (str = u32 BE byte length ‖ UTF-8; all integers big-endian.) The Merkle leaf hash of a receipt
 * is SHA-256(0x00 ‖ receipt leaf bytes), per RFC 6962.
 */
import {
  assertBytes,
  assertKey,
  assertSafeUint,
  ByteReader,
  ByteWriter,
  fromBase64Url,
  toBase64Url,
} from './bytes.js';
import { assertId, MAX_ID_BYTES, unsupportedVersion } from './envelope.js';
import { CryptoError } from './errors.js';
import { HASH_BYTES, leafHash, verifyInclusion } from './merkle.js';
import { loadSodium } from './sodium.js';

export const RECEIPT_VERSION = 1;
/** The version of a backfilled receipt leaf (v1 plus the time it was backfilled). */
export const BACKFILLED_RECEIPT_VERSION = 2;
export const CHECKPOINT_VERSION = 1;
export const SIGNATURE_BYTES = 64;
export const PUBLIC_KEY_BYTES = 32;
export const SECRET_KEY_BYTES = 64;

const RECEIPT_LABEL = 'mosaic.receipt';
const CHECKPOINT_LABEL = 'mosaic.checkpoint';

export interface Receipt {
  /** The record (or evidence file) id the ciphertext belongs to. */
  readonly recordId: string;
  /** The record revision (0 for an evidence file, which is never revised). */
  readonly revision: number;
  /** SHA-256 of the exact ciphertext bytes the server stored. */
  readonly ciphertextSha256: Uint8Array;
  /** When the server accepted it, in milliseconds since the Unix epoch (UTC). */
  readonly receivedAt: number;
  /**
   * Only on a leaf appended after the fact for a ciphertext stored before the log existed:
   * when it entered the log (ms since the Unix epoch). The log vouches for the ciphertext only
   * from this time; receivedAt is the server's own earlier record, not proven by the log.
   */
  readonly backfilledAt?: number;
}

export interface Checkpoint {
  /** Names the log (e.g. the deployment's origin), so checkpoints of two logs cannot be mixed. */
  readonly logId: string;
  readonly treeSize: number;
  readonly rootHash: Uint8Array;
  /** When the checkpoint was signed, in milliseconds since the Unix epoch (UTC). */
  readonly timestamp: number;
}

export interface SigningKeyPair {
  readonly publicKey: Uint8Array;
  /** libsodium's 64-byte form (seed ‖ public key). Keep it on the server only. */
  readonly secretKey: Uint8Array;
}

/**
 * The canonical receipt leaf bytes (the Merkle leaf data).
 *
 * @example const leaf = encodeReceiptLeaf({ recordId, revision: 3, ciphertextSha256, receivedAt: Date.now() });
 */
export function encodeReceiptLeaf(receipt: Receipt): Uint8Array {
  assertId(receipt.recordId, 'recordId');
  assertSafeUint(receipt.revision, 'revision');
  assertSafeUint(receipt.receivedAt, 'receivedAt');
  if (
    !(receipt.ciphertextSha256 instanceof Uint8Array) ||
    receipt.ciphertextSha256.length !== HASH_BYTES
  ) {
    throw new CryptoError('input_invalid', 'ciphertextSha256 must be 32 bytes');
  }
  const { backfilledAt } = receipt;
  const backfilled = backfilledAt !== undefined;
  if (backfilled) assertSafeUint(backfilledAt, 'backfilledAt');
  const w = new ByteWriter()
    .u8(backfilled ? BACKFILLED_RECEIPT_VERSION : RECEIPT_VERSION)
    .string(RECEIPT_LABEL)
    .string(receipt.recordId)
    .u64(receipt.revision)
    .raw(receipt.ciphertextSha256)
    .u64(receipt.receivedAt);
  if (backfilled) w.u64(backfilledAt);
  return w.finish();
}

/**
 * Parses receipt leaf bytes (e.g. from an evidence bundle).
 *
 * @example const receipt = decodeReceiptLeaf(leafBytes);
 */
export function decodeReceiptLeaf(bytes: Uint8Array): Receipt {
  assertBytes(bytes, 'receipt leaf');
  const r = new ByteReader(bytes);
  const version = r.u8();
  if (version !== RECEIPT_VERSION && version !== BACKFILLED_RECEIPT_VERSION) {
    throw unsupportedVersion(version);
  }
  if (r.string(64) !== RECEIPT_LABEL)
    throw new CryptoError('envelope_malformed', 'not a receipt leaf');
  const recordId = r.string(MAX_ID_BYTES);
  const revision = r.u64();
  const ciphertextSha256 = r.raw(HASH_BYTES);
  const receivedAt = r.u64();
  if (version === RECEIPT_VERSION) {
    r.end();
    return { recordId, revision, ciphertextSha256, receivedAt };
  }
  const backfilledAt = r.u64();
  r.end();
  return { recordId, revision, ciphertextSha256, receivedAt, backfilledAt };
}

/**
 * The RFC 6962 leaf hash of a receipt: SHA-256(0x00 ‖ encodeReceiptLeaf(receipt)).
 *
 * @example leafHashes.push(await receiptLeafHash(receipt));
 */
export async function receiptLeafHash(receipt: Receipt): Promise<Uint8Array> {
  return leafHash(encodeReceiptLeaf(receipt));
}

/**
 * The canonical checkpoint bytes that are signed.
 *
 * @example const bytes = encodeCheckpoint({ logId: 'mosaic.example.org', treeSize, rootHash, timestamp });
 */
export function encodeCheckpoint(checkpoint: Checkpoint): Uint8Array {
  assertId(checkpoint.logId, 'logId');
  assertSafeUint(checkpoint.treeSize, 'treeSize');
  assertSafeUint(checkpoint.timestamp, 'timestamp');
  if (!(checkpoint.rootHash instanceof Uint8Array) || checkpoint.rootHash.length !== HASH_BYTES) {
    throw new CryptoError('input_invalid', 'rootHash must be 32 bytes');
  }
  return new ByteWriter()
    .u8(CHECKPOINT_VERSION)
    .string(CHECKPOINT_LABEL)
    .string(checkpoint.logId)
    .u64(checkpoint.treeSize)
    .raw(checkpoint.rootHash)
    .u64(checkpoint.timestamp)
    .finish();
}

/**
 * Parses canonical checkpoint bytes.
 *
 * @example const checkpoint = decodeCheckpoint(bytes);
 */
export function decodeCheckpoint(bytes: Uint8Array): Checkpoint {
  assertBytes(bytes, 'checkpoint');
  const r = new ByteReader(bytes);
  const version = r.u8();
  if (version !== CHECKPOINT_VERSION) throw unsupportedVersion(version);
  if (r.string(64) !== CHECKPOINT_LABEL)
    throw new CryptoError('envelope_malformed', 'not a checkpoint');
  const logId = r.string(MAX_ID_BYTES);
  const treeSize = r.u64();
  const rootHash = r.raw(HASH_BYTES);
  const timestamp = r.u64();
  r.end();
  return { logId, treeSize, rootHash, timestamp };
}

/**
 * A new Ed25519 key pair for a log (generated once per deployment, kept by the server).
 *
 * @example const { publicKey, secretKey } = await generateSigningKeyPair();
 */
export async function generateSigningKeyPair(): Promise<SigningKeyPair> {
  const sodium = await loadSodium();
  const { publicKey, privateKey } = sodium.crypto_sign_keypair();
  return { publicKey, secretKey: privateKey };
}

/**
 * The Ed25519 key pair for a 32-byte seed (RFC 8032 private key), e.g. one loaded from config.
 *
 * @example const pair = await signingKeyPairFromSeed(seedFromEnvironment);
 */
export async function signingKeyPairFromSeed(seed: Uint8Array): Promise<SigningKeyPair> {
  assertKey(seed, 'Ed25519 seed');
  const sodium = await loadSodium();
  const { publicKey, privateKey } = sodium.crypto_sign_seed_keypair(seed);
  return { publicKey, secretKey: privateKey };
}

/**
 * Signs a checkpoint's canonical bytes with Ed25519.
 *
 * @example const signature = await signCheckpoint(checkpoint, logKeys.secretKey);
 */
export async function signCheckpoint(
  checkpoint: Checkpoint,
  secretKey: Uint8Array,
): Promise<Uint8Array> {
  assertKey(secretKey, 'Ed25519 secret key', SECRET_KEY_BYTES);
  const sodium = await loadSodium();
  return sodium.crypto_sign_detached(encodeCheckpoint(checkpoint), secretKey);
}

/**
 * Verifies a checkpoint signature; throws `signature_invalid` unless it holds.
 *
 * @example await verifyCheckpoint(checkpoint, signature, logPublicKey);
 */
export async function verifyCheckpoint(
  checkpoint: Checkpoint,
  signature: Uint8Array,
  publicKey: Uint8Array,
): Promise<void> {
  assertKey(publicKey, 'Ed25519 public key', PUBLIC_KEY_BYTES);
  const sodium = await loadSodium();
  const message = encodeCheckpoint(checkpoint);
  let ok = false;
  if (signature instanceof Uint8Array && signature.length === SIGNATURE_BYTES) {
    try {
      ok = sodium.crypto_sign_verify_detached(signature, message, publicKey);
    } catch {
      ok = false;
    }
  }
  if (!ok)
    throw new CryptoError(
      'signature_invalid',
      'the checkpoint signature is not valid for this log key',
    );
}

export interface ReceiptCheck {
  readonly receipt: Receipt;
  readonly leafIndex: number;
  readonly proof: readonly Uint8Array[];
  readonly checkpoint: Checkpoint;
  readonly signature: Uint8Array;
  readonly logPublicKey: Uint8Array;
}

/**
 * Verifies a receipt end to end: the checkpoint is signed by the log key, and the receipt's leaf
 * is in that checkpoint's tree. Throws `signature_invalid` or `proof_invalid`.
 *
 * @example await verifyReceipt({ receipt, leafIndex, proof, checkpoint, signature, logPublicKey });
 */
export async function verifyReceipt(check: ReceiptCheck): Promise<void> {
  await verifyCheckpoint(check.checkpoint, check.signature, check.logPublicKey);
  await verifyInclusion({
    leafIndex: check.leafIndex,
    treeSize: check.checkpoint.treeSize,
    leafHash: await receiptLeafHash(check.receipt),
    proof: check.proof,
    rootHash: check.checkpoint.rootHash,
  });
}

/** JSON form of a signed checkpoint (byte fields as unpadded base64url). */
export interface SignedCheckpointJson {
  readonly logId: string;
  readonly treeSize: number;
  readonly rootHash: string;
  readonly timestamp: number;
  readonly signature: string;
}

/**
 * The JSON form for the API and evidence bundles.
 *
 * @example response.send(signedCheckpointToJson(checkpoint, signature));
 */
export function signedCheckpointToJson(
  checkpoint: Checkpoint,
  signature: Uint8Array,
): SignedCheckpointJson {
  encodeCheckpoint(checkpoint); // validates
  return {
    logId: checkpoint.logId,
    treeSize: checkpoint.treeSize,
    rootHash: toBase64Url(checkpoint.rootHash),
    timestamp: checkpoint.timestamp,
    signature: toBase64Url(signature),
  };
}

/**
 * Parses the JSON form (shape only — call verifyCheckpoint to trust it).
 *
 * @example const { checkpoint, signature } = signedCheckpointFromJson(body);
 */
export function signedCheckpointFromJson(json: unknown): {
  checkpoint: Checkpoint;
  signature: Uint8Array;
} {
  if (typeof json !== 'object' || json === null)
    throw new CryptoError('envelope_malformed', 'checkpoint must be an object');
  const { logId, treeSize, rootHash, timestamp, signature } = json as Record<string, unknown>;
  if (
    typeof logId !== 'string' ||
    typeof treeSize !== 'number' ||
    typeof rootHash !== 'string' ||
    typeof timestamp !== 'number' ||
    typeof signature !== 'string'
  ) {
    throw new CryptoError(
      'envelope_malformed',
      'checkpoint fields are missing or of the wrong type',
    );
  }
  let checkpoint: Checkpoint;
  let sig: Uint8Array;
  try {
    checkpoint = { logId, treeSize, rootHash: fromBase64Url(rootHash), timestamp };
    sig = fromBase64Url(signature);
    encodeCheckpoint(checkpoint);
  } catch {
    throw new CryptoError('envelope_malformed', 'checkpoint fields are malformed');
  }
  if (sig.length !== SIGNATURE_BYTES)
    throw new CryptoError('envelope_malformed', 'signature must be 64 bytes');
  return { checkpoint, signature: sig };
}
