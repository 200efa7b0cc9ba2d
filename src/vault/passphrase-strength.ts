/**
 * Passphrase strength, explained. Pure and small on purpose: a few rules a person can read back
 * ("it contains a very common password", "it repeats characters") plus a rough estimate of how
 * many guesses an attacker with the database would need, in bits.
 *
 * The estimate splits the passphrase into pieces an attacker would guess as one: a very common
 * password or word, a year, a run of one repeated character, a sequence (abc, 321, qwerty), or a
 * repeated chunk (abcabc). Each piece costs a few bits; every other character costs the bits of
 * its kind (letters in a long word-like run count less than random letters, because words are
 * guessable). It is deliberately conservative and simple, not a full zxcvbn.
 *
 * @example
 * assessPassphrase('correct horse battery staple').acceptable // true
 * assessPassphrase('Password1234!').issues // ['common', 'sequence']
 */

export type StrengthLevel = 'too-short' | 'weak' | 'fair' | 'good' | 'strong';

export type StrengthIssue =
  'too_short' | 'common' | 'repeats' | 'sequence' | 'year' | 'username' | 'one_kind';

export type CharacterKind = 'lower' | 'upper' | 'digit' | 'symbol' | 'space' | 'other';

export interface StrengthAssessment {
  readonly level: StrengthLevel;
  /** True when the passphrase may be used: long enough and not obviously guessable. */
  readonly acceptable: boolean;
  /** Rough guessing cost in bits (for the meter and the tests, not shown as a number). */
  readonly bits: number;
  /** Characters (Unicode code points), after NFKC, as the key derivation sees them. */
  readonly length: number;
  /** Words separated by spaces or punctuation, two letters or more. */
  readonly words: number;
  /** The kinds of character used, in a stable order. */
  readonly kinds: readonly CharacterKind[];
  /** What makes it weaker, most important first. */
  readonly issues: readonly StrengthIssue[];
}

/** The shortest passphrase accepted. */
export const MIN_PASSPHRASE_LENGTH = 12;
/** Below this estimate a passphrase is refused as too easy to guess. */
export const MIN_ACCEPTABLE_BITS = 40;
const GOOD_BITS = 55;
const STRONG_BITS = 75;

/**
 * Very common passwords and the words they are built from: lower-case, four letters or more
 * (shorter ones would match inside ordinary words), letters only (digits and symbols are handled
 * by the sequence and year rules). Attackers try these first, with
 * capitals, digits and symbol substitutions added.
 */
export const COMMON_WORDS: readonly string[] = [
  'password',
  'passw0rd',
  'passphrase',
  'qwerty',
  'letmein',
  'welcome',
  'admin',
  'login',
  'iloveyou',
  'love',
  'lovely',
  'princess',
  'sunshine',
  'monkey',
  'dragon',
  'football',
  'baseball',
  'soccer',
  'liverpool',
  'chelsea',
  'arsenal',
  'master',
  'shadow',
  'superman',
  'batman',
  'trustno',
  'freedom',
  'whatever',
  'secret',
  'hello',
  'charlie',
  'michael',
  'jessica',
  'daniel',
  'thomas',
  'jordan',
  'hunter',
  'summer',
  'winter',
  'spring',
  'autumn',
  'cookie',
  'cheese',
  'chocolate',
  'pokemon',
  'starwars',
  'computer',
  'internet',
  'google',
  'mosaic',
  'diary',
  'private',
  'family',
  'friend',
  'flower',
  'angel',
  'baby',
  'blessed',
  'forever',
  'happy',
  'lucky',
  'money',
  'pepper',
  'ginger',
  'tigger',
  'buster',
  'maggie',
  'bailey',
  'daisy',
  'jesus',
  'london',
  'england',
  'wales',
  'cymru',
  'cariad',
  'test',
  'changeme',
  'default',
  'nothing',
  'matrix',
  'killer',
  'ninja',
  'mustang',
  'jennifer',
  'ashley',
  'amanda',
  'samantha',
  'robert',
  'william',
  'january',
  'february',
  'march',
  'april',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
  'monday',
  'friday',
];

/** Rows of common keyboards, and the alphabet and digits, both ways. */
const SEQUENCES: readonly string[] = [
  'abcdefghijklmnopqrstuvwxyz',
  '01234567890',
  'qwertyuiop',
  'asdfghjkl',
  'zxcvbnm',
  'azertyuiop',
  'qwertzuiop',
  '1qaz2wsx3edc',
];

