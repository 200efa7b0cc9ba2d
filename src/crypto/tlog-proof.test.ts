import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { utf8Encode } from './bytes.js';
import { encodeReceiptLeaf } from './checkpoint.js';
import { isCryptoError } from './errors.js';
import { inclusionProof, leafHash, merkleRoot } from './merkle.js';
import {
  ed25519Signer,
  ed25519Verifier,
  fromBase64,
  parseNote,
  signNote,
  toBase64,
} from './signed-note.js';
import { cryptoReady } from './sodium.js';
import {
  formatCheckpointBody,
  parseCheckpointBody,
  signCheckpoint,
  verifyCheckpointNote,
} from './tlog-checkpoint.js';
import {
  cosignatureSigner,
  cosignatureTimestampOf,
  cosignatureVerifier,
  verifyCosignatures,
} from './tlog-cosignature.js';
import {
  formatTlogProof,
  parseTlogProof,
  verifyReceiptProof,
  verifyTlogProof,
} from './tlog-proof.js';

beforeAll(cryptoReady);

const ORIGIN = 'mosaic.test/receipts';
const seed = (n: number) => new Uint8Array(32).fill(n);

async function expectCode(p: Promise<unknown>, code: string, reason?: string) {
  let error: unknown;
  try {
    await p;
  } catch (e) {
    error = e;
  }
  expect(isCryptoError(error), `expected CryptoError ${code}, got ${String(error)}`).toBe(true);
  if (!isCryptoError(error)) return;
  expect({ code: error.code, reason: error.details?.reason }).toMatchObject(
    reason === undefined ? { code } : { code, reason },
  );
}

/** A small log of receipt leaves, its signed checkpoint and one receipt per leaf. */
async function makeLog(n: number, witnesses: Awaited<ReturnType<typeof cosignatureSigner>>[] = []) {
  const logSigner = await ed25519Signer(ORIGIN, seed(1));
  const logKey = await ed25519Verifier(logSigner.vkey);
  const leaves = Array.from({ length: n }, (_, i) =>
    encodeReceiptLeaf({
      recordId: `rec-${i}`,
      revision: i,
      ciphertextSha256: new Uint8Array(32).fill(i),
      receivedAt: 1_790_000_000_000 + i,
    }),
  );
  const hashes = await Promise.all(leaves.map((l) => leafHash(l)));
  const rootHash = await merkleRoot(hashes);
  let note = await signCheckpoint({ origin: ORIGIN, size: n, rootHash }, logSigner);
  if (witnesses.length > 0) {
    const parsed = parseNote(note);
    note = await signNote(parsed.text, witnesses, parsed.signatures);
  }
  const proofs = await Promise.all(
    leaves.map(async (leaf, index) =>
      formatTlogProof({
        extra: leaf,
        index,
        inclusion: await inclusionProof(index, hashes),
        checkpoint: note,
      }),
    ),
  );
  return { logSigner, logKey, leaves, hashes, rootHash, note, proofs };
}

