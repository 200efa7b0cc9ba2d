/**
 * The witness-statement part of the verifier (docs/report-and-bundle.md, vault-protocol §15.7).
 * For each statement the bundle carries as it arrived:
 * - its witness-statement record is in entries.json and checked out, and names this statement;
 * - the sealed bytes' SHA-256 is the one sealed in that record;
 * - the arrival receipt is for exactly those bytes, this statement id, revision 1, signed by the
 *   log key (its time, not the record's `receivedAt` as the server listed it, is the proven one);
 * - the opening key opens the sealed bytes in the context of the record's invitation, and what
 *   they say is, byte for byte in canonical form, the witness's words in every revision of the
 *   record (so the words in the report are the words that arrived).
 * A kept statement whose sealed bytes are not in the bundle is named: its words are then proved
 * only by the record's own receipts (when the person kept it), not when it arrived.
 */
import {
  fromBase64Url,
  openSealedWithOpeningKey,
  sha256,
  toBase64Url,
  toHex,
  utf8Decode,
  witnessStatementContext,
} from '../crypto/index.js';
import { verifyReceiptProof } from '../crypto/tlog-proof.js';
import type { Bag } from './bag-reader.js';
import { PATHS, type EntriesFile } from './bundle-layout.js';
import { canonicalCompact } from './canonical.js';
import { reason, textOf, type LogContext } from './verify-log.js';

export const WITNESS_RECORD_TYPE = 'witness-statement';

interface KeptValue {
  readonly statementId?: unknown;
  readonly invitationId?: unknown;
  readonly sealedSha256?: unknown;
  readonly statement?: unknown;
}

/** Checks every witness statement in the bundle; returns how many have no arrival receipt. */
export async function checkWitnessStatements(
  bag: Bag,
  entries: EntriesFile,
  checked: ReadonlyMap<string, { type: string; ok: boolean }>,
  c: Pick<LogContext, 'logKey' | 'origin' | 'seeCheckpoint' | 'expected' | 'out'>,
): Promise<number> {
  const { out, expected } = c;
  let unreceipted = 0;
  const proved = new Set<string>();
  for (const w of entries.witnessStatements ?? []) {
    const subject = `witness statement ${w.statementId}`;
    const sealedPath = PATHS.witnessSealed(w.statementId);
    const keyPath = PATHS.witnessOpeningKey(w.statementId);
    const receiptPath = PATHS.witnessReceipt(w.statementId);
    expected.add(sealedPath);
    expected.add(keyPath);
    expected.add(receiptPath);
    try {
      if (proved.has(w.recordId)) throw new Error(`its record ${w.recordId} is listed twice`);
      proved.add(w.recordId);
      const record = entries.records.find((r) => r.id === w.recordId);
      const state = checked.get(w.recordId);
      if (record === undefined || record.type !== WITNESS_RECORD_TYPE || state === undefined) {
        throw new Error(`its witness-statement entry ${w.recordId} is not in entries.json`);
      }
      if (!state.ok) {
        throw new Error(`its witness-statement entry ${w.recordId} did not check out`);
      }
      const values = record.revisions.map((r) => (r.value ?? {}) as KeptValue);
      const last = values[values.length - 1] ?? {};
      if (values.some((v) => v.statementId !== w.statementId)) {
        throw new Error(`its entry ${w.recordId} names another statement`);
      }
      const sealed = bag.files.get(sealedPath)?.bytes;
      if (sealed === undefined) throw new Error(`${sealedPath} is missing`);
      const digest = await sha256(sealed);
      if (values.some((v) => v.sealedSha256 !== toHex(digest))) {
        throw new Error(
          `${sealedPath} is not what arrived: SHA-256 ${toHex(digest)}, sealed in the entry ${String(last.sealedSha256)}`,
        );
      }
      // The words: the opening key opens these bytes, and they say what the entry says.
      const keyText = textOf(bag, keyPath) ?? '';
      const openingKey = fromBase64Url(keyText.trim());
      if (openingKey.length !== 32 || keyText !== `${toBase64Url(openingKey)}\n`) {
        throw new Error(`${keyPath} is missing or is not a key`);
      }
      if (typeof last.invitationId !== 'string') throw new Error('its entry names no invitation');
      const plain = await openSealedWithOpeningKey(
        fromBase64Url(w.publicKey),
        sealed,
        openingKey,
        witnessStatementContext(last.invitationId),
      );
      const said = canonicalCompact(JSON.parse(utf8Decode(plain)));
      if (values.some((v) => canonicalCompact(v.statement) !== said)) {
        throw new Error(`the witness's words in entries.json are not the words that arrived`);
      }
      // When it arrived.
      const receipt = textOf(bag, receiptPath);
      let when: string;
      if (receipt === undefined) {
        if (w.receipt !== undefined) throw new Error(`${receiptPath} is missing`);
        unreceipted++;
        when = 'it has no receipt, so when it arrived is not proven';
      } else {
        if (c.logKey === undefined || c.origin === undefined) {
          throw new Error(`${receiptPath} cannot be checked without a good log key`);
        }
        const v = await verifyReceiptProof({
          proof: receipt,
          ciphertextSha256: digest,
          logKey: c.logKey,
          origin: c.origin,
        });
        if (v.receipt.recordId !== w.statementId || v.receipt.revision !== 1) {
          throw new Error(
            `${receiptPath} is for ${v.receipt.recordId} revision ${String(v.receipt.revision)}`,
          );
        }
        if (
          w.receipt === undefined ||
          w.receipt.leafIndex !== v.index ||
          Date.parse(w.receipt.receivedAt) !== v.receipt.receivedAt
        ) {
          throw new Error(
            `entries.json says another arrival time or log entry (the proof says ${new Date(v.receipt.receivedAt).toISOString()}, entry ${String(v.index)})`,
          );
        }
        c.seeCheckpoint(v.checkpoint, v.checkpointBody, receiptPath);
        when = `arrived ${new Date(v.receipt.receivedAt).toISOString()}, log entry ${String(v.index)} of ${String(v.checkpoint.size)}`;
      }
      out.ok(
        subject,
        `the sealed statement opens with its opening key and says exactly what entry ${w.recordId} says; ${when}`,
      );
    } catch (e) {
      out.fail(subject, reason(e));
    }
  }
  for (const r of entries.records) {
    if (r.type === WITNESS_RECORD_TYPE && !proved.has(r.id)) {
      out.note(
        `witness-statement ${r.id}`,
        'the statement as it arrived is not in the bundle, so when it arrived is not proven',
      );
    }
  }
  return unreceipted;
}
