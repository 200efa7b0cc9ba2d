/**
 * Time-based one-time codes (RFC 6238, via otpauth) and backup codes. The authenticator app
 * shows only the name the person chose (a neutral word by default) — no issuer, no username —
 * so someone looking through their phone learns neither what the account is for nor its name.
 */
import { createHash, randomBytes } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';

const PERIOD = 30;

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The otpauth:// link for an authenticator app, named `label` (the person's choice). */
export function totpUri(secret: string, label: string): string {
  return totp(secret, label).toString();
}

/**
 * The time step a code belongs to, if it is right now or one step either side (clocks drift);
 * null if it is wrong.
 */
export function totpStep(secret: string, code: string, now = Date.now()): number | null {
  const delta = totp(secret, '').validate({ token: code, timestamp: now, window: 1 });
  return delta === null ? null : Math.floor(now / 1000 / PERIOD) + delta;
}

/** The code for a time (for tests and for checking a clock). */
export function totpCode(secret: string, now = Date.now()): string {
  return totp(secret, '').generate({ timestamp: now });
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** Ten codes of 16 base32 characters (80 bits each), shown as XXXX-XXXX-XXXX-XXXX. */
export function newBackupCodes(count = 10): { codes: string[]; hashes: Uint8Array[] } {
  const codes = Array.from({ length: count }, () => {
    const raw = [...randomBytes(16)].map((b) => BASE32[b % 32]).join('');
    return raw.match(/.{4}/g)?.join('-') ?? raw;
  });
  return { codes, hashes: codes.map((c) => hashBackupCode(c)) };
}

/** Hash of a code as typed: dashes, spaces and case do not matter. */
export function hashBackupCode(code: string): Uint8Array {
  return new Uint8Array(
    createHash('sha256').update(code.replace(/[\s-]/g, '').toUpperCase()).digest(),
  );
}

function totp(secret: string, label: string): TOTP {
  return new TOTP({
    issuer: '',
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: PERIOD,
    secret: Secret.fromBase32(secret),
  });
}
