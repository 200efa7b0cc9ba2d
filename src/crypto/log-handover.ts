/**
 * A receipt-log key hand-over (docs/vault-protocol.md §9.7): when a deployment changes its log
 * key, the old key and the new key both sign one C2SP signed note saying so. A vault that pinned
 * the old key follows the note to the new one, and to the next after that, without ever trusting
 * a key the previous one did not vouch for. The tree does not restart: the new origin's first
 * checkpoint extends the old origin's last one, and the vault checks that with a consistency proof
 * as always.
 *
 * The note's text (every line ends with a newline):
 *
 *     mosaic/log-key-handover/v1
 *     from <old vkey>
 *     to <new vkey>
 *     at <ISO 8601 UTC time, milliseconds>
 *
 * signed with the old key (name = old origin) and the new key (name = new origin).
 */
import { toHex } from './bytes.js';
import { CryptoError } from './errors.js';
import { sha256 } from './sha256.js';
import {
  ed25519Verifier,
  openNote,
  parseNote,
  parseVerifierKey,
  signNote,
  SIG_TYPE_ED25519,
  keyIdHex,
  type Ed25519NoteSigner,
} from './signed-note.js';

export const HANDOVER_HEADER = 'mosaic/log-key-handover/v1';
/** More hand-overs than a log will ever need; a longer list is refused, not walked. */
export const MAX_HANDOVERS = 100;

export interface Handover {
  /** The key handing over (C2SP vkey text; its name is the old origin). */
  readonly from: string;
  /** The key taking over (its name is the new origin). */
  readonly to: string;
  readonly at: Date;
}

/** A pinned log: its origin and key. The same shape as the vault's PinnedLog. */
export interface LogIdentity {
  readonly origin: string;
  readonly vkey: string;
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

function invalid(message: string): CryptoError {
  return new CryptoError('input_invalid', message, { reason: 'handover_invalid' });
}

/** The hand-over's text, before signing. */
export function formatHandoverBody(handover: Handover): string {
  return `${HANDOVER_HEADER}\nfrom ${handover.from}\nto ${handover.to}\nat ${handover.at.toISOString()}\n`;
}

/** Parses the text strictly: four lines, in order, nothing else. */
export function parseHandoverBody(text: string): Handover {
  const lines = text.split('\n');
  if (lines.length !== 5 || lines[4] !== '' || lines[0] !== HANDOVER_HEADER) {
    throw invalid('not a log key hand-over');
  }
  const [, fromLine = '', toLine = '', atLine = ''] = lines;
  if (!fromLine.startsWith('from ') || !toLine.startsWith('to ') || !atLine.startsWith('at ')) {
    throw invalid('a hand-over has from, to and at lines');
  }
  const at = atLine.slice(3);
  if (!ISO.test(at) || Number.isNaN(Date.parse(at))) throw invalid('the time is not ISO 8601 UTC');
  return { from: fromLine.slice(5), to: toLine.slice(3), at: new Date(at) };
}

/**
 * Signs a hand-over from `from` to `to`, both keys signing.
 *
 * @example const note = await signHandover(oldSigner, newSigner, new Date());
 */
export async function signHandover(
  from: Ed25519NoteSigner,
  to: Ed25519NoteSigner,
  at: Date,
): Promise<string> {
  if (from.vkey === to.vkey) throw invalid('a key cannot hand over to itself');
  if (from.name === to.name) throw invalid('the new key needs a new origin');
  return signNote(formatHandoverBody({ from: from.vkey, to: to.vkey, at }), [from, to]);
}

/**
 * Verifies one hand-over note as coming from `fromVkey`: its text names that key, and both the
 * old and the new key signed it. Resolves to the hand-over; throws CryptoError otherwise.
 */
export async function verifyHandover(note: string, fromVkey: string): Promise<Handover> {
  const from = await parseVerifierKey(fromVkey);
  if (from.type !== SIG_TYPE_ED25519) throw invalid('the old key is not Ed25519');
  const opened = await openNote(note, [await ed25519Verifier(fromVkey)]);
  const handover = parseHandoverBody(opened.text);
  if (handover.from !== fromVkey) throw invalid('this hand-over is from another key');
  const to = await parseVerifierKey(handover.to);
  if (to.type !== SIG_TYPE_ED25519) throw invalid('the new key is not Ed25519');
  if (to.name === from.name) throw invalid('the new key needs a new origin');
  // The new key must have signed too (openNote with only it, so the old signature is ignored).
  await openNote(note, [await ed25519Verifier(handover.to)]);
  return handover;
}

/**
 * Follows the hand-overs from `pinned`, in any order the server lists them: each step must be
 * signed by the key pinned at that point (and by the next). Notes that are not from the current
 * key are skipped; a note from the current key that does not verify is refused (throws), since a
 * server offering a broken hand-over is not to be trusted further. Resolves to the key pinned at
 * the end (unchanged when there is nothing to follow) and the steps taken.
 *
 * @example const { pinned, steps } = await followHandovers(state.pinned, notes);
 */
export async function followHandovers(
  pinned: LogIdentity,
  notes: readonly string[],
): Promise<{ pinned: LogIdentity; steps: Handover[] }> {
  if (notes.length > MAX_HANDOVERS) throw invalid('too many hand-overs');
  const claims = notes.map((note) => {
    try {
      return { note, from: parseHandoverBody(parseNote(note).text).from };
    } catch {
      return undefined;
    }
  });
  let current = pinned;
  const steps: Handover[] = [];
  const seen = new Set([current.vkey]);
  for (;;) {
    const next = claims.find((c) => c?.from === current.vkey);
    if (next === undefined) return { pinned: current, steps };
    const handover = await verifyHandover(next.note, current.vkey);
    // A key seen before would loop; refuse rather than go round.
    if (seen.has(handover.to)) throw invalid('the hand-overs go round in a circle');
    seen.add(handover.to);
    steps.push(handover);
    current = { origin: (await parseVerifierKey(handover.to)).name, vkey: handover.to };
  }
}

/**
 * What people compare by eye: `<key id hex>:<SHA-256 of the public key, hex>`, as the server
 * publishes at /.well-known/mosaic-log.
 */
export async function logKeyFingerprint(vkey: string): Promise<string> {
  const parts = await parseVerifierKey(vkey);
  return `${keyIdHex(parts.keyId)}:${toHex(await sha256(parts.publicKey))}`;
}
