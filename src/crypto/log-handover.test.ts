import { createPrivateKey, createPublicKey, sign } from 'node:crypto';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { isCryptoError } from './errors.js';
import {
  followHandovers,
  formatHandoverBody,
  parseHandoverBody,
  signHandover,
  verifyHandover,
} from './log-handover.js';
import { ed25519Signer, type Ed25519NoteSigner } from './signed-note.js';
import { cryptoReady } from './sodium.js';

const seed = (n: number) => new Uint8Array(32).fill(n);
const signer = (origin: string, n: number) => ed25519Signer(origin, seed(n));
const AT = new Date('2026-12-05T00:30:00.000Z');

let keys: Ed25519NoteSigner[];
beforeAll(async () => {
  await cryptoReady();
  keys = await Promise.all(
    Array.from({ length: 6 }, (_, i) =>
      signer(`example.org/receipts${i === 0 ? '' : `/r${i + 1}`}`, i + 1),
    ),
  );
});

const pinnedOf = (k: Ed25519NoteSigner) => ({ origin: k.name, vkey: k.vkey });

const refusal = async (promise: Promise<unknown>): Promise<string> => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isCryptoError(error)).toBe(true);
  return (error as Error).message;
};

describe('log key hand-over', () => {
  it('keeps its frozen encoding (docs/vault-protocol.md §9.7)', async () => {
    const note = await signHandover(keys[0]!, keys[1]!, AT);
    expect(
      note.startsWith(
        `mosaic/log-key-handover/v1\nfrom ${keys[0]!.vkey}\nto ${keys[1]!.vkey}\nat 2026-12-05T00:30:00.000Z\n\n`,
      ),
    ).toBe(true);
    // Ed25519 is deterministic: the same keys and time give the same bytes, for ever.
    expect(note).toMatchInlineSnapshot(`
      "mosaic/log-key-handover/v1
      from example.org/receipts+1ccb1071+AYqI4910CfGV/VLbLTy6XXLKZwm/HZQSG/N0iAG0D29c
      to example.org/receipts/r2+b1b4ca2c+AYE5dw6ofRdfVqNUZsNMfszLjYqRtO43ol32D1uPybOU
      at 2026-12-05T00:30:00.000Z

      — example.org/receipts HMsQcYabZfc80Z/v0cWgxsFZtGryfCuWn6eaZzwp6rYuxpi6xjYGv61gOsy1WQ7YbsLgHA+ogn1Y9eMXTWrHHjBf5Q8=
      — example.org/receipts/r2 sbTKLJdDQuk3QlRzwx4yjjoRu1j1ObEZzBlAaq980+S19CTJAiIAm+CfsAQHj2782moGc0fvR5QcbR6OZHcXYFM5LQ8=
      "
    `);
    // Node's own Ed25519 (OpenSSL) agrees on the public key and the old key's signature.
    const pkcs8 = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed(1)]);
    const nodeKey = createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' });
    const spki = createPublicKey(nodeKey).export({ format: 'der', type: 'spki' });
    expect(
      keys[0]!.vkey.endsWith(Buffer.concat([Buffer.of(1), spki.subarray(12)]).toString('base64')),
    ).toBe(true);
    const text = note.slice(0, note.indexOf('\n\n') + 1);
    const nodeSig = sign(null, Buffer.from(text), nodeKey);
    expect(note).toContain(
      Buffer.concat([Buffer.from(keys[0]!.vkey.split('+')[1]!, 'hex'), nodeSig]).toString('base64'),
    );
    expect(await verifyHandover(note, keys[0]!.vkey)).toEqual({
      from: keys[0]!.vkey,
      to: keys[1]!.vkey,
      at: AT,
    });
  });

  it('parses only the exact text', () => {
    const body = formatHandoverBody({ from: 'a+00000000+AA==', to: 'b+00000000+AA==', at: AT });
    expect(parseHandoverBody(body).at).toEqual(AT);
    for (const bad of [
      body.replace('v1', 'v2'),
      body.replace('\nat ', '\nwhen '),
      body.replace('.000Z', 'Z'),
      `${body}extra\n`,
      body.slice(0, -1),
    ]) {
      expect(() => parseHandoverBody(bad)).toThrow();
    }
  });

  it('refuses a hand-over missing either signature, from another key, or to the same origin', async () => {
    const [a, b, c] = keys as [Ed25519NoteSigner, Ed25519NoteSigner, Ed25519NoteSigner];
    const good = await signHandover(a, b, AT);
    const [text, sigs] = good.split('\n\n') as [string, string];
    const [oldSig, newSig] = sigs.trimEnd().split('\n');
    // Only the old key signed: the new key's holder never agreed.
    expect(await refusal(verifyHandover(`${text}\n\n${oldSig}\n`, a.vkey))).toMatch(/signature/);
    // Only the new key signed: the server could hand over to any key it likes.
    expect(await refusal(verifyHandover(`${text}\n\n${newSig}\n`, a.vkey))).toMatch(/signature/);
    // Checked as a hand-over from c: it is not.
    expect(await refusal(verifyHandover(good, c.vkey))).toMatch(/signature/);
    // The text changed after signing.
    const changed = good.replace('2026-12-05', '2026-12-06');
    expect(await refusal(verifyHandover(changed, a.vkey))).toMatch(/signature/);
    const sameOrigin = await signer(a.name, 9);
    await expect(signHandover(a, sameOrigin, AT)).rejects.toThrow(/new origin/);
  });

  it('follows any chain of hand-overs in any order, and only from the pinned key', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 5 }),
        fc.integer({ min: 0, max: 5 }),
        fc.boolean(),
        async (length, start, reverse) => {
          const notes: string[] = [];
          for (let i = 0; i < length; i++)
            notes.push(await signHandover(keys[i]!, keys[i + 1]!, AT));
          if (reverse) notes.reverse();
          const from = Math.min(start, length);
          const { pinned, steps } = await followHandovers(pinnedOf(keys[from]!), notes);
          expect(pinned).toEqual(pinnedOf(keys[length]!));
          expect(steps.length).toBe(length - from);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('refuses a broken step and a circle, and ignores what is not a hand-over', async () => {
    const [a, b, c] = keys as [Ed25519NoteSigner, Ed25519NoteSigner, Ed25519NoteSigner];
    const ab = await signHandover(a, b, AT);
    const bc = await signHandover(b, c, AT);
    expect((await followHandovers(pinnedOf(a), ['nonsense', ab, 'x\n\ny'])).pinned).toEqual(
      pinnedOf(b),
    );
    const tampered = bc.replace(/— example\.org\/receipts\/r2 \S+\n/, '');
    expect(await refusal(followHandovers(pinnedOf(a), [ab, tampered]))).toMatch(/signature/);
    const ba = await signHandover(b, a, AT);
    expect(await refusal(followHandovers(pinnedOf(a), [ab, ba]))).toMatch(/circle/);
    expect(await refusal(followHandovers(pinnedOf(a), Array(101).fill(ab)))).toMatch(/too many/);
  });
});
