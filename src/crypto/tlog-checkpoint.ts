/**
 * Transparency-log checkpoints (c2sp.org/tlog-checkpoint): a signed note whose text is
 *
 *   origin ‖ "\n" ‖ tree size (decimal, no leading zeros) ‖ "\n" ‖ base64(RFC 6962 root) ‖ "\n"
 *   ‖ (extension line ‖ "\n")*
 *
 * signed by the log's Ed25519 note key, whose key name is the origin. Witnesses add cosignature
 * lines (tlog-cosignature.ts); a verifier ignores any signature it has no key for.
 */
import { assertSafeUint } from './bytes.js';
import { CryptoError } from './errors.js';
import { HASH_BYTES } from './merkle.js';
import {
  fromBase64,
  hasControl,
  isValidKeyName,
  openNote,
  signNote,
  toBase64,
  type NoteSignature,
  type NoteSigner,
  type NoteVerifier,
  type OpenedNote,
} from './signed-note.js';

/** The three essential lines of a tree head, plus optional extension lines. */
export interface TlogCheckpoint {
  /** The log's identity, e.g. "mosaic.example.org/receipts". */
  readonly origin: string;
  /** Number of leaves. */
  readonly size: number;
  /** RFC 6962 Merkle tree hash at `size` (32 bytes). */
  readonly rootHash: Uint8Array;
  /** Opaque, non-empty extension lines (NOT RECOMMENDED by the spec; Mosaic writes none). */
  readonly extensions?: readonly string[];
}

/** A verified checkpoint: its fields, the exact body text, and the note's signatures. */
export interface VerifiedCheckpoint {
  readonly checkpoint: TlogCheckpoint;
  /** The note text (what was signed, and what an RFC 3161 time-stamp covers). */
  readonly body: string;
  /** The verified signatures from the known keys given (the log key). */
  readonly verified: readonly NoteSignature[];
  /** Signatures from keys not given (cosignatures, other keys): not trusted by this call. */
  readonly unverified: readonly NoteSignature[];
}

function malformed(reason: string, message: string): CryptoError {
  return new CryptoError('envelope_malformed', message, { reason });
}

/**
 * The checkpoint note text.
 *
 * @example formatCheckpointBody({ origin: 'example.com/log', size: 1, rootHash }) // 'example.com/log\n1\n…=\n'
 */
export function formatCheckpointBody(checkpoint: TlogCheckpoint): string {
  const { origin, size, rootHash } = checkpoint;
  if (typeof origin !== 'string' || origin.length === 0 || hasControl(origin, false)) {
    throw new CryptoError('input_invalid', 'the origin must be one non-empty line');
  }
  assertSafeUint(size, 'size');
  if (!(rootHash instanceof Uint8Array) || rootHash.length !== HASH_BYTES) {
    throw new CryptoError('input_invalid', 'rootHash must be 32 bytes');
  }
  let out = `${origin}\n${size}\n${toBase64(rootHash)}\n`;
  for (const line of checkpoint.extensions ?? []) {
    if (typeof line !== 'string' || line.length === 0 || hasControl(line, false)) {
      throw new CryptoError('input_invalid', 'extension lines must be non-empty single lines');
    }
    out += `${line}\n`;
  }
  return out;
}

/**
 * Parses checkpoint note text strictly (envelope_malformed with a `reason` otherwise): at least
 * three non-empty lines, a decimal size with no leading zeros within 2^53 − 1, a canonical base64
 * 32-byte root, non-empty extension lines, a final newline.
 *
 * @example const { origin, size, rootHash } = parseCheckpointBody(opened.text);
 */
export function parseCheckpointBody(body: string): TlogCheckpoint {
  if (typeof body !== 'string' || !body.endsWith('\n')) {
    throw malformed('checkpoint_malformed', 'checkpoint text must end with a newline');
  }
  const lines = body.slice(0, -1).split('\n');
  if (lines.length < 3)
    throw malformed('checkpoint_malformed', 'a checkpoint has at least 3 lines');
  const [origin = '', sizeText = '', rootText = '', ...extensions] = lines;
  if (origin.length === 0) throw malformed('checkpoint_malformed', 'the origin is empty');
  if (!/^(0|[1-9][0-9]*)$/.test(sizeText)) {
    throw malformed('checkpoint_malformed', 'the tree size must be decimal with no leading zeros');
  }
  const size = Number(sizeText);
  if (!Number.isSafeInteger(size)) {
    throw malformed('checkpoint_malformed', 'the tree size is larger than 2^53 - 1');
  }
  const rootHash = fromBase64(rootText);
  if (rootHash?.length !== HASH_BYTES) {
    throw malformed('checkpoint_malformed', 'the root hash must be base64 of 32 bytes');
  }
  if (extensions.some((l) => l.length === 0)) {
    throw malformed('checkpoint_malformed', 'extension lines must be non-empty');
  }
  return extensions.length > 0
    ? { origin, size, rootHash, extensions }
    : { origin, size, rootHash };
}

/**
 * Signs a checkpoint with the log's note signer (whose name must be the origin, as the spec
 * recommends and Mosaic requires). Returns the signed note text.
 *
 * @example const note = await signCheckpoint({ origin, size, rootHash }, logSigner);
 */
export async function signCheckpoint(
  checkpoint: TlogCheckpoint,
  logSigner: NoteSigner,
): Promise<string> {
  if (!isValidKeyName(checkpoint.origin) || logSigner.name !== checkpoint.origin) {
    throw new CryptoError(
      'input_invalid',
      "Mosaic's log key name must equal the checkpoint origin (a URL with no spaces or '+')",
    );
  }
  return signNote(formatCheckpointBody(checkpoint), [logSigner]);
}

export interface VerifyCheckpointInput {
  /** The signed checkpoint note (text or UTF-8 bytes). */
  readonly note: string | Uint8Array;
  /** The log's verifier (from its vkey). */
  readonly logKey: NoteVerifier;
  /** The origin the verifier expects (the log identity configured beside the key). */
  readonly origin: string;
}

/**
 * Verifies a signed checkpoint: the log key's signature must verify (others are ignored), then the
 * body must parse and name the expected origin. Throws `signature_invalid` (reasons from
 * openNote), `envelope_malformed`, or `proof_invalid` with reason `origin_mismatch`.
 *
 * @example const { checkpoint } = await verifyCheckpointNote({ note, logKey, origin: 'mosaic.example.org/receipts' });
 */
export async function verifyCheckpointNote(
  input: VerifyCheckpointInput,
): Promise<VerifiedCheckpoint> {
  const opened: OpenedNote = await openNote(input.note, [input.logKey]);
  const checkpoint = parseCheckpointBody(opened.text);
  if (checkpoint.origin !== input.origin) {
    throw new CryptoError('proof_invalid', 'the checkpoint is from another log', {
      reason: 'origin_mismatch',
    });
  }
  return {
    checkpoint,
    body: opened.text,
    verified: opened.verified,
    unverified: opened.unverified,
  };
}
