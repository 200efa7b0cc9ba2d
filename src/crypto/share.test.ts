/**
 * Frozen vectors for share key derivation (docs/vault-protocol.md §14). The salt was checked
 * independently with Python's hashlib.blake2b; if these change, every share link breaks.
 */
import { describe, expect, it } from 'vitest';
import { CryptoError } from './errors.js';
import { toHex } from './bytes.js';
import {
  deriveShareKeys,
  formatPasscode,
  generatePasscode,
  normalisePasscode,
  PASSCODE_ALPHABET,
  shareRecordKeyContext,
  shareSalt,
} from './share.js';

const SECRET = Uint8Array.from({ length: 32 }, (_, i) => i);
const SHARE_ID = 'AAAAAAAAAAAAAAAAAAAAAA';

describe('share key derivation v1 (frozen)', () => {
  it('derives the frozen salt, auth key and share key', async () => {
    expect(toHex(await shareSalt(SHARE_ID))).toBe('8b04def279319288f60a8e5cf3193eff');
    const keys = await deriveShareKeys(SECRET, 'abcd-efgh', SHARE_ID);
    expect(toHex(keys.authKey)).toBe(
      '11bb372031721d4d71e4376881d4c6c1df60529ed5aaa58190160ae0cf83ccb2',
    );
    expect(toHex(keys.shareKey)).toBe(
      '2750c7378c87469e2d635edae6faec48899746b275dbc8475279a51d9860bc7c',
    );
    // The passcode is part of the key: one symbol changed gives unrelated keys.
    const other = await deriveShareKeys(SECRET, 'ABCD-EFGJ', SHARE_ID);
    expect(toHex(other.authKey)).toBe(
      '6e4a4142a898979c52ae3d5aaf825606563e9699f8d1a8987dc7e29a9471580a',
    );
  });

  it('needs the secret too: another secret, same passcode, other keys', async () => {
    const secret = SECRET.slice();
    secret[31] = 30;
    const keys = await deriveShareKeys(secret, 'ABCDEFGH', SHARE_ID);
    expect(toHex(keys.shareKey)).not.toBe(
      '2750c7378c87469e2d635edae6faec48899746b275dbc8475279a51d9860bc7c',
    );
  });

  it('normalises and refuses passcodes', async () => {
    expect(normalisePasscode(' abcd efgh ')).toBe('ABCDEFGH');
    expect(normalisePasscode('ＡＢＣＤ－ＥＦＧＨ')).toBe('ABCDEFGH');
    expect(formatPasscode('abcdefgh')).toBe('ABCD-EFGH');
    for (const bad of ['', 'ABCDEFG', 'ABCDEFGHJ', 'ABCDEFGO', 'ABCDEF01']) {
      expect(() => normalisePasscode(bad)).toThrow(CryptoError);
    }
    const code = await generatePasscode();
    expect(code).toHaveLength(8);
    expect(code).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
    expect(PASSCODE_ALPHABET).toHaveLength(32);
    await expect(deriveShareKeys(new Uint8Array(16), 'ABCDEFGH', SHARE_ID)).rejects.toMatchObject({
      code: 'share_link_invalid',
    });
  });

  it('names the slots', () => {
    expect(shareRecordKeyContext('S', 'R')).toBe('share/S/record-key/R');
  });
});
