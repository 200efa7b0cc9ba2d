/**
 * Receipts as C2SP transparency-log proofs (c2sp.org/tlog-proof@v1): one small text file that
 * anyone can check offline with the log's vkey and origin.
 *
 *   c2sp.org/tlog-proof@v1
 *   extra <base64>            (optional; Mosaic: the receipt leaf v1 bytes, NOT trusted by itself)
 *   index <decimal>
 *   <base64 hash>             (RFC 6962 inclusion proof, leaf's sibling first, 0 or more lines)
 *   <empty line>
 *   <the signed checkpoint note, verbatim, with any cosignatures>
 *
 * `verifyTlogProof` checks the log's checkpoint signature and origin, the witness policy if one is
 * given, then ALWAYS the inclusion of the caller's leaf at the index against the checkpoint root.
 * `verifyReceiptProof` does the same for a Mosaic receipt, from the SHA-256 of the ciphertext.
 */
import { assertBytes, assertSafeUint, bytesEqual, isWellFormed, utf8Decode } from './bytes.js';
import { decodeReceiptLeaf, type Receipt } from './checkpoint.js';
import { CryptoError } from './errors.js';
import { HASH_BYTES, leafHash as rfc6962LeafHash, verifyInclusion } from './merkle.js';
import { fromBase64, MAX_NOTE_BYTES, toBase64, type NoteVerifier } from './signed-note.js';
import { verifyCheckpointNote, type TlogCheckpoint } from './tlog-checkpoint.js';
import {
  verifyCosignatures,
  type VerifiedCosignature,
  type WitnessPolicy,
} from './tlog-cosignature.js';

export const TLOG_PROOF_HEADER = 'c2sp.org/tlog-proof@v1';
/** Inclusion proofs of trees up to 2^64 leaves have at most 64 hashes. */
export const MAX_INCLUSION_HASHES = 64;

/** A tlog-proof's parts. */
export interface TlogProof {
  /** Opaque, unauthenticated extra data (Mosaic: the receipt leaf bytes). */
  readonly extra?: Uint8Array;
  readonly index: number;
  readonly inclusion: readonly Uint8Array[];
  /** The signed checkpoint note, verbatim. */
  readonly checkpoint: string;
}

function malformed(message: string): CryptoError {
  return new CryptoError('envelope_malformed', message, { reason: 'proof_malformed' });
}

/**
 * The tlog-proof text.
 *
 * @example const receipt = formatTlogProof({ index: 5, inclusion, checkpoint: signedNote });
 */
export function formatTlogProof(proof: TlogProof): string {
  assertSafeUint(proof.index, 'index');
  if (proof.inclusion.length > MAX_INCLUSION_HASHES) {
    throw new CryptoError('input_invalid', 'too many inclusion hashes');
  }
  let out = `${TLOG_PROOF_HEADER}\n`;
  if (proof.extra !== undefined) {
    assertBytes(proof.extra, 'extra');
    if (proof.extra.length === 0) throw new CryptoError('input_invalid', 'extra must not be empty');
    out += `extra ${toBase64(proof.extra)}\n`;
  }
  out += `index ${proof.index}\n`;
  for (const h of proof.inclusion) {
    if (!(h instanceof Uint8Array) || h.length !== HASH_BYTES) {
      throw new CryptoError('input_invalid', 'inclusion hashes must be 32 bytes');
    }
    out += `${toBase64(h)}\n`;
  }
  if (typeof proof.checkpoint !== 'string' || proof.checkpoint.length === 0) {
    throw new CryptoError('input_invalid', 'the checkpoint note is missing');
  }
  return `${out}\n${proof.checkpoint}`;
}

/**
 * Parses tlog-proof text strictly (`envelope_malformed`, reason `proof_malformed`). The checkpoint
 * is returned verbatim and is not checked here: call verifyTlogProof.
 *
 * @example const { index, inclusion, checkpoint } = parseTlogProof(fileText);
 */