describe('tlog-checkpoint', () => {
  it('formats and parses the three lines and extension lines strictly', () => {
    const rootHash = new Uint8Array(32).fill(7);
    const body = formatCheckpointBody({ origin: ORIGIN, size: 20852163, rootHash });
    expect(body).toBe(`${ORIGIN}\n20852163\nBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwc=\n`);
    expect(parseCheckpointBody(body)).toEqual({ origin: ORIGIN, size: 20852163, rootHash });
    const ext = formatCheckpointBody({ origin: ORIGIN, size: 0, rootHash, extensions: ['x y'] });
    expect(parseCheckpointBody(ext).extensions).toEqual(['x y']);
    const root = 'BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwc=';
    for (const bad of [
      `${ORIGIN}\n1\n${root}`,
      `${ORIGIN}\n01\n${root}\n`,
      `${ORIGIN}\n-1\n${root}\n`,
      `${ORIGIN}\n1 \n${root}\n`,
      `${ORIGIN}\n9007199254740992\n${root}\n`,
      `${ORIGIN}\n1\n${root.slice(0, -4)}\n`,
      `${ORIGIN}\n1\nBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwd=\n`,
      `\n1\n${root}\n`,
      `${ORIGIN}\n1\n${root}\n\n`,
      `${ORIGIN}\n1\n`,
    ]) {
      expect(() => parseCheckpointBody(bad), JSON.stringify(bad)).toThrow(
        expect.objectContaining({ code: 'envelope_malformed' }),
      );
    }
  });

  it('verifies against the log key and origin, ignoring cosignatures', async () => {
    const witness = await cosignatureSigner('witness.test/w1', seed(5), () => 1_790_000_000);
    const { note, logKey, rootHash } = await makeLog(3, [witness]);
    const v = await verifyCheckpointNote({ note, logKey, origin: ORIGIN });
    expect(v.checkpoint).toEqual({ origin: ORIGIN, size: 3, rootHash });
    expect(v.unverified.map((s) => s.name)).toEqual(['witness.test/w1']);
    await expectCode(
      verifyCheckpointNote({ note, logKey, origin: 'other.test/log' }),
      'proof_invalid',
      'origin_mismatch',
    );
    const stranger = await ed25519Verifier((await ed25519Signer(ORIGIN, seed(2))).vkey);
    await expectCode(
      verifyCheckpointNote({ note, logKey: stranger, origin: ORIGIN }),
      'signature_invalid',
      'no_known_signature',
    );
  });

  it('requires the log key name to be the origin', async () => {
    const signer = await ed25519Signer('other.test/log', seed(1));
    await expect(
      signCheckpoint({ origin: ORIGIN, size: 0, rootHash: new Uint8Array(32) }, signer),
    ).rejects.toMatchObject({ code: 'input_invalid' });
  });
});

describe('tlog-cosignature (cosignature/v1)', () => {
  it('signs the header, the time line and the body, and verifies a quorum', async () => {
    const w1 = await cosignatureSigner('witness.test/w1', seed(5), () => 1_790_000_000);
    const w2 = await cosignatureSigner('witness.test/w2', seed(6), () => 1_790_000_001);
    const { note } = await makeLog(2, [w1, w2]);
    const witnesses = await Promise.all([w1, w2].map((w) => cosignatureVerifier(w.vkey)));
    const found = await verifyCosignatures(note, { witnesses, quorum: 2 });
    expect(found.map((c) => [c.name, c.timestamp])).toEqual([
      ['witness.test/w1', 1_790_000_000],
      ['witness.test/w2', 1_790_000_001],
    ]);
    const w3 = await cosignatureVerifier(
      (await cosignatureSigner('witness.test/w3', seed(7))).vkey,
    );
    await expectCode(
      verifyCosignatures(note, { witnesses: [w3, witnesses[0]!], quorum: 2 }),
      'signature_invalid',
      'witness_quorum',
    );
    // The same key as a plain Ed25519 log key does not verify a cosignature (type 0x04 ≠ 0x01).
    const plain = await ed25519Signer('witness.test/w1', seed(5));
    expect(plain.keyId).not.toBe(w1.keyId);
  });

  it('a cosignature binds its timestamp and refuses far-future times when asked', async () => {
    const w1 = await cosignatureSigner('witness.test/w1', seed(5), () => 2_000_000_000);
    const { note } = await makeLog(1, [w1]);
    const sig = parseNote(note).signatures[1]!;
    expect(cosignatureTimestampOf(sig.signature)).toBe(2_000_000_000);
    const changed = sig.signature.slice();
    changed[7] = (changed[7] ?? 0) ^ 1;
    const verifier = await cosignatureVerifier(w1.vkey);
    const body = utf8Encode(parseNote(note).text);
    expect(await verifier.verify(body, sig.signature)).toBe(true);
    expect(await verifier.verify(body, changed)).toBe(false);
    const strict = await cosignatureVerifier(w1.vkey, {
      now: () => 1_790_000_000,
      maxFutureSeconds: 60,
    });
    expect(await strict.verify(body, sig.signature)).toBe(false);
  });

  it('reads the timestamp of a transparency-dev cosignature vector', () => {
    const raw = fromBase64(
      'ZGhGuQAAAABm/qTPeyKXD+R2rzyQsxPiP8mXum7qq/iF0u4vanlqJyocWODBt97w9uL+8qT7S5gxEHWWOworDcFiEBYJXORmnFBOBA==',
    )!;
    expect(cosignatureTimestampOf(raw.subarray(4))).toBe(1727964367);
  });
});

