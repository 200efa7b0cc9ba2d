/**
 * The log part of the verifier: signed checkpoints with their RFC 3161 tokens, and consistency
 * between the checkpoints in the bundle. Also the helpers both halves use.
 */
import { isCryptoError, utf8Encode } from '../crypto/index.js';
import { verifyConsistency } from '../crypto/merkle.js';
import { fromBase64, type NoteVerifier } from '../crypto/signed-note.js';
import { verifyCheckpointNote, type TlogCheckpoint } from '../crypto/tlog-checkpoint.js';
import { verifyTimeStampToken } from '../crypto/timestamp.js';
import type { Bag } from './bag-reader.js';
import { PATHS, type EntriesFile } from './bundle-layout.js';
import type { LineSink } from './verify-bag.js';

export interface VerifyOptions {
  /** The log key (vkey text) the organisation publishes; when given, the bundle's must match. */
  readonly expectedLogKey?: string;
  /** Trusted TSA certificates (DER). Without them the bundle's own copies are used, and said so. */
  readonly tsaTrustAnchors?: readonly Uint8Array[];
  /** The checker's clock, for time-stamp tokens (default now). */
  readonly now?: Date;
}

/** What a crypto failure means, in words a reader can act on. */
export function reason(e: unknown): string {
  if (isCryptoError(e)) {
    const r = e.details?.reason;
    return `${e.message} (${e.code}${r !== undefined ? `, ${String(r)}` : ''})`;
  }
  return e instanceof Error ? e.message : String(e);
}

/** A small file as text; bytes that are not UTF-8 become U+FFFD, so a later check fails on them. */
export function textOf(bag: Bag, path: string): string | undefined {
  const b = bag.files.get(path)?.bytes;
  return b === undefined ? undefined : new TextDecoder('utf-8', { fatal: false }).decode(b);
}

export interface LogContext {
  readonly logKey: NoteVerifier | undefined;
  readonly origin: string | undefined;
  readonly checkpoints: Map<number, { root: Uint8Array; body: string; where: string }>;
  readonly seeCheckpoint: (c: TlogCheckpoint, body: string, where: string) => void;
  readonly expected: Set<string>;
  readonly out: LineSink;
  readonly options: VerifyOptions;
}

/** Checkpoints with their time-stamps, and consistency between checkpoints. */
export async function checkLog(bag: Bag, entries: EntriesFile, c: LogContext): Promise<void> {
  const { out, expected } = c;
  const text = (path: string) => textOf(bag, path);
  const bundleCerts: Uint8Array[] = [];
  for (let n = 1; n <= entries.tsaCertificates; n++) {
    const p = PATHS.tsaCertificate(n);
    expected.add(p);
    const b = bag.files.get(p)?.bytes;
    if (b === undefined) out.fail(p, 'is missing');
    else bundleCerts.push(b);
  }
  const anchors = c.options.tsaTrustAnchors ?? bundleCerts;
  for (let n = 1; n <= entries.checkpoints; n++) {
    const p = PATHS.checkpoint(n);
    const tsrPath = PATHS.timestamp(n);
    expected.add(p);
    expected.add(tsrPath);
    const note = text(p);
    if (note === undefined || c.logKey === undefined || c.origin === undefined) {
      out.fail(`checkpoint ${String(n)}`, `${p} is missing or there is no good log key`);
      continue;
    }
    try {
      const v = await verifyCheckpointNote({ note, logKey: c.logKey, origin: c.origin });
      c.seeCheckpoint(v.checkpoint, v.body, p);
      const tsr = bag.files.get(tsrPath)?.bytes;
      if (tsr === undefined) {
        out.ok(
          `checkpoint ${String(n)}`,
          `size ${String(v.checkpoint.size)}, signed by the log key; no time-stamp`,
        );
        continue;
      }
      if (anchors.length === 0) throw new Error(`${tsrPath} cannot be checked: no TSA certificate`);
      const ts = await verifyTimeStampToken(tsr, {
        message: utf8Encode(v.body),
        trustAnchors: anchors,
        ...(c.options.now !== undefined ? { now: c.options.now } : {}),
      });
      const trust =
        c.options.tsaTrustAnchors === undefined
          ? ' (trusting the TSA certificate inside the bundle: check it yourself)'
          : '';
      out.ok(
        `checkpoint ${String(n)}`,
        `size ${String(v.checkpoint.size)}, signed by the log key; time-stamped ${ts.genTime.toISOString()}${trust}`,
      );
    } catch (e) {
      out.fail(`checkpoint ${String(n)}`, `${p}: ${reason(e)}`);
    }
  }
  for (const { from, to } of entries.consistency) {
    const p = PATHS.consistency(from, to);
    expected.add(p);
    const subject = `log ${String(from)} → ${String(to)}`;
    const older = c.checkpoints.get(from);
    const newer = c.checkpoints.get(to);
    const body = text(p);
    if (older === undefined || newer === undefined || body === undefined) {
      out.fail(subject, `${p} or a signed checkpoint of that size is missing`);
      continue;
    }
    try {
      const lines = body.split('\n');
      if (lines.pop() !== '') throw new Error('the proof must end with a newline');
      const proof = lines.map((l) => {
        const h = fromBase64(l);
        if (h?.length !== 32) throw new Error('a line is not a base64 SHA-256 hash');
        return h;
      });
      await verifyConsistency({
        oldSize: from,
        newSize: to,
        oldRoot: older.root,
        newRoot: newer.root,
        proof,
      });
      out.ok(subject, 'the log only grew between these checkpoints');
    } catch (e) {
      out.fail(subject, `${p}: ${reason(e)}`);
    }
  }
  const sizes = [...c.checkpoints.keys()].sort((a, b) => a - b);
  const shown = new Set(entries.consistency.map((x) => `${String(x.from)}-${String(x.to)}`));
  for (let i = 1; i < sizes.length; i++) {
    const key = `${String(sizes[i - 1])}-${String(sizes[i])}`;
    if (!shown.has(key)) {
      out.note(
        'log',
        `no consistency proof between checkpoints of size ${key.replace('-', ' and ')}`,
      );
    }
  }
}
