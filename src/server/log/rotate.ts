/**
 * Changes the receipt log's key (docs/vault-protocol.md §9.7): a new Ed25519 key under a new
 * origin, and a hand-over note signed by both keys, kept in the database for every vault to
 * follow. The tree goes on: the new key's first checkpoint is of the same leaves, so a vault
 * checks the change with the same consistency proofs as always. Old checkpoints and receipts
 * still verify with the old key.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { signHandover } from '../../crypto/log-handover.js';
import { formatEd25519PrivateKey, isValidKeyName } from '../../crypto/signed-note.js';
import {
  insertKeyHandover,
  keptSigningKey,
  replaceKeptSigningKey,
} from '../db/repositories/receipt-log.js';
import type { Database } from '../db/schema.js';
import { StartupError } from '../startup-error.js';
import type { LogConfig } from './log-config.js';
import { loadLogKey, logKeyFromText, type LogKey } from './log-key.js';

export interface Rotation {
  readonly from: LogKey;
  readonly to: LogKey;
  readonly handover: string;
  /** False when the key came from LOG_SIGNING_KEY: the operator must set the new one there. */
  readonly keptInDatabase: boolean;
}

/** `example.org/receipts` → `example.org/receipts/r2`; `…/r2` → `…/r3`. */
export function nextOrigin(origin: string): string {
  const match = /^(.*)\/r(\d+)$/.exec(origin);
  return match ? `${match[1]}/r${Number(match[2]) + 1}` : `${origin}/r2`;
}

export async function rotateLogKey(
  db: Kysely<Database>,
  config: LogConfig,
  options: { readonly origin?: string; readonly now?: Date } = {},
): Promise<Rotation> {
  const keptInDatabase = config.signingKey === undefined;
  // A database-kept key under a new origin would no longer match LOG_ORIGIN, so every app server
  // would refuse to load it and go on signing with the old key, logging an error every cycle.
  if (keptInDatabase && config.origin !== undefined) {
    throw new StartupError(
      `LOG_ORIGIN is set (${config.origin}), so app servers would refuse the new key. Unset ` +
        'LOG_ORIGIN on every app server and here (the kept key names its own origin), then run this again.',
    );
  }
  const from = await loadLogKey(db, config);
  const origin = options.origin ?? nextOrigin(from.origin);
  if (!isValidKeyName(origin)) {
    throw new StartupError(
      `${String(origin)} cannot be a log origin: use a name with no spaces or "+".`,
    );
  }
  if (origin === from.origin) {
    throw new StartupError('The new key needs a new origin: the origin names one key.');
  }
  const text = await formatEd25519PrivateKey(origin, new Uint8Array(randomBytes(32)));
  const to = await logKeyFromText(text, 'The new log key', { ...config, origin: undefined });
  const at = options.now ?? new Date();
  const handover = await signHandover(from.signer, to.signer, at);
  await db.transaction().execute(async (trx) => {
    if (keptInDatabase) {
      // Another rotation got there first: stop rather than hand over from a key no longer used.
      if ((await keptSigningKey(trx)) !== from.text) {
        throw new StartupError('The log key changed while this ran. Run it again.');
      }
      await replaceKeptSigningKey(trx, text);
    }
    await insertKeyHandover(trx, { fromVkey: from.vkey, toVkey: to.vkey, note: handover, at });
  });
  return { from, to, handover, keptInDatabase };
}
