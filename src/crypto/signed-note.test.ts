import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { fromHex, toHex, utf8Encode } from './bytes.js';
import { isCryptoError } from './errors.js';
import {
  ed25519Signer,
  ed25519Verifier,
  formatEd25519PrivateKey,
  formatNote,
  formatVerifierKey,
  fromBase64,
  hasControl,
  isValidKeyName,
  keyIdHex,
  MAX_NOTE_SIGNATURES,
  noteKeyId,
  openNote,
  parseEd25519PrivateKey,
  parseNote,
  parseVerifierKey,
  SIG_TYPE_COSIGNATURE_V1,
  SIG_TYPE_ED25519,
  signNote,
  toBase64,
} from './signed-note.js';
import { cryptoReady } from './sodium.js';

beforeAll(cryptoReady);

// Interop vectors (facts published with golang.org/x/mod/sumdb/note's tests and documentation,
// and the example of c2sp.org/signed-note). Ed25519 is deterministic, so signing the same text with
// the same key must give the same bytes.
const PETER_SKEY = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';
const PETER_VKEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const ENOCH_VKEY = 'EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop';
const GO_TEXT =
  "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const PETER_SIG =
  '— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n';
const ENOCH_SIG =
  '— EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n';
const SPEC_VKEY = 'example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k';
const SPEC_NOTE =
  'This is an example message.\n\n— example.com/foo Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n';
// transparency-dev/formats tests: a native cosignature/v1 (type 0x04) witness vkey.
const COSIG_VKEY = 'remora.n621.de+da77ade7+BOvN63jn/bLvkieywe8R6UYAtVtNbZpXh34x7onlmtw2';
// transparency-dev/formats tests: a type 0x01 vkey whose base64 contains '+'.
const PLUS_VKEY = 'TEST+7997405c+AQcC+FTVKf0jlTdHDY3rbevmnKxxPjigCXlVtGe6RIr6';

async function expectCode(p: Promise<unknown> | (() => unknown), code: string, reason?: string) {
  let error: unknown;
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    error = e;
  }
  expect(isCryptoError(error), `expected a CryptoError ${code}, got ${String(error)}`).toBe(true);
  if (!isCryptoError(error)) return;
  expect(error.code).toBe(code);
  if (reason !== undefined) expect(error.details?.reason).toBe(reason);
}

