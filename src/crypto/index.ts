/**
 * Mosaic vault protocol v1 — the public API of `src/crypto`. See docs/vault-protocol.md.
 *
 * Pure and isomorphic: runs unchanged in the browser and in Node, does no I/O, and uses only
 * libsodium for primitives. Every failure is a CryptoError with a stable code.
 *
 * @example
 * import { deriveKeys, newKdfParams, generateKey, wrapKey, KEY_CONTEXTS } from '../crypto/index.js';
 * const params = await newKdfParams();
 * const { authKey, keyEncryptionKey } = await deriveKeys(passphrase, params);
 * const accountKey = await generateKey();
 * const wrapped = await wrapKey(keyEncryptionKey, accountKey, KEY_CONTEXTS.accountKeyByKek);
 */
export {
  CryptoError,
  isCryptoError,
  type CryptoErrorCode,
  type CryptoErrorDetails,
} from './errors.js';
export { cryptoReady } from './sodium.js';
export {
  bytesEqual,
  concatBytes,
  fromBase64Url,
  fromHex,
  toBase64Url,
  toHex,
  utf8Decode,
  utf8Encode,
  wipe,
} from './bytes.js';
export {
  assertKdfParams,
  DEFAULT_KDF,
  deriveKeys,
  KDF_SALT_BYTES,
  kdfParamsFromJson,
  kdfParamsToJson,
  MAX_KDF,
  MIN_KDF,
  newKdfParams,
  type DerivedKeys,
  type KdfAlgorithm,
  type KdfParams,
  type KdfParamsJson,
} from './kdf.js';
export {
  fileKeyContext,
  generateKey,
  KEY_CONTEXTS,
  recordKeyContext,
  unwrapKey,
  WRAPPED_KEY_BYTES,
  WRAPPED_KEY_VERSION,
  wrapKey,
  wrappedKeyAssociatedData,
} from './keys.js';
export {
  decryptRecord,
  encryptRecord,
  ENVELOPE_OVERHEAD,
  ENVELOPE_PADDING_BLOCK,
  ENVELOPE_VERSION,
  MAX_ID_BYTES,
  openJson,
  recordAssociatedData,
  sealJson,
  SUPPORTED_ENVELOPE_VERSIONS,
  type DecryptRecordInput,
  type EncryptRecordInput,
  type RecordBinding,
  type SealJsonInput,
} from './envelope.js';
export {
  checkRecoveryWords,
  deriveRecoveryAuthKey,
  deriveRecoveryWrappingKey,
  generateRecoveryKey,
  normaliseRecoveryWords,
  parseRecoveryPhrase,
  pickCheckPositions,
  RECOVERY_KEY_BYTES,
  RECOVERY_WORD_COUNT,
  recoveryKeyToWords,
  unwrapAccountKeyWithRecoveryKey,
  wrapAccountKeyWithRecoveryKey,
} from './recovery-key.js';
export { createSha256, sha256, SHA256_BYTES, type Sha256Hasher } from './sha256.js';
export {
  createFileHeader,
  decodeFileHeader,
  decryptFileChunk,
  encodeFileHeader,
  encryptedChunkOffset,
  encryptedFileSize,
  encryptFileChunk,
  FILE_CHUNK_OVERHEAD,
  FILE_CHUNK_SIZE,
  FILE_FORMAT_VERSION,
  FILE_HEADER_BYTES,
  fileChunkAssociatedData,
  fileChunkCount,
  MAX_FILE_CHUNK_SIZE,
  plaintextFileSize,
  type ChunkPosition,
  type FileContext,
  type FileHeader,
} from './file-chunks.js';
export { createChunkSealer, type ChunkSealer } from './file-chunk-sealer.js';
export {
  decryptFile,
  decryptFileStream,
  encryptFile,
  encryptFileStream,
  type DecryptFileOptions,
  type EncryptFileOptions,
} from './file-stream.js';
export {
  consistencyProof,
  HASH_BYTES,
  inclusionProof,
  leafHash,
  merkleRoot,
  nodeHash,
  rootFromInclusionProof,
  verifyConsistency,
  verifyInclusion,
  type ConsistencyCheck,
  type InclusionCheck,
} from './merkle.js';
export {
  CHECKPOINT_VERSION,
  decodeCheckpoint,
  decodeReceiptLeaf,
  encodeCheckpoint,
  encodeReceiptLeaf,
  generateSigningKeyPair,
  RECEIPT_VERSION,
  receiptLeafHash,
  signCheckpoint,
  signedCheckpointFromJson,
  signedCheckpointToJson,
  signingKeyPairFromSeed,
  verifyCheckpoint,
  verifyReceipt,
  type Checkpoint,
  type Receipt,
  type ReceiptCheck,
  type SignedCheckpointJson,
  type SigningKeyPair,
} from './checkpoint.js';
export {
  deriveShareKeys,
  formatPasscode,
  generatePasscode,
  generateShareSecret,
  normalisePasscode,
  PASSCODE_ALPHABET,
  PASSCODE_LENGTH,
  SHARE_KDF,
  SHARE_MANIFEST_TYPE,
  SHARE_PROTOCOL_VERSION,
  SHARE_SECRET_BYTES,
  shareKeyContext,
  shareRecordKeyContext,
  shareSalt,
  type ShareKeys,
} from './share.js';
export {
  ACCOUNT_SECRET_KEY_SLOT,
  accountKeyPairFromSeed,
  generateAccountKeyPair,
  MAX_SEALED_BYTES,
  openSealed,
  PUBLIC_KEY_BYTES,
  PUBLIC_KEY_FINGERPRINT_BYTES,
  publicKeyFingerprint,
  publicKeyMatches,
  publicKeyOf,
  openSealedWithOpeningKey,
  SEALED_VERSION,
  sealedOpeningKey,
  sealToPublicKey,
  unwrapAccountKeyPair,
  wrapAccountSecretKey,
  type AccountKeyPair,
} from './key-pair.js';
export {
  formatWitnessFragment,
  generateWitnessSecret,
  newInvitationId,
  parseWitnessFragment,
  WITNESS_PAGE_SLUG,
  WITNESS_PROTOCOL_VERSION,
  WITNESS_SECRET_BYTES,
  witnessAuthKey,
  witnessInvitationContext,
  witnessStatementContext,
  type WitnessLink,
} from './witness.js';
export {
  MAX_QUICK_PHOTO_BYTES,
  newDropToken,
  newQuickRecordId,
  openQuickRecord,
  quickRecordContext,
  sealQuickRecord,
  type QuickRecordParts,
} from './quick-record.js';
