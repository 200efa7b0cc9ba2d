/**
 * The bundle verifier, shared by `npm run verify`, the site's /verify page and verify.html.
 * Pure: give it the ZIP as a Blob or bytes; it trusts nothing written in the bundle until it has
 * checked it, and it never skips a check because something is missing (a missing proof is named).
 * Every check is listed in docs/report-and-bundle.md.
 *
 * Result: one line per bag check, entry and exhibit ("OK …" or exactly what failed and where),
 * then a verdict. `ok` is false when anything failed.
 */
import {
  bytesEqual,
  cryptoReady,
  fromBase64Url,
  openJson,
  sha256,
  toBase64Url,
  utf8Decode,
  utf8Encode,
} from '../crypto/index.js';
import { ed25519Verifier, keyIdHex, parseVerifierKey } from '../crypto/signed-note.js';
import type { TlogCheckpoint } from '../crypto/tlog-checkpoint.js';
import { verifyReceiptProof } from '../crypto/tlog-proof.js';
import { instantOf } from '../domain/diary/time.js';
import { readBag, BagReadError, type Bag } from './bag-reader.js';
import { checkBagFiles } from './verify-bag.js';
import { checkLog, reason, textOf, type VerifyOptions } from './verify-log.js';
import { checkWitnessStatements } from './verify-witness.js';
import { entriesSchema, PATHS, type EntriesFile } from './bundle-layout.js';
import { canonicalCompact, canonicalJson } from './canonical.js';
import { exhibitFileName } from './exhibits.js';

export type { VerifyOptions } from './verify-log.js';

export type LineStatus = 'ok' | 'fail' | 'note';

export interface VerifyLine {
  readonly status: LineStatus;
  /** What the line is about: "bag", "incident abc (log #3)", "exhibit AB/1". */
  readonly subject: string;
  readonly detail: string;
  /** A stable code, when the bundle was refused before any check (see `BagReadCode`). */
  readonly code?: string;
}

export interface VerifyResult {
  readonly ok: boolean;
  /** Every check passed and every entry has a receipt. */
  readonly fullyProven: boolean;
  readonly verdict: string;
  readonly lines: readonly VerifyLine[];
}

class Lines {
  readonly list: VerifyLine[] = [];
  ok(subject: string, detail: string) {
    this.list.push({ status: 'ok', subject, detail });
  }
  fail(subject: string, detail: string) {
    this.list.push({ status: 'fail', subject, detail });
  }
  note(subject: string, detail: string) {
    this.list.push({ status: 'note', subject, detail });
  }
}

/**
 * Verifies a bundle.
 *
 * @example
 * const result = await verifyBundle(await fs.openAsBlob('bundle.zip'));
 * for (const l of result.lines) console.log(l.status, l.subject, l.detail);
 */
export async function verifyBundle(
  source: Blob | Uint8Array,
  options: VerifyOptions = {},
): Promise<VerifyResult> {
  await cryptoReady();
  const out = new Lines();
  try {
    return await verifyInto(source, options, out);
  } catch (e) {
    // A check that throws is a check that failed; never a crash, never a pass.
    out.fail('bundle', `the checker had to stop: ${reason(e)}`);
    return finish(out, 0);
  }
}