export function parseTlogProof(input: string | Uint8Array): TlogProof {
  let text: string;
  if (input instanceof Uint8Array) {
    if (input.length > MAX_NOTE_BYTES + 8192) throw malformed('the proof is too large');
    try {
      text = utf8Decode(input);
    } catch {
      throw malformed('the proof is not valid UTF-8');
    }
  } else if (typeof input === 'string' && isWellFormed(input)) {
    text = input;
  } else {
    throw malformed('the proof is not valid UTF-8 text');
  }
  let pos = 0;
  const nextLine = (): string => {
    const end = text.indexOf('\n', pos);
    if (end < 0) throw malformed('the proof ends early');
    const line = text.slice(pos, end);
    pos = end + 1;
    return line;
  };
  if (nextLine() !== TLOG_PROOF_HEADER)
    throw malformed(`the first line must be ${TLOG_PROOF_HEADER}`);
  let line = nextLine();
  let extra: Uint8Array | undefined;
  if (line.startsWith('extra ')) {
    extra = fromBase64(line.slice('extra '.length));
    if (extra === undefined || extra.length === 0) throw malformed('extra is not base64');
    line = nextLine();
  }
  const m = /^index (0|[1-9][0-9]*)$/.exec(line);
  const index = m ? Number(m[1]) : NaN;
  if (!Number.isSafeInteger(index)) throw malformed('bad index line');
  const inclusion: Uint8Array[] = [];
  for (;;) {
    line = nextLine();
    if (line === '') break;
    const h = fromBase64(line);
    if (h?.length !== HASH_BYTES) throw malformed('an inclusion hash is not base64 of 32 bytes');
    if (inclusion.length === MAX_INCLUSION_HASHES) throw malformed('too many inclusion hashes');
    inclusion.push(h);
  }
  const checkpoint = text.slice(pos);
  if (checkpoint.length === 0) throw malformed('the checkpoint is missing');
  return extra !== undefined
    ? { extra, index, inclusion, checkpoint }
    : { index, inclusion, checkpoint };
}

export interface VerifyTlogProofInput {
  /** The tlog-proof text or bytes. */
  readonly proof: string | Uint8Array;
  /** The leaf data (hashed here as RFC 6962 SHA-256(0x00 ‖ data)) — give this or leafHash. */
  readonly leafBytes?: Uint8Array;
  /** The RFC 6962 leaf hash, when the caller computed it. */
  readonly leafHash?: Uint8Array;
  /** The log's key (ed25519Verifier of its vkey). */
  readonly logKey: NoteVerifier;
  /** The log origin the caller expects. */
  readonly origin: string;
  /** Witnesses that must have cosigned the checkpoint, if any. */
  readonly witnessPolicy?: WitnessPolicy;
}

export interface VerifiedTlogProof {
  readonly index: number;
  readonly checkpoint: TlogCheckpoint;
  /** The checkpoint note text (the signed body). */
  readonly checkpointBody: string;
  /** The signed checkpoint note, verbatim. */
  readonly checkpointNote: string;
  /** The extra data, unauthenticated: only trust what it says after checking it. */
  readonly extra?: Uint8Array;
  /** Witness cosignatures that satisfied the policy (empty without one). */
  readonly cosignatures: readonly VerifiedCosignature[];
}

/**
 * Verifies a receipt: parse (`envelope_malformed`), the log signature (`signature_invalid`), the
 * origin (`proof_invalid`, reason `origin_mismatch`), the witness policy (`signature_invalid`,
 * reason `witness_quorum`), then the inclusion of THIS leaf at the index in the checkpoint's tree
 * (`proof_invalid`, reason `index_out_of_range` or `inclusion_invalid`). Never skips the inclusion
 * check: an index past the tree, a wrong leaf or any changed hash fails.
 *
 * @example const { index, checkpoint } = await verifyTlogProof({ proof, leafBytes, logKey, origin });
 */