/** Common look-alike substitutions, undone before matching common words. */
const LEET: Readonly<Record<string, string>> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '8': 'b',
  '@': 'a',
  $: 's',
  '!': 'i',
  '|': 'l',
};

const BITS: Readonly<Record<CharacterKind, number>> = {
  lower: Math.log2(26),
  upper: Math.log2(26),
  digit: Math.log2(10),
  symbol: Math.log2(33),
  // A space between words is nearly always a space: it adds length, not surprise.
  space: 1,
  other: 7,
};
/** A letter inside a run of 4 or more letters: words are far more predictable than random text. */
const WORD_LETTER_BITS = 3.2;
/** A piece guessed as one unit (a common word, a year, a sequence, a repeat). */
const PIECE_BITS = { common: 6, year: 7, sequence: 5, repeat: 4 } as const;

/** The kind of one character. */
export function characterKind(c: string): CharacterKind {
  if (/^[a-z]$/.test(c)) return 'lower';
  if (/^[A-Z]$/.test(c)) return 'upper';
  if (/^[0-9]$/.test(c)) return 'digit';
  if (c === ' ') return 'space';
  if (/^[\x21-\x7e]$/.test(c)) return 'symbol';
  if (/^\p{Ll}$/u.test(c)) return 'lower';
  if (/^\p{Lu}$/u.test(c)) return 'upper';
  if (/^\s$/u.test(c)) return 'space';
  return 'other';
}

const KIND_ORDER: readonly CharacterKind[] = [
  'lower',
  'upper',
  'digit',
  'symbol',
  'space',
  'other',
];

type PieceKind = 'common' | 'year' | 'sequence' | 'repeat';

interface Piece {
  readonly start: number;
  readonly end: number;
  readonly kind: PieceKind;
}

/**
 * Assesses a passphrase. `username`, when given, is looked for inside it.
 *
 * @example
 * const a = assessPassphrase('aaaaaaaaaaaaaa');
 * a.acceptable // false
 * a.issues // ['repeats']
 */
export function assessPassphrase(passphrase: string, username?: string): StrengthAssessment {
  const chars = Array.from(passphrase.normalize('NFKC'));
  const length = chars.length;
  const lower = chars.map((c) => c.toLowerCase());
  const unleet = lower.map((c) => LEET[c] ?? c);

  const pieces = findPieces(lower, unleet);
  const covered = new Array<boolean>(length).fill(false);
  for (const p of pieces) for (let i = p.start; i < p.end; i++) covered[i] = true;

  let bits = 0;
  for (const p of pieces) bits += PIECE_BITS[p.kind];
  const kinds = new Set<CharacterKind>();
  let letterRun = 0;
  for (let i = 0; i <= length; i++) {
    const c = chars[i];
    const kind = c === undefined ? undefined : characterKind(c);
    if (kind !== undefined) kinds.add(kind);
    if (kind === 'lower' || kind === 'upper') {
      letterRun++;
      continue;
    }
    // Close the run of letters that ends before i.
    bits += letterBits(chars, covered, i - letterRun, i);
    letterRun = 0;
    if (kind !== undefined && covered[i] !== true) bits += BITS[kind];
  }

  // A chunk repeated over the whole passphrase ("abcabcabcabc") is worth one chunk.
  const period = smallestPeriod(lower);
  if (period < length) bits = Math.min(bits, (bits * period) / length + PIECE_BITS.repeat);

  const issues: StrengthIssue[] = [];
  if (length < MIN_PASSPHRASE_LENGTH) issues.push('too_short');
  const name = username?.normalize('NFKC').trim().toLowerCase() ?? '';
  const hasUsername = name.length >= 3 && lower.join('').includes(name);
  if (hasUsername) {
    issues.push('username');
    bits = Math.max(0, bits - Array.from(name).length * 3);
  }
  if (pieces.some((p) => p.kind === 'common')) issues.push('common');
  if (pieces.some((p) => p.kind === 'repeat') || period < length) issues.push('repeats');
  if (pieces.some((p) => p.kind === 'sequence')) issues.push('sequence');
  if (pieces.some((p) => p.kind === 'year')) issues.push('year');
  if (kinds.size === 1 && length > 0 && words(lower) < 2) issues.push('one_kind');

  bits = Math.round(bits * 10) / 10;
  const acceptable = length >= MIN_PASSPHRASE_LENGTH && bits >= MIN_ACCEPTABLE_BITS && !hasUsername;
  const level: StrengthLevel =
    length < MIN_PASSPHRASE_LENGTH
      ? 'too-short'
      : !acceptable
        ? 'weak'
        : bits < GOOD_BITS
          ? 'fair'
          : bits < STRONG_BITS
            ? 'good'
            : 'strong';
  return {
    level,
    acceptable,
    bits,
    length,
    words: words(lower),
    kinds: KIND_ORDER.filter((k) => kinds.has(k)),
    issues,
  };
}

