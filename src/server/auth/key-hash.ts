/**
 * The server's own hash of the keys clients prove themselves with (auth key, recovery auth key).
 * Argon2id as DESIGN.md asks, on libuv's thread pool so hashing never blocks the event loop.
 * The inputs are 256-bit random keys, so modest parameters suffice; they are OWASP's minimum.
 */
import { hash, verify } from '@node-rs/argon2';

// @node-rs/argon2's Algorithm is an ambient const enum; 2 is its Argon2id.
const ARGON2ID = 2;

const PARAMS = {
  algorithm: ARGON2ID,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

/** `key` is the unpadded base64url text the client sent (43 characters for 32 bytes). */
export function hashKey(key: string): Promise<string> {
  return hash(key, PARAMS);
}

export async function verifyKey(stored: string, key: string): Promise<boolean> {
  try {
    return await verify(stored, key);
  } catch {
    return false;
  }
}

/**
 * A hash of nothing in particular, verified when a username does not exist, so that answer takes
 * as long as a wrong passphrase for a real account.
 */
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
  decoy ??= hashKey('A'.repeat(43));
  return decoy;
}