describe('signed-note interop vectors', () => {
  it('reproduces the Go reference note byte for byte from its private key', async () => {
    const { name, keyId, seed } = await parseEd25519PrivateKey(PETER_SKEY);
    expect(name).toBe('PeterNeumann');
    expect(keyIdHex(keyId)).toBe('c74f20a3');
    const signer = await ed25519Signer(name, seed);
    expect(signer.vkey).toBe(PETER_VKEY);
    expect(await formatEd25519PrivateKey(name, seed)).toBe(PETER_SKEY);
    expect(await signNote(GO_TEXT, [signer])).toBe(`${GO_TEXT}\n${PETER_SIG}`);
  });

  it('opens the Go note with one known and one unknown signer, and with both', async () => {
    const peter = await ed25519Verifier(PETER_VKEY);
    const enoch = await ed25519Verifier(ENOCH_VKEY);
    const note = `${GO_TEXT}\n${PETER_SIG}${ENOCH_SIG}`;
    const one = await openNote(note, [peter]);
    expect(one.text).toBe(GO_TEXT);
    expect(one.verified.map((s) => s.name)).toEqual(['PeterNeumann']);
    expect(one.unverified.map((s) => s.name)).toEqual(['EnochRoot']);
    const both = await openNote(note, [peter, enoch]);
    expect(both.verified.map((s) => keyIdHex(s.keyId))).toEqual(['c74f20a3', 'af0cfe78']);
    await expectCode(openNote(note, []), 'signature_invalid', 'no_known_signature');
  });

  it('verifies the c2sp.org/signed-note example and derives its key ID', async () => {
    const parts = await parseVerifierKey(SPEC_VKEY);
    expect(toHex(parts.publicKey)).toBe(
      'e932791ae6e7a840a46164c904786426d5e7821dd8b29a00d61cae72afdd4da4',
    );
    expect(await noteKeyId('example.com/foo', SIG_TYPE_ED25519, parts.publicKey)).toBe(0x530d903a);
    expect(await formatVerifierKey('example.com/foo', SIG_TYPE_ED25519, parts.publicKey)).toBe(
      SPEC_VKEY,
    );
    const opened = await openNote(SPEC_NOTE, [await ed25519Verifier(SPEC_VKEY)]);
    expect(opened.text).toBe('This is an example message.\n');
  });

  it('derives a cosignature/v1 (type 0x04) key ID', async () => {
    const parts = await parseVerifierKey(COSIG_VKEY);
    expect(parts.type).toBe(SIG_TYPE_COSIGNATURE_V1);
    expect(keyIdHex(parts.keyId)).toBe('da77ade7');
    await expectCode(ed25519Verifier(COSIG_VKEY), 'key_invalid');
  });

  it("parses a vkey whose base64 contains '+'", async () => {
    const v = await ed25519Verifier(PLUS_VKEY);
    expect(v.name).toBe('TEST');
    expect(keyIdHex(v.keyId)).toBe('7997405c');
    expect(await formatVerifierKey('TEST', SIG_TYPE_ED25519, v.publicKey)).toBe(PLUS_VKEY);
  });

  it('refuses every substring and every one-byte change of a vkey and a private key (as Go does)', async () => {
    for (const key of [PETER_VKEY, PETER_SKEY]) {
      const parse = (k: string) =>
        key === PETER_VKEY ? ed25519Verifier(k) : parseEd25519PrivateKey(k);
      const bad: string[] = [];
      for (let i = 0; i <= key.length; i++) {
        for (let j = i + 1; j <= key.length; j += 7) {
          if (i !== 0 || j !== key.length) bad.push(key.slice(i, j));
        }
      }
      for (let i = 0; i < key.length; i++) {
        bad.push(key.slice(0, i) + String.fromCharCode(key.charCodeAt(i) + 1) + key.slice(i + 1));
      }
      for (const k of bad) await expectCode(parse(k), 'key_invalid');
    }
    // Go's own extra cases: wrong key length and unknown algorithm, each with a matching key ID.
    await expectCode(
      ed25519Verifier('PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY=='),
      'key_invalid',
    );
    await expectCode(
      ed25519Verifier('PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW'),
      'key_invalid',
    );
  });

  it("refuses Go's malformed notes", async () => {
    const peter = await ed25519Verifier(PETER_VKEY);
    const bad = [
      GO_TEXT,
      `${GO_TEXT}\n`,
      `${GO_TEXT}\n${PETER_SIG.slice(0, -1)}`,
      `\u0001${GO_TEXT}\n${PETER_SIG}`,
      `${GO_TEXT}\n— Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=`,
      `${GO_TEXT}\n${PETER_SIG}Unexpected line.\n`,
      `${GO_TEXT}\n${PETER_SIG.repeat(MAX_NOTE_SIGNATURES + 1)}`,
    ];
    for (const note of bad) await expectCode(openNote(note, [peter]), 'envelope_malformed');
    // Invalid UTF-8 (Go: "\xff" + text).
    const bytes = new Uint8Array([0xff, ...utf8Encode(`${GO_TEXT}\n${PETER_SIG}`)]);
    await expectCode(openNote(bytes, [peter]), 'envelope_malformed', 'note_not_utf8');
  });

  it('rejects a note whose known signature is wrong, even beside a good one', async () => {
    const peter = await ed25519Verifier(PETER_VKEY);
    const broken = PETER_SIG.slice(0, 60) + 'ABCD' + PETER_SIG.slice(60);
    await expectCode(
      openNote(`${GO_TEXT}\n${broken}`, [peter]),
      'signature_invalid',
      'known_signature_invalid',
    );
    // Duplicates of a verified signature count once.
    const dup = await openNote(`${GO_TEXT}\n${PETER_SIG}${PETER_SIG}${ENOCH_SIG}${ENOCH_SIG}`, [
      peter,
    ]);
    expect(dup.verified).toHaveLength(1);
    expect(dup.unverified).toHaveLength(1);
  });

  it('ignores a signature that shares the name but not the key ID of a known key', async () => {
    const peter = await ed25519Verifier(PETER_VKEY);
    const other = await ed25519Signer('PeterNeumann', new Uint8Array(32).fill(9));
    const note = await signNote(GO_TEXT, [other], parseNote(`${GO_TEXT}\n${PETER_SIG}`).signatures);
    const opened = await openNote(note, [peter]);
    expect(opened.verified).toHaveLength(1);
    expect(opened.unverified.map((s) => keyIdHex(s.keyId))).toEqual([keyIdHex(other.keyId)]);
  });
});