async function verifyInto(
  source: Blob | Uint8Array,
  options: VerifyOptions,
  out: Lines,
): Promise<VerifyResult> {
  let bag: Bag;
  try {
    bag = await readBag(source);
  } catch (e) {
    if (!(e instanceof BagReadError)) throw e;
    out.list.push({ status: 'fail', subject: 'bundle', detail: e.message, code: e.code });
    return finish(out, 0);
  }
  checkBagFiles(bag, out);

  const entriesFile = bag.files.get(PATHS.entries);
  let entries: EntriesFile;
  try {
    if (entriesFile?.bytes === undefined) throw new Error('it is missing');
    const parsed = entriesSchema.safeParse(JSON.parse(utf8Decode(entriesFile.bytes)));
    if (!parsed.success) throw new Error(parsed.error.issues[0]?.message ?? 'bad shape');
    entries = parsed.data;
    // Only the canonical text is accepted, so no byte of entries.json can change unnoticed.
    if (!bytesEqual(utf8Encode(canonicalJson(entries)), entriesFile.bytes)) {
      throw new Error('it is not in canonical form (something in it was changed)');
    }
  } catch (e) {
    out.fail(PATHS.entries, `cannot be read: ${reason(e)}`);
    return finish(out, 0);
  }
  const text = (path: string) => textOf(bag, path);

  // The files the entries account for; anything else in data/ is a failure.
  const expected = new Set<string>([PATHS.report, PATHS.entries, PATHS.logKey]);

  // The log key.
  let logKey: Awaited<ReturnType<typeof ed25519Verifier>> | undefined;
  let origin: string | undefined;
  const vkeyText = text(PATHS.logKey);
  const vkey = vkeyText?.trim();
  if (vkey !== undefined) {
    try {
      if (vkeyText !== `${vkey}\n`) throw new Error('the key file must be one line');
      const parts = await parseVerifierKey(vkey);
      logKey = await ed25519Verifier(parts);
      origin = parts.name;
      if (entries.logOrigin !== origin) throw new Error(`entries.json names another log`);
      if (options.expectedLogKey !== undefined && options.expectedLogKey.trim() !== vkey) {
        out.fail('log key', `${PATHS.logKey} is not the log key you gave`);
      } else {
        out.note(
          'log key',
          `${origin} (key ID ${keyIdHex(parts.keyId)}): compare it with the key the organisation publishes`,
        );
      }
    } catch (e) {
      out.fail('log key', `${PATHS.logKey}: ${reason(e)}`);
      logKey = undefined;
    }
  }

  const checkpoints = new Map<number, { root: Uint8Array; body: string; where: string }>();
  const seeCheckpoint = (c: TlogCheckpoint, body: string, where: string) => {
    const seen = checkpoints.get(c.size);
    if (seen !== undefined && !bytesEqual(seen.root, c.rootHash)) {
      out.fail(
        'log',
        `two checkpoints of size ${String(c.size)} have different roots (${seen.where}, ${where}): the log showed two histories`,
      );
    } else if (seen === undefined) {
      checkpoints.set(c.size, { root: c.rootHash, body, where });
    }
  };

  // Entries: every revision opens with its key and matches entries.json; every receipt is for it.
  const currentValue = new Map<string, { type: string; value: unknown; ok: boolean }>();
  let unreceipted = 0;
  const ids = new Set<string>();
  for (const record of entries.records) {
    const subject = `${record.type} ${record.id}${record.number !== undefined ? ` (log #${String(record.number)})` : ''}`;
    if (ids.has(record.id)) {
      out.fail(subject, 'is listed twice in entries.json');
      continue;
    }
    ids.add(record.id);
    const keyPath = PATHS.recordKey(record.id);
    expected.add(keyPath);
    const problems: string[] = [];
    const notes: string[] = [];
    let key: Uint8Array | undefined;
    try {
      const keyText = text(keyPath) ?? '';
      key = fromBase64Url(keyText.trim());
      if (key.length !== 32 || keyText !== `${toBase64Url(key)}\n`) throw new Error('not a key');
    } catch {
      problems.push(`${keyPath} is missing or is not a key`);
    }
    let last: unknown;
    // A bundle made from a share starts at the shared revision and says so (firstRevision).
    const first = record.firstRevision ?? 1;
    if (first > 1) {
      notes.push(
        first === 2
          ? 'revision 1 is not in this bundle (it was made from a share of a later revision)'
          : `revisions 1 to ${String(first - 1)} are not in this bundle (it was made from a share of a later revision)`,
      );
    }
    for (const [i, rev] of record.revisions.entries()) {
      const where = PATHS.envelope(record.id, rev.revision);
      expected.add(where);
      const receiptPath = PATHS.receipt(record.id, rev.revision);
      expected.add(receiptPath);
      if (rev.revision !== first + i) {
        problems.push(`revision ${String(first + i)} is missing (found ${String(rev.revision)})`);
        break;
      }
      const envelope = bag.files.get(where)?.bytes;
      if (envelope === undefined) {
        problems.push(`${where} is missing`);
        continue;
      }
      if (key !== undefined) {
        try {
          const sealed = await openJson({
            key,
            envelope,
            recordId: record.id,
            recordType: record.type,
            revision: rev.revision,
          });
          if (canonicalCompact(sealed) !== canonicalCompact(rev.value)) {
            problems.push(
              `revision ${String(rev.revision)} in entries.json is not what was sealed in ${where}`,
            );
          }
          last = sealed;
        } catch (e) {
          problems.push(`${where} does not open with this entry's key: ${reason(e)}`);
        }
      }
      const receipt = text(receiptPath);
      if (receipt === undefined) {
        if (rev.receipt !== undefined) problems.push(`${receiptPath} is missing`);
        else notes.push(`no receipt for revision ${String(rev.revision)}`);
        if (rev.receipt === undefined) unreceipted++;
        continue;
      }
      if (logKey === undefined || origin === undefined) {
        problems.push(`${receiptPath} cannot be checked without a good log key`);
        continue;
      }
      try {
        const v = await verifyReceiptProof({
          proof: receipt,
          ciphertextSha256: await sha256(envelope),
          logKey,
          origin,
        });
        if (v.receipt.recordId !== record.id || v.receipt.revision !== rev.revision) {
          throw new Error(
            `the receipt is for ${v.receipt.recordId} revision ${String(v.receipt.revision)}`,
          );
        }
        const receivedAt = new Date(v.receipt.receivedAt).toISOString();
        if (
          rev.receipt === undefined ||
          rev.receipt.leafIndex !== v.index ||
          Date.parse(rev.receipt.receivedAt) !== v.receipt.receivedAt
        ) {
          throw new Error(
            `entries.json says another receipt time or log entry (the proof says ${receivedAt}, entry ${String(v.index)})`,
          );
        }
        seeCheckpoint(v.checkpoint, v.checkpointBody, receiptPath);
        notes.push(
          `revision ${String(rev.revision)} received ${receivedAt}, log entry ${String(v.index)} of ${String(v.checkpoint.size)}`,
        );
      } catch (e) {
        problems.push(`${receiptPath}: ${reason(e)}`);
      }
    }
    currentValue.set(record.id, { type: record.type, value: last, ok: problems.length === 0 });
    if (problems.length > 0) out.fail(subject, problems.join('; '));
    else {
      const n = record.revisions.length;
      out.ok(
        subject,
        `${String(n)} ${n === 1 ? 'revision' : 'revisions'} open with the entry's key and match entries.json; ${notes.join('; ')}`,
      );
    }
  }

  // Incidents are listed 1, 2, 3… in time order, as the report numbers them.
  let previous = -Infinity;
  for (const [i, r] of entries.records.filter((x) => x.type === 'incident').entries()) {
    const sealed = currentValue.get(r.id)?.value as { when?: { start?: string } } | undefined;
    const start = instantOf(sealed?.when?.start ?? '');
    if (r.number !== i + 1) {
      out.fail(
        `incident ${r.id}`,
        `is numbered ${String(r.number)}, but it is incident ${String(i + 1)} in entries.json`,
      );
    } else if (start < previous) {
      out.fail(`incident ${r.id}`, 'is listed out of time order in entries.json');
    }
    if (!Number.isNaN(start)) previous = Math.max(previous, start);
  }

  // Exhibits: each file's SHA-256 is the one sealed in its evidence entry.
  for (const x of entries.exhibits) {
    const subject = `exhibit ${x.ref}`;
    const path = PATHS.evidence(x.fileName);
    expected.add(path);
    const file = bag.files.get(path);
    const ev = currentValue.get(x.evidenceId);
    const sealed = ev?.value as
      { file?: { sha256?: string; size?: number; name?: string } } | undefined;
    if (file === undefined) out.fail(subject, `${path} is missing`);
    else if (x.fileName !== exhibitFileName(x.ref, sealed?.file?.name ?? '')) {
      out.fail(subject, `its file name does not match its reference and the sealed original name`);
    } else if (ev === undefined || ev.type !== 'evidence') {
      out.fail(subject, `its evidence entry ${x.evidenceId} is not in entries.json`);
    } else if (!ev.ok || sealed?.file?.sha256 === undefined) {
      out.fail(
        subject,
        `its evidence entry ${x.evidenceId} did not check out, so ${path} cannot be`,
      );
    } else if (sealed.file.sha256 !== file.sha256 || sealed.file.size !== file.size) {
      out.fail(
        subject,
        `${path} is not the file that was saved: SHA-256 ${file.sha256} (${String(file.size)} bytes), sealed ${sealed.file.sha256} (${String(sealed.file.size)} bytes)`,
      );
    } else {
      out.ok(subject, `${path}: SHA-256 ${file.sha256} matches the sealed evidence entry`);
    }
  }

  unreceipted += await checkWitnessStatements(bag, entries, currentValue, {
    logKey,
    origin,
    seeCheckpoint,
    expected,
    out,
  });

  await checkLog(bag, entries, {
    logKey,
    origin,
    checkpoints,
    seeCheckpoint,
    expected,
    out,
    options,
  });

  for (const path of bag.files.keys()) {
    if (path.startsWith('data/') && !expected.has(path)) {
      out.fail(path, 'is in the bundle but belongs to no entry, exhibit or proof');
    }
  }
  return finish(out, unreceipted);
}

function finish(out: Lines, unreceipted: number): VerifyResult {
  const failed = out.list.filter((l) => l.status === 'fail').length;
  const ok = failed === 0;
  const verdict = !ok
    ? `FAILED: ${String(failed)} ${failed === 1 ? 'check' : 'checks'} failed. Do not rely on this bundle without asking how it was made.`
    : unreceipted > 0
      ? `PASSED, BUT ${String(unreceipted)} ${unreceipted === 1 ? 'revision has' : 'revisions have'} no receipt, so when they were written is not proven.`
      : 'PASSED: every file, entry, exhibit and receipt checks out.';
  return { ok, fullyProven: ok && unreceipted === 0, verdict, lines: out.list };
}