describe('tlog-proof', () => {
  it("matches the text of the Go implementation's marshalling tests (transparency-dev)", () => {
    const h = (t: string) => new Uint8Array(createHash('sha256').update(t).digest());
    const [h1, h2] = [h('hash1'), h('hash2')];
    const extra = utf8Encode('extra information');
    const cases = [
      {
        proof: { index: 5, inclusion: [h1, h2], checkpoint: 'test checkpoint\n' },
        want: `c2sp.org/tlog-proof@v1\nindex 5\n${toBase64(h1)}\n${toBase64(h2)}\n\ntest checkpoint\n`,
      },
      {
        proof: { extra, index: 10, inclusion: [h1], checkpoint: 'checkpoint data\n' },
        want: `c2sp.org/tlog-proof@v1\nextra ${toBase64(extra)}\nindex 10\n${toBase64(h1)}\n\ncheckpoint data\n`,
      },
      {
        proof: { index: 0, inclusion: [], checkpoint: 'checkpoint\n' },
        want: 'c2sp.org/tlog-proof@v1\nindex 0\n\ncheckpoint\n',
      },
    ];
    for (const { proof, want } of cases) {
      expect(formatTlogProof(proof)).toBe(want);
      expect(parseTlogProof(want)).toEqual(proof);
    }
    // Their malformed cases are refused too.
    for (const bad of [
      'wrong-header\nindex 0\n\ncheckpoint\n',
      'c2sp.org/tlog-proof@v1\nextra !!notbase64!!\nindex 0\n\ncheckpoint\n',
      'c2sp.org/tlog-proof@v1\n\n\ncheckpoint\n',
      'c2sp.org/tlog-proof@v1\nindex notanumber\n\ncheckpoint\n',
      'c2sp.org/tlog-proof@v1\nindex -5\n\ncheckpoint\n',
      'c2sp.org/tlog-proof@v1\nindex 0\n!!notbase64!!\n\ncheckpoint\n',
      `c2sp.org/tlog-proof@v1\nindex 0\n${toBase64(new Uint8Array(64))}\n\ncheckpoint\n`,
      'c2sp.org/tlog-proof@v1\n',
    ]) {
      expect(() => parseTlogProof(bad), JSON.stringify(bad)).toThrow(
        expect.objectContaining({ code: 'envelope_malformed' }),
      );
    }
  });

  it('round-trips its text form, with and without extra data', async () => {
    const { proofs } = await makeLog(5);
    for (const text of proofs) expect(formatTlogProof(parseTlogProof(text))).toBe(text);
    const bare = formatTlogProof({ index: 0, inclusion: [], checkpoint: 'x\n\n— a AAAAAAA=\n' });
    expect(bare).toBe('c2sp.org/tlog-proof@v1\nindex 0\n\nx\n\n— a AAAAAAA=\n');
    expect(parseTlogProof(bare)).toEqual({
      index: 0,
      inclusion: [],
      checkpoint: 'x\n\n— a AAAAAAA=\n',
    });
  });

  it('verifies every leaf of trees of many sizes, by leaf bytes or leaf hash', async () => {
    for (const n of [1, 2, 3, 7, 8, 9]) {
      const { proofs, leaves, hashes, logKey } = await makeLog(n);
      for (let i = 0; i < n; i++) {
        const r = await verifyTlogProof({
          proof: proofs[i]!,
          leafBytes: leaves[i]!,
          logKey,
          origin: ORIGIN,
        });
        expect(r.index).toBe(i);
        expect(r.checkpoint.size).toBe(n);
        expect(r.extra).toEqual(leaves[i]);
        await verifyTlogProof({ proof: proofs[i]!, leafHash: hashes[i]!, logKey, origin: ORIGIN });
      }
    }
  });

  it('fails with a specific code for another leaf, index, hash, root, size, signature or key', async () => {
    const { proofs, leaves, logKey, logSigner, hashes } = await makeLog(6);
    const proof = proofs[2]!;
    const ok = { leafBytes: leaves[2]!, logKey, origin: ORIGIN };
    // another leaf
    await expectCode(
      verifyTlogProof({ ...ok, proof, leafBytes: leaves[3]! }),
      'proof_invalid',
      'inclusion_invalid',
    );
    // a changed index (inside and outside the tree)
    await expectCode(
      verifyTlogProof({ ...ok, proof: proof.replace('index 2', 'index 3') }),
      'proof_invalid',
      'inclusion_invalid',
    );
    await expectCode(
      verifyTlogProof({ ...ok, proof: proof.replace('index 2', 'index 6') }),
      'proof_invalid',
      'index_out_of_range',
    );
    // a changed inclusion hash
    const p = parseTlogProof(proof);
    const inclusion = p.inclusion.map((h) => h.slice());
    const h1 = inclusion[1]!;
    h1[0] = (h1[0] ?? 0) ^ 1;
    await expectCode(
      verifyTlogProof({ ...ok, proof: formatTlogProof({ ...p, inclusion }) }),
      'proof_invalid',
      'inclusion_invalid',
    );
    // a dropped inclusion hash
    await expectCode(
      verifyTlogProof({ ...ok, proof: formatTlogProof({ ...p, inclusion: p.inclusion.slice(1) }) }),
      'proof_invalid',
      'inclusion_invalid',
    );
    // a checkpoint with another root or size, re-signed by the right key: inclusion fails. (A
    // size whose proof has the same shape, like 5 or 7 here, cannot be told apart by inclusion
    // alone: the log would have signed a false tree head, which consistency proofs catch.)
    const root6 = await merkleRoot(hashes);
    for (const cp of [
      { origin: ORIGIN, size: 6, rootHash: new Uint8Array(32) },
      { origin: ORIGIN, size: 3, rootHash: root6 },
      { origin: ORIGIN, size: 100, rootHash: root6 },
    ]) {
      const note = await signCheckpoint(cp, logSigner);
      await expectCode(
        verifyTlogProof({ ...ok, proof: formatTlogProof({ ...p, checkpoint: note }) }),
        'proof_invalid',
        'inclusion_invalid',
      );
    }
    // a changed root or size without re-signing: the signature fails
    const body = parseNote(p.checkpoint).text;
    const sizeChanged = p.checkpoint.replace(`${ORIGIN}\n6\n`, `${ORIGIN}\n7\n`);
    await expectCode(
      verifyTlogProof({ ...ok, proof: formatTlogProof({ ...p, checkpoint: sizeChanged }) }),
      'signature_invalid',
      'known_signature_invalid',
    );
    const rootLine = body.split('\n')[2]!;
    const rootChanged = p.checkpoint.replace(rootLine, 'A' + rootLine.slice(1));
    expect(rootChanged).not.toBe(p.checkpoint);
    await expectCode(
      verifyTlogProof({ ...ok, proof: formatTlogProof({ ...p, checkpoint: rootChanged }) }),
      'signature_invalid',
    );
    // another key, or another origin
    const other = await ed25519Verifier((await ed25519Signer(ORIGIN, seed(3))).vkey);
    await expectCode(
      verifyTlogProof({ ...ok, proof, logKey: other }),
      'signature_invalid',
      'no_known_signature',
    );
    await expectCode(
      verifyTlogProof({ ...ok, proof, origin: 'mosaic.test/other' }),
      'proof_invalid',
      'origin_mismatch',
    );
    // malformed proofs
    await expectCode(
      verifyTlogProof({
        ...ok,
        proof: proof.replace('c2sp.org/tlog-proof@v1', 'c2sp.org/tlog-proof@v2'),
      }),
      'envelope_malformed',
      'proof_malformed',
    );
    await expectCode(
      verifyTlogProof({ ...ok, proof: proof.replace('index 2', 'index 02') }),
      'envelope_malformed',
      'proof_malformed',
    );
    // no leaf, or both
    await expectCode(verifyTlogProof({ proof, logKey, origin: ORIGIN }), 'input_invalid');
  });

  it('enforces a witness policy when one is given', async () => {
    const w1 = await cosignatureSigner('witness.test/w1', seed(5), () => 1_790_000_000);
    const { proofs, leaves, logKey } = await makeLog(4, [w1]);
    const witness = await cosignatureVerifier(w1.vkey);
    const r = await verifyTlogProof({
      proof: proofs[1]!,
      leafBytes: leaves[1]!,
      logKey,
      origin: ORIGIN,
      witnessPolicy: { witnesses: [witness], quorum: 1 },
    });
    expect(r.cosignatures).toEqual([
      { name: 'witness.test/w1', keyId: w1.keyId, timestamp: 1_790_000_000 },
    ]);
    const unwitnessed = await makeLog(4);
    await expectCode(
      verifyTlogProof({
        proof: unwitnessed.proofs[1]!,
        leafBytes: unwitnessed.leaves[1]!,
        logKey: unwitnessed.logKey,
        origin: ORIGIN,
        witnessPolicy: { witnesses: [witness], quorum: 1 },
      }),
      'signature_invalid',
      'witness_quorum',
    );
  });

  it('any single-byte change anywhere in a receipt fails (or leaves it meaning exactly the same)', async () => {
    const w1 = await cosignatureSigner('witness.test/w1', seed(5), () => 1_790_000_000);
    const { proofs, leaves, logKey } = await makeLog(5, [w1]);
    const witness = await cosignatureVerifier(w1.vkey);
    const bytes = utf8Encode(proofs[3]!);
    const input = {
      leafBytes: leaves[3]!,
      logKey,
      origin: ORIGIN,
      witnessPolicy: { witnesses: [witness], quorum: 1 },
    };
    await verifyTlogProof({ ...input, proof: bytes });
    // The extra line is unauthenticated by design: changing it must not change what verifies.
    const extraEnd = proofs[3]!.indexOf('\nindex ');
    await fc.assert(
      fc.asyncProperty(
        fc.nat(bytes.length - 1),
        fc.integer({ min: 1, max: 255 }),
        async (at, x) => {
          const changed = bytes.slice();
          changed[at] = (changed[at] ?? 0) ^ x;
          let error: unknown;
          try {
            await verifyTlogProof({ ...input, proof: changed });
          } catch (e) {
            error = e;
          }
          if (at < extraEnd && at >= 'c2sp.org/tlog-proof@v1\nextra '.length && error === undefined)
            return;
          expect(isCryptoError(error), `byte ${at} ^ ${x} was accepted`).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('verifies a Mosaic receipt from the SHA-256 of the ciphertext alone', async () => {
    const { proofs, logKey } = await makeLog(4);
    const r = await verifyReceiptProof({
      proof: proofs[2]!,
      ciphertextSha256: new Uint8Array(32).fill(2),
      logKey,
      origin: ORIGIN,
    });
    expect(r.receipt).toMatchObject({ recordId: 'rec-2', revision: 2 });
    expect(r.index).toBe(2);
    await expectCode(
      verifyReceiptProof({
        proof: proofs[2]!,
        ciphertextSha256: new Uint8Array(32).fill(3),
        logKey,
        origin: ORIGIN,
      }),
      'proof_invalid',
      'ciphertext_mismatch',
    );
    // Another (valid) leaf placed in extra: its hash does not match the index.
    const p = parseTlogProof(proofs[2]!);
    const swapped = formatTlogProof({ ...p, extra: parseTlogProof(proofs[3]!).extra! });
    await expectCode(
      verifyReceiptProof({
        proof: swapped,
        ciphertextSha256: new Uint8Array(32).fill(3),
        logKey,
        origin: ORIGIN,
      }),
      'proof_invalid',
      'inclusion_invalid',
    );
    const noExtra = { index: p.index, inclusion: p.inclusion, checkpoint: p.checkpoint };
    await expectCode(
      verifyReceiptProof({
        proof: formatTlogProof(noExtra),
        ciphertextSha256: new Uint8Array(32).fill(2),
        logKey,
        origin: ORIGIN,
      }),
      'envelope_malformed',
      'receipt_leaf_missing',
    );
  });
});