/** Bits for the letters in [start, end) that no piece covers. */
function letterBits(chars: string[], covered: boolean[], start: number, end: number): number {
  let bits = 0;
  let run = 0;
  const flush = (): void => {
    // A long run of letters reads like a word: fewer bits per letter than random letters.
    bits += run * (run >= 4 ? WORD_LETTER_BITS : BITS.lower);
    run = 0;
  };
  for (let i = start; i < end; i++) {
    if (covered[i] === true) {
      flush();
      continue;
    }
    run++;
    // A capital costs about one extra bit (where is it?), not a whole alphabet's worth.
    if (characterKind(chars[i] ?? '') === 'upper') bits += 1;
  }
  flush();
  return bits;
}

/** Common words, years, sequences and repeats, longest first, never overlapping. */
function findPieces(lower: string[], unleet: string[]): Piece[] {
  const candidates: Piece[] = [];
  const text = lower.join('');
  const plain = unleet.join('');
  const n = lower.length;
  // Only simple one-code-unit text can be matched by index; others are skipped safely.
  const indexable = text.length === n && plain.length === n;

  if (indexable) {
    for (const word of COMMON_WORDS) {
      for (const source of [text, plain]) {
        let at = source.indexOf(word);
        while (at !== -1) {
          candidates.push({ start: at, end: at + word.length, kind: 'common' });
          at = source.indexOf(word, at + 1);
        }
      }
    }
    for (const m of text.matchAll(/(?:19|20)\d\d/g)) {
      candidates.push({ start: m.index, end: m.index + 4, kind: 'year' });
    }
  }

  // Runs of one character, three or more.
  for (let i = 0; i < n;) {
    let j = i + 1;
    while (j < n && lower[j] === lower[i]) j++;
    if (j - i >= 3) candidates.push({ start: i, end: j, kind: 'repeat' });
    i = j;
  }

  // Sequences of three or more, forwards or backwards, along any row in SEQUENCES.
  for (let i = 0; i < n;) {
    const end = sequenceEnd(lower, i);
    if (end - i >= 3) {
      candidates.push({ start: i, end, kind: 'sequence' });
      i = end;
    } else {
      i++;
    }
  }

  // Longest first; a shorter piece inside a longer one is dropped.
  candidates.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const taken = new Array<boolean>(n).fill(false);
  const pieces: Piece[] = [];
  for (const c of candidates) {
    let free = true;
    for (let i = c.start; i < c.end; i++) if (taken[i] === true) free = false;
    if (!free) continue;
    for (let i = c.start; i < c.end; i++) taken[i] = true;
    pieces.push(c);
  }
  return pieces.sort((a, b) => a.start - b.start);
}

/** Where the sequence starting at `start` ends (exclusive); start + 1 when there is none. */
function sequenceEnd(lower: string[], start: number): number {
  let best = start + 1;
  for (const row of SEQUENCES) {
    for (const step of [1, -1]) {
      let i = start;
      let pos = row.indexOf(lower[i] ?? '');
      if (pos === -1) continue;
      while (i + 1 < lower.length && row[pos + step] !== undefined) {
        if (lower[i + 1] !== row[pos + step]) break;
        i++;
        pos += step;
      }
      best = Math.max(best, i + 1);
    }
  }
  return best;
}

/** The length of the shortest chunk that, repeated, makes the whole text; its length if none. */
function smallestPeriod(chars: string[]): number {
  const n = chars.length;
  for (let p = 1; p <= n / 2; p++) {
    if (n % p !== 0) continue;
    let repeats = true;
    for (let i = p; i < n && repeats; i++) if (chars[i] !== chars[i - p]) repeats = false;
    if (repeats) return p;
  }
  return n;
}

function words(lower: string[]): number {
  return lower
    .join('')
    .split(/[^\p{L}]+/u)
    .filter((w) => w.length >= 2).length;
}
