/**
 * Real bundles for tests and the benchmark, made with real crypto: every record revision sealed
 * under its own content key, a Merkle log of receipt leaves with two signed checkpoints, a
 * receipt (tlog-proof) per revision and a consistency proof between the checkpoints. The log
 * key is a fixed test key; nothing here is secret.
 */
import {
  accountKeyPairFromSeed,
  consistencyProof,
  encodeReceiptLeaf,
  generateKey,
  inclusionProof,
  leafHash,
  merkleRoot,
  sealedOpeningKey,
  sealJson,
  sealToPublicKey,
  sha256,
  toHex,
  utf8Encode,
  witnessStatementContext,
} from '../crypto/index.js';
import { ed25519Signer, parseNote } from '../crypto/signed-note.js';
import { signCheckpoint } from '../crypto/tlog-checkpoint.js';
import { formatTlogProof } from '../crypto/tlog-proof.js';
import type { Evidence } from '../domain/evidence/index.js';
import type { WitnessStatementRecord } from '../domain/witness.js';
import {
  writeBundle,
  type BundleInput,
  type BundleWitnessStatement,
  type SealedRecord,
  type SealedRevision,
} from './bundle.js';
import { sampleRecords, sampleWitnessStatements } from './fixtures.js';
import { current, type ReportOptions, type ReportRecord, type ReportRecords } from './input.js';
import { buildReport, type ReportModel } from './model.js';

export const TEST_LOG_ORIGIN = 'mosaic.test/receipts';

