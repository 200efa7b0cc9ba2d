/**
 * Opening a batch of sealed diary records (one page of the records API, or a slice of one), the
 * part of loading the diary that costs: unwrapping each content key, decrypting, and checking the
 * plaintext with its schema. Pure, so it runs the same in the page's thread (tests, Node benches,
 * the default) and in the diary workers (src/web/app/diary-open), which the app uses so that
 * 10,000 incidents open in parallel while the page stays responsive (issue 20).
 *
 * What stays with the caller, in the page's thread: the RevisionWatch (the rollback check needs
 * every revision seen this session, in order) and the store's maps.
 */
import { EFFECT, INCIDENT, PERSON, PLACE, type Kind } from './diary-records.js';
import { openRecord, RecordShapeError, type DecryptedRecord } from './records.js';
import type { RecordResponse } from './api.js';

/** The kinds of record the diary store holds, by name (a worker cannot be sent a parser). */
export type DiaryKindName = 'incident' | 'person' | 'place' | 'effect';

export const DIARY_KINDS: { readonly [K in DiaryKindName]: Kind<unknown, never> } = {
  incident: INCIDENT,
  person: PERSON,
  place: PLACE,
  effect: EFFECT,
};

/** One record of a batch: its decrypted, checked value, or unreadable (and nothing about why). */
export type OpenedRecord =
  { readonly ok: true; readonly record: DecryptedRecord<unknown> } | { readonly ok: false };

/**
 * Opens `batch` as records of `kind`, one answer per response in the same order. A record of
 * another type, one that does not decrypt under its binding (id, type, revision), or one whose
 * value does not fit the kind's schema is `{ ok: false }`, as the diary counts it unreadable.
 *
 * @example
 * const opened = await openRecords(accountKey, page.records, 'incident');
 */
export async function openRecords(
  accountKey: Uint8Array,
  batch: readonly RecordResponse[],
  kind: DiaryKindName,
): Promise<OpenedRecord[]> {
  const { type, parse } = DIARY_KINDS[kind];
  const opened: OpenedRecord[] = [];
  for (const response of batch) {
    try {
      if (response.type !== type) throw new RecordShapeError('wrong type');
      opened.push({ ok: true, record: await openRecord(accountKey, response, { type }, parse) });
    } catch {
      opened.push({ ok: false });
    }
  }
  return opened;
}

/**
 * How the diary store opens its pages: in this thread by default (`inThreadOpener`); the app
 * passes a pool of workers. `close` stops any work under way and drops what it holds (on lock);
 * opening after that rejects.
 */
export interface BatchOpener {
  /** Gets ready (a pool starts its workers) while the first pages are on their way. */
  start(): void;
  open(
    accountKey: Uint8Array,
    batch: readonly RecordResponse[],
    kind: DiaryKindName,
  ): Promise<OpenedRecord[]>;
  close(): void;
}

/** Thrown by an opener's `open` once it has been closed. */
export class OpenerClosed extends Error {
  override readonly name = 'OpenerClosed';
}

/** Give the browser a turn at least this often while decrypting, so typing and taps still work. */
const SLICE_MS = 12;

/**
 * Opens batches in this thread, a record at a time, yielding to the event loop every few
 * milliseconds so a page of 500 records never holds the screen still; `close` stops it between
 * two records.
 */
export function inThreadOpener(): BatchOpener {
  let closed = false;
  return {
    start: () => undefined,
    async open(accountKey, batch, kind) {
      const opened: OpenedRecord[] = [];
      let sliceStart = performance.now();
      for (const response of batch) {
        if (closed) throw new OpenerClosed();
        opened.push(...(await openRecords(accountKey, [response], kind)));
        if (performance.now() - sliceStart > SLICE_MS) {
          await new Promise((resolve) => setTimeout(resolve, 0));
          sliceStart = performance.now();
        }
      }
      if (closed) throw new OpenerClosed();
      return opened;
    },
    close() {
      closed = true;
    },
  };
}
