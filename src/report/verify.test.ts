import {
  configure,
  Uint8ArrayReader,
  Uint8ArrayWriter,
  ZipReader,
  ZipWriter,
} from '@zip.js/zip.js';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  accountKeyPairFromSeed,
  cryptoReady,
  fromBase64Url,
  sealJson,
  sha256,
  toBase64Url,
  toHex,
} from '../crypto/index.js';
import { ed25519Signer } from '../crypto/signed-note.js';
import { makeTestBundle, TEST_LOG_ORIGIN, type TestBundle } from './bundle-fixture.js';
import { PATHS } from './bundle-layout.js';
import { canonicalJson } from './canonical.js';
import { verifyBundle, type VerifyResult } from './verify.js';

configure({ useWebWorkers: false });

let good: TestBundle;
let files: Map<string, Uint8Array>;
const FOLDER = 'mosaic-report-test';

beforeAll(async () => {
  await cryptoReady();
  good = await makeTestBundle({ incidents: 8 });
  files = await unpack(good.zip);
}, 60_000);

async function unpack(zip: Uint8Array): Promise<Map<string, Uint8Array>> {
  const reader = new ZipReader(new Uint8ArrayReader(zip));
  const out = new Map<string, Uint8Array>();
  for (const e of await reader.getEntries()) {
    if (e.directory) continue;
    out.set(e.filename.slice(FOLDER.length + 1), await e.getData(new Uint8ArrayWriter()));
  }
  await reader.close();
  return out;
}

/** Rebuilds the ZIP; with `remanifest`, also rewrites both manifests and Payload-Oxum, as a careful forger would. */
async function pack(f: Map<string, Uint8Array>, remanifest = false): Promise<Uint8Array> {
  const m = new Map(f);
  if (remanifest) {
    const line = async (p: string) =>
      `${toHex(await sha256(m.get(p) ?? new Uint8Array()))}  ${p}\n`;
    const data = [...m.keys()].filter((p) => p.startsWith('data/')).sort();
    const octets = data.reduce((n, p) => n + (m.get(p)?.length ?? 0), 0);
    m.set(PATHS.manifest, new TextEncoder().encode((await Promise.all(data.map(line))).join('')));
    const info = new TextDecoder()
      .decode(m.get(PATHS.bagInfo))
      .replace(/Payload-Oxum: .*/, `Payload-Oxum: ${String(octets)}.${String(data.length)}`);
    m.set(PATHS.bagInfo, new TextEncoder().encode(info));
    const tags = [PATHS.bagInfo, PATHS.bagit, PATHS.howTo, PATHS.manifest];
    m.set(
      PATHS.tagManifest,
      new TextEncoder().encode((await Promise.all(tags.map(line))).join('')),
    );
  }
  const writer = new Uint8ArrayWriter();
  const zip = new ZipWriter(writer, { useWebWorkers: false });
  for (const [p, b] of m) await zip.add(`${FOLDER}/${p}`, new Uint8ArrayReader(b));
  await zip.close();
  return writer.getData();
}

const text = (p: string) => new TextDecoder().decode(files.get(p));
const bytes = (s: string) => new TextEncoder().encode(s);
const failures = (r: VerifyResult) => r.lines.filter((l) => l.status === 'fail');
function expectFailure(r: VerifyResult, subject: RegExp, detail: RegExp) {
  expect(r.ok).toBe(false);
  const hit = failures(r).some((l) => subject.test(l.subject) && detail.test(l.detail));
  expect(hit, JSON.stringify(failures(r), null, 1)).toBe(true);
}
function editEntries(
  change: (e: { records: Record<string, unknown>[] } & Record<string, unknown>) => void,
) {
  const e = JSON.parse(text(PATHS.entries)) as { records: Record<string, unknown>[] } & Record<
    string,
    unknown
  >;
  change(e);
  const m = new Map(files);
  m.set(PATHS.entries, bytes(canonicalJson(e)));
  return m;
}

