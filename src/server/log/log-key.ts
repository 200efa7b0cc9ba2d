/**
 * The log's Ed25519 signing key: LOG_SIGNING_KEY when given, otherwise made at first start and
 * kept in the database (with the log's head), so every app server signs with the same key and a backup
 * of the database keeps it. The key's name is the log's origin. A key that cannot be read stops
 * the server with one clear line, never a fresh key in its place (that would start a new log).
 * A kept key is replaced only by `npm run log:rotate` (rotate.ts), with a signed hand-over.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import {
  ed25519Signer,
  formatEd25519PrivateKey,
  keyIdHex,
  parseEd25519PrivateKey,
  type Ed25519NoteSigner,
} from '../../crypto/signed-note.js';
import { keepLogSigningKey } from '../db/repositories/receipt-log.js';
import type { Database } from '../db/schema.js';
import { StartupError } from '../startup-error.js';
import type { LogConfig } from './log-config.js';

export interface LogKey {
  /** The log's origin: the checkpoint's first line and the key's name. */
  readonly origin: string;
  readonly signer: Ed25519NoteSigner;
  /** The verifier key text (C2SP signed-note vkey) anyone checks checkpoints with. */
  readonly vkey: string;
  /** SHA-256 of the public key, hex: what people compare when they pin the key. */
  readonly fingerprint: string;
  /** The private-key text it was read from. Secret: never log it. */
  readonly text: string;
}

export async function loadLogKey(db: Kysely<Database>, config: LogConfig): Promise<LogKey> {
  let text: string;
  let where: string;
  if (config.signingKey !== undefined) {
    text = config.signingKey.trim();
    where = 'LOG_SIGNING_KEY';
  } else {
    const fresh = await formatEd25519PrivateKey(
      config.origin ?? config.defaultOrigin,
      new Uint8Array(randomBytes(32)),
    );
    text = await keepLogSigningKey(db, fresh);
    where = 'The receipt log key kept in the database';
  }
  return logKeyFromText(text, where, config);
}

/** The key a private-key text gives (for a kept key read again after a rotation, too). */
export async function logKeyFromText(
  text: string,
  where: string,
  config: LogConfig,
): Promise<LogKey> {
  let parsed: Awaited<ReturnType<typeof parseEd25519PrivateKey>>;
  try {
    parsed = await parseEd25519PrivateKey(text);
  } catch (error) {
    throw new StartupError(
      `${where} cannot be read (${(error as Error).message}). It must be an Ed25519 note key in ` +
        'the form PRIVATE+KEY+<origin>+<key id>+<base64>. Restore the right key rather than making ' +
        'a new one: a new key starts a new log.',
    );
  }
  if (config.origin !== undefined && config.origin !== parsed.name) {
    throw new StartupError(
      `LOG_ORIGIN is ${config.origin} but the log key is named ${parsed.name}. A log's origin is ` +
        'its key’s name: unset LOG_ORIGIN, or give a key made for that origin (a new key starts a new log).',
    );
  }
  const signer = await ed25519Signer(parsed.name, parsed.seed);
  return {
    origin: parsed.name,
    signer,
    vkey: signer.vkey,
    fingerprint: `${keyIdHex(parsed.keyId)}:${createHash('sha256').update(signer.publicKey).digest('hex')}`,
    text,
  };
}