describe('signed-note rules', () => {
  it('base64 is standard, padded and canonical', () => {
    expect(toBase64(Uint8Array.of(0xfb, 0xff))).toBe('+/8=');
    expect(fromBase64('+/8=')).toEqual(Uint8Array.of(0xfb, 0xff));
    for (const bad of ['+/8', '-_8=', '+/9=', '+/8= ', 'AA=A', '====', 'A===']) {
      expect(fromBase64(bad), bad).toBeUndefined();
    }
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), (b) => {
        expect(fromBase64(toBase64(b))).toEqual(b);
      }),
    );
  });

  it('key names have no spaces, plus signs or control characters', () => {
    expect(isValidKeyName('mosaic.example.org/receipts')).toBe(true);
    for (const bad of ['', 'a b', 'a+b', 'a\u00a0b', 'a\u3000b', 'a\tb', 'a\u0001b', 'a\u2028b']) {
      expect(isValidKeyName(bad), JSON.stringify(bad)).toBe(false);
    }
  });

  it('text must end in a newline and hold no control character but newline', async () => {
    const signer = await ed25519Signer('a.example/log', new Uint8Array(32));
    await expectCode(signNote('no newline', [signer]), 'envelope_malformed', 'note_text_invalid');
    await expectCode(signNote('tab\there\n', [signer]), 'envelope_malformed', 'note_text_invalid');
    await expectCode(signNote('cr\r\n', [signer]), 'envelope_malformed', 'note_text_invalid');
    expect(() => formatNote({ text: 'x\n', signatures: [] })).toThrow();
  });

  it('round-trips any valid text and signer set, splitting at the last blank line', async () => {
    const verifiers = await Promise.all(
      [1, 2, 3].map(async (i) => ed25519Signer(`s${i}.example/k`, new Uint8Array(32).fill(i))),
    );
    const line = fc
      .string({ unit: 'grapheme', maxLength: 12 })
      .filter((s) => !hasControl(s, false));
    await fc.assert(
      fc.asyncProperty(
        fc.array(line, { minLength: 1, maxLength: 5 }),
        fc.subarray(verifiers, { minLength: 1 }),
        async (lines, signers) => {
          const text = lines.join('\n') + '\n';
          const note = await signNote(text, signers);
          const parsed = parseNote(note);
          expect(parsed.text).toBe(text);
          expect(formatNote(parsed)).toBe(note);
          const opened = await openNote(
            note,
            await Promise.all(signers.map((s) => ed25519Verifier(s.vkey))),
          );
          expect(opened.verified).toHaveLength(signers.length);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('any one-byte change to a signed note is refused', async () => {
    const signer = await ed25519Signer('a.example/log', fromHex('11'.repeat(32)));
    const verifier = await ed25519Verifier(signer.vkey);
    const note = utf8Encode(await signNote('a.example/log\n3\nhello\n', [signer]));
    await fc.assert(
      fc.asyncProperty(fc.nat(note.length - 1), fc.integer({ min: 1, max: 255 }), async (at, x) => {
        const changed = note.slice();
        changed[at] = (changed[at] ?? 0) ^ x;
        await expect(openNote(changed, [verifier])).rejects.toSatisfy((e) => isCryptoError(e));
      }),
      { numRuns: 200 },
    );
  });
});