export async function verifyTlogProof(input: VerifyTlogProofInput): Promise<VerifiedTlogProof> {
  const leaf = await resolveLeafHash(input);
  const proof = parseTlogProof(input.proof);
  const verified = await verifyCheckpointNote({
    note: proof.checkpoint,
    logKey: input.logKey,
    origin: input.origin,
  });
  const cosignatures =
    input.witnessPolicy !== undefined
      ? await verifyCosignatures(proof.checkpoint, input.witnessPolicy)
      : [];
  const { checkpoint } = verified;
  if (proof.index >= checkpoint.size) {
    throw new CryptoError('proof_invalid', 'the index is not inside the checkpointed tree', {
      reason: 'index_out_of_range',
    });
  }
  try {
    await verifyInclusion({
      leafIndex: proof.index,
      treeSize: checkpoint.size,
      leafHash: leaf,
      proof: proof.inclusion,
      rootHash: checkpoint.rootHash,
    });
  } catch (e) {
    if (e instanceof CryptoError && e.code === 'proof_invalid') {
      throw new CryptoError('proof_invalid', e.message, { reason: 'inclusion_invalid' });
    }
    throw e;
  }
  return {
    index: proof.index,
    checkpoint,
    checkpointBody: verified.body,
    checkpointNote: proof.checkpoint,
    ...(proof.extra !== undefined ? { extra: proof.extra } : {}),
    cosignatures,
  };
}

async function resolveLeafHash(input: VerifyTlogProofInput): Promise<Uint8Array> {
  const { leafBytes, leafHash } = input;
  if ((leafBytes === undefined) === (leafHash === undefined)) {
    throw new CryptoError('input_invalid', 'give exactly one of leafBytes and leafHash');
  }
  if (leafBytes !== undefined) return rfc6962LeafHash(leafBytes);
  if (!(leafHash instanceof Uint8Array) || leafHash.length !== HASH_BYTES) {
    throw new CryptoError('input_invalid', 'leafHash must be 32 bytes');
  }
  return leafHash;
}

export interface VerifyReceiptProofInput {
  /** The `.tlog-proof` receipt, whose `extra` holds the receipt leaf v1 bytes. */
  readonly proof: string | Uint8Array;
  /** SHA-256 of the ciphertext the person holds (the stored bytes the receipt is for). */
  readonly ciphertextSha256: Uint8Array;
  readonly logKey: NoteVerifier;
  readonly origin: string;
  readonly witnessPolicy?: WitnessPolicy;
}

/**
 * Verifies a Mosaic receipt end to end, offline: the `extra` line must be a receipt leaf v1
 * (`envelope_malformed`, reason `receipt_leaf_missing` otherwise) for exactly this ciphertext
 * (`proof_invalid`, reason `ciphertext_mismatch`), and that leaf must verify as in
 * verifyTlogProof. Returns the receipt's fields with the index and checkpoint.
 *
 * @example const { receipt, checkpoint } = await verifyReceiptProof({ proof, ciphertextSha256, logKey, origin });
 */
export async function verifyReceiptProof(
  input: VerifyReceiptProofInput,
): Promise<VerifiedTlogProof & { readonly receipt: Receipt }> {
  const { extra } = parseTlogProof(input.proof);
  let receipt: Receipt;
  try {
    if (extra === undefined) throw new Error('no extra line');
    receipt = decodeReceiptLeaf(extra);
  } catch {
    throw new CryptoError('envelope_malformed', 'the receipt has no receipt leaf', {
      reason: 'receipt_leaf_missing',
    });
  }
  if (
    !(input.ciphertextSha256 instanceof Uint8Array) ||
    !bytesEqual(receipt.ciphertextSha256, input.ciphertextSha256)
  ) {
    throw new CryptoError('proof_invalid', 'the receipt is for other bytes', {
      reason: 'ciphertext_mismatch',
    });
  }
  const verified = await verifyTlogProof({
    proof: input.proof,
    leafBytes: extra,
    logKey: input.logKey,
    origin: input.origin,
    ...(input.witnessPolicy !== undefined ? { witnessPolicy: input.witnessPolicy } : {}),
  });
  return { ...verified, receipt };
}
