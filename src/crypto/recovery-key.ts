/**
 * The recovery key: 32 random bytes shown once as 24 English words (BIP-39), for when the
 * passphrase is forgotten. It wraps a second copy of the account key.
 *
 * It has 256 bits of entropy, so no password stretching is needed: a fast, domain-separated
 * BLAKE2b derivation (libsodium `crypto_kdf_derive_from_key`, context "MosaicRK", subkey 1) turns
 * it into the wrapping key, so the raw words are never used directly as an encryption key.
 *
 * Parsing is forgiving because people copy these words by hand, from paper, under stress: case,
 * extra spaces, line breaks, commas and list numbering ("1. apple 2. banana") are ignored, and
 * a word may be shortened to its first four letters (BIP-39 guarantees those are unique).
 */
import { entropyToMnemonic, mnemonicToEntropy } from '@scure/bip39';
import { wordlist } from '@scure/bip39/wordlists/english.js';
import { assertKey, wipe } from './bytes.js';
import { CryptoError } from './errors.js';
import { KEY_CONTEXTS, unwrapKey, wrapKey } from './keys.js';
import { loadSodium } from './sodium.js';

export const RECOVERY_KEY_BYTES = 32;
export const RECOVERY_WORD_COUNT = 24;

const KDF_CONTEXT = 'MosaicRK';
const KDF_SUBKEY_WRAPPING = 1;
const KDF_SUBKEY_AUTH = 2;

const WORD_INDEX = new Map(wordlist.map((w, i) => [w, i]));

/**
 * A fresh recovery key (32 random bytes).
 *
 * @example
 * const recoveryKey = await generateRecoveryKey();
 * const words = recoveryKeyToWords(recoveryKey); // 24 words to show once
 */
export async function generateRecoveryKey(): Promise<Uint8Array> {
  const sodium = await loadSodium();
  return sodium.randombytes_buf(RECOVERY_KEY_BYTES);
}

/**
 * The 24 BIP-39 English words for a recovery key (the last word carries an 8-bit checksum).
 *
 * @example recoveryKeyToWords(new Uint8Array(32)) // ['abandon', …, 'abandon', 'art']
 */
export function recoveryKeyToWords(recoveryKey: Uint8Array): string[] {
  assertKey(recoveryKey, 'recovery key', RECOVERY_KEY_BYTES);
  return entropyToMnemonic(recoveryKey, wordlist).split(' ');
}

/**
 * Parses a typed or pasted recovery phrase back into the 32-byte key. Throws
 * `recovery_key_unknown_word` (details.position is 1-based), `recovery_key_word_count`
 * (details.count) or `recovery_key_checksum` (all words valid but one is wrong or misplaced).
 *
 * @example
 * parseRecoveryPhrase('1. Abandon  2. abandon\n3. aban …'); // Uint8Array(32)
 */
export function parseRecoveryPhrase(phrase: string): Uint8Array {
  const words = normaliseRecoveryWords(phrase);
  if (words.length !== RECOVERY_WORD_COUNT) {
    throw new CryptoError(
      'recovery_key_word_count',
      `a recovery key has ${RECOVERY_WORD_COUNT} words`,
      {
        count: words.length,
      },
    );
  }
  try {
    return mnemonicToEntropy(words.join(' '), wordlist);
  } catch {
    throw new CryptoError(
      'recovery_key_checksum',
      'the words do not form a valid recovery key; check each word and their order',
    );
  }
}

/**
 * Splits a phrase into canonical BIP-39 words (resolving 4-letter prefixes) without checking the
 * count or checksum. Throws `recovery_key_unknown_word` for a token that is not a word.
 *
 * @example normaliseRecoveryWords(' ABANDON,\n2) abil ') // ['abandon', 'ability']
 */
export function normaliseRecoveryWords(phrase: string): string[] {
  if (typeof phrase !== 'string') throw new CryptoError('input_invalid', 'phrase must be a string');
  const tokens = phrase
    .normalize('NFKD')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .map((t) => t.replace(/^\p{N}+|\p{N}+$/gu, ''))
    .filter((t) => t.length > 0);
  return tokens.map((token, i) => {
    const word = resolveWord(token);
    if (word === undefined) {
      throw new CryptoError(
        'recovery_key_unknown_word',
        `word ${i + 1} is not in the recovery word list`,
        {
          position: i + 1,
        },
      );
    }
    return word;
  });
}