describe('verifyBundle on a good bundle', () => {
  it('passes, with one line per entry and exhibit', async () => {
    const r = await verifyBundle(good.zip);
    expect(failures(r)).toEqual([]);
    expect(r.ok && r.fullyProven).toBe(true);
    for (const id of good.model.recordIds.incidents) {
      expect(r.lines.filter((l) => l.subject.includes(id) && l.status === 'ok')).toHaveLength(1);
    }
    for (const x of good.model.exhibits ?? []) {
      expect(r.lines.some((l) => l.subject === `exhibit ${x.ref}` && l.status === 'ok')).toBe(true);
    }
    expect((good.model.exhibits ?? []).length).toBeGreaterThan(0);
    // The risk checks and the safety plan, when included, are proved as incidents are.
    const safety = [...good.model.recordIds.riskChecks, ...good.model.recordIds.safetyPlan];
    expect(safety).toHaveLength(3);
    for (const id of safety) {
      expect(r.lines.filter((l) => l.subject.includes(id) && l.status === 'ok')).toHaveLength(1);
    }
  });

  it('passes for a long diary whose incidents were not given in time order', async () => {
    // writeBundle writes incidents in the log's numbering, whatever order they arrive in.
    const long = await makeTestBundle({ incidents: 300 });
    const r = await verifyBundle(long.zip);
    expect(failures(r)).toEqual([]);
    expect(long.model.log).toHaveLength(300);
  }, 60_000);

  it('still passes after a plain re-zip (the checks are on the files, not the ZIP bytes)', async () => {
    expect((await verifyBundle(await pack(files))).ok).toBe(true);
  });

  it('refuses a log key other than the one the organisation publishes', async () => {
    const other = await ed25519Signer(TEST_LOG_ORIGIN, new Uint8Array(32).fill(9));
    expectFailure(
      await verifyBundle(good.zip, { expectedLogKey: other.vkey }),
      /log key/,
      /not the log key you gave/,
    );
    expect((await verifyBundle(good.zip, { expectedLogKey: good.logKey })).ok).toBe(true);
  });
});

