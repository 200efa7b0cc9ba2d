import { wordlist } from '@scure/bip39/wordlists/english.js';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { toHex } from './bytes.js';
import { generateKey, KEY_CONTEXTS, wrapKey } from './keys.js';
import {
  checkRecoveryWords,
  deriveRecoveryWrappingKey,
  generateRecoveryKey,
  normaliseRecoveryWords,
  parseRecoveryPhrase,
  pickCheckPositions,
  recoveryKeyToWords,
  unwrapAccountKeyWithRecoveryKey,
  wrapAccountKeyWithRecoveryKey,
} from './recovery-key.js';
import { cryptoReady } from './sodium.js';

beforeAll(cryptoReady);

const key32 = fc.uint8Array({ minLength: 32, maxLength: 32 });
// 0x00…0x1f: a fixed key whose words are checked by hand below.
const fixed = Uint8Array.from({ length: 32 }, (_, i) => i);
const fixedWords =
  'abandon amount liar amount expire adjust cage candy arch gather drum bullet absurd math era live bid rhythm alien crouch range attend journey unaware'.split(
    ' ',
  );

describe('recovery key words', () => {
  it('are 24 BIP-39 English words that parse back to the same key', () => {
    fc.assert(
      fc.property(key32, (key) => {
        const words = recoveryKeyToWords(key);
        expect(words).toHaveLength(24);
        for (const w of words) expect(wordlist).toContain(w);
        expect(parseRecoveryPhrase(words.join(' '))).toEqual(key);
      }),
    );
    expect(recoveryKeyToWords(fixed)).toEqual(fixedWords);
  });

  it('parse despite case, spacing, line breaks, commas, numbering and 4-letter abbreviations', () => {
    const messy = fixedWords
      .map((w, i) => {
        const word = i % 3 === 0 ? w.toUpperCase() : i % 3 === 1 ? w.slice(0, 4) : ` ${w}\t`;
        return `${i + 1}. ${word}${i % 6 === 5 ? '\r\n' : ', '}`;
      })
      .join('  ');
    expect(toHex(parseRecoveryPhrase(messy))).toBe(toHex(fixed));
    expect(toHex(parseRecoveryPhrase(`\n\n  ${fixedWords.join('\n')}  \n`))).toBe(toHex(fixed));
  });

  it('say which word is unknown (1-based), how many words there were, or that the checksum failed', () => {
    const unknown = [...fixedWords];
    unknown[4] = 'qwerty';
    expect(() => parseRecoveryPhrase(unknown.join(' '))).toThrow(
      expect.objectContaining({ code: 'recovery_key_unknown_word', details: { position: 5 } }),
    );
    expect(() => parseRecoveryPhrase(fixedWords.slice(0, 23).join(' '))).toThrow(
      expect.objectContaining({ code: 'recovery_key_word_count', details: { count: 23 } }),
    );
    expect(() => parseRecoveryPhrase([...fixedWords, 'zoo'].join(' '))).toThrow(
      expect.objectContaining({ code: 'recovery_key_word_count', details: { count: 25 } }),
    );
    const swapped = [...fixedWords];
    [swapped[1], swapped[2]] = [fixedWords[2]!, fixedWords[1]!];
    expect(() => parseRecoveryPhrase(swapped.join(' '))).toThrow(
      expect.objectContaining({ code: 'recovery_key_checksum' }),
    );
    // Three letters are not enough to name a word.
    expect(() => normaliseRecoveryWords('aba')).toThrow(
      expect.objectContaining({ code: 'recovery_key_unknown_word' }),
    );
    expect(normaliseRecoveryWords('ABAN, 2) zoo')).toEqual(['abandon', 'zoo']);
  });

  it('are freshly random', async () => {
    expect(toHex(await generateRecoveryKey())).not.toBe(toHex(await generateRecoveryKey()));
  });
});

describe('the "did you keep it?" check', () => {
  it('picks two distinct positions in 0…23, ascending, covering every position over many draws', async () => {
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const [a, b] = await pickCheckPositions();
      expect(a).toBeGreaterThanOrEqual(0);
      expect(b).toBeLessThan(24);
      expect(a).toBeLessThan(b);
      seen.add(a).add(b);
    }
    expect(seen.size).toBe(24);
  });

  it('accepts the right words (any case, abbreviated) and rejects wrong ones', () => {
    expect(
      checkRecoveryWords(fixed, [
        { position: 2, word: ' Liar ' },
        { position: 23, word: 'unaw' },
      ]),
    ).toBe(true);
    expect(
      checkRecoveryWords(fixed, [
        { position: 2, word: 'liar' },
        { position: 23, word: 'zoo' },
      ]),
    ).toBe(false);
    expect(checkRecoveryWords(fixed, [{ position: 24, word: 'zoo' }])).toBe(false);
    expect(checkRecoveryWords(fixed, [{ position: 2, word: 'liar amount' }])).toBe(false);
    expect(checkRecoveryWords(fixed, [{ position: 2, word: 'not-a-word' }])).toBe(false);
    expect(checkRecoveryWords(fixed, [])).toBe(false);
  });
});

describe('wrapping the account key with the recovery key', () => {
  it('round-trips, and fails for another recovery key or the passphrase-wrapped copy', async () => {
    const accountKey = await generateKey();
    const recoveryKey = await generateRecoveryKey();
    const wrapped = await wrapAccountKeyWithRecoveryKey(recoveryKey, accountKey);
    expect(
      await unwrapAccountKeyWithRecoveryKey(
        parseRecoveryPhrase(recoveryKeyToWords(recoveryKey).join(' ')),
        wrapped,
      ),
    ).toEqual(accountKey);
    await expect(
      unwrapAccountKeyWithRecoveryKey(await generateRecoveryKey(), wrapped),
    ).rejects.toMatchObject({
      code: 'decryption_failed',
    });
    // Even wrapped under the right wrapping key, a copy from the KEK slot is refused.
    const kekSlot = await wrapKey(
      await deriveRecoveryWrappingKey(recoveryKey),
      accountKey,
      KEY_CONTEXTS.accountKeyByKek,
    );
    await expect(unwrapAccountKeyWithRecoveryKey(recoveryKey, kekSlot)).rejects.toMatchObject({
      code: 'decryption_failed',
    });
  });
});

describe('deriveRecoveryAuthKey', () => {
  it('is deterministic, 32 bytes, and differs from the wrapping key', async () => {
    const { deriveRecoveryAuthKey, deriveRecoveryWrappingKey, generateRecoveryKey } =
      await import('./recovery-key.js');
    const key = await generateRecoveryKey();
    const auth = await deriveRecoveryAuthKey(key);
    expect(auth).toHaveLength(32);
    expect(await deriveRecoveryAuthKey(key)).toEqual(auth);
    expect(auth).not.toEqual(await deriveRecoveryWrappingKey(key));
    expect(await deriveRecoveryAuthKey(await generateRecoveryKey())).not.toEqual(auth);
  });
});