function resolveWord(token: string): string | undefined {
  if (WORD_INDEX.has(token)) return token;
  if (token.length < 4) return undefined;
  const matches = wordlist.filter((w) => w.startsWith(token));
  return matches.length === 1 ? matches[0] : undefined;
}

/**
 * Two distinct random word positions (0-based, ascending) for the "did you keep it?" check
 * before sign-up completes.
 *
 * @example
 * const [a, b] = await pickCheckPositions(); // e.g. [4, 17] → ask for words 5 and 18
 */
export async function pickCheckPositions(): Promise<[number, number]> {
  const sodium = await loadSodium();
  const first = sodium.randombytes_uniform(RECOVERY_WORD_COUNT);
  // Draw from the 23 remaining positions, uniformly, without a retry loop.
  let second = sodium.randombytes_uniform(RECOVERY_WORD_COUNT - 1);
  if (second >= first) second += 1;
  return first < second ? [first, second] : [second, first];
}

/**
 * True when every answer matches the recovery key's word at that position (0-based); answers are
 * normalised like parseRecoveryPhrase (case, spaces, 4-letter prefixes).
 *
 * @example checkRecoveryWords(recoveryKey, [{ position: 4, word: 'Ocean' }, { position: 17, word: 'tide' }]);
 */
export function checkRecoveryWords(
  recoveryKey: Uint8Array,
  answers: readonly { readonly position: number; readonly word: string }[],
): boolean {
  const words = recoveryKeyToWords(recoveryKey);
  if (answers.length === 0) return false;
  return answers.every(({ position, word }) => {
    const expected = words[position];
    if (expected === undefined) return false;
    let typed: string[];
    try {
      typed = normaliseRecoveryWords(word);
    } catch {
      return false;
    }
    return typed.length === 1 && typed[0] === expected;
  });
}

/**
 * The key that wraps the account key's recovery copy: BLAKE2b KDF of the recovery key
 * (context "MosaicRK", subkey id 1).
 *
 * @example const wrappingKey = await deriveRecoveryWrappingKey(recoveryKey);
 */
export async function deriveRecoveryWrappingKey(recoveryKey: Uint8Array): Promise<Uint8Array> {
  assertKey(recoveryKey, 'recovery key', RECOVERY_KEY_BYTES);
  const sodium = await loadSodium();
  return sodium.crypto_kdf_derive_from_key(32, KDF_SUBKEY_WRAPPING, KDF_CONTEXT, recoveryKey);
}

/**
 * The key that proves to the server, during recovery, that the person holds the recovery key:
 * BLAKE2b KDF of the recovery key (context "MosaicRK", subkey id 2). The server stores only its
 * own hash of it, and it reveals nothing about the wrapping key (a different subkey).
 *
 * @example const recoveryAuthKey = await deriveRecoveryAuthKey(recoveryKey);
 */
export async function deriveRecoveryAuthKey(recoveryKey: Uint8Array): Promise<Uint8Array> {
  assertKey(recoveryKey, 'recovery key', RECOVERY_KEY_BYTES);
  const sodium = await loadSodium();
  return sodium.crypto_kdf_derive_from_key(32, KDF_SUBKEY_AUTH, KDF_CONTEXT, recoveryKey);
}

/**
 * Wraps the account key under the recovery key (slot 'account-key/recovery').
 *
 * @example const wrapped = await wrapAccountKeyWithRecoveryKey(recoveryKey, accountKey);
 */
export async function wrapAccountKeyWithRecoveryKey(
  recoveryKey: Uint8Array,
  accountKey: Uint8Array,
): Promise<Uint8Array> {
  const wrappingKey = await deriveRecoveryWrappingKey(recoveryKey);
  try {
    return await wrapKey(wrappingKey, accountKey, KEY_CONTEXTS.accountKeyByRecovery);
  } finally {
    wipe(wrappingKey);
  }
}

/**
 * Recovers the account key from its recovery-wrapped copy; `decryption_failed` if the words
 * belong to another account or the wrapped key was swapped.
 *
 * @example
 * const accountKey = await unwrapAccountKeyWithRecoveryKey(parseRecoveryPhrase(typed), wrapped);
 */
export async function unwrapAccountKeyWithRecoveryKey(
  recoveryKey: Uint8Array,
  wrapped: Uint8Array,
): Promise<Uint8Array> {
  const wrappingKey = await deriveRecoveryWrappingKey(recoveryKey);
  try {
    return await unwrapKey(wrappingKey, wrapped, KEY_CONTEXTS.accountKeyByRecovery);
  } finally {
    wipe(wrappingKey);
  }
}