describe('tampering is caught', () => {
  const paths = () => [...files.keys()].sort();

  it('a random single-byte change in any file, manifests left alone', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.nat(), fc.integer({ min: 1, max: 255 }), async (f, at, x) => {
        const path = paths()[f % paths().length] ?? '';
        const b = new Uint8Array(files.get(path) ?? []);
        if (b.length === 0) return;
        b[at % b.length]! ^= x;
        const m = new Map(files);
        m.set(path, b);
        const r = await verifyBundle(await pack(m));
        expect(r.ok, path).toBe(false);
      }),
      { numRuns: 25 },
    );
  }, 120_000);

  it('a random single-byte change in any proof, entry or exhibit, even with the manifests rewritten', async () => {
    const targets = () => paths().filter((p) => p.startsWith('data/') && p !== PATHS.report);
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.nat(), fc.integer({ min: 1, max: 255 }), async (f, at, x) => {
        const path = targets()[f % targets().length] ?? '';
        const b = new Uint8Array(files.get(path) ?? []);
        b[at % b.length]! ^= x;
        const m = new Map(files);
        m.set(path, b);
        const r = await verifyBundle(await pack(m, true));
        expect(r.ok, `${path} byte ${String(at % b.length)}`).toBe(false);
      }),
      { numRuns: 30 },
    );
  }, 120_000);

  it('a changed character in an entry', async () => {
    const m = editEntries((e) => {
      const rev = (e.records[0]?.revisions as { value: { what: string } }[])[0];
      if (rev) rev.value.what = `${rev.value.what}!`;
    });
    expectFailure(await verifyBundle(await pack(m, true)), /incident/, /is not what was sealed/);
  });

  it('a changed date', async () => {
    const m = editEntries((e) => {
      const rev = (e.records[1]?.revisions as { value: { when: { start: string } } }[])[0];
      if (rev)
        rev.value.when.start = rev.value.when.start.replace(/^(\d{4})/, (y) =>
          String(Number(y) - 1),
        );
    });
    expectFailure(await verifyBundle(await pack(m, true)), /incident/, /is not what was sealed/);
  });

  it('an entry removed from entries.json (its proofs left behind)', async () => {
    const m = editEntries((e) => {
      e.records.splice(2, 1);
    });
    expectFailure(
      await verifyBundle(await pack(m, true)),
      /^data\/proofs\/records\//,
      /belongs to no entry/,
    );
  });

  it('an added entry with no sealed copy', async () => {
    const m = editEntries((e) => {
      const copy = structuredClone(e.records[0]) as Record<string, unknown>;
      copy.id = 'made-up-entry';
      e.records.push(copy);
    });
    expectFailure(await verifyBundle(await pack(m, true)), /made-up-entry/, /missing/);
  });

  it('a revision left out', async () => {
    const m = editEntries((e) => {
      const edited = e.records.find((r) => (r.revisions as unknown[]).length > 1);
      (edited?.revisions as unknown[]).shift();
    });
    expectFailure(await verifyBundle(await pack(m, true)), /incident/, /revision 1 is missing/);
  });

  it('a bundle from a share starts at the shared revision and says so (firstRevision)', async () => {
    let id = '';
    const m = editEntries((e) => {
      const edited = e.records.find((r) => (r.revisions as unknown[]).length > 1);
      id = String(edited?.id);
      (edited?.revisions as unknown[]).shift();
      if (edited) edited.firstRevision = 2;
    });
    m.delete(PATHS.envelope(id, 1));
    m.delete(PATHS.receipt(id, 1));
    const result = await verifyBundle(await pack(m, true));
    expect(failures(result)).toEqual([]);
    expect(result.ok).toBe(true);
    const line = result.lines.find((l) => l.subject.includes(id));
    expect(line?.detail).toMatch(/revision 1 is not in this bundle/);
    // A firstRevision that is not the first revision listed is caught.
    const wrong = editEntries((e) => {
      const edited = e.records.find((r) => r.id === id);
      (edited?.revisions as unknown[]).shift();
      if (edited) edited.firstRevision = 3;
    });
    wrong.delete(PATHS.envelope(id, 1));
    wrong.delete(PATHS.receipt(id, 1));
    expectFailure(await verifyBundle(await pack(wrong, true)), /incident/, /revision 3 is missing/);
  });

  it('a replaced or truncated evidence file', async () => {
    const path = paths().find((p) => p.startsWith('data/evidence/')) ?? '';
    for (const b of [
      new Uint8Array(files.get(path)?.length ?? 0).fill(1),
      files.get(path)?.slice(0, 10) ?? new Uint8Array(),
    ]) {
      const m = new Map(files);
      m.set(path, b);
      expectFailure(
        await verifyBundle(await pack(m, true)),
        /^exhibit /,
        /is not the file that was saved/,
      );
    }
  });

  it("a receipt swapped with another entry's (a valid proof for other bytes)", async () => {
    const receipts = paths().filter((p) => p.endsWith('.tlog-proof'));
    const [a = '', b = ''] = receipts;
    const m = new Map(files);
    m.set(a, files.get(b) ?? new Uint8Array());
    m.set(b, files.get(a) ?? new Uint8Array());
    expectFailure(await verifyBundle(await pack(m, true)), /./, /ciphertext_mismatch/);
  });

  it('a changed leaf index, root, signature or proof hash', async () => {
    const path = paths().find((p) => p.endsWith('revision-1.tlog-proof')) ?? '';
    const proof = text(path);
    const lines = proof.split('\n');
    const cases: [string, RegExp][] = [
      [
        proof.replace(/^index (\d+)$/m, (_, n: string) => `index ${String(Number(n) + 1)}`),
        /inclusion_invalid|index_out_of_range|entries\.json says/,
      ],
      [
        lines
          .map((l, i) => (i === 3 ? l.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')) : l))
          .join('\n'),
        /inclusion|malformed/,
      ],
      [
        proof.replace(
          /(receipts\n\d+\n)(\S)/,
          (_, p: string, c: string) => `${p}${c === 'A' ? 'B' : 'A'}`,
        ),
        /signature/,
      ],
      [
        proof.replace(/(— \S+ )(\S)/, (_, p: string, c: string) => `${p}${c === 'A' ? 'B' : 'A'}`),
        /signature|malformed/,
      ],
    ];
    for (const [changed, why] of cases) {
      expect(changed).not.toBe(proof);
      const m = new Map(files);
      m.set(path, bytes(changed));
      expectFailure(await verifyBundle(await pack(m, true)), /./, why);
    }
  });

  it('a changed content key or log key', async () => {
    const keyPath = paths().find((p) => p.endsWith('content-key.txt')) ?? '';
    const m = new Map(files);
    m.set(keyPath, bytes(`${'A'.repeat(43)}\n`));
    expectFailure(await verifyBundle(await pack(m, true)), /./, /decryption_failed/);

    const other = await ed25519Signer(TEST_LOG_ORIGIN, new Uint8Array(32).fill(9));
    const m2 = new Map(files);
    m2.set(PATHS.logKey, bytes(`${other.vkey}\n`));
    expectFailure(await verifyBundle(await pack(m2, true)), /./, /signature/);
  });

  it('a file that is not a ZIP, and a ZIP with no bag', async () => {
    expectFailure(await verifyBundle(bytes('not a zip')), /bundle/, /not a ZIP/);
    const writer = new Uint8ArrayWriter();
    const zip = new ZipWriter(writer, { useWebWorkers: false });
    await zip.add('loose.txt', new Uint8ArrayReader(bytes('x')));
    await zip.close();
    expectFailure(await verifyBundle(await writer.getData()), /bundle/, /one folder/);
  });
});