/** Deterministic bytes for a test evidence file. */
export function evidenceBytes(seed: number, size: number): Uint8Array {
  const out = new Uint8Array(size);
  let x = (seed * 2654435761) >>> 0 || 1;
  for (let i = 0; i < size; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

export interface TestBundleOptions {
  readonly incidents?: number;
  /** Leave receipts off these record ids. */
  readonly noReceipts?: boolean;
  readonly reportPdf?: (model: ReportModel) => Promise<Uint8Array>;
  /** Time-stamps a checkpoint body (the note text without signatures): an RFC 3161 token. */
  readonly stamp?: (body: Uint8Array) => Promise<Uint8Array>;
  /** TSA certificates to carry in the bundle. */
  readonly tsaCertificates?: readonly Uint8Array[];
  readonly options?: Partial<ReportOptions>;
  /** verify.html to put in the bundle. */
  readonly verifyHtml?: Uint8Array;
  /** Leave out the witness statements (sealed to a test key pair) that bundles carry by default. */
  readonly noWitnessStatements?: boolean;
}

export interface TestBundle {
  readonly zip: Uint8Array;
  readonly model: ReportModel;
  readonly logKey: string;
  readonly records: ReportRecords;
}

const TYPES = [
  'incidents',
  'people',
  'places',
  'effects',
  'evidence',
  'riskChecks',
  'safetyPlan',
  'witnessStatements',
] as const;
const TYPE_NAME = {
  incidents: 'incident',
  people: 'person',
  places: 'place',
  effects: 'effect',
  evidence: 'evidence',
  riskChecks: 'risk-check',
  safetyPlan: 'safety-plan',
  witnessStatements: 'witness-statement',
} as const;

/** The test account's key pair, to which the test witness statements are sealed. */
const WITNESS_KEY_SEED = new Uint8Array(32).fill(9);

/** A complete bundle in memory. */
export async function makeTestBundle(o: TestBundleOptions = {}): Promise<TestBundle> {
  const base = sampleRecords(o.incidents ?? 8, 3);
  // Evidence files with real SHA-256s.
  const files = new Map<string, Uint8Array>();
  const evidence: ReportRecord<Evidence>[] = [];
  for (const [i, r] of (base.evidence ?? []).entries()) {
    const bytes = evidenceBytes(i + 1, 500 + 37 * i);
    files.set(r.id, bytes);
    const v = current(r).value;
    const value: Evidence = {
      ...v,
      file: { ...v.file, size: bytes.length, sha256: toHex(await sha256(bytes)) },
    };
    evidence.push({ id: r.id, revisions: [{ ...current(r), value }] });
  }
  // Witness statements sealed for real, each record holding its sealed bytes' SHA-256.
  const pair = await accountKeyPairFromSeed(WITNESS_KEY_SEED);
  const sealedStatements = new Map<string, { bytes: Uint8Array; value: WitnessStatementRecord }>();
  const witnessStatements: ReportRecord<WitnessStatementRecord>[] = [];
  if (o.noWitnessStatements !== true) {
    for (const r of sampleWitnessStatements(base.incidents.map((i) => i.id)).witnessStatements) {
      const v = current(r).value;
      const bytes = await sealToPublicKey(
        pair.publicKey,
        utf8Encode(JSON.stringify(v.statement)),
        witnessStatementContext(v.invitationId),
      );
      const value = { ...v, sealedSha256: toHex(await sha256(bytes)) };
      sealedStatements.set(r.id, { bytes, value });
      witnessStatements.push({ id: r.id, revisions: [{ ...current(r), value }] });
    }
  }
  const all = { ...base, evidence, witnessStatements };

  // Seal every revision; one receipt leaf per revision, in order.
  const signer = await ed25519Signer(TEST_LOG_ORIGIN, new Uint8Array(32).fill(7));
  const sealed: SealedRecord[] = [];
  const leaves: Uint8Array[] = [];
  const withReceipts: Partial<Record<(typeof TYPES)[number], ReportRecord<unknown>[]>> = {};
  for (const kind of TYPES) {
    const list: ReportRecord<unknown>[] = [];
    for (const r of (all[kind] ?? []) as readonly ReportRecord<unknown>[]) {
      const key = await generateKey();
      const revisions: (SealedRevision & { leafIndex: number })[] = [];
      for (const rev of r.revisions) {
        const envelope = await sealJson({
          key,
          recordId: r.id,
          recordType: TYPE_NAME[kind],
          revision: rev.revision,
          value: rev.value,
        });
        const leafIndex = leaves.length;
        leaves.push(
          encodeReceiptLeaf({
            recordId: r.id,
            revision: rev.revision,
            ciphertextSha256: await sha256(envelope),
            receivedAt: Date.parse(rev.savedAt),
          }),
        );
        revisions.push({
          revision: rev.revision,
          savedAt: rev.savedAt,
          value: rev.value,
          envelope,
          leafIndex,
        });
      }
      sealed.push({ id: r.id, type: TYPE_NAME[kind], contentKey: key, revisions });
      list.push({
        id: r.id,
        revisions: r.revisions.map((rev, i) => ({
          ...rev,
          receipt: { receivedAt: rev.savedAt, leafIndex: revisions[i]?.leafIndex ?? -1 },
        })),
      });
    }
    withReceipts[kind] = list;
  }
  // Each sealed statement's arrival: a receipt leaf for its server id, revision 1.
  const arrivals = new Map<string, number>();
  for (const [id, { bytes, value }] of sealedStatements) {
    arrivals.set(id, leaves.length);
    leaves.push(
      encodeReceiptLeaf({
        recordId: value.statementId,
        revision: 1,
        ciphertextSha256: await sha256(bytes),
        receivedAt: Date.parse(value.receivedAt),
      }),
    );
  }
  const hashes = await Promise.all(leaves.map((l) => leafHash(l)));
  const half = Math.max(1, Math.floor(hashes.length / 2));
  const sizes = [half, hashes.length];
  const notes = await Promise.all(
    sizes.map(async (size) =>
      signCheckpoint(
        { origin: TEST_LOG_ORIGIN, size, rootHash: await merkleRoot(hashes.slice(0, size)) },
        signer,
      ),
    ),
  );
  for (const record of sealed) {
    const revs = record.revisions as unknown as (SealedRecord['revisions'][number] & {
      leafIndex: number;
    })[];
    (record as { revisions: unknown }).revisions = await Promise.all(
      revs.map(async ({ leafIndex, ...rev }) => {
        const size = leafIndex < half ? half : hashes.length;
        const proof = formatTlogProof({
          extra: leaves[leafIndex] ?? new Uint8Array(1),
          index: leafIndex,
          inclusion: await inclusionProof(leafIndex, hashes.slice(0, size)),
          checkpoint: notes[size === half ? 0 : 1] ?? '',
        });
        return o.noReceipts === true
          ? rev
          : {
              ...rev,
              receipt: proof,
              receiptSummary: { receivedAt: rev.savedAt, leafIndex },
            };
      }),
    );
  }

  const proofOf = async (leafIndex: number) => {
    const size = leafIndex < half ? half : hashes.length;
    return formatTlogProof({
      extra: leaves[leafIndex] ?? new Uint8Array(1),
      index: leafIndex,
      inclusion: await inclusionProof(leafIndex, hashes.slice(0, size)),
      checkpoint: notes[size === half ? 0 : 1] ?? '',
    });
  };
  const witnessArrivals = Object.fromEntries(
    [...arrivals].map(([id, leafIndex]) => [
      id,
      { receivedAt: sealedStatements.get(id)?.value.receivedAt ?? '', leafIndex },
    ]),
  );
  const records = {
    ...(withReceipts as unknown as ReportRecords),
    ...(o.noReceipts === true ? {} : { witnessArrivals }),
  };
  const model = buildReport(records, {
    locale: 'en',
    timeZone: 'Europe/London',
    now: new Date('2026-06-01T12:00:00Z'),
    subjectName: 'Ffion Rhys',
    includeContact: false,
    includeEvidence: true,
    includeImported: true,
    includeEffects: true,
    includeRiskCheck: true,
    includeSafetyPlan: true,
    madeWith: 'Mosaic test',
    ...o.options,
  });
  const keep = new Set(Object.values(model.recordIds).flat());
  const numbers = new Map(model.log.map((e) => [e.id, e.number]));
  const input: BundleInput = {
    folder: 'mosaic-report-test',
    title: 'Test report',
    madeAt: new Date('2026-06-01T12:00:00Z'),
    madeWith: 'Mosaic test',
    reportPdf:
      o.reportPdf !== undefined
        ? await o.reportPdf(model)
        : new TextEncoder().encode('%PDF-1.7 test\n'),
    records: sealed
      .filter((r) => keep.has(r.id))
      .map((r) => {
        const n = numbers.get(r.id);
        return n !== undefined ? { ...r, number: n } : r;
      }),
    evidence: (model.exhibits ?? []).map((x) => ({
      evidenceId: x.evidenceId,
      ref: x.ref,
      name: x.fileName,
      open: () =>
        new Blob([
          (files.get(x.evidenceId) ?? new Uint8Array()) as Uint8Array<ArrayBuffer>,
        ]).stream(),
    })),
    logKey: signer.vkey,
    logOrigin: TEST_LOG_ORIGIN,
    checkpoints: await Promise.all(
      notes.map(async (note) =>
        o.stamp === undefined
          ? { note }
          : { note, tsr: await o.stamp(utf8Encode(parseNote(note).text)) },
      ),
    ),
    ...(o.tsaCertificates !== undefined ? { tsaCertificates: o.tsaCertificates } : {}),
    ...(o.verifyHtml !== undefined ? { verifyHtml: o.verifyHtml } : {}),
    consistency: [{ from: half, to: hashes.length, proof: await consistencyProof(half, hashes) }],
    witnessStatements: await Promise.all(
      model.recordIds.witnessStatements.map(async (id): Promise<BundleWitnessStatement> => {
        const kept = sealedStatements.get(id);
        if (kept === undefined) throw new Error(`no sealed statement for ${id}`);
        const leafIndex = arrivals.get(id) ?? -1;
        return {
          recordId: id,
          statementId: kept.value.statementId,
          sealed: kept.bytes,
          openingKey: await sealedOpeningKey(
            pair,
            kept.bytes,
            witnessStatementContext(kept.value.invitationId),
          ),
          publicKey: pair.publicKey,
          ...(o.noReceipts === true
            ? {}
            : {
                receipt: await proofOf(leafIndex),
                receiptSummary: { receivedAt: kept.value.receivedAt, leafIndex },
              }),
        };
      }),
    ),
  };
  const zip = await bundleToBytes(input);
  return { zip, model, logKey: signer.vkey, records };
}

/** Writes a bundle into memory. */
export async function bundleToBytes(input: BundleInput): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  await writeBundle(
    input,
    new WritableStream({
      write(chunk) {
        chunks.push(chunk);
      },
    }),
  );
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