describe('witness statements in the bundle (vault-protocol §15.7)', () => {
  interface WitnessEntry {
    recordId: string;
    statementId: string;
    publicKey: string;
    receipt?: unknown;
  }
  const entries = () =>
    JSON.parse(text(PATHS.entries)) as {
      records: { id: string; revisions: { value: Record<string, unknown>; receipt?: unknown }[] }[];
      witnessStatements?: WitnessEntry[];
    };
  const ws = () => entries().witnessStatements ?? [];

  it('each opens with its opening key, says what its entry says, and its arrival receipt checks out', async () => {
    expect(ws().map((w) => w.recordId)).toEqual(good.model.recordIds.witnessStatements);
    expect(ws().length).toBe(2);
    const r = await verifyBundle(good.zip);
    for (const w of ws()) {
      const line = r.lines.find((l) => l.subject === `witness statement ${w.statementId}`);
      expect(line?.status).toBe('ok');
      expect(line?.detail).toMatch(/says exactly what entry .* says; arrived 2026-\d\d-\d\dT/);
    }
  });

  it("the witness's words changed and the record re-sealed with its own content key", async () => {
    // A forger holding the bundle has the record's content key; the sealed statement still
    // says what arrived. (The record's receipt is dropped too, so only the witness check fails.)
    const w = ws()[0]!;
    const key = fromBase64Url(text(PATHS.recordKey(w.recordId)).trim());
    let changed: unknown;
    const m = editEntries((e) => {
      const record = (e.records as { id: string; revisions: Record<string, unknown>[] }[]).find(
        (x) => x.id === w.recordId,
      )!;
      const rev = record.revisions[0]!;
      const value = rev.value as { statement: { saw: string } };
      value.statement.saw = 'It was someone else entirely.';
      delete rev.receipt;
      changed = value;
    });
    m.set(
      PATHS.envelope(w.recordId, 1),
      await sealJson({
        key,
        recordId: w.recordId,
        recordType: 'witness-statement',
        revision: 1,
        value: changed,
      }),
    );
    m.delete(PATHS.receipt(w.recordId, 1));
    const r = await verifyBundle(await pack(m, true));
    expect(r.lines.find((l) => l.subject.includes(w.recordId))?.status).toBe('ok');
    expectFailure(
      r,
      new RegExp(`witness statement ${w.statementId}`),
      /SHA-256|not the words that arrived/,
    );
  });

  it('another statement’s sealed bytes, opening key or receipt in its place', async () => {
    const [a, b] = ws() as [WitnessEntry, WitnessEntry];
    const swap = (pathOf: (id: string) => string) => {
      const m = new Map(files);
      m.set(pathOf(a.statementId), files.get(pathOf(b.statementId))!);
      return m;
    };
    const subject = new RegExp(`witness statement ${a.statementId}`);
    expectFailure(
      await verifyBundle(await pack(swap(PATHS.witnessSealed), true)),
      subject,
      /SHA-256/,
    );
    expectFailure(
      await verifyBundle(await pack(swap(PATHS.witnessOpeningKey), true)),
      subject,
      /does not open/,
    );
    expectFailure(
      await verifyBundle(await pack(swap(PATHS.witnessReceipt), true)),
      subject,
      /ciphertext|another|not the|mismatch/i,
    );
  });

  it('another public key, or an entry pointing at another record, fails', async () => {
    const other = toBase64Url((await accountKeyPairFromSeed(new Uint8Array(32).fill(1))).publicKey);
    const w = ws()[0]!;
    expectFailure(
      await verifyBundle(
        await pack(
          editEntries((e) => {
            (e.witnessStatements as WitnessEntry[])[0]!.publicKey = other;
          }),
          true,
        ),
      ),
      new RegExp(`witness statement ${w.statementId}`),
      /does not open/,
    );
    const someIncident = good.model.recordIds.incidents[0]!;
    expectFailure(
      await verifyBundle(
        await pack(
          editEntries((e) => {
            (e.witnessStatements as WitnessEntry[])[0]!.recordId = someIncident;
          }),
          true,
        ),
      ),
      new RegExp(`witness statement ${w.statementId}`),
      /not in entries.json/,
    );
  });

  it('a missing arrival receipt fails; a statement with no arrival proof at all is named', async () => {
    const w = ws()[0]!;
    const m = new Map(files);
    m.delete(PATHS.witnessReceipt(w.statementId));
    expectFailure(
      await verifyBundle(await pack(m, true)),
      new RegExp(`witness statement ${w.statementId}`),
      /is missing/,
    );
    const dropped = editEntries((e) => {
      e.witnessStatements = (e.witnessStatements as WitnessEntry[]).slice(1);
    });
    for (const p of [PATHS.witnessSealed, PATHS.witnessOpeningKey, PATHS.witnessReceipt]) {
      dropped.delete(p(w.statementId));
    }
    const r = await verifyBundle(await pack(dropped, true));
    expect(failures(r)).toEqual([]);
    expect(
      r.lines.some(
        (l) => l.status === 'note' && l.subject.includes(w.recordId) && /not proven/.test(l.detail),
      ),
    ).toBe(true);
  });
});
